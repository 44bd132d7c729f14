package dev.customs.pinning;

import dev.customs.pinning.specimen.CustomsFunctions;
import dev.customs.pinning.specimen.CustomsArrayCalls;
import dev.customs.jna.JnaHandoffs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Copies go in only when C reads them and back exactly once, after the call, only when C writes them: counted by each
 * handoff. The zero-copy way copies nothing, and C's writes land in the array during the call.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class WriteBackTest {
    static final byte[] ORIGINAL = {1, 2, 3, 4, 5, 6, 7, 8};
    static final CustomsLibrary JNA = JnaLibraries.direct();

    /** customs_transform of data[2, 6) through {@code h}, recording whether the array changed during the call. */
    @SuppressWarnings("unchecked")
    static int transformSeeingTheArray(ArrayHandoff<?> h, byte[] data, Access access, boolean[] changedDuringCall) {
        return switch (h.backend() + " " + h.way()) {
            case "ffm HEAP", "ffm NATIVE_COPY", "ffm DIRECT_BUFFER" -> pass((ArrayHandoff<MemorySegment>) h, data,
                    access, changedDuringCall,
                    s -> (int) CustomsFunctions.TRANSFORM_CRITICAL.handle().invokeExact(s, 4L, (byte) 9));
            case "jna HEAP" -> pass((ArrayHandoff<byte[]>) h, data, access, changedDuringCall,
                    region -> JNA.customs_transform(region, 4, (byte) 9));
            default -> pass((ArrayHandoff<Pointer>) h, data, access, changedDuringCall,
                    p -> JNA.customs_transform(p, 4, (byte) 9));
        };
    }

    static <P> int pass(ArrayHandoff<P> h, byte[] data, Access access, boolean[] changedDuringCall,
                        ArrayHandoff.NativeCall<P, Integer> transform) {
        return h.pass(CustomsFunctions.TRANSFORM, data, 2, 4, access, p -> {
            int status = transform.call(p);
            changedDuringCall[0] = !Arrays.equals(data, ORIGINAL);
            return status;
        });
    }

    static ArrayHandoff<?>[] copying() {
        return new ArrayHandoff<?>[] {Handoff.NATIVE_COPY.ffm(), Handoff.DIRECT_BUFFER.ffm(), JnaHandoffs.array(),
            JnaHandoffs.memory(), JnaHandoffs.directBuffer()};
    }

    static byte[] transformed(byte[] in, int offset, int length) {
        return CustomsArrayCalls.javaTransform(in, offset, length, (byte) 9);
    }

    @Test
    void inOutCopyIsWrittenBackExactlyOnceAfterTheCall() {
        for (ArrayHandoff<?> h : copying()) {
            byte[] data = ORIGINAL.clone();
            boolean[] changedDuringCall = {true};
            assertEquals(0, transformSeeingTheArray(h, data, Access.IN_OUT, changedDuringCall), h.toString());
            assertEquals(false, changedDuringCall[0], h + ": the array is untouched while C works on the copy");
            assertArrayEquals(transformed(ORIGINAL, 2, 4), data, h + ": written back");
            assertEquals(1, h.copiesIn(), h.toString());
            assertEquals(1, h.writeBacks(), h + ": exactly one write-back");
            transformSeeingTheArray(h, data, Access.IN_OUT, changedDuringCall);
            assertArrayEquals(ORIGINAL, data, h.toString());
            assertEquals(2, h.writeBacks(), h + ": one per call");
        }
    }

    @Test
    void inCopyIsNeverWrittenBack() {
        for (ArrayHandoff<?> h : copying()) {
            byte[] data = ORIGINAL.clone();
            transformSeeingTheArray(h, data, Access.IN, new boolean[1]);
            assertArrayEquals(ORIGINAL, data, h + ": C changed its copy only");
            assertEquals(0, h.writeBacks(), h.toString());
        }
    }

    @Test
    void outCopyStartsZeroedAndIsWrittenBackOnce() {
        for (ArrayHandoff<?> h : copying()) {
            byte[] data = ORIGINAL.clone();
            transformSeeingTheArray(h, data, Access.OUT, new boolean[1]);
            byte[] expected = ORIGINAL.clone();
            System.arraycopy(transformed(new byte[8], 2, 4), 2, expected, 2, 4); // C transformed zeros
            assertArrayEquals(expected, data, h.toString());
            assertEquals(0, h.copiesIn(), h + ": nothing copied in for an out-parameter");
            assertEquals(1, h.writeBacks(), h.toString());
        }
    }

    @Test
    void failedCallIsNotWrittenBack() {
        for (ArrayHandoff<?> h : copying()) {
            byte[] data = ORIGINAL.clone();
            var e = assertThrows(IllegalStateException.class, () -> h.pass(CustomsFunctions.TRANSFORM, data, 0, 8,
                    Access.IN_OUT, p -> {
                        throw new IllegalStateException("failed after C ran");
                    }));
            assertEquals("failed after C ran", e.getMessage());
            assertArrayEquals(ORIGINAL, data, h.toString());
            assertEquals(0, h.writeBacks(), h.toString());
        }
    }

    @Test
    void outArgumentOnAWholeArrayStartsZeroedOnJnasArrayWayToo() {
        // JNA would copy a whole byte[] argument in by itself (found by fuzz's handoff target); C must see zeros.
        ArrayHandoff<byte[]> h = JnaHandoffs.array();
        byte[] data = ORIGINAL.clone();
        int status = h.pass(CustomsFunctions.TRANSFORM, data, 0, data.length, Access.OUT,
                a -> JNA.customs_transform(a, a.length, (byte) 9));
        assertEquals(0, status);
        assertArrayEquals(transformed(new byte[8], 0, 8), data, "C transformed zeros, not the array");
        assertEquals(0, h.copiesIn());
        assertEquals(1, h.writeBacks());
    }

    @Test
    void zeroCopyHeapSegmentCopiesNothingAndCWritesTheArrayItself() {
        ArrayHandoff<MemorySegment> heap = Handoff.HEAP.ffm();
        assertTrue(heap.zeroCopy());
        byte[] data = ORIGINAL.clone();
        boolean[] changedDuringCall = {false};
        transformSeeingTheArray(heap, data, Access.IN_OUT, changedDuringCall);
        assertTrue(changedDuringCall[0], "C wrote into the array itself, during the call");
        assertArrayEquals(transformed(ORIGINAL, 2, 4), data);
        assertEquals(0, heap.copiesIn());
        assertEquals(0, heap.writeBacks());
    }

    @Test
    void checkedExceptionsFromTheCallAreWrapped() {
        ArrayHandoff<MemorySegment> copy = Handoff.NATIVE_COPY.ffm();
        var e = assertThrows(java.lang.reflect.UndeclaredThrowableException.class, () -> copy.pass(
                CustomsFunctions.CRC32, new byte[1], 0, 1, Access.IN, s -> {
                    throw new java.io.IOException("checked");
                }));
        assertEquals("the native call threw a checked exception", e.getMessage());
        assertEquals("checked", e.getCause().getMessage());
    }
}
