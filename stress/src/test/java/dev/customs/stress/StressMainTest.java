package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code ./customs stress}: what it prints, and its exit code. */
@Timeout(120)
class StressMainTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cli = StressMain.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void aSmallRunPrintsEveryPhaseWithItsSeedAndExitsZero() {
        Run r = run("--seed", "5", "--threads", "8", "--calls", "200", "--fault-rate", "0.05", "--close-seconds", "0",
                "--ops", "3000");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("stress: seed 5 (replay: ./customs stress --seed 5 --backends ffm,jna --threads 8"
                + " --calls 200 --fault-rate 0.05 --close-seconds 0 --ops 3000)"), r.out());
        for (String row : List.of("== upcalls: 8 native threads × 200 upcalls", "== faults:", "== close:", "== mixed:",
                "ok lost", "ok duplicated", "ok faults accounted (1 + suppressed)", "ok C received CALLBACK_THREW",
                "ok IllegalStateException per accessor and region", "ok live allocations (checkpoint → end)",
                "ok NMT committed growth", "stress: all ")) {
            assertTrue(r.out().contains(row), () -> "no '" + row + "' in\n" + r.out());
        }
        assertFalse(r.out().contains(" XX "), r.out());
    }

    @Test
    void aFigureOutOfBoundsMakesTheRunFailAndIsNamed() {
        // 300 native threads is more than customs_stress_threads accepts (CUSTOMS_MAX_THREADS is 256).
        Run r = run("--seed", "5", "--threads", "300", "--calls", "1", "--phases", "upcalls", "--backends", "ffm");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("XX phase finished"), r.out());
        assertTrue(r.out().contains("CUSTOMS_E_RANGE"), r.out());
        assertTrue(r.out().contains("stress: 1 of 1 figures out of bounds"), r.out());
        assertTrue(r.out().contains("ffm: phase finished = no, bound yes"), r.out());
    }

    @Test
    void anUnknownPhaseOrBackendIsAUsageError() {
        Run phase = run("--phases", "upcalls,nope");
        assertEquals(2, phase.exit(), phase.err());
        assertTrue(phase.err().contains("expected one of [UPCALLS, FAULTS, CLOSE, MIXED] (case-insensitive) but was"
                + " 'nope'"), phase.err());
        Run backend = run("--backends", "ffm,nope", "--phases", "upcalls");
        assertEquals(2, backend.exit(), backend.err());
        assertTrue(backend.err().contains("unknown backend 'nope': expected one of [ffm, jna, jna-interface]"),
                backend.err());
        assertEquals("", backend.out(), "nothing runs");
    }

    @Test
    void theReportMarksEachRowAndCountsWhatBrokeItsBound() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StressReport report = new StressReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report.phase("a phase", Map.of("ffm", List.of(Figure.zero("lost", 0), Figure.zero("duplicated", 2)
                .noting("call 7 twice"))));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("  ok lost "), out);
        assertTrue(out.contains("  XX duplicated "), out);
        assertTrue(out.contains("ffm: call 7 twice"), out);
        assertFalse(report.ok());
        assertEquals(List.of("ffm: duplicated = 2, bound 0"), report.outOfBounds());
        assertEquals(2, report.figures());
    }
}
