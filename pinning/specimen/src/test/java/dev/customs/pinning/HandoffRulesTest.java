package dev.customs.pinning;

import dev.customs.pinning.specimen.CustomsFunctions;
import dev.customs.jna.JnaHandoffs;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules, enforced: a heap segment only for a function linked critical; never for one that may call back or
 * retains the pointer; no per-call memory at all for one that retains it; no critical link for one that calls back.
 * Each refusal is an {@code IllegalArgumentException} naming the function and the rule.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class HandoffRulesTest {
    static final byte[] DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);
    static final int DIGITS_CRC = 0xCBF43926;

    static String rule(String rule) {
        return "(rule: \"" + rule + "\")";
    }

    @Test
    void criticalHandleTakesAHeapSegment() throws Throwable {
        MemorySegment heap = MemorySegment.ofArray(DIGITS);
        assertEquals(DIGITS_CRC, (int) CustomsFunctions.CRC32_CRITICAL.handle().invokeExact(0, heap, 9L));
    }

    @Test
    void heapSegmentToANonCriticalHandleIsRefusedNamingTheRule() {
        MemorySegment heap = MemorySegment.ofArray(DIGITS);
        var e = assertThrows(IllegalArgumentException.class,
                () -> { int crc = (int) CustomsFunctions.CRC32_PLAIN.handle().invokeExact(0, heap, 9L); });
        assertTrue(e.getMessage().startsWith("customs_crc32 refuses a heap segment as argument 1 "
                + rule(HandoffRules.HEAP_NEEDS_CRITICAL)), e.getMessage());
        assertTrue(e.getMessage().contains("\"Heap segment not allowed\""), e.getMessage());
    }

    @Test
    @SuppressWarnings("FfmHeapSegmentToPlainHandle") // the hazard itself, to show FFM's own refusal
    void withoutCustomsFfmItselfSaysHeapSegmentNotAllowed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> customs_h.customs_crc32(0, MemorySegment.ofArray(DIGITS), 9));
        assertTrue(e.getMessage().startsWith("Heap segment not allowed: MemorySegment{ kind: heap"), e.getMessage());
    }

    @Test
    void nativeSegmentsPassEveryHandle() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment digits = arena.allocateFrom("123456789");
            assertEquals(DIGITS_CRC, (int) CustomsFunctions.CRC32_PLAIN.handle().invokeExact(0, digits, 9L));
            assertEquals(DIGITS_CRC, (int) CustomsFunctions.CRC32_CRITICAL.handle().invokeExact(0, digits, 9L));
        }
    }

    @Test
    void heapSegmentToAFunctionThatCallsBackIsRefused() {
        MemorySegment items = MemorySegment.ofArray(new int[] {1, 2});
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cb = customs_item_cb.allocate((user, index, item) -> 0, arena);
            var e = assertThrows(IllegalArgumentException.class, () -> {
                int status = (int) CustomsFunctions.FOR_EACH_PLAIN.handle().invokeExact(items, 2L, cb,
                        MemorySegment.NULL);
            });
            assertTrue(e.getMessage().startsWith("customs_for_each refuses a heap segment as argument 0 "
                    + rule(HandoffRules.NO_HEAP_IF_CALLING_BACK)), e.getMessage());
        }
    }

    @Test
    void heapSegmentAsTheUserPointerOfThreadsOrAsyncJobsIsRefused() {
        Downcall runThreads = Downcall.plain(CustomsFunctions.RUN_THREADS, customs_h.customs_run_threads$address(),
                customs_h.customs_run_threads$descriptor());
        MemorySegment heapUser = MemorySegment.ofArray(new long[1]);
        var threads = assertThrows(IllegalArgumentException.class, () -> {
            int status = (int) runThreads.handle().invokeExact(2, 1, MemorySegment.NULL, heapUser);
        });
        assertTrue(threads.getMessage().startsWith("customs_run_threads refuses a heap segment as argument 3 "
                + rule(HandoffRules.NO_HEAP_IF_CALLING_BACK)), threads.getMessage());

        Downcall asyncStart = Downcall.plain(CustomsFunctions.ASYNC_START, customs_h.customs_async_start$address(),
                customs_h.customs_async_start$descriptor());
        var async = assertThrows(IllegalArgumentException.class, () -> {
            int status = (int) asyncStart.handle().invokeExact(MemorySegment.NULL, heapUser, 1, 0, MemorySegment.NULL);
        });
        assertTrue(async.getMessage().startsWith("customs_async_start refuses a heap segment as argument 1 "
                + rule(HandoffRules.NO_PER_CALL_MEMORY_IF_RETAINED)), "retention is named first: " + async.getMessage());
    }

    @Test
    void heapSegmentToAFunctionThatRetainsThePointerIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sinkOut = arena.allocate(JAVA_LONG);
            var e = assertThrows(IllegalArgumentException.class, () -> {
                int status = (int) CustomsFunctions.SINK_ATTACH_PLAIN.handle().invokeExact(
                        MemorySegment.ofArray(new byte[8]), 8L, sinkOut);
            });
            assertTrue(e.getMessage().startsWith("customs_sink_attach refuses a heap segment as argument 0 "
                    + rule(HandoffRules.NO_PER_CALL_MEMORY_IF_RETAINED)), e.getMessage());
        }
    }

    @Test
    void aFunctionThatCallsBackCannotBeLinkedCritical() {
        var e = assertThrows(IllegalArgumentException.class, () -> Downcall.critical(CustomsFunctions.FOR_EACH,
                customs_h.customs_for_each$address(), customs_h.customs_for_each$descriptor()));
        assertEquals("customs_for_each cannot be linked critical " + rule(HandoffRules.NO_CRITICAL_IF_CALLING_BACK)
                + ": an upcall from inside a critical call kills the JVM (\"wrong thread state for upcall\"); link it"
                + " without critical()", e.getMessage());
    }

    @Test
    void everyHandoffRefusesAFunctionThatRetainsThePointerBeforeCopying() {
        List<ArrayHandoff<?>> all = new ArrayList<>();
        for (Handoff way : Handoff.values()) {
            all.add(way.ffm());
        }
        all.addAll(List.of(JnaHandoffs.array(), JnaHandoffs.memory(), JnaHandoffs.directBuffer()));
        for (ArrayHandoff<?> h : all) {
            var e = assertThrows(IllegalArgumentException.class, () -> h.pass(CustomsFunctions.SINK_ATTACH,
                    new byte[8], 0, 8, Access.IN_OUT, p -> 0), h.toString());
            assertTrue(e.getMessage().startsWith("customs_sink_attach refuses " + h.way() + " memory "
                    + rule(HandoffRules.NO_PER_CALL_MEMORY_IF_RETAINED)), e.getMessage());
            assertEquals(0, h.copiesIn(), h.toString());
        }
    }

    @Test
    // The test's upcall only adds to an ArrayList (out of memory is the one way it can throw); not worth a guard here.
    @SuppressWarnings("FfmUnguardedUpcall")
    void theArrayItselfIsRefusedForAFunctionThatCallsBackButACopyIsFine() {
        var e = assertThrows(IllegalArgumentException.class, () -> Handoff.HEAP.ffm().pass(CustomsFunctions.FOR_EACH,
                new byte[8], 0, 8, Access.IN, s -> 0));
        assertTrue(e.getMessage().startsWith("customs_for_each refuses the array itself "
                + rule(HandoffRules.NO_HEAP_IF_CALLING_BACK)), e.getMessage());

        byte[] twoInts = {1, 0, 0, 0, 2, 0, 0, 0}; // little-endian 1, 2
        List<Integer> seen = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cb = customs_item_cb.allocate((user, index, item) -> seen.add(item) ? 0 : 1, arena);
            int status = Handoff.NATIVE_COPY.ffm().pass(CustomsFunctions.FOR_EACH, twoInts, 0, 8, Access.IN,
                    items -> (int) CustomsFunctions.FOR_EACH_PLAIN.handle().invokeExact(items, 2L, cb,
                            MemorySegment.NULL));
            assertEquals(0, status);
        }
        assertEquals(List.of(1, 2), seen);

        int[] jnaSum = {0};
        int status = JnaHandoffs.memory().pass(CustomsFunctions.FOR_EACH, twoInts, 0, 8, Access.IN,
                (Pointer items) -> JnaLibraries.direct().customs_for_each(items, 2, (user, index, item) -> {
                    jnaSum[0] += item;
                    return 0;
                }, null));
        assertEquals(0, status);
        assertEquals(3, jnaSum[0], "JNA hands C a copy: calling back is fine");
        assertFalse(JnaHandoffs.array().zeroCopy(), "not even JNA's array argument is zero-copy");
    }

    @Test
    void aDirectBufferTheCallerHoldsIsPassedAsIsAndReadOnlyIsNotWritten() throws Throwable {
        ByteBuffer direct = ByteBuffer.allocateDirect(9).put(DIGITS).flip();
        MemorySegment segment = FfmHandoffs.segmentOf(direct, Access.IN);
        assertTrue(segment.isNative());
        assertEquals(DIGITS_CRC, (int) CustomsFunctions.CRC32_PLAIN.handle().invokeExact(0, segment, 9L));

        ByteBuffer readOnly = direct.asReadOnlyBuffer();
        var e = assertThrows(IllegalArgumentException.class, () -> FfmHandoffs.segmentOf(readOnly, Access.IN_OUT));
        assertEquals("a read-only ByteBuffer cannot be handed to a function that writes into it (Access.IN_OUT)",
                e.getMessage());
        assertTrue(FfmHandoffs.segmentOf(readOnly, Access.IN).isReadOnly());

        MemorySegment heap = FfmHandoffs.segmentOf(ByteBuffer.wrap(DIGITS), Access.IN);
        assertFalse(heap.isNative(), "a heap buffer is a heap segment: the same rules apply");
        assertThrows(IllegalArgumentException.class, () -> {
            int crc = (int) CustomsFunctions.CRC32_PLAIN.handle().invokeExact(0, heap, 9L);
        });
        assertEquals(DIGITS_CRC, (int) CustomsFunctions.CRC32_CRITICAL.handle().invokeExact(0, heap, 9L));
    }

    @Test
    void ffmItselfLetsCWriteIntoAReadOnlySegment() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip();
        MemorySegment readOnly = MemorySegment.ofBuffer(direct.asReadOnlyBuffer());
        assertTrue(readOnly.isReadOnly());
        assertEquals(0, customs_h.customs_transform(readOnly, 4, (byte) 1), "no exception: C does not know const");
        assertEquals(0, direct.get(0), "1 ^ 1: C wrote into memory Java calls read-only");
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        ArrayHandoff<MemorySegment> h = Handoff.NATIVE_COPY.ffm();
        assertEquals("function", assertThrows(NullPointerException.class,
                () -> h.pass(null, new byte[1], 0, 1, Access.IN, s -> 0)).getMessage());
        assertEquals("access", assertThrows(NullPointerException.class,
                () -> h.pass(CustomsFunctions.CRC32, new byte[1], 0, 1, null, s -> 0)).getMessage());
        assertEquals("call", assertThrows(NullPointerException.class,
                () -> h.pass(CustomsFunctions.CRC32, new byte[1], 0, 1, Access.IN, null)).getMessage());
    }

    @Test
    void downcallsKeepTheRawHandleTypeAndSayHowTheyWereLinked() {
        assertSame(CustomsFunctions.CRC32, CustomsFunctions.CRC32_CRITICAL.function());
        assertTrue(CustomsFunctions.CRC32_CRITICAL.isCritical());
        assertFalse(CustomsFunctions.CRC32_PLAIN.isCritical());
        assertEquals(customs_h.customs_crc32$handle().type(), CustomsFunctions.CRC32_PLAIN.handle().type());
        assertEquals("customs_crc32 (critical) (int,MemorySegment,long)int",
                CustomsFunctions.CRC32_CRITICAL.toString());
    }
}
