package dev.customs.pinning;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A region of a Java primitive array ({@code byte[]}, {@code short[]}, {@code char[]}, {@code int[]}, {@code long[]},
 * {@code float[]} or {@code double[]}) and what the native function does with it: the argument of
 * {@link ArrayHandoff#pass(NativeFunction, ArrayRegion, ArrayHandoff.NativeCall)} and
 * {@link ArrayHandoff#passAll}. Checked when made: a null array or access, or a region outside the array, is refused
 * here, before any handoff or native code sees it.
 * {@snippet :
 * double[] samples = ...;
 * ArrayRegion in = ArrayRegion.of(samples, Access.IN);               // the whole array
 * ArrayRegion out = ArrayRegion.of(result, 16, 32, Access.OUT);      // elements [16, 48)
 * }
 */
public final class ArrayRegion {
    private final Object array;
    private final int offset;
    private final int length;
    private final Access access;
    private final ValueLayout layout;

    private ArrayRegion(Object array, int arrayLength, int offset, int length, Access access, ValueLayout layout) {
        Objects.requireNonNull(access, "access");
        Objects.checkFromIndexSize(offset, length, arrayLength);
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.access = access;
        this.layout = layout;
    }

    public static ArrayRegion of(byte[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_BYTE);
    }

    public static ArrayRegion of(short[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_SHORT);
    }

    public static ArrayRegion of(char[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_CHAR);
    }

    public static ArrayRegion of(int[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_INT);
    }

    public static ArrayRegion of(long[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_LONG);
    }

    public static ArrayRegion of(float[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_FLOAT);
    }

    public static ArrayRegion of(double[] array, int offset, int length, Access access) {
        return new ArrayRegion(array, Objects.requireNonNull(array, "array").length, offset, length, access,
                ValueLayout.JAVA_DOUBLE);
    }

    public static ArrayRegion of(byte[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(short[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(char[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(int[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(long[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(float[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    public static ArrayRegion of(double[] array, Access access) {
        return of(array, 0, Objects.requireNonNull(array, "array").length, access);
    }

    /** The Java array itself. */
    public Object array() {
        return array;
    }

    /** The first element of the region, in elements. */
    public int offset() {
        return offset;
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    public Access access() {
        return access;
    }

    /** The layout of one element as C sees it ({@code JAVA_INT} for an {@code int[]}). */
    public ValueLayout elementLayout() {
        return layout;
    }

    /** The region's size in bytes. */
    public long byteSize() {
        return length * layout.byteSize();
    }

    /** The region itself as a heap segment (zero-copy: only a critical call may pass it). */
    public MemorySegment heapSegment() {
        MemorySegment whole = switch (array) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case char[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            default -> throw new AssertionError(array.getClass());
        };
        return whole.asSlice(offset * layout.byteSize(), byteSize());
    }

    /** Copies the region into {@code staging}, in native byte order. */
    public void copyTo(MemorySegment staging) {
        MemorySegment.copy(array, offset, staging, layout, 0, length);
    }

    /** Copies {@code staging} back into the region. */
    public void copyFrom(MemorySegment staging) {
        MemorySegment.copy(staging, layout, 0, array, offset, length);
    }

    /** True when both regions are of the same array and share an element. */
    boolean overlaps(ArrayRegion other) {
        return array == other.array && offset < other.offset + other.length && other.offset < offset + length;
    }

    @Override
    public String toString() {
        return array.getClass().getComponentType() + "[" + offset + ", " + (offset + length) + ") " + access;
    }
}
