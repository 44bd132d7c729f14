package dev.customs.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./customs demo --checked}: the fatal scenarios run in the demo's own JVM under the checked-mode agent. */
class CheckedDemoTest {
    static final Path AGENT = Path.of(System.getProperty("customs.root", ".."), "checked", "target",
            "customs-checked.jar");

    @Test
    void theFatalScenariosRunInTheDemosOwnJvmUnderTheAgent() {
        assertTrue(Files.isRegularFile(AGENT), "the agent jar is built before the harness: " + AGENT);
        ChildJvm.Result r = ChildJvm.run(DemoMain.class, List.of("-javaagent:" + AGENT.toAbsolutePath()),
                Duration.ofSeconds(120), "--checked", "--backends", "ffm,jna,jna-interface");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.crashed(), r.toString());
        assertTrue(r.stdout().contains("demo: 1 passed, 0 failed"), r.toString());
        assertFalse(r.stdout().contains(" XX "), r.toString());
        // The report at exit counts what the scenario provoked.
        assertTrue(r.stderr().contains("customs-checked report: "), r.stderr());
        assertTrue(r.stderr().contains("critical-given-upcall-stub: 1"), r.stderr());
    }

    @Test
    void withoutTheAgentCheckedIsAUsageError() {
        DemoMainTest.Run run = DemoMainTest.demo("--checked");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--checked needs the checked-mode agent in this JVM: run ./customs demo"
                + " --checked"), run.err());
    }
}
