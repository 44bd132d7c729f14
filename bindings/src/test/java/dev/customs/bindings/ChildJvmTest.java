package dev.customs.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The child JVM runner: exit codes and output come back, overruns are killed, crashes are recognised. */
@Timeout(90)
class ChildJvmTest {
    /** Exits with the code in args[0] after writing to both streams; args[1] "sleep" sleeps a minute first. */
    public static final class Exits {
        public static void main(String[] args) throws InterruptedException {
            if (args.length > 1 && args[1].equals("sleep")) {
                Thread.sleep(60_000);
            }
            System.out.println("to stdout " + System.getProperty("customs.build.dir"));
            System.err.println("to stderr");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Dies of SIGSEGV: reads address 0 through FFM with a zero-length segment made huge. */
    public static final class Segfaults {
        public static void main(String[] args) {
            java.lang.foreign.MemorySegment.NULL.reinterpret(8).get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
        }
    }

    @Test
    void exitCodeAndBothStreamsComeBack() {
        ChildJvm.Result r = ChildJvm.run(Exits.class, Duration.ofSeconds(30), "3");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("to stdout " + System.getProperty("customs.build.dir") + "\n", r.stdout(), "properties passed");
        assertEquals("to stderr", r.stderrLine("stderr"));
        assertFalse(r.crashed());
        assertFalse(r.timedOut());
        assertEquals("", r.crashLog());
    }

    @Test
    void relativeClassPathEntriesAreMadeAbsolute() {
        // java -jar harness/target/customs-demo.jar gives a relative class path; the child runs elsewhere.
        String cwd = System.getProperty("user.dir");
        assertEquals(cwd + "/harness/target/customs-demo.jar" + java.io.File.pathSeparator + "/abs/x.jar",
                ChildJvm.absolute("harness/target/customs-demo.jar" + java.io.File.pathSeparator + "/abs/x.jar"));
    }

    @Test
    void overrunIsKilled() {
        ChildJvm.Result r = ChildJvm.run(Exits.class, Duration.ofSeconds(2), "0", "sleep");
        assertTrue(r.timedOut(), r.toString());
        assertTrue(r.took().toSeconds() < 30, r.toString());
    }

    @Test
    void nativeCrashIsRecognisedAndItsLogKeptOutOfTheTree() {
        ChildJvm.Result r = ChildJvm.run(Segfaults.class, Duration.ofSeconds(60));
        // With core dumps off HotSpot ends a fatal error with exit(1), the same code as an uncaught exception in an
        // upcall: the crash file is what tells the two apart.
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.crashed(), r.toString());
        // HotSpot prints its fatal-error banner on stdout, not stderr.
        assertTrue(r.stdout().contains("#  SIGSEGV (0xb)"), r.toString());
        assertFalse(r.stderr().contains("SIGSEGV"), r.toString());
        assertFalse(r.crashFiles().getFirst().startsWith(System.getProperty("user.dir")));
        assertTrue(r.crashLog().contains("SIGSEGV"), "the crash file is readable");
    }
}
