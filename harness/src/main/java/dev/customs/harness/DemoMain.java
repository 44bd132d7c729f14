package dev.customs.harness;

import dev.customs.api.Customs;
import dev.customs.checked.CheckedMode;
import dev.customs.harness.scenarios.UnderCheckedMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./customs demo}: runs scenarios at the Java/C border on every backend side by side. Each scenario is also a
 * check: the exit code is 1 when any observed behaviour differs from the expected one, 2 for a usage error.
 *
 * <p>The command line is parsed by hand: picocli's classes are compiled for Java 5, so JDK 25's AOT cache cannot keep
 * them linked, and loading and verifying them took more than half of {@code ./customs demo --list} (bench/README.md,
 * "Cold start"). Nothing here touches native code before a scenario runs: {@code --list} and usage errors load neither
 * libcustoms nor JNA, and only the backends asked for are opened.
 */
public final class DemoMain {
    static final String USAGE = """
            Usage: customs demo [--list] [--checked] [--backends NAME[,NAME...]] [SCENARIO...]
            Runs the Customs interop scenarios on FFM and JNA side by side and checks every outcome.
                  [SCENARIO...]            Scenarios to run (default: all). See --list.
                  --list                   List the scenarios, one per line, and exit.
                  --checked                Run the fatal scenarios in this JVM under checked mode (needs the
                                           checked-mode agent, which ./customs demo --checked adds), then any
                                           scenarios named.
                  --backends NAME[,NAME...]
                                           Backends to compare (default: ffm,jna; also jna-interface).
              -h, --help                   Show this help message and exit.

            Exit codes:
              0   every scenario behaved as expected
              1   a scenario observed something unexpected
              2   usage error (unknown option, scenario or backend)
            """;

    /** A command line that cannot be run; its message is printed with the usage, and the exit code is 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** What the command line asked for. */
    record Options(boolean help, boolean list, boolean checked, List<String> backends, List<String> names) {
        static Options parse(String... args) {
            boolean help = false;
            boolean list = false;
            boolean checked = false;
            List<String> backends = null;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    help = true;
                } else if (a.equals("--list")) {
                    list = true;
                } else if (a.equals("--checked")) {
                    checked = true;
                } else if (a.equals("--backends") || a.startsWith("--backends=")) {
                    String value = a.contains("=") ? a.substring(a.indexOf('=') + 1)
                            : ++i < args.length ? args[i] : null;
                    if (value == null || value.isEmpty()) {
                        throw new UsageException("--backends needs a value, e.g. --backends ffm,jna");
                    }
                    backends = backends == null ? new ArrayList<>() : backends;
                    backends.addAll(Arrays.asList(value.split(",")));
                } else if (a.startsWith("-")) {
                    throw new UsageException("Unknown option: '" + a + "'");
                } else {
                    names.add(a);
                }
            }
            return new Options(help, list, checked, backends == null ? List.of("ffm", "jna") : List.copyOf(backends),
                    List.copyOf(names));
        }
    }

    private final PrintStream out;

    DemoMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        AotCacheNote.printIfRefused(System.err);
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                out.print(USAGE);
                return 0;
            }
            return new DemoMain(out).call(options);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    int call(Options options) {
        List<Scenario> all = Scenarios.all();
        if (options.list()) {
            int width = all.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            all.forEach(s -> out.printf("%-" + width + "s  %s%n", s.name(), s.title()));
            return 0;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : options.names()) {
            Scenario s = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (s == null) {
                throw new UsageException("unknown scenario '" + name + "'; known: "
                        + all.stream().map(Scenario::name).toList());
            }
            chosen.add(s);
        }
        if (options.checked()) {
            if (!CheckedMode.active()) {
                throw new UsageException("--checked needs the checked-mode agent in this JVM: run ./customs demo"
                        + " --checked, which adds -javaagent:checked/target/customs-checked.jar");
            }
            chosen.addFirst(new UnderCheckedMode());
        } else if (chosen.isEmpty()) {
            chosen = all;
        }
        for (String b : options.backends()) {
            if (!Customs.BACKENDS.contains(b)) {
                throw new UsageException("unknown backend '" + b + "'; known: " + Customs.BACKENDS);
            }
        }
        List<Customs> opened = options.backends().stream().map(Customs::open).toList();
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
