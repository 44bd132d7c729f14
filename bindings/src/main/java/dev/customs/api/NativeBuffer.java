package dev.customs.api;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native memory owned by Java code, with a lifetime the boundary can check: FFM memory of a shared arena or a JNA
 * {@code Memory}, behind the same rules on both.
 *
 * <ul>
 *   <li>Every use after {@link #close()} is refused with {@code IllegalStateException} before it reaches C or memory.</li>
 *   <li>While a native call is using the buffer, or the library retains a pointer into it (an attached {@link Sink}),
 *       {@link #close()} is refused with {@code IllegalStateException}: the memory cannot die under native code.</li>
 *   <li>{@link #close()} is idempotent once it has succeeded.</li>
 * </ul>
 */
public abstract sealed class NativeBuffer implements AutoCloseable permits FfmCustoms.FfmBuffer, JnaCustoms.JnaBuffer {
    private static final long CLOSED = -1;
    /** close() is freeing the memory; it may still fail (FFM: a downcall holds the arena), so users wait it out. */
    private static final long CLOSING = -2;

    private final long size;
    private final String backend;
    /**
     * CLOSED, CLOSING, or the number of users counted right now: attached sinks, reads and writes, and (on backends
     * without a guard of their own, see {@link #beginCall()}) native calls in flight.
     */
    private final AtomicLong users = new AtomicLong();

    NativeBuffer(long size, String backend) {
        this.size = size;
        this.backend = backend;
    }

    /** The size in bytes. */
    public final long size() {
        return size;
    }

    /** The backend that allocated it; buffers are not interchangeable between backends. */
    public final String backend() {
        return backend;
    }

    /** False once closed. */
    public final boolean isAlive() {
        return users.get() != CLOSED;
    }

    /** Copies {@code src[srcOffset, srcOffset+length)} into this buffer at {@code offset}. */
    public final void write(long offset, byte[] src, int srcOffset, int length) {
        Objects.requireNonNull(src, "src");
        Checks.range("src", srcOffset, length, src.length);
        Checks.range("buffer", offset, length, size);
        acquire();
        try {
            copyIn(offset, src, srcOffset, length);
        } finally {
            release();
        }
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset, dstOffset+length)}. */
    public final void read(long offset, byte[] dst, int dstOffset, int length) {
        Objects.requireNonNull(dst, "dst");
        Checks.range("dst", dstOffset, length, dst.length);
        Checks.range("buffer", offset, length, size);
        acquire();
        try {
            copyOut(offset, dst, dstOffset, length);
        } finally {
            release();
        }
    }

    /** A copy of the whole buffer. */
    public final byte[] toArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a buffer of " + size + " bytes does not fit in a Java array");
        }
        byte[] copy = new byte[(int) size];
        read(0, copy, 0, copy.length);
        return copy;
    }

    /**
     * Frees the memory.
     *
     * @throws IllegalStateException while a native call uses it or a sink retains it
     */
    @Override
    public final void close() {
        long n = users.get();
        while (n != CLOSED) {
            if (n > 0) {
                throw new IllegalStateException("NativeBuffer of " + size + " bytes is in use by " + n
                        + " native user(s) (a call in progress or an attached sink): detach or wait before closing");
            }
            if (n == 0 && users.compareAndSet(0, CLOSING)) {
                boolean freed = false;
                try {
                    free();
                    freed = true;
                    return;
                } finally {
                    users.set(freed ? CLOSED : 0);
                }
            }
            if (n == CLOSING) {
                Thread.onSpinWait();
            }
            n = users.get();
        }
    }

    /** Marks one more user; refused once closed, and waits while another thread's close() decides. */
    final void acquire() {
        long n;
        do {
            n = users.get();
            if (n == CLOSED) {
                throw closed();
            }
            if (n == CLOSING) {
                Thread.onSpinWait();
                continue;
            }
            if (users.compareAndSet(n, n + 1)) {
                return;
            }
        } while (true);
    }

    final void release() {
        users.decrementAndGet();
    }

    /**
     * Guards one native call that passes this buffer to C, until {@link #endCall()}: refused once closed, and keeps
     * {@link #close()} out until the call returns. Here, by counting the call as a user; a backend whose own call
     * already holds the memory alive (FFM: every downcall acquires the shared arena of its segment arguments, and
     * {@code Arena.close()} fails while it does) checks only that the buffer is open, so the API pays no second count.
     */
    void beginCall() {
        acquire();
    }

    /** Ends what {@link #beginCall()} began. */
    void endCall() {
        release();
    }

    final IllegalStateException closed() {
        return new IllegalStateException("NativeBuffer of " + size + " bytes is already closed");
    }

    abstract void copyIn(long offset, byte[] src, int srcOffset, int length);

    abstract void copyOut(long offset, byte[] dst, int dstOffset, int length);

    /**
     * Frees the memory once no counted user holds it. May throw {@code IllegalStateException} when the backend's own
     * guard finds a native call in flight (see {@link #beginCall()}); the buffer then stays open. It returns or throws
     * without waiting on a user (FFM: {@code Arena.close()}; JNA: {@code Memory.close()}), so the CLOSING spin of
     * {@link #close()} and {@link #acquire()} on another thread is bounded by it.
     */
    abstract void free();

    @Override
    public String toString() {
        return backend + " NativeBuffer[" + size + " bytes" + (isAlive() ? "" : ", closed") + "]";
    }
}
