package dev.customs.examples.checked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checked mode (issue 13) on the real-library examples: {@link UnguardedExamples}, the SQLite example's upcalls with
 * their guards removed, ends the JVM without the agent and runs to completion under it, each throwable rethrown
 * around its {@code sqlite3_exec} and counted in the agent's report.
 */
class CheckedModeOnExamplesTest {
    record Run(int exit, String output) {}

    static Run run(List<String> jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), UnguardedExamples.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish in 120 s");
        return new Run(p.exitValue(), new String(out));
    }

    static Path agentJar() {
        String jar = System.getProperty("customs.checked.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the checked-mode agent jar: " + jar);
        return Path.of(jar);
    }

    @Test
    void withoutTheAgentTheFirstUnguardedUpcallEndsTheJvm() throws Exception {
        Run r = run(List.of());
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("Unrecoverable uncaught exception encountered"), r.output());
        assertTrue(r.output().contains("row callback threw"), r.output());
        assertTrue(!r.output().contains("completed"), r.output());
    }

    @Test
    void underTheAgentEachThrowableIsRethrownAroundItsDowncallAndReported(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report.json");
        Run r = run(List.of("-javaagent:" + agentJar() + "=report=" + report));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("row callback: caught around sqlite3_exec: IllegalStateException: row callback"
                + " threw"), r.output());
        assertTrue(r.output().contains("user function: caught around sqlite3_exec: IllegalArgumentException: user"
                + " function threw"), r.output());
        assertTrue(r.output().contains("progress handler: caught around sqlite3_exec: UnsupportedOperationException:"
                + " progress handler threw"), r.output());
        assertTrue(r.output().contains("completed"), r.output());
        String json = Files.readString(report);
        // At least one per upcall. The progress handler counts once per call: C receives zero, which for SQLite's
        // progress handler means "go on", so the query runs to its end with every call throwing (a reason to keep
        // the guard, whose error value stops it at the first).
        assertTrue(json.matches("(?s).*\"upcall-threw\": \\{\"count\": ([3-9]|[1-9]\\d+),.*"), json);
        assertTrue(json.contains("row callback threw") && json.contains("user function threw"), json);
    }
}
