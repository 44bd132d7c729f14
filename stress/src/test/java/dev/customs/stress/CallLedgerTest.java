package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ledger sees every way a stream of upcalls can go wrong. */
class CallLedgerTest {
    /** What a ledger counted. */
    record Counts(long recorded, long lost, long duplicated, long outOfOrder, long outsideTheRun) {}

    /** A ledger for {@code threads × calls} that received {@code arrivals}, given as (thread, call) pairs in order. */
    static Counts after(int threads, int calls, int... arrivals) {
        CallLedger ledger = new CallLedger(threads, calls);
        for (int i = 0; i < arrivals.length; i += 2) {
            ledger.record(arrivals[i], arrivals[i + 1]);
        }
        return new Counts(ledger.recorded(), ledger.lost(), ledger.duplicated(), ledger.outOfOrder(),
                ledger.outsideTheRun());
    }

    @Test
    void aCompleteRunInOrderIsCleanHoweverItsThreadsInterleave() {
        assertEquals(new Counts(6, 0, 0, 0, 0), after(2, 3, 0, 0, 1, 0, 1, 1, 0, 1, 0, 2, 1, 2));
    }

    @Test
    void aMissingCallIsLostAndBreaksItsThreadsOrder() {
        assertEquals(new Counts(5, 1, 0, 1, 0), after(2, 3, 0, 0, 0, 2, 1, 0, 1, 1, 1, 2));
    }

    @Test
    void aRepeatedCallIsDuplicatedAndOutOfOrderEachTime() {
        assertEquals(new Counts(5, 0, 2, 2, 0), after(1, 3, 0, 0, 0, 1, 0, 1, 0, 1, 0, 2));
    }

    @Test
    void callsOutsideTheRunAreCountedAndFillNothing() {
        assertEquals(new Counts(3, 4, 0, 0, 3), after(2, 2, 2, 0, 0, 2, -1, 0));
    }

    @Test
    void lostIsExactAcrossWordBoundaries() {
        CallLedger ledger = new CallLedger(3, 100);
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 100; c++) {
                if (t != 1 || c != 63 && c != 64) {
                    ledger.record(t, c);
                }
            }
        }
        assertEquals(2, ledger.lost());
        assertEquals(1, ledger.outOfOrder());
    }

    @Test
    void negativeSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CallLedger(-1, 5));
        assertTrue(e.getMessage().contains("must be >= 0"), e.getMessage());
    }
}
