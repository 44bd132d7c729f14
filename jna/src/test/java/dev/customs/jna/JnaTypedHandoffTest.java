package dev.customs.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.customs.callbacks.CallbackRegistration;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.ArrayRegion;
import dev.customs.pinning.NativeFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JNA handoffs for every primitive type and several arrays in one call, on libc's {@code memcpy} and {@code swab}
 * called through JNA: the same rules and exactly-once write-back as the FFM forms.
 */
@Timeout(60)
class JnaTypedHandoffTest {
    static final NativeLibrary LIBC = NativeLibrary.getInstance("c");
    static final Function MEMCPY_FN = LIBC.getFunction("memcpy");
    static final Function SWAB_FN = LIBC.getFunction("swab");
    static final NativeFunction MEMCPY = NativeFunction.of("memcpy");
    static final NativeFunction SWAB = NativeFunction.of("swab");

    static void memcpy(Object dst, Object src, long bytes) {
        MEMCPY_FN.invoke(Pointer.class, new Object[] {dst, src, bytes});
    }

    @Test
    void memoryCarriesEveryTypeAndSeveralArraysInOneCall() {
        ArrayHandoff<Pointer> memory = JnaHandoffs.memory();
        short[] s = {1, -2, 3};
        char[] c = {'a', '\u20ac', '\uffff'};
        int[] i = {7, -8};
        long[] l = {Long.MIN_VALUE, 9};
        float[] f = {1.5f, -0f};
        double[] d = {Math.PI, Double.NaN};
        byte[] b = {1, 2, 3, 4};
        List<Object> sources = List.of(b, s, c, i, l, f, d);
        List<Object> targets = new ArrayList<>();
        List<ArrayRegion> regions = new ArrayList<>();
        for (Object src : sources) {
            Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(),
                    java.lang.reflect.Array.getLength(src));
            targets.add(dst);
            regions.add(region(src, Access.IN));
            regions.add(region(dst, Access.OUT));
        }
        memory.passAll(MEMCPY, regions, p -> {
            for (int k = 0; k < regions.size(); k += 2) {
                memcpy(p.get(k + 1), p.get(k), regions.get(k).byteSize());
            }
            return null;
        });
        for (int k = 0; k < sources.size(); k++) {
            assertTrue(Arrays.deepEquals(new Object[] {sources.get(k)}, new Object[] {targets.get(k)}),
                    sources.get(k).getClass().getSimpleName());
        }
        assertEquals(7, memory.copiesIn());
        assertEquals(7, memory.writeBacks(), "each OUT region written back exactly once");
    }

    static ArrayRegion region(Object a, Access access) {
        return switch (a) {
            case byte[] x -> ArrayRegion.of(x, access);
            case short[] x -> ArrayRegion.of(x, access);
            case char[] x -> ArrayRegion.of(x, access);
            case int[] x -> ArrayRegion.of(x, access);
            case long[] x -> ArrayRegion.of(x, access);
            case float[] x -> ArrayRegion.of(x, access);
            case double[] x -> ArrayRegion.of(x, access);
            default -> throw new AssertionError(a);
        };
    }

    @Test
    void charsReachCAsSixteenBitUnitsThroughMemoryAndDirectBuffers() {
        char[] in = {0x0102, 0x0304};
        for (ArrayHandoff<Pointer> handoff : List.of(JnaHandoffs.memory(), JnaHandoffs.directBuffer())) {
            char[] out = new char[2];
            handoff.passAll(SWAB, List.of(ArrayRegion.of(in, Access.IN), ArrayRegion.of(out, Access.OUT)), p -> {
                SWAB_FN.invoke(Void.class, new Object[] {p.get(0), p.get(1), 4L});
                return null;
            });
            assertArrayEquals(new char[] {0x0201, 0x0403}, out, handoff.toString());
        }
    }

    @Test
    void theArrayArgumentForOneTypeCopiesRegionsAndWritesBackOnce() {
        ArrayHandoff<int[]> ints = JnaHandoffs.array(int[].class);
        int[] src = {10, 20, 30, 40};
        int[] dst = new int[6];
        ints.passAll(MEMCPY, List.of(ArrayRegion.of(src, 1, 2, Access.IN), ArrayRegion.of(dst, 3, 2, Access.OUT)),
                p -> {
                    memcpy(p.get(1), p.get(0), 8L);
                    return null;
                });
        assertArrayEquals(new int[] {0, 0, 0, 20, 30, 0}, dst);
        assertEquals(1, ints.writeBacks());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ints.pass(MEMCPY, ArrayRegion.of(new long[1], Access.IN), p -> null));
        assertTrue(wrongType.getMessage().contains("JnaHandoffs.memory()"), wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JnaHandoffs.array(int.class));
        assertThrows(IllegalArgumentException.class, () -> JnaHandoffs.array(String[].class));
        assertThrows(IllegalArgumentException.class, () -> JnaHandoffs.array(boolean[].class));
        assertThrows(NullPointerException.class, () -> JnaHandoffs.array(null));
        IllegalArgumentException wchar = assertThrows(IllegalArgumentException.class,
                () -> JnaHandoffs.array(char[].class));
        assertTrue(wchar.getMessage().contains("wchar_t"), wchar.getMessage());
    }

    @Test
    void aRetainingFunctionIsRefusedBeforeAnythingIsCopied() {
        NativeFunction retains = NativeFunction.of("attach", NativeFunction.Trait.RETAINS_POINTER);
        ArrayHandoff<Pointer> memory = JnaHandoffs.memory();
        assertThrows(IllegalArgumentException.class, () -> memory.passAll(retains,
                List.of(ArrayRegion.of(new double[2], Access.IN)), p -> null));
        assertEquals(0, memory.copiesIn());
    }

    @Test
    void aGroupOfCallbacksIsHeldUntilUnregistered() {
        List<String> events = new ArrayList<>();
        record Handlers(Runnable start, Runnable end) {}
        CallbackRegistration<String> group = JnaCallbacks.registerGroup(new Handlers(() -> {}, () -> {}), h -> "reg",
                r -> events.add("unregistered " + r));
        assertEquals(3, group.call(String::length));
        group.close();
        assertEquals(List.of("unregistered reg"), events);
        assertThrows(NullPointerException.class, () -> JnaCallbacks.registerGroup(null, h -> "x", r -> {}));
    }
}
