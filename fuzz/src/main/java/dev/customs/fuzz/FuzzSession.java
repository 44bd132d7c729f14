package dev.customs.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code ./customs fuzz} does for one target: fuzz it against the instrumented build, report progress and any
 * finding with its reproducer, measure the C coverage of its corpus, and compare what fuzzing from nothing reaches
 * inside C with native coverage (the clang build) and without it (the plain gcc build). Also reproduces and minimizes
 * a finding.
 */
final class FuzzSession {
    /** Exit codes of {@code ./customs fuzz}. */
    static final int OK = 0;
    static final int FINDING = 1;

    private final FuzzWorkspace workspace;
    private final Toolchain tools;
    private final PrintStream out;
    private final JazzerRun jazzer;
    private final Path instrumented;

    FuzzSession(FuzzWorkspace workspace, Toolchain tools, PrintStream out, boolean verbose) {
        this.workspace = workspace;
        this.tools = tools;
        this.out = out;
        this.jazzer = new JazzerRun(workspace, tools, out, verbose);
        say("building the instrumented libraries in " + rel(workspace.instrumentedBuild()));
        this.instrumented = new NativeBuilds(workspace, tools).instrumented();
    }

    /**
     * Fuzzes {@code target} for {@code time}; then, unless {@code compare} is zero or there was a finding, measures
     * coverage. Returns {@link #OK} or {@link #FINDING} (for the planted bug: OK when the planted bug was found), and
     * {@link #FINDING} too when {@code requireNativeGain} and the clang build reached no more C lines than gcc's.
     */
    int fuzz(FuzzTarget target, Duration time, Duration compare, Long seed, boolean requireNativeGain) {
        Path corpus = directory(workspace.corpus(target));
        Path seeds = workspace.seeds(target);
        say(target.name() + ": fuzzing for " + time.toSeconds() + " s against " + rel(instrumented)
                + " (clang: libFuzzer coverage, ASan, UBSan); seeds " + rel(seeds) + " (" + count(seeds) + "), corpus "
                + rel(corpus) + " (" + count(corpus) + ")");
        List<String> args = new ArrayList<>(List.of("-max_total_time=" + time.toSeconds()));
        if (seed != null) {
            args.add("-seed=" + seed);
        }
        args.add(corpus.toString());
        if (Files.isDirectory(seeds)) {
            args.add(seeds.toString());
        }
        JazzerRun.Outcome run = jazzer.run(new JazzerRun.Spec("fuzz", target, instrumented, true, args, Map.of(), time));
        summary(target, run);
        if (target.planted()) {
            return plantedVerdict(target, run, time);
        }
        if (run.finding()) {
            finding(target, run);
            return FINDING;
        }
        if (run.exit() != 0) {
            failed(target, run);
            return FINDING;
        }
        say(target.name() + ": no finding");
        if (compare.isZero()) {
            return OK;
        }
        boolean gained = compareCoverage(target, compare, List.of(corpus, seeds));
        if (requireNativeGain && !gained) {
            say(target.name() + ": the clang build reached no more C lines than the gcc build: native coverage is not"
                    + " reaching Jazzer (is Jazzer's preload library first in LD_PRELOAD?)");
            return FINDING;
        }
        return OK;
    }

    /** Runs one input against the instrumented build. Returns {@link #FINDING} if it still fails. */
    int reproduce(FuzzTarget target, Path input) {
        say(target.name() + ": running " + rel(input) + " once against " + rel(instrumented));
        JazzerRun.Outcome run = jazzer.run(new JazzerRun.Spec("reproduce", target, instrumented, true,
                List.of(input.toAbsolutePath().toString()), Map.of(), Duration.ofMinutes(2)));
        if (run.exit() == 0) {
            say(target.name() + ": " + rel(input) + " passes: it does not reproduce (log " + rel(run.log()) + ")");
            return OK;
        }
        report(run);
        return FINDING;
    }

    /** Shrinks a failing input while it fails the same way; the result lands beside it as {@code minimized-NAME}. */
    int minimize(FuzzTarget target, Path input, Duration time) {
        Path minimized = input.toAbsolutePath().resolveSibling("minimized-" + input.getFileName());
        say(target.name() + ": minimizing " + rel(input) + " for up to " + time.toSeconds() + " s");
        JazzerRun.Outcome run = jazzer.run(new JazzerRun.Spec("minimize", target, instrumented, true,
                List.of("-minimize_crash=1", "-max_total_time=" + time.toSeconds(), "-exact_artifact_path=" + minimized,
                        input.toAbsolutePath().toString()), Map.of(), time));
        if (!Files.isRegularFile(minimized)) {
            say(target.name() + ": no smaller input that fails the same way was written (exit " + run.exit() + "; log "
                    + rel(run.log()) + ")");
            return FINDING;
        }
        say(target.name() + ": minimized " + size(input) + " bytes to " + size(minimized) + ": " + rel(minimized));
        return OK;
    }

    private int plantedVerdict(FuzzTarget target, JazzerRun.Outcome run, Duration time) {
        boolean planted = run.report().stream().anyMatch(l -> l.contains("legacy_parse_name.c"));
        if (planted) {
            report(run);
            say(target.name() + ": found the planted bug in " + seconds(run.took()) + " (" + String.format(Locale.ROOT, "%,d", run.runs())
                    + " runs): native coverage and ASan work");
            return OK;
        }
        if (run.finding()) {
            finding(target, run);
            say(target.name() + ": that is not the planted bug");
            return FINDING;
        }
        if (run.exit() != 0) {
            failed(target, run);
            return FINDING;
        }
        say(target.name() + ": the planted bug was NOT found in " + time.toSeconds() + " s: native coverage or ASan is"
                + " not working (the log is " + rel(run.log()) + ")");
        return FINDING;
    }

    private void summary(FuzzTarget target, JazzerRun.Outcome run) {
        LibFuzzerStatus last = run.last();
        say(target.name() + ": " + String.format(Locale.ROOT, "%,d runs in %s, %,d exec/s", run.runs(), seconds(run.took()),
                run.execsPerSecond())
                + (last == null ? "" : ", cov " + last.coverage() + ", corpus " + last.corpusInputs() + " inputs ("
                + last.corpusSize() + ")")
                + (run.seed() == null ? "" : ", seed " + run.seed()) + "; log " + rel(run.log()));
    }

    private void finding(FuzzTarget target, JazzerRun.Outcome run) {
        say(target.name() + ": FINDING" + (run.timedOut() ? " (the run overran and was killed)" : "")
                + (run.exit() != 0 ? " (exit " + run.exit() + ")" : ""));
        report(run);
        Path reproducer = run.reproducer();
        if (reproducer != null) {
            out.println("  reproduce: ./customs fuzz " + target.name() + " --reproduce " + rel(reproducer));
            out.println("  minimize:  ./customs fuzz " + target.name() + " --minimize " + rel(reproducer));
            out.println("  fuzz/README.md (\"Triage\") says how to turn it into a seed once it is fixed.");
        }
    }

    /** A run that ended badly without leaving an input behind: Jazzer could not start, or was killed. */
    private void failed(FuzzTarget target, JazzerRun.Outcome run) {
        say(target.name() + ": the run failed (exit " + run.exit() + (run.timedOut() ? ", killed after overrunning" : "")
                + ") without leaving a reproducer; the end of its output (all of it is in " + rel(run.log()) + "):");
        try {
            NativeBuilds.tail(Files.readString(run.log()), 15).lines().forEach(l -> out.println("  | " + l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(JazzerRun.Outcome run) {
        for (Path artifact : run.artifacts()) {
            String name = artifact.getFileName().toString();
            out.println("  " + (name.endsWith(".java") ? "Java reproducer: " : name.startsWith("hs_err_pid")
                    ? "JVM crash log:   " : "reproducer:      ") + rel(artifact));
        }
        run.report().forEach(line -> out.println("  | " + line));
        out.println("  full output: " + rel(run.log()));
    }

    /**
     * From an empty corpus, {@code each} long against each build, then the C coverage of what each run found; and the
     * C coverage of the target's own corpus and seeds. True when the clang build's run reached more C lines.
     */
    private boolean compareCoverage(FuzzTarget target, Duration each, List<Path> corpora) {
        say("building the gcov build in " + rel(workspace.gcovBuild()));
        new NativeBuilds(workspace, tools).gcov();
        Path scratch = directory(workspace.scratch().resolve("coverage-" + ProcessHandle.current().pid()));
        try {
            CCoverage gcov = new CCoverage(workspace, tools, jazzer);
            say(target.name() + ": measuring the C coverage of the corpus and seeds (gcov)");
            var own = gcov.of(target, corpora.stream().filter(Files::isDirectory).toList(), directory(scratch.resolve("own")));
            say(target.name() + ": fuzzing from an empty corpus for " + each.toSeconds() + " s against each build");
            Path clangCorpus = directory(scratch.resolve("clang-corpus"));
            Path gccCorpus = directory(scratch.resolve("gcc-corpus"));
            JazzerRun.Outcome clang = jazzer.run(new JazzerRun.Spec("from-empty-clang", target, instrumented, true,
                    List.of("-max_total_time=" + each.toSeconds(), clangCorpus.toString()), Map.of(), each));
            JazzerRun.Outcome gcc = jazzer.run(new JazzerRun.Spec("from-empty-gcc", target, workspace.plainBuild(), false,
                    List.of("-max_total_time=" + each.toSeconds(), gccCorpus.toString()), Map.of(), each));
            for (JazzerRun.Outcome o : List.of(clang, gcc)) {
                if (o.finding()) {
                    finding(target, o);
                }
            }
            var fromClang = gcov.of(target, List.of(clangCorpus), directory(scratch.resolve("clang")));
            var fromGcc = gcov.of(target, List.of(gccCorpus), directory(scratch.resolve("gcc")));
            out.print(CoverageTable.render(target, each, own, fromClang, fromGcc, clang, gcc));
            return CCoverage.total("clang", fromClang.values()).lines() > CCoverage.total("gcc", fromGcc.values()).lines();
        } finally {
            JazzerRun.deleteTree(scratch);
        }
    }

    private void say(String message) {
        out.println("fuzz: " + message);
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(workspace.root()) ? workspace.root().relativize(abs).toString() : abs.toString();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static String count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "none";
        }
        try (Stream<Path> files = Files.list(dir)) {
            long n = files.filter(Files::isRegularFile).count();
            return n + (n == 1 ? " input" : " inputs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
