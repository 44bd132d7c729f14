package dev.customs.harness;

import dev.customs.api.Customs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./customs demo}: runs scenarios at the Java/C border on every backend side by side. Each scenario is also a
 * check: the exit code is 1 when any observed behaviour differs from the expected one, 2 for a usage error.
 */
@Command(name = "customs demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the Customs interop scenarios on FFM and JNA side by side and checks every outcome.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario behaved as expected", "1:a scenario observed something unexpected",
            "2:usage error (unknown scenario or backend)"})
public final class DemoMain implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenarios to run (default: all). See --list.")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "List the scenarios, one per line, and exit.")
    boolean list;

    @Option(names = "--backends", split = ",", paramLabel = "NAME",
            description = "Backends to compare (default: ${DEFAULT-VALUE}; also jna-interface).")
    List<String> backends = new ArrayList<>(List.of("ffm", "jna"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    DemoMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new DemoMain(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return exit;
    }

    @Override
    public Integer call() {
        List<Scenario> all = Scenarios.all();
        if (list) {
            int width = all.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            all.forEach(s -> out.printf("%-" + width + "s  %s%n", s.name(), s.title()));
            return 0;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            Scenario s = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (s == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + name
                        + "'; known: " + all.stream().map(Scenario::name).toList());
            }
            chosen.add(s);
        }
        if (chosen.isEmpty()) {
            chosen = all;
        }
        for (String b : backends) {
            if (!Customs.BACKENDS.contains(b)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown backend '" + b + "'; known: "
                        + Customs.BACKENDS);
            }
        }
        List<Customs> opened = backends.stream().map(Customs::open).toList();
        List<String> failed = new ArrayList<>();
        for (Scenario s : chosen) {
            out.println();
            out.println("== " + s.name() + ": " + s.title());
            Report report = new Report(out, opened);
            try {
                s.run(report);
            } catch (RuntimeException | Error e) {
                out.println("  XX the scenario itself failed: " + e);
                failed.add(s.name() + ": threw " + e);
                continue;
            }
            report.mismatches().forEach(m -> failed.add(s.name() + ": " + m));
        }
        out.println();
        long bad = chosen.stream().filter(s -> failed.stream().anyMatch(f -> f.startsWith(s.name() + ":"))).count();
        out.println("demo: " + (chosen.size() - bad) + " passed, " + bad + " failed");
        failed.forEach(f -> out.println("  unexpected: " + f));
        return failed.isEmpty() ? 0 : 1;
    }
}
