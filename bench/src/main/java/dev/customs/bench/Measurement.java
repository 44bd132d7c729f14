package dev.customs.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One benchmark result, named the way the benchmarks are: method {@code GROUP_VARIANT} (e.g. {@code noop_ffmCritical})
 * with optional JMH parameters (e.g. {@code size=16}). {@code error} is JMH's 99.9% confidence half-width (99.95% for
 * a {@link PairedApiBench} ratio, {@link #PAIRED_CONFIDENCE}).
 */
public record Measurement(String group, String variant, String params, double score, double error, String unit) {

    /** The key ratios look results up by: {@code group/variant} plus {@code [params]} when there are any. */
    public String key() {
        return group + "/" + variant + (params.isEmpty() ? "" : "[" + params + "]");
    }

    /** Relative error (error / score), NaN when there is none (a single iteration): a ratio of it decides nothing. */
    public double relativeError() {
        return Double.isNaN(error) || score == 0 ? Double.NaN : error / score;
    }

    /** The unit of a {@link PairedApiBench} result: its score is the API/raw ratio, not a time. */
    static final String PAIRED_UNIT = "api/raw";

    /**
     * The confidence of a {@link PairedApiBench} result's ±. {@code ./customs bench --full} looks at such a ratio up to
     * twice (a second look runs the undecided ones again), so each look is at 99.95%: by Bonferroni's inequality the
     * chance that either look gives a wrong verdict stays within 0.1%, as for a result at 99.9% looked at once.
     */
    static final double PAIRED_CONFIDENCE = 0.9995;

    /** A {@link PairedApiBench} run: each iteration reports its median API/raw ratio as the secondary result. */
    private static boolean isPaired(RunResult run) {
        return run.getSecondaryResults().containsKey("ratio");
    }

    static List<Measurement> from(Collection<RunResult> runs) {
        return pooled(List.of(runs));
    }

    /**
     * One measurement per benchmark and parameters over several runs of it (the interleaved rounds of the headline
     * cases): the mean of every measured iteration of every round, and the 99.9% half-width of that mean, as JMH
     * computes it over forks. A round whose machine was busier widens the error instead of moving one side only. A
     * {@link PairedApiBench} result counts each fork once (the mean of its iterations' ratios): its ± is Student's t
     * over forks, with forks − 1 degrees of freedom, at {@link #PAIRED_CONFIDENCE}.
     */
    static List<Measurement> pooled(List<Collection<RunResult>> rounds) {
        Map<String, ListStatistics> stats = new LinkedHashMap<>();
        Map<String, RunResult> first = new LinkedHashMap<>();
        for (Collection<RunResult> round : rounds) {
            for (RunResult run : round) {
                String key = run.getParams().id();
                first.putIfAbsent(key, run);
                ListStatistics s = stats.computeIfAbsent(key, k -> new ListStatistics());
                boolean paired = isPaired(run);
                for (BenchmarkResult fork : run.getBenchmarkResults()) {
                    // Pairs leave a fork's iterations within a fraction of a percent of each other, while forks
                    // (each its own JIT) differ by more: for them the fork is the sample, or the ± would be a fork's.
                    ListStatistics forkRatios = new ListStatistics();
                    for (IterationResult iteration : fork.getIterationResults()) {
                        if (paired) {
                            forkRatios.addValue(iteration.getSecondaryResults().get("ratio").getScore());
                        } else {
                            s.addValue(iteration.getPrimaryResult().getScore());
                        }
                    }
                    if (paired) {
                        s.addValue(forkRatios.getMean());
                    }
                }
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<String, RunResult> e : first.entrySet()) {
            RunResult run = e.getValue();
            ListStatistics s = stats.get(e.getKey());
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            int cut = method.indexOf('_');
            String group = cut < 0 ? method : method.substring(0, cut);
            String variant = cut < 0 ? "" : method.substring(cut + 1);
            List<String> params = new ArrayList<>();
            for (String key : run.getParams().getParamsKeys()) {
                params.add(key + "=" + run.getParams().getParam(key));
            }
            Result<?> primary = run.getPrimaryResult();
            double error = s.getN() <= 2 ? Double.NaN // JMH gives none below 3
                    : s.getMeanErrorAt(isPaired(run) ? PAIRED_CONFIDENCE : 0.999);
            out.add(new Measurement(group, variant, String.join(",", params), s.getMean(), error,
                    isPaired(run) ? PAIRED_UNIT : primary.getScoreUnit()));
        }
        return out;
    }

    static Map<String, Measurement> byKey(List<Measurement> all) {
        Map<String, Measurement> map = new java.util.LinkedHashMap<>();
        all.forEach(m -> map.put(m.key(), m));
        return map;
    }
}
