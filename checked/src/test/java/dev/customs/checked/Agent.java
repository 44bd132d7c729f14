package dev.customs.checked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs under the agent (the jar the build made before the tests), and what every such run must show. */
final class Agent {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Agent() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("customs.checked.jar", "target/customs-checked.jar"));
        assertTrue(Files.isRegularFile(jar), "the agent jar is built before the tests: " + jar);
        return jar.toAbsolutePath();
    }

    /** Runs {@code main} under {@code -javaagent:<jar>[=options]}. */
    static ChildJvm.Result run(Class<?> main, String options, String... args) {
        List<String> jvm = new ArrayList<>();
        jvm.add("-javaagent:" + jar() + (options == null ? "" : "=" + options));
        return ChildJvm.run(main, jvm, TIMEOUT, args);
    }

    static ChildJvm.Result runWithout(Class<?> main, String... args) {
        return ChildJvm.run(main, List.of(), TIMEOUT, args);
    }

    /** The run ended normally, printed "completed" and crashed nowhere. */
    static void completed(ChildJvm.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.crashed(), r.toString());
        assertTrue(r.stdout().contains("completed"), r.toString());
    }

    static String line(ChildJvm.Result r, String prefix) {
        return r.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "':\n" + r));
    }
}
