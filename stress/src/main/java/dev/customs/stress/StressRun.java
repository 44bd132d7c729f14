package dev.customs.stress;

import dev.customs.api.Customs;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the chosen phases of a plan on each backend in turn, one phase at a time, and prints each phase's table. A
 * phase that throws on a backend (a worker failed, a bound on time ran out) is reported as a failed figure and the
 * run goes on.
 */
public final class StressRun {
    private StressRun() {}

    /** Runs and prints; the report says whether every figure met its bound. */
    public static StressReport run(StressPlan plan, long seed, List<Customs> backends, Set<Phase> phases,
            PrintStream out) {
        StressReport report = new StressReport(out);
        for (Phase phase : Phase.values()) {
            if (!phases.contains(phase)) {
                continue;
            }
            Map<String, List<Figure>> figures = new LinkedHashMap<>();
            for (Customs customs : backends) {
                try {
                    figures.put(customs.backend(), phase.run(customs, plan, phaseSeed(seed, phase)));
                } catch (RuntimeException | Error e) {
                    e.printStackTrace(out);
                    figures.put(customs.backend(), StressReport.failed(e));
                }
            }
            report.phase(phase.title(plan), figures);
        }
        return report;
    }

    /** Each phase its own stream of choices, the same on every backend, all from the one seed printed. */
    static long phaseSeed(long seed, Phase phase) {
        return seed ^ (0x9E3779B97F4A7C15L * (phase.ordinal() + 1));
    }
}
