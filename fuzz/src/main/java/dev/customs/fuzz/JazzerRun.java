package dev.customs.fuzz;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of Jazzer's standalone launcher ({@code com.code_intelligence.jazzer.Jazzer}) on one target, in a child JVM
 * started with the runner's own java and class path.
 *
 * <p>Against the instrumented build the child starts with {@code LD_PRELOAD} of Jazzer's preload library first and
 * the ASan runtime second. That order matters: the ASan runtime defines the coverage callbacks as weak no-ops, and
 * if it comes first the instrumented library's coverage never reaches Jazzer (libFuzzer then prints no {@code cov:}).
 * Leak detection is off ({@code detect_leaks=0}: the JVM's own allocations are false positives), so the targets count
 * library allocations themselves.
 *
 * <p>Everything the run writes goes to the workspace: crash files and Java reproducers to the findings directory,
 * new inputs to the first corpus directory only (seed folders are read, never written), the whole output to a log
 * (beside it HotSpot's {@code hs_err_pid*.log} if the JVM itself dies), and Jazzer's temporary files (agent jars, extracted native libraries) to a per-run directory deleted afterwards,
 * killed run or not. The run is bounded: past its timeout the whole process tree is killed.
 */
final class JazzerRun {
    /** Java packages whose coverage guides the fuzzer: the code under test, not the targets' own oracles. */
    static final String INSTRUMENT = String.join(":", "dev.customs.api.**", "dev.customs.bindings.**",
            "dev.customs.loader.**", "dev.customs.pinning.**", "dev.customs.lifetime.**", "dev.customs.callbacks.**",
            "dev.customs.jna.**", "dev.customs.examples.**", "com.sun.jna.**");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(90);
    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * What to run: {@code target} against the libraries of {@code build} ({@code sanitized}: the instrumented build,
     * which needs the preloads), with libFuzzer arguments {@code args} (modes and corpus directories), extra
     * environment (e.g. {@code GCOV_PREFIX}), for at most {@code expected} plus a grace period for JVM start and exit.
     */
    record Spec(String label, FuzzTarget target, Path build, boolean sanitized, List<String> args,
                Map<String, String> env, Duration expected) {}

    /** How the run ended and what it found. */
    record Outcome(int exit, boolean timedOut, LibFuzzerStatus last, Long seed, long runs, long execsPerSecond,
                   List<Path> artifacts, List<String> report, Path log, Duration took) {
        boolean finding() {
            return !artifacts.isEmpty() || !report.isEmpty();
        }

        /** The first crash, timeout or OOM input written, if any. */
        Path reproducer() {
            return artifacts.stream().filter(p -> !p.getFileName().toString().endsWith(".java")
                    && !p.getFileName().toString().startsWith("hs_err_pid")).findFirst().orElse(null);
        }
    }

    private final FuzzWorkspace workspace;
    private final Toolchain tools;
    private final PrintStream out;
    private final boolean verbose;

    JazzerRun(FuzzWorkspace workspace, Toolchain tools, PrintStream out, boolean verbose) {
        this.workspace = workspace;
        this.tools = tools;
        this.out = out;
        this.verbose = verbose;
    }

    Outcome run(Spec spec) {
        Path findings = workspace.findings(spec.target());
        Path scratch = workspace.scratch().resolve(spec.label() + "-" + ProcessHandle.current().pid() + "-"
                + RUNS.incrementAndGet());
        Path log = workspace.logs().resolve(spec.target().name() + "-" + spec.label() + "-"
                + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".log");
        try {
            Files.createDirectories(findings);
            Files.createDirectories(scratch);
            Files.createDirectories(log.getParent());
            Set<Path> before = listing(findings);
            Outcome outcome = execute(spec, findings, scratch, log, before);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException("fuzzing run " + spec.label() + " of " + spec.target().name() + " failed", e);
        } finally {
            deleteTree(scratch);
        }
    }

    private Outcome execute(Spec spec, Path findings, Path scratch, Path log, Set<Path> before) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(spec, findings, scratch)).redirectErrorStream(true);
        pb.environment().putAll(environment(spec));
        Process process = pb.start();
        // If the runner is stopped (Ctrl-C, SIGTERM), the fuzzing JVM goes with it and its temporary files too.
        Thread killer = new Thread(() -> {
            destroyTree(process);
            deleteTree(scratch);
        });
        Runtime.getRuntime().addShutdownHook(killer);
        AtomicReference<LibFuzzerStatus> last = new AtomicReference<>();
        AtomicReference<Long> seed = new AtomicReference<>();
        AtomicLong finalRuns = new AtomicLong(-1);
        AtomicLong finalExecs = new AtomicLong(-1);
        AtomicLong firstStatusAt = new AtomicLong();
        Thread reader = Thread.ofPlatform().name("jazzer-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); BufferedWriter w = Files.newBufferedWriter(log)) {
                for (String line; (line = in.readLine()) != null; ) {
                    w.write(line);
                    w.newLine();
                    String l = line;
                    LibFuzzerStatus.parse(l).ifPresent(status -> {
                        firstStatusAt.compareAndSet(0, System.nanoTime());
                        last.set(status);
                    });
                    LibFuzzerStatus.seed(l).ifPresent(seed::set);
                    LibFuzzerStatus.finalRuns(l).ifPresent(finalRuns::set);
                    LibFuzzerStatus.finalExecsPerSecond(l).ifPresent(finalExecs::set);
                    if (verbose) {
                        out.println(l);
                    }
                }
            } catch (IOException e) {
                out.println("fuzz: lost the fuzzer's output: " + e.getMessage());
            }
        });
        long start = System.nanoTime();
        long deadline = start + spec.expected().plus(GRACE).toNanos();
        boolean finished = false;
        try {
            while (!finished && System.nanoTime() < deadline) {
                finished = process.waitFor(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished && !verbose && last.get() != null) {
                    out.println(progress(spec, Duration.ofNanos(System.nanoTime() - start), last.get()));
                }
            }
            if (!finished) {
                out.println("fuzz: " + spec.target().name() + " " + spec.label() + " overran its "
                        + (spec.expected().plus(GRACE).toSeconds()) + " s; killing it");
                destroyTree(process);
            }
            reader.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(process);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        List<Path> artifacts = new ArrayList<>(listing(findings));
        artifacts.removeAll(before);
        artifacts.sort(Comparator.naturalOrder());
        Path jvmCrash = workspace.logs().resolve("hs_err_pid" + process.pid() + ".log");
        if (Files.exists(jvmCrash)) {
            artifacts.add(jvmCrash); // HotSpot's fatal error log: the JVM itself died
        }
        int exit = finished ? process.exitValue() : -1;
        List<String> report = exit == 0 ? List.of() : FindingReport.extract(Files.readAllLines(log, StandardCharsets.UTF_8));
        LibFuzzerStatus status = last.get();
        long runs = finalRuns.get() >= 0 ? finalRuns.get() : status == null ? 0 : status.runs();
        // libFuzzer's own average counts whole seconds and says 0 for a run shorter than one: then measure it here.
        long execs = finalExecs.get() > 0 ? finalExecs.get() : firstStatusAt.get() == 0 ? 0
                : (long) (runs / Math.max(0.001, (System.nanoTime() - firstStatusAt.get()) / 1e9));
        return new Outcome(exit, !finished, status, seed.get(), runs, execs, artifacts, report, log,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The child's command line: the runner's own java and class path, Jazzer's flags for JDK 25, the target. */
    List<String> command(Spec spec, Path findings, Path scratch) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+EnableDynamicAgentLoading", "-Xshare:off", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-XX:-OmitStackTraceInFastThrow", "-Xmx1g",
                "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + workspace.logs().resolve("hs_err_pid%p.log"),
                "-Djava.io.tmpdir=" + scratch, "-Djna.nosys=true", "-Djna.tmpdir=" + scratch.resolve("jna"),
                "-Dcustoms.library=" + FuzzWorkspace.library(spec.build()),
                "-Dcustoms.planted.library=" + FuzzWorkspace.plantedLibrary(spec.build()),
                "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + spec.target().targetClass().getName(),
                "--instrumentation_includes=" + INSTRUMENT,
                "--reproducer_path=" + findings,
                "-artifact_prefix=" + findings + "/",
                "-print_final_stats=1", "-timeout=30", "-rss_limit_mb=4096"));
        c.addAll(spec.args());
        return c;
    }

    Map<String, String> environment(Spec spec) {
        Map<String, String> env = new HashMap<>(spec.env());
        if (spec.sanitized()) {
            if (tools == null) {
                throw new IllegalStateException("the instrumented build needs clang's ASan runtime: no toolchain given");
            }
            env.put("LD_PRELOAD", workspace.jazzerPreload() + ":" + tools.asanRuntime());
            env.put("ASAN_OPTIONS", "detect_leaks=0:verify_asan_link_order=0:symbolize=1");
            env.put("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:symbolize=1");
        } else {
            env.put("LD_PRELOAD", "");
        }
        return env;
    }

    private static String progress(Spec spec, Duration elapsed, LibFuzzerStatus s) {
        return String.format(Locale.ROOT, "fuzz: %s %s %3d s: %,d runs, %,d exec/s, cov %d, features %d, corpus %d inputs (%s), rss %d MB",
                spec.target().name(), spec.label(), elapsed.toSeconds(), s.runs(), s.execsPerSecond(), s.coverage(),
                s.features(), s.corpusInputs(), s.corpusSize(), s.rssMb());
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the fuzzer's temporary files in " + dir, e);
        }
    }
}
