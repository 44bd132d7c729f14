package dev.customs.pinning;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * {@link Handoff#DIRECT_BUFFER} on either backend: the region is staged in a direct {@code ByteBuffer} of its own per
 * call, whose address C gets ({@code MemorySegment.ofBuffer} on FFM, {@code Native.getDirectBufferPointer} on JNA).
 * Data that already lives in a direct buffer needs no staging: pass {@link FfmHandoffs#segmentOf} or JNA's pointer
 * directly. A direct buffer is zeroed on allocation and freed by the GC, so staging through one per call is dearer
 * than a confined arena; it is here so that every way is tested alike.
 */
public final class DirectBufferHandoff<P> extends CountingHandoff<P> {
    private final Function<ByteBuffer, P> address;

    public DirectBufferHandoff(String backend, Function<ByteBuffer, P> address) {
        super(Handoff.DIRECT_BUFFER, backend, false);
        this.address = address;
    }

    @Override
    protected <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<P, R> call) throws Throwable {
        ByteBuffer staging = ByteBuffer.allocateDirect(Math.max(1, length));
        try {
            return throughCopy(address.apply(staging), (a, from, n) -> staging.put(0, a, from, n),
                    (a, to, n) -> staging.get(0, a, to, n), array, offset, length, access, call);
        } finally {
            Reference.reachabilityFence(staging); // a JNA Pointer does not keep the buffer alive
        }
    }

    @Override
    protected <R> R handOver(ArrayRegion region, NativeCall<P, R> call) throws Throwable {
        long bytes = region.byteSize();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a direct ByteBuffer holds at most " + Integer.MAX_VALUE + " bytes; "
                    + region + " is " + bytes + ": use Handoff.NATIVE_COPY");
        }
        ByteBuffer staging = ByteBuffer.allocateDirect((int) Math.max(1, bytes)).order(ByteOrder.nativeOrder());
        MemorySegment segment = MemorySegment.ofBuffer(staging).asSlice(0, bytes);
        try {
            return throughCopy(address.apply(staging), region, () -> region.copyTo(segment),
                    () -> region.copyFrom(segment), call);
        } finally {
            Reference.reachabilityFence(staging);
        }
    }
}
