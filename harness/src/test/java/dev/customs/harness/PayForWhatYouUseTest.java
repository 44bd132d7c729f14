package dev.customs.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pays at start-up only for what it runs, seen from a fresh child JVM: {@code --list} touches no native code
 * (libcustoms not mapped, no downcall or upcall linked, JNA's {@code Native} never loaded), an FFM-only run never loads
 * JNA's {@code Native} nor links a function it does not call, and a JNA run does load JNA (the probe can see it).
 */
@Timeout(180)
class PayForWhatYouUseTest {
    /** Runs the demo, then prints which of libcustoms' and JNA's native libraries this process has mapped. */
    public static final class Probe {
        private Probe() {}

        public static void main(String[] args) throws IOException {
            int exit = DemoMain.run(System.out, System.err, args);
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("libcustoms") || l.contains("jnidispatch"))
                    .map(l -> "mapped: " + l.substring(l.lastIndexOf('/') + 1)).distinct().forEach(System.out::println);
            System.out.println("demo exit " + exit);
        }
    }

    record Run(String stdout, List<String> classes) {
        boolean loaded(String className) {
            return classes.stream().anyMatch(l -> l.contains(" " + className + " source:"));
        }

        long loadedMatching(String fragment) {
            return classes.stream().filter(l -> l.contains(fragment)).count();
        }
    }

    static Run demo(Path tmp, String... args) throws IOException {
        Path log = tmp.resolve("classes-" + String.join("-", args).replaceAll("[^a-z-]", "") + ".log");
        ChildJvm.Result r = ChildJvm.run(Probe.class, List.of("-Xlog:class+load=info:file=" + log),
                Duration.ofSeconds(120), args);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("demo exit 0"), r.toString());
        return new Run(r.stdout(), Files.readAllLines(log));
    }

    @Test
    void listTouchesNoNativeCode(@TempDir Path tmp) throws Exception {
        Run run = demo(tmp, "--list");
        assertTrue(!run.stdout().contains("mapped: "), run.stdout());
        assertEquals(0, run.loadedMatching("jdk.internal.foreign.abi.DowncallStub"), "a downcall was linked");
        assertEquals(0, run.loadedMatching("jdk.internal.foreign.abi.UpcallStub"), "an upcall stub was made");
        assertTrue(!run.loaded("com.sun.jna.Native"), "JNA's Native was loaded");
        assertTrue(!run.loaded("dev.customs.bindings.ffm.customs_h"), "the FFM bindings were loaded");
    }

    @Test
    void anFfmRunNeverLoadsJna(@TempDir Path tmp) throws Exception {
        Run run = demo(tmp, "calls", "--backends", "ffm");
        assertTrue(run.stdout().contains("mapped: libcustoms.so"), run.stdout());
        assertTrue(!run.stdout().contains("jnidispatch"), run.stdout());
        assertTrue(!run.loaded("com.sun.jna.Native"), "JNA's Native was loaded");
        assertTrue(run.loadedMatching("jdk.internal.foreign.abi.DowncallStub") > 0, "the probe sees no downcall");
        // Nor does it link what it never calls: the library version, the empty call, the layout queries, and (the
        // join has a timeout of its own) customs_async_wait.
        assertTrue(run.loaded("dev.customs.api.FfmCustoms$Scalars"), "the probe does not see FfmCustoms' handles");
        assertTrue(run.loaded("dev.customs.bindings.ffm.customs_h$customs_async_join"), "the probe sees no join");
        for (String holder : List.of("dev.customs.api.FfmCustoms$Version", "dev.customs.api.FfmCustoms$Noop",
                "dev.customs.api.FfmCustoms$Layout", "dev.customs.bindings.ffm.customs_h$customs_async_wait")) {
            assertTrue(!run.loaded(holder), holder + " was linked");
        }
    }

    @Test
    void aJnaRunLoadsJna(@TempDir Path tmp) throws Exception {
        Run run = demo(tmp, "layout", "--backends", "jna");
        assertTrue(run.loaded("com.sun.jna.Native"), "the probe does not see JNA");
    }
}
