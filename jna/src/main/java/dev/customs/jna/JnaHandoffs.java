package dev.customs.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
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
        return new JavaArray();
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
    static final class JavaArray extends CountingHandoff<byte[]> {
        JavaArray() {
            super(Handoff.HEAP, "jna", false);
        }

        @Override
        protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<byte[], R> call)
                throws Throwable {
            if (offset == 0 && length == array.length && access.readsInput()) {
                return call.call(array); // JNA copies in and back by itself
            }
            byte[] region = new byte[length];
            return throughCopy(region, (a, from, n) -> System.arraycopy(a, from, region, 0, n),
                    (a, to, n) -> System.arraycopy(region, 0, a, to, n), array, offset, length, access, call);
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
    }
}
