package dev.customs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One command timed as a whole process in pairs with a hello-world JVM on the same JDK ({@link HelloWorld}): pair
 * {@code i} is one run of each, back to back, in alternating order, so a pair sees the same machine load and the
 * ratio of the two cancels most of it.
 *
 * @param command       what was run, e.g. {@code ./customs demo --list}
 * @param configuration e.g. "AOT cache" or "no AOT cache"
 * @param helloMillis   the hello-world run of each pair
 * @param commandMillis the command's run of each pair
 * @param target        the most the median ratio may be, or null for figures kept for comparison
 */
public record PairedTiming(String command, String configuration, List<Double> helloMillis, List<Double> commandMillis,
                           Double target) {
    public PairedTiming {
        if (helloMillis.size() != commandMillis.size() || helloMillis.isEmpty()) {
            throw new IllegalArgumentException("pairs need as many hello-world runs as command runs, at least one");
        }
        helloMillis = List.copyOf(helloMillis);
        commandMillis = List.copyOf(commandMillis);
    }

    public int pairs() {
        return helloMillis.size();
    }

    /** Each pair's command time over its hello-world time, in pair order. */
    public List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < pairs(); i++) {
            ratios.add(commandMillis.get(i) / helloMillis.get(i));
        }
        return ratios;
    }

    public double helloMedian() {
        return median(helloMillis);
    }

    public double commandMedian() {
        return median(commandMillis);
    }

    /** The median of the pairs' ratios: the figure the targets are about. */
    public double ratio() {
        return median(ratios());
    }

    public double ratioLowest() {
        return ratios().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double ratioHighest() {
        return ratios().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** "met", "missed", or "" without a target. */
    public String verdict() {
        return target == null ? "" : ratio() <= target ? "met" : "missed";
    }

    /** The middle value; the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
