package dev.customs.pinning;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The FFM handoffs ({@link Handoff#ffm()}), and {@link #segmentOf(ByteBuffer, Access)} for buffers users hold. */
public final class FfmHandoffs {
    private FfmHandoffs() {}

    /**
     * The segment to pass for a {@code ByteBuffer} the caller already holds: its {@code [position, limit)}, with the
     * buffer kept reachable by the segment. A heap buffer gives a heap segment, which {@link Downcall} accepts only
     * for a critical function.
     *
     * @throws IllegalArgumentException for a read-only buffer and an access that lets C write into it: FFM would
     *                                  hand C a pointer to memory Java promised nobody would change
     */
    public static MemorySegment segmentOf(ByteBuffer buffer, Access access) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(access, "access");
        if (buffer.isReadOnly() && access.writesOutput()) {
            throw new IllegalArgumentException("a read-only ByteBuffer cannot be handed to a function that writes into"
                    + " it (Access." + access + ")");
        }
        return MemorySegment.ofBuffer(buffer);
    }

    /** The array itself, as a heap segment: zero-copy, and only a critical function accepts it. */
    static final class HeapSegment extends CountingHandoff<MemorySegment> {
        HeapSegment() {
            super(Handoff.HEAP, "ffm", true);
        }

        @Override
        protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<MemorySegment, R> call)
                throws Throwable {
            return call.call(MemorySegment.ofArray(array).asSlice(offset, length));
        }

        @Override
        protected <R> R handOver(ArrayRegion region, NativeCall<MemorySegment, R> call) throws Throwable {
            return call.call(region.heapSegment());
        }
    }

    /** A copy in a confined arena that closes when the call returns. */
    static final class ConfinedCopy extends CountingHandoff<MemorySegment> {
        ConfinedCopy() {
            super(Handoff.NATIVE_COPY, "ffm", false);
        }

        @Override
        protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<MemorySegment, R> call)
                throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocate(Math.max(1, length)).asSlice(0, length); // zeroed
                return throughCopy(copy, (a, from, n) -> MemorySegment.copy(a, from, copy, JAVA_BYTE, 0, n),
                        (a, to, n) -> MemorySegment.copy(copy, JAVA_BYTE, 0, a, to, n),
                        array, offset, length, access, call);
            }
        }

        @Override
        protected <R> R handOver(ArrayRegion region, NativeCall<MemorySegment, R> call) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocate(region.elementLayout(), Math.max(1, region.length()))
                        .asSlice(0, region.byteSize()); // zeroed
                return throughCopy(copy, region, () -> region.copyTo(copy), () -> region.copyFrom(copy), call);
            }
        }
    }
}
