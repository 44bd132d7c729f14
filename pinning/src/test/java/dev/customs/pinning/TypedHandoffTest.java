package dev.customs.pinning;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primitive array type, every FFM way, one region and several in one call, against libc ({@code memcpy},
 * {@code memset}, {@code swab}): the bytes C saw, the copies made (none for the array itself), and
 * exactly one write-back per writable region, none when the call throws.
 */
@Timeout(60)
class TypedHandoffTest {
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final NativeFunction MEMCPY = NativeFunction.of("memcpy");
    static final NativeFunction MEMSET = NativeFunction.of("memset");
    static final NativeFunction SWAB = NativeFunction.of("swab");
    static final FunctionDescriptor MEMCPY_DESC = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    static final FunctionDescriptor MEMSET_DESC = FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG);
    static final FunctionDescriptor SWAB_DESC = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG);

    /** The handle for {@code f}: critical (heap segments accepted) for the zero-copy way, plain otherwise. */
    static Downcall link(Handoff way, NativeFunction f, FunctionDescriptor d) {
        MemorySegment address = LIBC.findOrThrow(f.name());
        return way == Handoff.HEAP ? Downcall.critical(f, address, d) : Downcall.plain(f, address, d);
    }

    static final Random RANDOM = new Random(20240130);

    /** A random array of each primitive type, and a region factory for it. */
    record Type(String name, Object array, BiFunction<Object, Access, ArrayRegion> whole,
                RegionOf regionOf) {
        @Override
        public String toString() {
            return name;
        }

        Object zeroed() {
            return Array.newInstance(array.getClass().getComponentType(), Array.getLength(array));
        }
    }

    @FunctionalInterface
    interface RegionOf {
        ArrayRegion of(Object array, int offset, int length, Access access);
    }

    static List<Type> types() {
        int n = 37;
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        short[] s = new short[n];
        char[] c = new char[n];
        int[] i = RANDOM.ints(n).toArray();
        long[] l = RANDOM.longs(n).toArray();
        float[] f = new float[n];
        double[] d = RANDOM.doubles(n).toArray();
        for (int k = 0; k < n; k++) {
            s[k] = (short) RANDOM.nextInt();
            c[k] = (char) RANDOM.nextInt();
            f[k] = RANDOM.nextFloat();
        }
        return List.of(
                new Type("byte", b, (a, x) -> ArrayRegion.of((byte[]) a, x), (a, o, len, x) -> ArrayRegion.of((byte[]) a, o, len, x)),
                new Type("short", s, (a, x) -> ArrayRegion.of((short[]) a, x), (a, o, len, x) -> ArrayRegion.of((short[]) a, o, len, x)),
                new Type("char", c, (a, x) -> ArrayRegion.of((char[]) a, x), (a, o, len, x) -> ArrayRegion.of((char[]) a, o, len, x)),
                new Type("int", i, (a, x) -> ArrayRegion.of((int[]) a, x), (a, o, len, x) -> ArrayRegion.of((int[]) a, o, len, x)),
                new Type("long", l, (a, x) -> ArrayRegion.of((long[]) a, x), (a, o, len, x) -> ArrayRegion.of((long[]) a, o, len, x)),
                new Type("float", f, (a, x) -> ArrayRegion.of((float[]) a, x), (a, o, len, x) -> ArrayRegion.of((float[]) a, o, len, x)),
                new Type("double", d, (a, x) -> ArrayRegion.of((double[]) a, x), (a, o, len, x) -> ArrayRegion.of((double[]) a, o, len, x)));
    }

    static Stream<Arguments> waysAndTypes() {
        return Stream.of(Handoff.values()).flatMap(way -> types().stream().map(t -> Arguments.of(way, t)));
    }

    static boolean same(Object a, Object b) {
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    @ParameterizedTest(name = "{0} {1}[]")
    @MethodSource("waysAndTypes")
    void twoArraysInOneCallAreCopiedInAndWrittenBackExactlyOnce(Handoff way, Type type) {
        ArrayHandoff<MemorySegment> handoff = way.ffm();
        Downcall memcpy = link(way, MEMCPY, MEMCPY_DESC);
        Object dst = type.zeroed();
        ArrayRegion in = type.whole().apply(type.array(), Access.IN);
        ArrayRegion out = type.whole().apply(dst, Access.OUT);
        List<Long> seen = new ArrayList<>();
        handoff.passAll(MEMCPY, List.of(in, out), p -> {
            seen.add(p.get(0).byteSize());
            return (MemorySegment) memcpy.handle().invokeExact(p.get(1), p.get(0), in.byteSize());
        });
        assertTrue(same(type.array(), dst), "memcpy copied every element");
        assertEquals(List.of(in.byteSize()), seen);
        assertEquals(way == Handoff.HEAP ? 0 : 1, handoff.copiesIn(), "only the IN region is copied in");
        assertEquals(way == Handoff.HEAP ? 0 : 1, handoff.writeBacks(), "only the OUT region, once");
    }

    @ParameterizedTest(name = "{0} {1}[]")
    @MethodSource("waysAndTypes")
    void aRegionIsWhatCSeesAndTheRestIsUntouched(Handoff way, Type type) {
        ArrayHandoff<MemorySegment> handoff = way.ffm();
        Downcall memset = link(way, MEMSET, MEMSET_DESC);
        Object array = type.zeroed();
        ArrayRegion region = type.regionOf().of(array, 5, 20, Access.OUT);
        handoff.pass(MEMSET, region, p -> (MemorySegment) memset.handle().invokeExact(p, 0x5A, region.byteSize()));
        MemorySegment bytes = MemorySegment.ofArray(new byte[(int) (Array.getLength(array)
                * region.elementLayout().byteSize())]);
        MemorySegment.copy(type.whole().apply(array, Access.IN).heapSegment(), 0, bytes, 0, bytes.byteSize());
        long es = region.elementLayout().byteSize();
        for (long at = 0; at < bytes.byteSize(); at++) {
            byte expected = at >= 5 * es && at < 25 * es ? (byte) 0x5A : 0;
            assertEquals(expected, bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at), "byte " + at);
        }
        assertEquals(way == Handoff.HEAP ? 0 : 1, handoff.writeBacks());
    }

    @Test
    void elementsReachCInNativeByteOrder() {
        short[] in = {0x0102, 0x0304, (short) 0xA0B0};
        short[] out = new short[3];
        for (Handoff way : Handoff.values()) {
            Downcall swab = link(way, SWAB, SWAB_DESC);
            way.ffm().passAll(SWAB, List.of(ArrayRegion.of(in, Access.IN), ArrayRegion.of(out, Access.OUT)),
                    p -> {
                        swab.handle().invokeExact(p.get(0), p.get(1), 6L);
                        return null;
                    });
            for (int k = 0; k < 3; k++) {
                assertEquals(Short.reverseBytes(in[k]), out[k], way + " element " + k);
            }
        }
    }

    @Test
    void aCallThatThrowsWritesNothingBack() {
        for (Handoff way : List.of(Handoff.NATIVE_COPY, Handoff.DIRECT_BUFFER)) {
            ArrayHandoff<MemorySegment> handoff = way.ffm();
            Downcall memset = link(way, MEMSET, MEMSET_DESC);
            long[] a = {1, 2, 3};
            double[] b = {4, 5};
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> handoff.passAll(MEMSET,
                    List.of(ArrayRegion.of(a, Access.IN_OUT), ArrayRegion.of(b, Access.IN_OUT)), p -> {
                        MemorySegment ignored = (MemorySegment) memset.handle().invokeExact(p.get(0), 0, 24L);
                        throw new IllegalStateException("after C wrote");
                    }));
            assertEquals("after C wrote", e.getMessage());
            assertEquals(List.of(1L, 2L, 3L), Arrays.stream(a).boxed().toList(), way + ": not written back");
            assertEquals(4.0, b[0]);
            assertEquals(2, handoff.copiesIn());
            assertEquals(0, handoff.writeBacks());
        }
    }

    @Test
    void theRulesHoldForEveryRegionBeforeAnythingIsCopied() {
        NativeFunction retains = NativeFunction.of("attach", NativeFunction.Trait.RETAINS_POINTER);
        NativeFunction callsBack = NativeFunction.of("qsort", NativeFunction.Trait.CALLS_BACK);
        int[] ints = {1, 2};
        for (Handoff way : Handoff.values()) {
            ArrayHandoff<MemorySegment> handoff = way.ffm();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handoff.passAll(retains,
                    List.of(ArrayRegion.of(ints, Access.IN)), p -> null));
            assertTrue(e.getMessage().contains(HandoffRules.NO_PER_CALL_MEMORY_IF_RETAINED), e.getMessage());
            assertEquals(0, handoff.copiesIn());
        }
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class, () -> Handoff.HEAP.ffm()
                .pass(callsBack, ArrayRegion.of(ints, Access.IN_OUT), p -> null));
        assertTrue(heap.getMessage().contains(HandoffRules.NO_HEAP_IF_CALLING_BACK), heap.getMessage());
        assertEquals(7, (int) Handoff.NATIVE_COPY.ffm().pass(callsBack, ArrayRegion.of(ints, Access.IN),
                p -> 7), "a copy is fine for a function that calls back");
    }

    @Test
    void badArgumentsAreRefusedBeforeC() {
        int[] ints = new int[4];
        assertThrows(NullPointerException.class, () -> ArrayRegion.of((int[]) null, Access.IN));
        assertThrows(NullPointerException.class, () -> ArrayRegion.of(ints, null));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayRegion.of(ints, -1, 2, Access.IN));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayRegion.of(ints, 0, -1, Access.IN));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayRegion.of(ints, 2, 3, Access.IN));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayRegion.of(new double[2], 1, Integer.MAX_VALUE,
                Access.IN));
        ArrayHandoff<MemorySegment> copy = Handoff.NATIVE_COPY.ffm();
        ArrayRegion region = ArrayRegion.of(ints, Access.IN);
        assertThrows(NullPointerException.class, () -> copy.pass(null, region, p -> null));
        assertThrows(NullPointerException.class, () -> copy.pass(MEMCPY, (ArrayRegion) null, p -> null));
        assertThrows(NullPointerException.class, () -> copy.pass(MEMCPY, region, null));
        assertThrows(NullPointerException.class, () -> copy.passAll(MEMCPY, null, p -> null));
        assertThrows(NullPointerException.class, () -> copy.passAll(MEMCPY, Arrays.asList(region, null), p -> null));
        assertThrows(IllegalArgumentException.class, () -> copy.passAll(MEMCPY, List.of(), p -> null));
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> copy.passAll(MEMCPY,
                List.of(ArrayRegion.of(ints, 0, 3, Access.IN), ArrayRegion.of(ints, 2, 2, Access.OUT)), p -> null));
        assertTrue(overlap.getMessage().contains("share elements of one array"), overlap.getMessage());
        assertEquals(2, (int) copy.passAll(MEMCPY, List.of(ArrayRegion.of(ints, 0, 3, Access.IN),
                ArrayRegion.of(ints, 1, 2, Access.IN)), List::size), "overlapping read-only regions are fine");
        assertEquals(0, copy.writeBacks());
    }
}
