package dev.customs.stress;

import dev.customs.api.Customs;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./customs stress}: upcalls counted on both sides, faults injected and accounted for, memory closed under its
 * users, and a long mixed run followed by leak checks, on each backend; it prints every figure with its bound and
 * exits 1 when any figure breaks its bound. See stress/README.md.
 */
@Command(name = "customs stress", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stress the boundary on FFM and JNA and check every figure against its bound.")
public final class StressMain implements Callable<Integer> {
    @Option(names = "--long", description = "The long run: 10x the upcalls and mixed calls, 120 s of closing.")
    boolean longRun;

    @Option(names = "--reduced", description = "The run ./customs test makes (about half a minute).")
    boolean reduced;

    @Option(names = "--seed", paramLabel = "N", description = "Replay a run: every random choice comes from this seed"
            + " (default: a new one, printed).")
    Long seed;

    @Option(names = "--backends", split = ",", paramLabel = "NAME[,NAME]", description = "Backends, in order"
            + " (default: ffm,jna; also jna-interface).")
    List<String> backends = List.of("ffm", "jna");

    @Option(names = "--phases", split = ",", paramLabel = "PHASE[,PHASE]", description = "Phases to run (default:"
            + " all): upcalls, faults, close, mixed.")
    List<Phase> phases;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads of the upcall phases.")
    Integer threads;

    @Option(names = "--calls", paramLabel = "N", description = "Upcalls per native thread.")
    Integer calls;

    @Option(names = "--fault-rate", paramLabel = "F", description = "Fraction of upcalls that throw, 0 to 1.")
    Double faultRate;

    @Option(names = "--close-seconds", paramLabel = "S", description = "Duration of the concurrent-close phase.")
    Integer closeSeconds;

    @Option(names = "--ops", paramLabel = "N", description = "libcustoms calls of the mixed run, per backend.")
    Long ops;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    StressMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out).execute(args));
    }

    /** The command line, with phases named in any case. */
    static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new StressMain(out)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        StressPlan plan = plan();
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        EnumSet<Phase> chosen = phases == null ? EnumSet.allOf(Phase.class) : EnumSet.copyOf(phases);
        List<Customs> opened = new ArrayList<>();
        for (String backend : backends) {
            if (!Customs.BACKENDS.contains(backend)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown backend '" + backend
                        + "': expected one of " + Customs.BACKENDS);
            }
            opened.add(Customs.open(backend));
        }
        out.println("stress: " + plan.describe());
        out.println("stress: seed " + runSeed + " (replay: ./customs stress --seed " + runSeed + replayOptions() + ")");
        out.println("stress: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vm.info") + "), " + Runtime.getRuntime().availableProcessors()
                + " CPUs, collectors " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList() + "; library " + opened.getFirst().libraryPath());
        if (NativeMemory.read().isEmpty()) {
            out.println("stress: NMT is off in this JVM: start it with -XX:NativeMemoryTracking=summary (./customs"
                    + " stress does); the native-memory figure will fail");
        }
        out.println();
        long start = System.nanoTime();
        StressReport report = StressRun.run(plan, runSeed, opened, chosen, out);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        String time = String.format(Locale.ROOT, "%dm %02ds", wall.toMinutes(), wall.toSecondsPart());
        if (report.ok()) {
            out.println("stress: all " + report.figures() + " figures within their bounds; wall time " + time);
            return 0;
        }
        out.println("stress: " + report.outOfBounds().size() + " of " + report.figures()
                + " figures out of bounds; wall time " + time + "; seed " + runSeed);
        report.outOfBounds().forEach(f -> out.println("  " + f));
        return 1;
    }

    private StressPlan plan() {
        if (longRun && reduced) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--long and --reduced exclude each other");
        }
        StressPlan p = longRun ? StressPlan.longRun() : reduced ? StressPlan.reduced() : StressPlan.quick();
        return new StressPlan(p.name(), threads != null ? threads : p.threads(),
                calls != null ? calls : p.callsPerThread(), faultRate != null ? faultRate : p.faultRate(),
                p.accessors(), p.closers(), p.regionsPerRound(),
                closeSeconds != null ? Duration.ofSeconds(closeSeconds) : p.closeTime(),
                ops != null ? ops : p.mixedCalls(), Math.min(p.warmupCalls(), ops != null ? ops : p.mixedCalls()),
                p.workers(), p.timeout());
    }

    private String replayOptions() {
        StringBuilder s = new StringBuilder();
        s.append(longRun ? " --long" : reduced ? " --reduced" : "");
        s.append(" --backends ").append(String.join(",", backends));
        if (phases != null) {
            s.append(" --phases ").append(String.join(",", phases.stream().map(Phase::cliName).toList()));
        }
        if (threads != null) {
            s.append(" --threads ").append(threads);
        }
        if (calls != null) {
            s.append(" --calls ").append(calls);
        }
        if (faultRate != null) {
            s.append(" --fault-rate ").append(faultRate);
        }
        if (closeSeconds != null) {
            s.append(" --close-seconds ").append(closeSeconds);
        }
        if (ops != null) {
            s.append(" --ops ").append(ops);
        }
        return s.toString();
    }
}
