package dev.customs.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.ArrayRegion;
import dev.customs.pinning.CountingHandoff;
import dev.customs.pinning.DirectBufferHandoff;
import dev.customs.pinning.Handoff;

/**
 * The JNA handoffs. JNA has no zero-copy way for a Java array: even the {@code byte[]} argument is copied (into
 * native memory before the call, and back after it, whatever C did). So no JNA handoff ever gives C a pointer into
 * the Java heap, and of the rules only the retained-pointer one applies to them.
 */
public final class JnaHandoffs {
    private JnaHandoffs() {}

    /** {@link Handoff#HEAP}: the {@code byte[]} argument, copied by JNA. */
    public static ArrayHandoff<byte[]> array() {
        return new JavaArray<>(byte[].class);
    }

    /**
     * {@link Handoff#HEAP} for arrays of one primitive type ({@code short[].class}, ..., {@code double[].class}): the
     * array argument, which JNA copies. Regions of another type are refused ({@code IllegalArgumentException}); for
     * several types in one call use {@link #memory()}. Not for {@code char[]}: JNA converts a {@code char[]} argument
     * to {@code wchar_t[]}, 4 bytes per element on Linux, which a C function reading 16-bit units misreads.
     *
     * @throws IllegalArgumentException if {@code arrayType} is not a primitive array type
     */
    public static <A> ArrayHandoff<A> array(Class<A> arrayType) {
        java.util.Objects.requireNonNull(arrayType, "arrayType");
        if (!arrayType.isArray() || !arrayType.getComponentType().isPrimitive() || arrayType == boolean[].class) {
            throw new IllegalArgumentException("not a primitive array type JNA passes: " + arrayType.getName());
        }
        if (arrayType == char[].class) {
            throw new IllegalArgumentException("JNA passes a char[] argument as wchar_t[] (4 bytes per element on"
                    + " Linux), not as 16-bit units: use JnaHandoffs.memory() or directBuffer(), which copy chars as"
                    + " 16-bit units, or a short[]");
        }
        return new JavaArray<>(arrayType);
    }

    /** {@link Handoff#NATIVE_COPY}: a {@code Memory} closed when the call returns. */
    public static ArrayHandoff<Pointer> memory() {
        return new MemoryCopy();
    }

    /** {@link Handoff#DIRECT_BUFFER}: a direct {@code ByteBuffer}'s address. */
    public static ArrayHandoff<Pointer> directBuffer() {
        return new DirectBufferHandoff<>("jna", Native::getDirectBufferPointer);
    }

    /**
     * The array as a JNA argument. JNA passes whole arrays only, so a region that is not the whole array goes through
     * an array of its own (the copies counted here), written back for out-parameters. So does an {@link Access#OUT}
     * call on a whole array: JNA would copy the array in, and C must see zeros. A whole array for {@code IN} or
     * {@code IN_OUT} is JNA's to copy, in and back; for {@code IN} that copy back changes nothing unless C writes
     * through its {@code const} pointer.
     */
    static final class JavaArray<A> extends CountingHandoff<A> {
        private final Class<A> arrayType;

        JavaArray(Class<A> arrayType) {
            super(Handoff.HEAP, "jna", false);
            this.arrayType = arrayType;
        }

        @Override
        protected void checkCarries(ArrayRegion region) {
            if (region.array().getClass() != arrayType) {
                throw new IllegalArgumentException("this JNA array handoff carries " + arrayType.getSimpleName()
                        + ", not " + region + ": use JnaHandoffs.array(" + region.array().getClass().getSimpleName()
                        + ".class) or JnaHandoffs.memory()");
            }
        }

        @Override
        protected <R> R handOver(ArrayRegion region, NativeCall<A, R> call) throws Throwable {
            Object array = region.array();
            int length = java.lang.reflect.Array.getLength(array);
            if (region.offset() == 0 && region.length() == length && region.access().readsInput()) {
                return call.call(arrayType.cast(array)); // JNA copies in and back by itself
            }
            A copy = arrayType.cast(java.lang.reflect.Array.newInstance(arrayType.getComponentType(), region.length()));
            return throughCopy(copy, region, () -> System.arraycopy(array, region.offset(), copy, 0, region.length()),
                    () -> System.arraycopy(copy, 0, array, region.offset(), region.length()), call);
        }

        @Override
        protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<A, R> call)
                throws Throwable {
            if (offset == 0 && length == array.length && access.readsInput()) {
                return call.call(arrayType.cast(array)); // JNA copies in and back by itself
            }
            byte[] region = new byte[length];
            return throughCopy(arrayType.cast(region), (a, from, n) -> System.arraycopy(a, from, region, 0, n),
                    (a, to, n) -> System.arraycopy(region, 0, a, to, n), array, offset, length, access, call);
        }
    }

    private static void write(Pointer to, ArrayRegion r) {
        int off = r.offset();
        int n = r.length();
        switch (r.array()) {
            case byte[] a -> to.write(0, a, off, n);
            case short[] a -> to.write(0, a, off, n);
            // Pointer.write(char[]) writes wchar_t (4 bytes on Linux): a char is 16 bits, so go through a view.
            case char[] a -> to.getByteBuffer(0, 2L * n).order(ByteOrder.nativeOrder()).asCharBuffer().put(a, off, n);
            case int[] a -> to.write(0, a, off, n);
            case long[] a -> to.write(0, a, off, n);
            case float[] a -> to.write(0, a, off, n);
            case double[] a -> to.write(0, a, off, n);
            default -> throw new AssertionError(r);
        }
    }

    private static void read(Pointer from, ArrayRegion r) {
        int off = r.offset();
        int n = r.length();
        switch (r.array()) {
            case byte[] a -> from.read(0, a, off, n);
            case short[] a -> from.read(0, a, off, n);
            case char[] a -> from.getByteBuffer(0, 2L * n).order(ByteOrder.nativeOrder()).asCharBuffer().get(a, off, n);
            case int[] a -> from.read(0, a, off, n);
            case long[] a -> from.read(0, a, off, n);
            case float[] a -> from.read(0, a, off, n);
            case double[] a -> from.read(0, a, off, n);
            default -> throw new AssertionError(r);
        }
    }

    /** A {@code Memory} per call, closed (not left to its Cleaner) as soon as the call returns. */
    static final class MemoryCopy extends CountingHandoff<Pointer> {
        MemoryCopy() {
            super(Handoff.NATIVE_COPY, "jna", false);
        }

        @Override
        protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<Pointer, R> call)
                throws Throwable {
            try (Memory copy = new Memory(Math.max(1, length))) {
                copy.clear();
                return throughCopy(copy, (a, from, n) -> copy.write(0, a, from, n),
                        (a, to, n) -> copy.read(0, a, to, n), array, offset, length, access, call);
            }
        }

        @Override
        protected <R> R handOver(ArrayRegion region, NativeCall<Pointer, R> call) throws Throwable {
            try (Memory copy = new Memory(Math.max(1, region.byteSize()))) {
                copy.clear();
                return throughCopy(copy, region, () -> write(copy, region), () -> read(copy, region), call);
            }
        }
    }
}
