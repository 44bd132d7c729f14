package dev.customs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Medians over repeated child JVM runs of one cold-start configuration, line by line, in milliseconds. */
public record ColdStartResult(String configuration, int runs, Map<String, Double> medianMillis) {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");

    /** The numeric fields of one JSON line printed by {@link ColdStart} (or added by the parent). */
    static Map<String, Double> parse(String json) {
        Map<String, Double> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            fields.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return fields;
    }

    static ColdStartResult median(String configuration, List<Map<String, Double>> samples) {
        Map<String, Double> medians = new LinkedHashMap<>();
        if (!samples.isEmpty()) {
            for (String key : samples.getFirst().keySet()) {
                List<Double> values = new ArrayList<>();
                samples.forEach(s -> values.add(s.getOrDefault(key, Double.NaN)));
                values.sort(Double::compare);
                medians.put(key, values.get(values.size() / 2));
            }
        }
        return new ColdStartResult(configuration, samples.size(), medians);
    }
}
