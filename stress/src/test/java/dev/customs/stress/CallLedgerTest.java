package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ledger sees every way a stream of upcalls can go wrong. */
class CallLedgerTest {
    /** Every call of 3 threads × 4, each thread in order, interleaved. */
    static void recordAll(CallLedger ledger) {
        for (int c = 0; c < 4; c++) {
            for (int t = 0; t < 3; t++) {
                ledger.record(t, c);
            }
        }
    }

    @Test
    void aCompleteRunInOrderIsClean() {
        CallLedger ledger = new CallLedger(3, 4);
        recordAll(ledger);
        assertEquals(12, ledger.recorded());
        assertEquals(0, ledger.lost());
        assertEquals(0, ledger.duplicated());
        assertEquals(0, ledger.outOfOrder());
        assertEquals(0, ledger.outsideTheRun());
    }

    @Test
    void aMissingCallIsLostAndBreaksItsThreadsOrder() {
        CallLedger ledger = new CallLedger(2, 3);
        ledger.record(0, 0);
        ledger.record(0, 2);
        ledger.record(1, 0);
        ledger.record(1, 1);
        ledger.record(1, 2);
        assertEquals(1, ledger.lost());
        assertEquals(1, ledger.outOfOrder());
        assertEquals(0, ledger.duplicated());
    }

    @Test
    void aRepeatedCallIsDuplicatedAndOutOfOrder() {
        CallLedger ledger = new CallLedger(1, 3);
        ledger.record(0, 0);
        ledger.record(0, 1);
        ledger.record(0, 1);
        ledger.record(0, 1);
        ledger.record(0, 2);
        assertEquals(5, ledger.recorded());
        assertEquals(2, ledger.duplicated());
        assertEquals(2, ledger.outOfOrder());
        assertEquals(0, ledger.lost());
    }

    @Test
    void callsOutsideTheRunAreCountedNotRecorded() {
        CallLedger ledger = new CallLedger(2, 2);
        ledger.record(2, 0);
        ledger.record(0, 2);
        ledger.record(-1, 0);
        assertEquals(3, ledger.outsideTheRun());
        assertEquals(4, ledger.lost());
    }

    @Test
    void lostIsExactAcrossWordBoundaries() {
        CallLedger ledger = new CallLedger(3, 100);
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 100; c++) {
                if (c != 63 && c != 64 || t != 1) {
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
