package dev.customs.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The results as Markdown: headline ratios first, then every measurement, the native floor and cold start. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(String title, String environment, List<Ratio> ratios, List<Measurement> results,
                         Map<String, Double> floor, List<ColdStartResult> coldStart,
                         List<PairedTiming> wholeProcesses, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(environment).append("\n\n");
        if (!results.isEmpty()) {
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
                    md.append("- **").append(r.name()).append("**: ").append(fmt(r.value()))
                            .append(pct(r.relativeError()).isEmpty() ? "" : " ± " + pct(r.relativeError()))
                            .append(" against ≤ ").append(fmt(r.target())).append(" (").append(r.verdict())
                            .append(r.verdict().equals("undecided")
                                    ? ": its ± spans the target, or there is none, so this run cannot tell; run"
                                            + " --full on a quiet machine). If it is a miss: "
                                    : "). ").append(r.why()).append("\n");
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
        }
        if (!floor.isEmpty()) {
            md.append("\n## Native floor (`customs_floor`: the same functions called from C through a function"
                    + " pointer)\n\n| function | ns/call |\n|---|---:|\n");
            new TreeMap<>(floor).forEach((f, ns) -> md.append("| ").append(f).append(" | ").append(fmt(ns))
                    .append(" |\n"));
        }
        if (!coldStart.isEmpty()) {
            md.append("\n## Cold start (median ms over child JVMs)\n\nLinking: `linkDowncallFirst` is the first downcall"
                    + " handle of the process, `linkDowncallLater` one more of a new shape (median of "
                    + ColdStart.LATER + "), the same for upcall stubs; a binding of N functions of distinct shapes"
                    + " costs about first + (N - 1) × later.\n\n| line |");
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
        if (!wholeProcesses.isEmpty()) {
            md.append("\n## Whole process, paired with a hello-world JVM on the same JDK\n\n");
            md.append("Each pair is one hello-world run and one run of the command, back to back, in alternating order;"
                    + " the ratio is the median of the pairs' ratios, and the spread is the lowest and highest of them."
                    + " The targets are for the runs with the AOT cache.\n\n");
            md.append("| command | configuration | pairs | hello-world (ms) | command (ms) | ratio | spread | target"
                    + " | verdict |\n|---|---|---:|---:|---:|---:|---|---:|---|\n");
            for (PairedTiming w : wholeProcesses) {
                md.append("| `").append(w.command()).append("` | ").append(w.configuration()).append(" | ")
                        .append(w.pairs()).append(" | ").append(fmt(w.helloMedian())).append(" | ")
                        .append(fmt(w.commandMedian())).append(" | ").append(fmt(w.ratio())).append("× | ")
                        .append(fmt(w.ratioLowest())).append("–").append(fmt(w.ratioHighest())).append(" | ")
                        .append(w.target() == null ? "" : "≤ " + fmt(w.target()) + "×").append(" | ")
                        .append(w.verdict()).append(" |\n");
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
        if (Double.isNaN(rel)) {
            return "n/a";
        }
        return rel == 0 ? "" : String.format(Locale.ROOT, rel < 0.1 ? "%.1f%%" : "%.0f%%", rel * 100);
    }
}
