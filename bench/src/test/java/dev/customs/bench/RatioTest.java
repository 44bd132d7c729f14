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

    static Measurement m(String group, String variant, String params, double score, double error) {
        return new Measurement(group, variant, params, score, error, "ns/op");
    }

    @Test
    void ratiosDivideResultsOfTheSameRunAndJudgeAgainstTheirTargets() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "raw", 10, 0.1), m("add", "api", 10.5, 0.1),
                m("noop", "raw", 10, 0), m("noop", "api", 12, 0), m("noop", "ffmCritical", 6, 0),
                m("noop", "ffm", 10, 0), m("noop", "jnaDirect", 60, 0)));
        List<Ratio> ratios = Ratio.headline(r, Map.of("customs_noop", 1.5));
        Ratio add = find(ratios, "Customs API / raw FFM, add");
        assertEquals(1.05, add.value(), 1e-9);
        assertEquals("met", add.verdict());
        assertEquals("missed", find(ratios, "Customs API / raw FFM, noop").verdict());
        Ratio floor = find(ratios, "FFM critical(false) noop / native floor");
        assertEquals(4.0, floor.value(), 1e-9);
        assertEquals("missed", floor.verdict());
        assertEquals(1.0 / 6, find(ratios, "FFM / JNA direct, noop").value(), 1e-9);
        assertTrue(ratios.stream().noneMatch(x -> x.name().startsWith("guarded")), "no upcall results, no ratio");
    }

    @Test
    void aTargetedApiRatioComesFromItsPairsWhenTheRunHasThem() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "raw", 10, 3), m("add", "api", 10.5, 3),
                new Measurement("add", "paired", "", 1.02, 0.01, Measurement.PAIRED_UNIT),
                m("sum", "raw", "size=16", 10, 0), m("sum", "api", "size=16", 30, 0),
                new Measurement("sum", "paired", "size=16", 1.3, 0.01, Measurement.PAIRED_UNIT)));
        List<Ratio> ratios = Ratio.headline(r, Map.of());
        Ratio add = find(ratios, "Customs API / raw FFM, add");
        assertEquals(1.02, add.value(), 1e-9, "the paired median, not 10.5 / 10");
        assertEquals(0.01 / 1.02, add.relativeError(), 1e-9, "the pairs' own ±, not the two means' in quadrature");
        assertEquals("met", add.verdict());
        Ratio sum = find(ratios, "Customs API / raw FFM, sum, 16 B");
        assertEquals(1.3, sum.value(), 1e-9, "matched by its parameters too");
        assertEquals("missed", sum.verdict());
    }

    @Test
    void everyTargetedApiMethodIsPairedWithItsRawTwin() throws Exception {
        for (String method : Ratio.targetedApiMethods()) {
            Class<?>[] sides = benchmark(ApiBench.class, method + "_api").getParameterTypes();
            assertEquals(List.of(sides), List.of(benchmark(ApiBench.class, method + "_raw").getParameterTypes()),
                    method + ": both sides take the same state");
            List<Class<?>> paired = new java.util.ArrayList<>(List.of(ApiBench.class));
            paired.addAll(List.of(sides));
            paired.addAll(List.of(PairedApiBench.Pairs.class, org.openjdk.jmh.infra.Control.class,
                    org.openjdk.jmh.infra.Blackhole.class));
            assertEquals(paired, List.of(benchmark(PairedApiBench.class, method + "_paired").getParameterTypes()),
                    method);
            assertTrue(("dev.customs.bench.PairedApiBench." + method + "_paired").matches(BenchMain.HEADLINE),
                    method + " runs in the headline rounds");
            assertTrue(!("dev.customs.bench.ApiBench." + method + "_api").matches(BenchMain.HEADLINE),
                    method + ": ApiBench's means run once, beside the pairs");
        }
    }

    private static java.lang.reflect.Method benchmark(Class<?> bench, String name) {
        return java.util.Arrays.stream(bench.getMethods())
                .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(
                        org.openjdk.jmh.annotations.Benchmark.class))
                .findFirst().orElseThrow(() -> new AssertionError(bench.getSimpleName() + " has no benchmark " + name));
    }

    @Test
    void theMedianOfAnIterationsPairs() {
        assertEquals(2.0, PairedApiBench.Pairs.median(new double[] {9, 1, 2}), 1e-12);
        assertEquals(1.5, PairedApiBench.Pairs.median(new double[] {2, 1, 9, 1}), 1e-12);
    }

    @Test
    void everyApiMethodThatCallsCHasARatioAndTheTargetOfItsKind() {
        Map<String, Measurement> r = new java.util.LinkedHashMap<>();
        for (String method : List.of("add", "noop", "liveAllocations", "statusName", "statusMessage",
                "libraryVersion", "parseRecord", "forEach", "runThreads", "startAsync", "makeSample", "score", "scale",
                "greetInto", "greet", "toUpper", "fileSize", "describeStruct", "attachSink", "allocate")) {
            r.putAll(Measurement.byKey(List.of(m(method, "api", 10, 0), m(method, "raw", 10, 0))));
        }
        for (String method : List.of("crc32Array", "crc32Buffer", "transformArray", "transformBuffer", "sum")) {
            for (String size : List.of("16", "256")) {
                r.putAll(Measurement.byKey(List.of(m(method, "api", "size=" + size, 10, 0),
                        m(method, "raw", "size=" + size, 10, 0))));
            }
        }
        List<Ratio> ratios = Ratio.headline(r, Map.of());
        assertEquals(30, ratios.stream().filter(x -> x.name().startsWith("Customs API / raw FFM, ")).count(), ratios
                .toString());
        assertEquals(1.10, find(ratios, "Customs API / raw FFM, add").target());
        assertEquals(1.20, find(ratios, "Customs API / raw FFM, crc32Array, 256 B").target());
        assertEquals(1.20, find(ratios, "Customs API / raw FFM, forEach").target());
        assertEquals(1.20, find(ratios, "Customs API / raw FFM, score").target());
        assertEquals(null, find(ratios, "Customs API / raw FFM, greet").target());
        assertEquals("", find(ratios, "Customs API / raw FFM, greet").verdict());
    }

    @Test
    void aRatioUnderItsTargetByLessThanItsErrorIsUndecidedNotMet() {
        // 1.08 against <= 1.10, with a relative error of about 4.2 %: 1.08 + 0.045 straddles the target.
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "raw", 10, 0.3), m("add", "api", 10.8,
                0.32)));
        Ratio add = find(Ratio.headline(r, Map.of()), "Customs API / raw FFM, add");
        assertEquals(1.08, add.value(), 1e-9);
        assertEquals("undecided", add.verdict(), add.toString());
    }

    @Test
    void aRatioOverItsTargetByLessThanItsErrorIsUndecidedNotMissed() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "raw", 10, 1), m("add", "api", 11.5,
                1.5)));
        Ratio add = find(Ratio.headline(r, Map.of()), "Customs API / raw FFM, add");
        assertEquals("undecided", add.verdict(), add.toString());
    }

    @Test
    void aRatioWithoutAnErrorDecidesNothing() {
        // A single iteration: JMH gives no error (NaN), so even a ratio far under its target is undecided.
        Map<String, Measurement> r = Measurement.byKey(List.of(m("add", "raw", 10, Double.NaN), m("add", "api", 10,
                Double.NaN)));
        Ratio add = find(Ratio.headline(r, Map.of()), "Customs API / raw FFM, add");
        assertTrue(Double.isNaN(add.relativeError()));
        assertEquals("undecided", add.verdict());
    }

    @Test
    void decidedOnlyWhenTheWholeIntervalIsOnOneSide() {
        assertEquals("met", new Ratio("r", "a", "b", 1.0, 0.099, 1.10, "").verdict());
        assertEquals("undecided", new Ratio("r", "a", "b", 1.0, 0.11, 1.10, "").verdict());
        assertEquals("missed", new Ratio("r", "a", "b", 1.3, 0.10, 1.10, "").verdict());
        assertEquals("undecided", new Ratio("r", "a", "b", 1.3, 0.16, 1.10, "").verdict());
        assertEquals("", new Ratio("r", "a", "b", 9.0, 0.01, null, "").verdict());
    }

    @Test
    void reportListsTargetsNotMetWithTheirReason() {
        Map<String, Measurement> r = Measurement.byKey(List.of(m("noop", "raw", 10, 0), m("noop", "api", 20,
                0)));
        List<Ratio> ratios = Ratio.headline(r, Map.of());
        String md = MarkdownReport.render("t", "env", ratios, List.copyOf(r.values()), Map.of(), List.of(), List.of(),
                List.of());
        assertTrue(md.contains("| Customs API / raw FFM, noop | 2.00 |  | ≤ 1.10 | missed |"), md);
        assertTrue(md.contains("### Targets not met, and why"), md);
    }

    static Ratio find(List<Ratio> ratios, String name) {
        return ratios.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + ratios));
    }

    @Test
    void theSecondLookTakesExactlyTheTargetedApiRatiosThatAreStillUndecided() {
        String pkg = PairedApiBench.class.getName() + ".";
        List<String> headline = List.of(pkg + "noop_paired", pkg + "add_paired", pkg + "makeSample_paired",
                pkg + "crc32Array_paired", pkg + "score_paired");
        List<Measurement> firstLook = List.of(
                paired("noop", "", 1.09, 0.03), // 1.06 to 1.12 against <= 1.10: undecided
                paired("add", "", 1.00, 0.01), // met
                paired("makeSample", "", 1.30, 0.01), // missed: decided, not looked at again
                paired("crc32Array", "size=16", 1.19, 0.05), // undecided at 16 B
                paired("crc32Array", "size=256", 1.19, 0.05), // and at 256 B: the benchmark is named once
                paired("greet", "", 1.50, 0.50), // no target: nothing to decide
                paired("sum", "size=16", 1.19, 0.05)); // undecided, but not among this run's headline benchmarks
        assertEquals(List.of(pkg + "noop_paired", pkg + "crc32Array_paired"), BenchMain.secondLook(firstLook, headline));
        assertEquals(List.of(), BenchMain.secondLook(List.of(paired("noop", "", 1.02, 0.01)), headline));
    }

    static Measurement paired(String group, String params, double ratio, double error) {
        return new Measurement(group, "paired", params, ratio, error, Measurement.PAIRED_UNIT);
    }
}
