package dev.customs.api;

import java.util.Objects;

/**
 * An attached {@code customs_sink}: the library retains a pointer into {@link #buffer()} until {@link #detach()}.
 * While attached the buffer refuses to close, so the order "detach, then free" cannot be got wrong through this API.
 * Calls on one sink are serialised.
 */
public abstract sealed class Sink implements AutoCloseable permits FfmCustoms.FfmSink, JnaCustoms.JnaSink {
    private final AbstractCustoms owner;
    private final NativeBuffer buffer;
    private boolean detached;
    private long written;

    Sink(AbstractCustoms owner, NativeBuffer buffer) {
        this.owner = owner;
        this.buffer = buffer;
    }

    /** The retained buffer. */
    public final NativeBuffer buffer() {
        return buffer;
    }

    /**
     * Appends {@code data[offset, offset+length)}, all or nothing.
     *
     * @throws StatusException {@code CUSTOMS_E_RANGE} when the bytes do not fit in what is left
     * @throws IllegalStateException after {@link #detach()}
     */
    public final synchronized void write(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Checks.range("data", offset, length, data.length);
        if (detached) {
            throw new IllegalStateException("sink is detached: the library no longer holds the buffer");
        }
        owner.check("customs_sink_write", write0(data, offset, length), null);
    }

    /** Detaches (once; later calls return the same count) and returns the number of bytes written into the buffer. */
    public final synchronized long detach() {
        if (!detached) {
            written = detach0();
            detached = true;
            buffer.release();
        }
        return written;
    }

    public final synchronized boolean isAttached() {
        return !detached;
    }

    /** {@link #detach()}. */
    @Override
    public final void close() {
        detach();
    }

    abstract int write0(byte[] data, int offset, int length);

    abstract long detach0();
}
