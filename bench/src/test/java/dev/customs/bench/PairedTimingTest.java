package dev.customs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the whole-process pairs and their table; no process is timed here. */
class PairedTimingTest {
    @Test
    void ratioIsTheMedianOfThePairsRatiosNotTheRatioOfMedians() {
        // Pair ratios 2, 5, 3: median 3. The ratio of the medians would be 100 / 40 = 2.5.
        PairedTiming t = new PairedTiming("./customs demo --list", "AOT cache", List.of(50.0, 20.0, 40.0),
                List.of(100.0, 100.0, 120.0), 3.0);
        assertEquals(List.of(2.0, 5.0, 3.0), t.ratios());
        assertEquals(3.0, t.ratio());
        assertEquals(2.0, t.ratioLowest());
        assertEquals(5.0, t.ratioHighest());
        assertEquals(40.0, t.helloMedian());
        assertEquals(100.0, t.commandMedian());
        assertEquals("met", t.verdict());
        assertEquals("missed", new PairedTiming("c", "AOT cache", List.of(10.0), List.of(31.0), 3.0).verdict());
        assertEquals("", new PairedTiming("c", "no AOT cache", List.of(10.0), List.of(31.0), null).verdict());
        assertEquals(2.5, PairedTiming.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void unevenPairsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairedTiming("c", "x", List.of(1.0, 2.0), List.of(1.0), null));
        assertThrows(IllegalArgumentException.class, () -> new PairedTiming("c", "x", List.of(), List.of(), null));
    }

    @Test
    void theReportShowsEachCommandWithItsSpreadAndVerdict() {
        PairedTiming with = new PairedTiming("./customs demo calls", "AOT cache", List.of(40.0, 50.0),
                List.of(300.0, 450.0), 10.0);
        PairedTiming without = new PairedTiming("./customs demo calls", "no AOT cache", List.of(40.0), List.of(800.0),
                null);
        String md = MarkdownReport.render("t", "env", List.of(), List.of(), java.util.Map.of(), List.of(),
                List.of(with, without), List.of());
        assertTrue(md.contains("| `./customs demo calls` | AOT cache | 2 | 45.0 | 375 | 8.25× | 7.50–9.00 | ≤ 10.0× | met |"),
                md);
        assertTrue(md.contains("| `./customs demo calls` | no AOT cache | 1 | 40.0 | 800 | 20.0× | 20.0–20.0 |  |  |"),
                md);
        assertTrue(!md.contains("Headline ratios"), "no JMH results, no JMH tables: " + md);
    }

    @Test
    void linkShapesAreAllDifferent() {
        java.util.Set<java.lang.foreign.FunctionDescriptor> shapes = new java.util.HashSet<>();
        for (int i = 0; i <= ColdStart.LATER; i++) {
            shapes.add(ColdStart.shape(i));
        }
        assertEquals(ColdStart.LATER + 1, shapes.size(), shapes::toString);
        assertEquals(2.0, ColdStart.laterMedian(new double[] {100, 3, 1, 2}), "the first is left out");
    }
}
