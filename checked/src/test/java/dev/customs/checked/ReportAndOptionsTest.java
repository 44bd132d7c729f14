package dev.customs.checked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.checkedprograms.ExtensionRunner;
import dev.customs.checkedprograms.JnaExtensionSpecimens;
import dev.customs.checkedprograms.JnaThrowingCallback;
import dev.customs.checkedprograms.ThrowingComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file, bad agent options, JNA callbacks and the JUnit extension, each in a child JVM. */
class ReportAndOptionsTest {
    @Test
    void theReportIsWrittenAsJsonToTheFileNamed(@TempDir Path dir) throws IOException {
        // %p: the child's process id, so that several test JVMs can share one option.
        ChildJvm.Result r = Agent.run(ThrowingComparator.class, "report=" + dir.resolve("checked-%p.json"));
        Agent.completed(r);
        Path report;
        try (var files = Files.list(dir)) {
            report = files.filter(f -> f.getFileName().toString().matches("checked-\\d+\\.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no checked-<pid>.json in " + dir + "\n" + r));
        }
        String json = Files.readString(report);
        assertTrue(json.matches("(?s).*\"rewritten\": \\{\"sites\": [1-9]\\d*, \"classes\": [1-9].*"), json);
        assertTrue(json.matches("(?s).*\"upcall-threw\": \\{\"count\": [1-9]\\d*, \"first\": \\[\\{\"summary\": .*"),
                json);
        assertTrue(json.contains("\"critical-given-upcall-stub\": {\"count\": 0, \"first\": []}"), json);
        assertTrue(json.contains("\"quarantine\": {\"created\": 2, \"quarantined\": 2, \"boundStubs\": 1024"), json);
        assertTrue(r.stderr().contains("customs-checked: report written to " + report), r.stderr());
    }

    @Test
    void anUnknownOptionOrAnUnwritableReportIsSaidAtStartupAndTheApplicationStillRuns(@TempDir Path dir) {
        Path unwritable = dir.resolve("no-such-directory").resolve("checked.json");
        ChildJvm.Result r = Agent.run(ThrowingComparator.class,
                "colour=blue,report=" + unwritable + ",quarantine=many");
        Agent.completed(r);
        assertTrue(Agent.line(r, "caught ").startsWith("caught same=true"), r.toString());
        String err = r.stderr();
        assertTrue(err.contains("customs-checked: unknown option 'colour=blue' ignored (known: report=FILE,"
                + " quarantine=N, quarantineSeconds=S, stacks=N); checked mode is on"), err);
        assertTrue(err.contains("customs-checked: cannot write the report to " + unwritable), err);
        assertTrue(err.contains("the report goes to standard error only; checked mode is on"), err);
        assertTrue(err.contains("customs-checked: option quarantine needs a whole number from 0 to 2147483647, got"
                + " 'many'; using 1024; checked mode is on"), err);
        // The startup messages come before anything the application does.
        assertTrue(err.indexOf("unknown option") < err.indexOf("customs-checked report"), err);
        assertTrue(err.contains("upcall-threw: "), err);
    }

    @Test
    void aJnaCallbackThatThrowsIsRecorded() {
        ChildJvm.Result r = Agent.run(JnaThrowingCallback.class, null);
        Agent.completed(r);
        long printed = r.stderr().lines().filter(l -> l.startsWith("customs-checked: [jna-callback-threw] JNA callback"))
                .count();
        assertTrue(printed > 0, r.stderr());
        // Each one counted and printed at once: qsort went on with zero after each.
        assertEquals("jna hazards " + printed, Agent.line(r, "jna hazards"), r.toString());
        assertTrue(r.stderr().contains("java.lang.IllegalStateException: JNA comparator refused"), r.stderr());
    }

    @Test
    void theExtensionFailsATestDuringWhichAHazardWasReported() {
        ChildJvm.Result r = Agent.run(ExtensionRunner.class, null);
        Agent.completed(r);
        String failed = Agent.line(r, "test swallowsAnUpcallFailure()");
        assertTrue(failed.startsWith("test swallowsAnUpcallFailure() FAILED checked mode reported 1 hazard(s) during"
                + " swallowsAnUpcallFailure():|[upcall-threw]"), failed);
        assertTrue(failed.contains("java.lang.IllegalStateException: comparator refused in a test"), failed);
        assertEquals("test clean() SUCCESSFUL", Agent.line(r, "test clean()"));
    }

    @Test
    void withoutTheAgentTheExtensionStillCatchesJnaCallbacks() {
        ChildJvm.Result r = Agent.runWithout(ExtensionRunner.class, JnaExtensionSpecimens.class.getName());
        Agent.completed(r);
        assertTrue(r.stderr().contains("customs-checked: the agent is not running"), r.stderr());
        String failed = Agent.line(r, "test jnaCallbackThrows()");
        assertTrue(failed.startsWith("test jnaCallbackThrows() FAILED checked mode reported"), failed);
        assertTrue(failed.contains("[jna-callback-threw]"), failed);
        assertTrue(failed.contains("JNA comparator refused in a test"), failed);
    }
}
