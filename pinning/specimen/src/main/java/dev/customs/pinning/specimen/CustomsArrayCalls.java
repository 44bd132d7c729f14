package dev.customs.pinning.specimen;

import dev.customs.jna.JnaHandoffs;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.Handoff;
import dev.customs.pinning.Access;

import com.sun.jna.Pointer;
import dev.customs.bindings.jna.CustomsLibrary;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * libcustoms' two byte-array functions, {@code customs_crc32} (reads) and {@code customs_transform} (reads and writes
 * in place), called through one {@link ArrayHandoff}: how a library author would use a handoff, and what the tests,
 * the GC-pressure run and the demo call for every way on every backend.
 *
 * @param <P> what the handoff hands to C
 */
public final class CustomsArrayCalls<P> {
    /** {@code uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len)} with {@code data} as a P. */
    @FunctionalInterface
    interface Crc32<P> {
        int apply(int crc, P data, long length) throws Throwable;
    }

    /** {@code int32_t customs_transform(uint8_t *data, size_t len, uint8_t key)} with {@code data} as a P. */
    @FunctionalInterface
    interface Transform<P> {
        int apply(P data, long length, byte key) throws Throwable;
    }

    // Static final, so the JIT links invokeExact as a constant and inlines it; through Downcall.handle(), an instance
    // field, every call paid a non-constant method-handle dispatch (about 7 ns, the 16-byte miss in bench/README.md).
    private static final MethodHandle CRC32_CRITICAL = CustomsFunctions.CRC32_CRITICAL.handle();
    private static final MethodHandle TRANSFORM_CRITICAL = CustomsFunctions.TRANSFORM_CRITICAL.handle();

    private final ArrayHandoff<P> handoff;
    private final Crc32<P> crc32;
    private final Transform<P> transform;

    private CustomsArrayCalls(ArrayHandoff<P> handoff, Crc32<P> crc32, Transform<P> transform) {
        this.handoff = handoff;
        this.crc32 = crc32;
        this.transform = transform;
    }

    /** Through a new FFM handoff of {@code way}, calling the critical handles of {@link CustomsFunctions}. */
    public static CustomsArrayCalls<MemorySegment> ffm(Handoff way) {
        return new CustomsArrayCalls<>(way.ffm(),
                (crc, data, length) -> (int) CRC32_CRITICAL.invokeExact(crc, data, length),
                (data, length, key) -> (int) TRANSFORM_CRITICAL.invokeExact(data, length, key));
    }

    /** Through a new JNA handoff of {@code way}, calling {@code lib} (direct or interface mapping). */
    public static CustomsArrayCalls<?> jna(Handoff way, CustomsLibrary lib) {
        Objects.requireNonNull(lib, "lib");
        return switch (way) {
            case HEAP -> new CustomsArrayCalls<byte[]>(JnaHandoffs.array(), lib::customs_crc32,
                    lib::customs_transform);
            case NATIVE_COPY -> new CustomsArrayCalls<Pointer>(JnaHandoffs.memory(), lib::customs_crc32,
                    lib::customs_transform);
            case DIRECT_BUFFER -> new CustomsArrayCalls<Pointer>(JnaHandoffs.directBuffer(), lib::customs_crc32,
                    lib::customs_transform);
        };
    }

    /** The handoff in use, with its copy counters. */
    public ArrayHandoff<P> handoff() {
        return handoff;
    }

    /** CRC-32 of {@code data[offset, offset + length)} continuing from {@code crc}; equals java.util.zip.CRC32. */
    public int crc32(int crc, byte[] data, int offset, int length) {
        return handoff.pass(CustomsFunctions.CRC32, data, offset, length, Access.IN,
                p -> crc32.apply(crc, p, length));
    }

    /**
     * {@code data[i] ^= (byte) (key + i - offset)} over the region, in place.
     *
     * @throws IllegalStateException if C reports a status other than CUSTOMS_OK
     */
    public void transform(byte[] data, int offset, int length, byte key) {
        int status = handoff.pass(CustomsFunctions.TRANSFORM, data, offset, length, Access.IN_OUT,
                p -> transform.apply(p, length, key));
        if (status != 0) {
            throw new IllegalStateException("customs_transform returned status " + status);
        }
    }

    /**
     * What {@code customs_transform} makes of {@code data[offset, offset + length)}, computed in Java: a copy of
     * {@code data} with {@code data[offset + i] ^= (byte) (key + i)}. The reference the checks compare C against.
     */
    public static byte[] javaTransform(byte[] data, int offset, int length, byte key) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] out = data.clone();
        for (int i = 0; i < length; i++) {
            out[offset + i] ^= (byte) (key + i);
        }
        return out;
    }

    @Override
    public String toString() {
        return handoff.toString();
    }
}
