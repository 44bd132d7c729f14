package dev.customs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading what Jazzer, libFuzzer, the sanitizers and gcov print: status lines, finding reports and coverage. The
 * logs under {@code logs/} are real output of runs on this machine (paths shortened).
 */
class RunOutputTest {
    @Test
    void statusLinesGiveRunsCoverageCorpusAndSpeed() {
        LibFuzzerStatus s = LibFuzzerStatus.parse(
                "#1599128\tDONE   cov: 113 ft: 155 corp: 58/777b lim: 4096 exec/s: 145375 rss: 1151Mb").orElseThrow();
        assertEquals(new LibFuzzerStatus(1599128, "DONE", 113, 155, 58, "777b", 145375, 1151), s);
        // INITED has no "lim:"; without the instrumented library loaded there is no "cov:" at all.
        assertEquals(new LibFuzzerStatus(2, "INITED", 47, 48, 1, "1b", 2, 1074),
                LibFuzzerStatus.parse("#2\tINITED cov: 47 ft: 48 corp: 1/1b exec/s: 2 rss: 1074Mb").orElseThrow());
        assertEquals(new LibFuzzerStatus(65536, "pulse", 0, 4, 4, "4b", 32768, 1145),
                LibFuzzerStatus.parse("#65536\tpulse  ft: 4 corp: 4/4b lim: 643 exec/s: 32768 rss: 1145Mb").orElseThrow());
        assertEquals(Optional.empty(), LibFuzzerStatus.parse("INFO: A corpus is not provided, starting from an empty corpus"));
        assertEquals(Optional.of(3861321748L), LibFuzzerStatus.seed("INFO: Seed: 3861321748"));
        assertEquals(Optional.of(145375L), LibFuzzerStatus.finalExecsPerSecond("stat::average_exec_per_sec:     145375"));
        assertEquals(Optional.of(1599128L), LibFuzzerStatus.finalRuns("stat::number_of_executed_units: 1599128"));
    }

    @Test
    void asanFindingShowsTheReportWithFileAndLineAndTheJavaPathToIt() throws IOException {
        List<String> report = FindingReport.extract(log("asan-heap-buffer-overflow.log"));
        String text = String.join("\n", report);
        assertTrue(report.getFirst().contains("ERROR: AddressSanitizer: heap-buffer-overflow"), text);
        assertEquals("WRITE of size 1 at 0x6020000f92c0 thread T1", report.get(1));
        assertTrue(report.get(2).endsWith("in legacy_parse_name /work/wt5/native/planted/legacy_parse_name.c:45:20"), text);
        assertTrue(text.contains("is located 0 bytes to the right of 16-byte region"), text);
        assertTrue(text.contains("SUMMARY: AddressSanitizer: heap-buffer-overflow"
                + " /work/wt5/native/planted/legacy_parse_name.c:45:20 in legacy_parse_name"), text);
        assertTrue(text.contains("    ..."), "deep frames are cut: " + text);
        assertFalse(text.contains("#6 "), text);
        assertFalse(text.contains("created by T0"), "where the JVM started its threads is noise: " + text);
        assertFalse(text.contains("Shadow bytes"), text);
        assertTrue(report.getLast().contains("PlantedBugTarget.fuzzerTestOneInput(PlantedBugTarget.java:20)"), text);
        assertTrue(text.contains("PlantedLibrary.legacyParseName(PlantedLibrary.java:38)"), text);
        assertFalse(text.contains("LambdaForm"), text);
    }

    @Test
    void javaFindingShowsTheExceptionAndItsStack() throws IOException {
        List<String> report = FindingReport.extract(log("java-exception.log"));
        assertEquals(List.of("== Java Exception: java.lang.IllegalStateException: planted Java bug",
                "\tat dev.customs.fuzz.JavaBugTarget.fuzzerTestOneInput(JavaBugTarget.java:9)"), report);
    }

    @Test
    void ubsanFindingShowsTheRuntimeError() {
        List<String> report = FindingReport.extract(List.of(
                "#4096\tpulse  cov: 80 ft: 90 corp: 9/99b lim: 43 exec/s: 2048 rss: 900Mb",
                "/w/native/src/sample.c:33:20: runtime error: signed integer overflow: 9223372036854775807 + 1 cannot be"
                        + " represented in type 'int64_t' (aka 'long')",
                "    #0 0x7f2a in customs_sample_scale /w/native/src/sample.c:33:20",
                "    #1 0x7f2b  (<unknown module>)",
                "",
                "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /w/native/src/sample.c:33:20 in",
                "MS: 1 ChangeByte-"));
        assertEquals(4, report.size(), report.toString());
        assertTrue(report.getFirst().contains("sample.c:33:20: runtime error: signed integer overflow"), report.toString());
        assertTrue(report.get(3).startsWith("SUMMARY: UndefinedBehaviorSanitizer"), report.toString());
    }

    @Test
    void aCleanLogHasNoReport() {
        assertEquals(List.of(), FindingReport.extract(List.of("#2\tINITED cov: 2 ft: 2 corp: 1/1b exec/s: 0 rss: 859Mb",
                "Done 2000 runs in 1 second(s)")));
    }

    @Test
    void gcovSummariesBecomeLineAndBranchCounts() {
        List<CCoverage.File> files = CCoverage.parse("""
                File '/w/native/src/parser.c'
                Lines executed:97.73% of 88
                Branches executed:96.88% of 64
                Taken at least once:93.75% of 64
                Calls executed:95.00% of 20
                File '/w/native/src/alloc.c'
                Lines executed:0.00% of 12
                No branches
                No calls
                File '/w/native/src/status.c'
                Lines executed:50.00% of 10
                Branches executed:25.00% of 8
                Taken at least once:12.50% of 8
                No calls
                """);
        assertEquals(List.of(new CCoverage.File("/w/native/src/parser.c", 86, 88, 60, 64),
                new CCoverage.File("/w/native/src/alloc.c", 0, 12, 0, 0),
                new CCoverage.File("/w/native/src/status.c", 5, 10, 1, 8)), files);
        assertEquals(new CCoverage.File("all", 91, 110, 61, 72), CCoverage.total("all", files));
    }

    @Test
    void coverageTableShowsBothBuildsSideBySide() {
        var clang = java.util.Map.of("native/src/parser.c", new CCoverage.File("/w/native/src/parser.c", 86, 88, 60, 64),
                "native/src/alloc.c", new CCoverage.File("/w/native/src/alloc.c", 0, 12, 0, 4));
        var gcc = java.util.Map.of("native/src/parser.c", new CCoverage.File("/w/native/src/parser.c", 11, 88, 6, 64),
                "native/src/alloc.c", new CCoverage.File("/w/native/src/alloc.c", 0, 12, 0, 4));
        JazzerRun.Outcome clangRun = outcome(169_511, 122);
        JazzerRun.Outcome gccRun = outcome(255_155, 48);
        String table = CoverageTable.render(FuzzTargets.named("parser").orElseThrow(), java.time.Duration.ofSeconds(20),
                clang, clang, gcc, clangRun, gccRun);
        List<String> lines = table.lines().toList();
        assertEquals("fuzz: parser: C coverage reached from an empty corpus in 20 s (gcov: lines run/all (%), branches"
                + " taken/all)", lines.get(0));
        assertTrue(lines.get(2).matches("  native/src/parser\\.c +86/88 \\(98%\\), 60/64 br +11/88 \\(13%\\), 6/64 br"
                + " +86/88 \\(98%\\), 60/64 br *"), table);
        assertFalse(table.contains("alloc.c"), "a file no run reached is left out: " + table);
        assertTrue(lines.get(4).matches("  exec/s +169,511 +255,155 *"), table);
        assertTrue(lines.get(5).matches("  libFuzzer cov \\(C and Java points\\) +122 +48 *"), table);
    }

    private static JazzerRun.Outcome outcome(long execsPerSecond, int coverage) {
        return new JazzerRun.Outcome(0, false, new LibFuzzerStatus(1000, "DONE", coverage, 1, 1, "1b", execsPerSecond, 900),
                1L, 1000, execsPerSecond, List.of(), List.of(), java.nio.file.Path.of("log"), java.time.Duration.ofSeconds(20));
    }

    private static List<String> log(String name) throws IOException {
        try (InputStream in = RunOutputTest.class.getResourceAsStream("logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
