package dev.customs.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark result, named the way the benchmarks are: method {@code GROUP_VARIANT} (e.g. {@code noop_ffmCritical})
 * with optional JMH parameters (e.g. {@code size=16}). {@code error} is JMH's 99.9% confidence half-width.
 */
public record Measurement(String group, String variant, String params, double score, double error, String unit) {

    /** The key ratios look results up by: {@code group/variant} plus {@code [params]} when there are any. */
    public String key() {
        return group + "/" + variant + (params.isEmpty() ? "" : "[" + params + "]");
    }

    /** Relative error (error / score), 0 when JMH could not compute one (a single iteration). */
    public double relativeError() {
        return Double.isNaN(error) || score == 0 ? 0 : error / score;
    }

    static List<Measurement> from(Collection<RunResult> runs) {
        List<Measurement> out = new ArrayList<>();
        for (RunResult run : runs) {
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
            out.add(new Measurement(group, variant, String.join(",", params), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit()));
        }
        return out;
    }

    static Map<String, Measurement> byKey(List<Measurement> all) {
        Map<String, Measurement> map = new java.util.LinkedHashMap<>();
        all.forEach(m -> map.put(m.key(), m));
        return map;
    }
}
