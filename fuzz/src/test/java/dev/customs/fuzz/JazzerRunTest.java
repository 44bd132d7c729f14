package dev.customs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Jazzer runs, short and against the plain build (no clang needed): a clean bounded run reports its figures, and
 * a finding lands in the findings directory with its reproducer and report, never in the seed folder, and leaves no
 * temporary files behind.
 */
@Timeout(180)
class JazzerRunTest {
    static final Path PLAIN_BUILD = Path.of(System.getProperty("customs.build.dir"));

    @Test
    void aCleanRunReportsRunsSpeedAndSeed(@TempDir Path root) throws IOException {
        FuzzWorkspace workspace = new FuzzWorkspace(root);
        FuzzTarget parser = FuzzTargets.named("parser").orElseThrow();
        Path corpus = Files.createDirectories(workspace.corpus(parser));
        JazzerRun.Outcome run = new JazzerRun(workspace, null, quiet(), false).run(new JazzerRun.Spec("fuzz", parser,
                PLAIN_BUILD, false, List.of("-runs=3000", corpus.toString(), FuzzTargetsTest.WORKSPACE.seeds(parser)
                .toString()), Map.of(), Duration.ofSeconds(30)));
        assertEquals(0, run.exit(), "see " + run.log());
        assertFalse(run.finding(), run.report().toString());
        assertTrue(run.runs() >= 3000, "runs " + run.runs());
        assertTrue(run.execsPerSecond() > 0, "exec/s " + run.execsPerSecond());
        assertNotNull(run.seed(), "libFuzzer's seed was not read");
        assertNotNull(run.last(), "no status line was read");
        assertTrue(Files.readString(run.log()).contains("Done 3000 runs"), "the log keeps the whole output");
        assertEquals(0, count(workspace.scratch()), "temporary files left in " + workspace.scratch());
    }

    @Test
    void aFindingGoesToTheFindingsDirectoryWithItsReport(@TempDir Path root) throws IOException {
        FuzzWorkspace workspace = new FuzzWorkspace(root);
        FuzzTarget bug = new FuzzTarget("java-bug", JavaBugTarget.class, "javaBug", "test target", false);
        Path seeds = Files.createDirectories(workspace.seeds(bug));
        Files.writeString(seeds.resolve("bug"), "BUG!");
        Path corpus = Files.createDirectories(workspace.corpus(bug));
        JazzerRun.Outcome run = new JazzerRun(workspace, null, quiet(), false).run(new JazzerRun.Spec("fuzz", bug,
                PLAIN_BUILD, false, List.of("-runs=100", corpus.toString(), seeds.toString()), Map.of(),
                Duration.ofSeconds(30)));
        assertEquals(77, run.exit(), "Jazzer's exit code for a Java finding; see " + run.log());
        assertTrue(run.finding());
        assertEquals(List.of("== Java Exception: java.lang.IllegalStateException: planted Java bug",
                "\tat dev.customs.fuzz.JavaBugTarget.fuzzerTestOneInput(JavaBugTarget.java:9)"), run.report());
        Path reproducer = run.reproducer();
        assertEquals(workspace.findings(bug), reproducer.getParent());
        assertTrue(reproducer.getFileName().toString().startsWith("crash-"), reproducer.toString());
        assertEquals("BUG!", Files.readString(reproducer));
        assertTrue(run.artifacts().stream().anyMatch(p -> p.getFileName().toString().matches("Crash_\\w+\\.java")),
                "no Java reproducer in " + run.artifacts());
        assertEquals(1, count(seeds), "the seed folder was written to");
        assertEquals(0, count(workspace.scratch()), "temporary files left in " + workspace.scratch());
    }

    @Test
    void theInstrumentedBuildGetsJazzersPreloadFirstAndOnlyIt(@TempDir Path root) {
        FuzzWorkspace workspace = new FuzzWorkspace(root);
        Toolchain tools = new Toolchain(Path.of("/x/clang"), Path.of("/x/libclang_rt.asan-x86_64.so"),
                Path.of("/x/cmake"), Path.of("/x/gcc"), Path.of("/x/gcov"));
        JazzerRun jazzer = new JazzerRun(workspace, tools, quiet(), false);
        FuzzTarget parser = FuzzTargets.named("parser").orElseThrow();
        Path instrumented = workspace.instrumentedBuild();
        Map<String, String> env = jazzer.environment(new JazzerRun.Spec("fuzz", parser, instrumented, true, List.of(),
                Map.of(), Duration.ofSeconds(1)));
        // The ASan runtime defines the coverage callbacks as weak no-ops: first in LD_PRELOAD, it would hide C from Jazzer.
        assertEquals(root.resolve("build/fuzz/libjazzer_preload.so") + ":/x/libclang_rt.asan-x86_64.so",
                env.get("LD_PRELOAD"));
        assertTrue(Files.isRegularFile(root.resolve("build/fuzz/libjazzer_preload.so")), "preload not copied out");
        assertTrue(env.get("ASAN_OPTIONS").contains("detect_leaks=0:verify_asan_link_order=0"), env.toString());
        assertEquals("", jazzer.environment(new JazzerRun.Spec("fuzz", parser, PLAIN_BUILD, false, List.of(), Map.of(),
                Duration.ofSeconds(1))).get("LD_PRELOAD"), "the plain build must run without any preload");

        Path findings = workspace.findings(parser);
        Path scratch = workspace.scratch().resolve("run");
        List<String> command = jazzer.command(new JazzerRun.Spec("fuzz", parser, instrumented, true,
                List.of("-max_total_time=5"), Map.of(), Duration.ofSeconds(5)), findings, scratch);
        assertTrue(command.contains("-Dcustoms.library=" + instrumented.resolve("lib/libcustoms.so")), command.toString());
        assertTrue(command.contains("-Djava.io.tmpdir=" + scratch), command.toString());
        assertTrue(command.contains("--target_class=dev.customs.fuzz.targets.ParserTarget"), command.toString());
        assertTrue(command.contains("-artifact_prefix=" + findings + "/"), command.toString());
        assertTrue(command.contains("--reproducer_path=" + findings), command.toString());
        assertEquals("-max_total_time=5", command.getLast());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
