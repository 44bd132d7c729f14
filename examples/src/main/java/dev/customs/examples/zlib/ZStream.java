package dev.customs.examples.zlib;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.customs.examples.zlib.ffm.z_stream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What the streaming inflater and deflater share: a {@code z_stream} allocated (zeroed, so {@code zalloc},
 * {@code zfree} and {@code opaque} are {@code Z_NULL}: zlib's own allocator) in a confined arena together with the
 * input and output buffers zlib reads and writes between calls. zlib keeps pointers into all three across calls, so
 * they live exactly as long as the stream: {@link #close()} calls {@code inflateEnd}/{@code deflateEnd} once, then
 * closes the arena. Confined: one thread per stream, which FFM enforces ({@code WrongThreadException}).
 */
abstract sealed class ZStream implements AutoCloseable permits ZInflater, ZDeflater {
    static final int DEFAULT_BUFFER = 16 * 1024;

    final Arena arena = Arena.ofConfined();
    final MemorySegment stream;
    final MemorySegment in;
    final MemorySegment out;
    private boolean ended;

    ZStream(int bufferSize, MemorySegment zalloc, MemorySegment zfree) {
        if (bufferSize < 1) {
            arena.close();
            throw new IllegalArgumentException("bufferSize must be at least 1, got " + bufferSize);
        }
        ZlibLibrary.loaded();
        stream = z_stream.allocate(arena);
        z_stream.zalloc(stream, Objects.requireNonNull(zalloc, "zalloc"));
        z_stream.zfree(stream, Objects.requireNonNull(zfree, "zfree"));
        in = arena.allocate(bufferSize);
        out = arena.allocate(bufferSize);
    }

    /** {@code inflateEnd} or {@code deflateEnd}. */
    abstract int end(MemorySegment stream);

    /** The stream's {@code msg}, or null. */
    final String message() {
        return ZlibLibrary.cString(z_stream.msg(stream));
    }

    final void refuseIfClosed() {
        if (ended) {
            throw new IllegalStateException("the zlib stream is closed");
        }
    }

    /** Hands zlib the next piece of {@code input}: at most the input buffer's size. Returns how many bytes. */
    final int feed(byte[] input, int offset, int length) {
        int n = (int) Math.min(length, in.byteSize());
        MemorySegment.copy(input, offset, in, JAVA_BYTE, 0, n);
        z_stream.next_in(stream, in);
        z_stream.avail_in(stream, n);
        return n;
    }

    /** Gives zlib the whole output buffer. */
    final void freshOutput() {
        z_stream.next_out(stream, out);
        z_stream.avail_out(stream, (int) out.byteSize());
    }

    /** Moves what zlib wrote since {@link #freshOutput()} into {@code sink}; returns how many bytes. */
    final int drain(ByteArrayOutputStream sink) {
        int produced = (int) out.byteSize() - z_stream.avail_out(stream);
        sink.write(out.asSlice(0, produced).toArray(JAVA_BYTE), 0, produced);
        return produced;
    }

    /** Ends the stream in zlib (once), then frees the stream and its buffers. Closing again does nothing. */
    @Override
    public final void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            end(stream);
        } finally {
            arena.close();
        }
    }

    /** Ends a stream whose init failed: zlib holds nothing, so only the arena is freed. */
    final void abandon() {
        ended = true;
        arena.close();
    }
}
