package dev.customs.fuzz;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./customs fuzz}: fuzzing mode. Builds the instrumented library, runs Jazzer on a target with native coverage,
 * ASan and UBSan, shows progress, reports findings with their reproducer, and measures C coverage. Regression mode is
 * not here: every {@code ./customs test} replays the seeds ({@code SeedCorpusTest}).
 */
@Command(name = "customs fuzz", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fuzzes a Customs target with Jazzer against libcustoms built with clang's libFuzzer coverage,"
                + " ASan and UBSan, and reports findings and the C coverage reached.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding (planted-bug: the planted bug was found)",
            "1:a finding (planted-bug: the planted bug was not found; --require-native-gain: no gain)", "2:usage error",
            "3:a tool is missing or a build failed (the message says what to install)"})
public final class FuzzMain implements Callable<Integer> {
    static final int SETUP_FAILED = 3;

    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "The target to fuzz; see --list.")
    String target;

    @Option(names = "--list", description = "List the targets, one per line, and exit.")
    boolean list;

    @Option(names = "--machine", description = "With --list: tab-separated NAME, CLASS, SEEDS folder, the packages"
            + " whose coverage guides Jazzer, and real or planted (for .clusterfuzzlite/build.sh).")
    boolean machine;

    @Option(names = "--all", description = "Fuzz every target except planted-bug, one after the other.")
    boolean all;

    @Option(names = "--time", paramLabel = "DURATION", converter = Durations.class, defaultValue = "60s",
            description = "How long to fuzz each target (default: ${DEFAULT-VALUE}; e.g. 30s, 5m, 1h).")
    Duration time;

    @Option(names = "--compare", paramLabel = "DURATION", converter = Durations.class, defaultValue = "20s",
            description = "After a clean run, fuzz this long from an empty corpus against the clang build and against"
                    + " the plain gcc build, and print the C coverage each reached (gcov), with the coverage of the"
                    + " corpus and seeds (default: ${DEFAULT-VALUE}; 0 skips it).")
    Duration compare;

    @Option(names = "--require-native-gain", description = "Exit 1 unless, in the comparison, the clang build reached"
            + " more C lines than the gcc build (CI uses it to check that native coverage reaches Jazzer).")
    boolean requireNativeGain;

    @Option(names = "--seed", description = "libFuzzer's random seed, to repeat a run (each run prints its seed).")
    Long seed;

    @Option(names = "--reproduce", paramLabel = "FILE", description = "Run this input once against the instrumented build.")
    Path reproduce;

    @Option(names = "--minimize", paramLabel = "FILE",
            description = "Shrink this failing input (for up to --time) to minimized-FILE beside it.")
    Path minimize;

    @Option(names = "--verbose", description = "Pass Jazzer's and libFuzzer's output through as it comes.")
    boolean verbose;

    @Option(names = "--root", hidden = true, description = "The repository root (./customs passes it).")
    Path root = Path.of(System.getProperty("customs.root", "."));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final String path;

    FuzzMain(PrintStream out, String path) {
        this.out = out;
        this.path = path;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, System.getenv("PATH"), args));
    }

    /** Runs the command line with {@code path} as the PATH tools are looked up in; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String path, String... args) {
        CommandLine cli = new CommandLine(new FuzzMain(out, path));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return exit;
    }

    @Override
    public Integer call() {
        if (list) {
            for (FuzzTarget t : FuzzTargets.all()) {
                out.println(machine ? String.join("\t", t.name(), t.targetClass().getName(),
                        FuzzWorkspace.SEEDS + "/" + t.seeds(), JazzerRun.INSTRUMENT, t.planted() ? "planted" : "real")
                        : String.format("%-13s %s", t.name(), t.about()));
            }
            return FuzzSession.OK;
        }
        List<FuzzTarget> targets = chosen();
        FuzzWorkspace workspace = new FuzzWorkspace(root);
        FuzzSession session;
        try {
            session = new FuzzSession(workspace, Toolchain.find(path), out, verbose);
        } catch (Toolchain.Missing | IllegalStateException | UncheckedIOException e) {
            out.println("fuzz: " + e.getMessage());
            return SETUP_FAILED;
        }
        if (reproduce != null) {
            return session.reproduce(targets.getFirst(), existing(reproduce));
        }
        if (minimize != null) {
            return session.minimize(targets.getFirst(), existing(minimize), time);
        }
        List<String> findings = new ArrayList<>();
        for (FuzzTarget t : targets) {
            if (session.fuzz(t, time, compare, seed, requireNativeGain) != FuzzSession.OK) {
                findings.add(t.name());
            }
        }
        if (targets.size() > 1) {
            out.println("fuzz: " + (targets.size() - findings.size()) + " of " + targets.size() + " targets clean"
                    + (findings.isEmpty() ? "" : "; findings in " + findings));
        }
        return findings.isEmpty() ? FuzzSession.OK : FuzzSession.FINDING;
    }

    private List<FuzzTarget> chosen() {
        if (all == (target != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name one target or give --all; targets: " + names());
        }
        if (all && (reproduce != null || minimize != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reproduce and --minimize take one TARGET");
        }
        if (all) {
            return FuzzTargets.real();
        }
        return List.of(FuzzTargets.named(target).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown target '" + target + "'; known: " + names())));
    }

    private Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such input file: " + file);
        }
        return file;
    }

    private static List<String> names() {
        return FuzzTargets.all().stream().map(FuzzTarget::name).toList();
    }
}
