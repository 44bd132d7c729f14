package dev.customs.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The results as Markdown: headline ratios first, then every measurement, the native floor and cold start. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(String title, String environment, List<Ratio> ratios, List<Measurement> results,
                         Map<String, Double> floor, List<ColdStartResult> coldStart, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(environment).append("\n\n");
        md.append("## Headline ratios (all from this run)\n\n");
        md.append("| ratio | value | ± | target | verdict |\n|---|---:|---:|---:|---|\n");
        for (Ratio r : ratios) {
            md.append("| ").append(r.name()).append(" | ").append(fmt(r.value())).append(" | ")
                    .append(pct(r.relativeError())).append(" | ")
                    .append(r.target() == null ? "" : "≤ " + fmt(r.target())).append(" | ")
                    .append(r.verdict()).append(" |\n");
        }
        List<Ratio> missed = ratios.stream().filter(r -> !r.verdict().equals("met") && r.target() != null).toList();
        if (!missed.isEmpty()) {
            md.append("\n### Targets not met, and why\n\n");
            for (Ratio r : missed) {
                md.append("- **").append(r.name()).append("**: ").append(fmt(r.value())).append(" against ≤ ")
                        .append(fmt(r.target())).append(" (").append(r.verdict()).append("). ").append(r.why())
                        .append("\n");
            }
        }
        md.append("\n## All results\n\n");
        md.append("| case | variant | params | score | ± (99.9%) | unit |\n|---|---|---|---:|---:|---|\n");
        for (Measurement m : results) {
            md.append("| ").append(m.group()).append(" | ").append(m.variant()).append(" | ").append(m.params())
                    .append(" | ").append(fmt(m.score())).append(" | ")
                    .append(Double.isNaN(m.error()) ? "" : fmt(m.error())).append(" | ").append(m.unit())
                    .append(" |\n");
        }
        if (!floor.isEmpty()) {
            md.append("\n## Native floor (`customs_floor`: the same functions called from C through a function"
                    + " pointer)\n\n| function | ns/call |\n|---|---:|\n");
            new TreeMap<>(floor).forEach((f, ns) -> md.append("| ").append(f).append(" | ").append(fmt(ns))
                    .append(" |\n"));
        }
        if (!coldStart.isEmpty()) {
            md.append("\n## Cold start (median ms over child JVMs)\n\n| line |");
            coldStart.forEach(c -> md.append(" ").append(c.configuration()).append(" (").append(c.runs())
                    .append(" runs) |"));
            md.append("\n|---|").append("---:|".repeat(coldStart.size())).append("\n");
            for (String line : coldStart.getFirst().medianMillis().keySet()) {
                md.append("| ").append(line).append(" |");
                coldStart.forEach(c -> md.append(" ").append(fmt(c.medianMillis().getOrDefault(line, Double.NaN)))
                        .append(" |"));
                md.append("\n");
            }
        }
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n\n"));
        }
        return md.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 || a == 0 ? "%.2f" : "%.2g", v);
    }

    private static String pct(double rel) {
        return rel == 0 ? "" : String.format(Locale.ROOT, "%.0f%%", rel * 100);
    }
}
