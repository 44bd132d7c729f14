package dev.customs.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Charts of the results, drawn with XChart and written as PNG. */
final class Charts {
    private Charts() {}

    /**
     * ns/op per case (x axis), one bar per variant, on a log scale; cases with JMH parameters (array sizes) are left to
     * {@link #bySize}. Returns the file name written, or null when there is nothing to draw.
     */
    static String perCall(List<Measurement> results, Map<String, Double> floor, Path dir) throws IOException {
        List<Measurement> plain = results.stream().filter(m -> m.params().isEmpty() && m.unit().equals("ns/op"))
                .toList();
        if (plain.isEmpty()) {
            return null;
        }
        Set<String> groups = new LinkedHashSet<>();
        Set<String> variants = new LinkedHashSet<>();
        plain.forEach(m -> {
            groups.add(m.group());
            variants.add(m.variant());
        });
        // Every Customs method has a case of its own: the chart widens with them instead of squeezing the bars.
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(1400, 70 * groups.size())).height(700)
                .title("Cost per call (ns, log scale; lower is better)").xAxisTitle("case").yAxisTitle("ns/op")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1); // bars start at the axis minimum; a log axis cannot start at 0
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> x = new ArrayList<>(groups);
        for (String variant : variants) {
            List<Double> y = new ArrayList<>();
            for (String group : x) {
                y.add(plain.stream().filter(m -> m.group().equals(group) && m.variant().equals(variant))
                        .map(m -> Math.max(m.score(), 0.01)).findFirst().orElse(null));
            }
            chart.addSeries(variant, x, y);
        }
        if (floor.containsKey("customs_noop") && x.contains("noop")) {
            List<Double> y = new ArrayList<>();
            for (String group : x) {
                y.add(group.equals("noop") ? floor.get("customs_noop")
                        : group.equals("add") ? floor.get("customs_add") : null);
            }
            // Black: XChart's palette repeats after a dozen series, and the floor must not look like one of them.
            chart.addSeries("native floor (C)", x, y).setFillColor(java.awt.Color.BLACK);
        }
        String name = "chart-per-call.png";
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name;
    }

    /** ns/op against the {@code size} parameter, one line per variant, for groups measured by array size. */
    static String bySize(List<Measurement> results, String group, Path dir) throws IOException {
        List<Measurement> sized = results.stream().filter(m -> m.group().equals(group) && m.params().startsWith(
                "size=")).toList();
        if (sized.isEmpty()) {
            return null;
        }
        Set<String> sizes = new LinkedHashSet<>();
        Set<String> variants = new LinkedHashSet<>();
        sized.forEach(m -> {
            sizes.add(m.params().substring(5));
            variants.add(m.variant());
        });
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700)
                .title(group + ": ns per call by array size (log scale; lower is better)").xAxisTitle("bytes")
                .yAxisTitle("ns/op").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1); // bars start at the axis minimum; a log axis cannot start at 0
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> x = new ArrayList<>(sizes);
        for (String variant : variants) {
            List<Double> y = new ArrayList<>();
            for (String size : x) {
                y.add(sized.stream().filter(m -> m.variant().equals(variant) && m.params().equals("size=" + size))
                        .map(m -> Math.max(m.score(), 0.01)).findFirst().orElse(null));
            }
            chart.addSeries(variant, x, y);
        }
        String name = "chart-" + group + "-by-size.png";
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name;
    }
}
