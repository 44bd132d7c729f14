package dev.customs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and verdicts of the report, on fixed inputs (no timing here: speed lives in the benchmarks). */
class RatioTest {
    static Measurement m(String group, String variant, double score, double error) {
        return new Measurement(group, variant, "", score, error, "ns/op");
    }

    @Test
    void ratiosDivideResultsOfTheSameRunAndJudgeAgainstTheirTargets() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "ffm", 10, 0.1), m("add", "customsApi", 10.5,
                0.1), m("noop", "ffm", 10, 0), m("noop", "customsApi", 12, 0), m("noop", "ffmCritical", 6, 0),
                m("noop", "jnaDirect", 60, 0)));
        List<Ratio> ratios = Ratio.headline(r, Map.of("customs_noop", 1.5));
        Ratio add = find(ratios, "Customs API / raw FFM handle, add");
        assertEquals(1.05, add.value(), 1e-9);
        assertEquals("met", add.verdict());
        assertEquals("missed", find(ratios, "Customs API / raw FFM handle, noop").verdict());
        Ratio floor = find(ratios, "FFM critical(false) noop / native floor");
        assertEquals(4.0, floor.value(), 1e-9);
        assertEquals("missed", floor.verdict());
        assertEquals(1.0 / 6, find(ratios, "FFM / JNA direct, noop").value(), 1e-9);
        assertTrue(ratios.stream().noneMatch(x -> x.name().startsWith("guarded")), "no upcall results, no ratio");
    }

    @Test
    void overTheTargetByLessThanTheErrorIsWithinNoise() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "ffm", 10, 1), m("add", "customsApi", 11.5,
                1.5)));
        Ratio add = find(Ratio.headline(r, Map.of()), "Customs API / raw FFM handle, add");
        assertEquals("within noise", add.verdict(), add.toString());
    }

    @Test
    void reportListsMissedTargetsWithTheirReason() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("noop", "ffm", 10, 0), m("noop", "customsApi", 20,
                0)));
        List<Ratio> ratios = Ratio.headline(r, Map.of());
        String md = MarkdownReport.render("t", "env", ratios, List.copyOf(r.values()), Map.of(), List.of(), List.of(),
                List.of());
        assertTrue(md.contains("| Customs API / raw FFM handle, noop | 2.00 |  | ≤ 1.10 | missed |"), md);
        assertTrue(md.contains("### Targets not met, and why"), md);
    }

    static Ratio find(List<Ratio> ratios, String name) {
        return ratios.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + ratios));
    }
}
