package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Faults are a function of (seed, thread, call): replayable, and as frequent as asked. */
class FaultPlanTest {
    static BitSet decisions(FaultPlan plan) {
        BitSet set = new BitSet();
        for (int t = 0; t < 100; t++) {
            for (int c = 0; c < 1000; c++) {
                set.set(t * 1000 + c, plan.throwsAt(t, c));
            }
        }
        return set;
    }

    @Test
    void theSameSeedChoosesTheSameCallsAndAnotherSeedOthers() {
        assertEquals(decisions(new FaultPlan(42, 0.05)), decisions(new FaultPlan(42, 0.05)));
        assertNotEquals(decisions(new FaultPlan(42, 0.05)), decisions(new FaultPlan(43, 0.05)));
    }

    @Test
    void theFractionIsWhatWasAskedWithinFiveStandardDeviations() {
        for (double rate : new double[] {0.001, 0.01, 0.2, 0.5}) {
            long n = 100L * 10_000;
            long planned = new FaultPlan(7, rate).planned(100, 10_000);
            double sigma = Math.sqrt(n * rate * (1 - rate));
            assertTrue(Math.abs(planned - n * rate) < 5 * sigma, rate + ": " + planned + " of " + n);
        }
    }

    @Test
    void noneAndAllAreExact() {
        assertEquals(0, FaultPlan.none(1).planned(50, 100));
        assertEquals(5000, new FaultPlan(1, 1).planned(50, 100));
        assertFalse(new FaultPlan(1, 0).throwsAt(0, 0));
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, 1.5));
        assertEquals("fault rate must be within [0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1, Double.NaN));
    }
}
