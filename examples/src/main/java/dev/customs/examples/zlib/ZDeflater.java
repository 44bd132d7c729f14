package dev.customs.examples.zlib;

import dev.customs.examples.zlib.ffm.z_stream;
import dev.customs.examples.zlib.ffm.zlib_h;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Streaming {@code deflate} into a zlib stream, fed in pieces, with {@code z_stream} in an arena ({@link ZStream}).
 *
 * {@snippet :
 * try (ZDeflater deflater = new ZDeflater(Zlib.Z_DEFAULT_COMPRESSION)) {
 *     deflater.update(piece, 0, piece.length);
 *     byte[] compressed = deflater.finish();
 * }
 * }
 */
public final class ZDeflater extends ZStream {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean finished;

    /**
     * A deflater at {@code level}.
     *
     * @throws ZlibException.Stream for a level outside -1..9 (zlib's own check)
     */
    public ZDeflater(int level) {
        super(DEFAULT_BUFFER, MemorySegment.NULL, MemorySegment.NULL);
        int code = zlib_h.deflateInit_(stream, level, zlib_h.zlibVersion(), (int) z_stream.sizeof());
        if (code != Zlib.Z_OK) {
            String msg = message();
            abandon();
            throw ZlibException.of("deflateInit_", code, ZlibLibrary.zError(code), msg);
        }
    }

    @Override
    int end(MemorySegment s) {
        return zlib_h.deflateEnd(s);
    }

    /** Deflates {@code input[offset, offset + length)}. */
    public void update(byte[] input, int offset, int length) {
        Objects.requireNonNull(input, "input");
        Objects.checkFromIndexSize(offset, length, input.length);
        refuseIfClosed();
        if (finished) {
            throw new IllegalStateException("the deflater has finished");
        }
        while (length > 0) {
            int fed = feed(input, offset, length);
            offset += fed;
            length -= fed;
            run(zlib_h.Z_NO_FLUSH());
        }
    }

    /** Ends the stream and returns everything it produced. */
    public byte[] finish() {
        refuseIfClosed();
        if (!finished) {
            z_stream.avail_in(stream, 0);
            run(zlib_h.Z_FINISH());
            finished = true;
        }
        return output.toByteArray();
    }

    private void run(int flush) {
        while (true) {
            freshOutput();
            int code = zlib_h.deflate(stream, flush);
            if (code != Zlib.Z_OK && code != Zlib.Z_STREAM_END && code != Zlib.Z_BUF_ERROR) {
                throw ZlibException.of("deflate", code, ZlibLibrary.zError(code), message());
            }
            drain(output);
            if (code == Zlib.Z_STREAM_END || code == Zlib.Z_BUF_ERROR
                    || (flush != zlib_h.Z_FINISH() && z_stream.avail_out(stream) != 0)) {
                return;
            }
        }
    }

    /** Deflates a whole array, fed in pieces of {@code piece} bytes. */
    public static byte[] deflate(byte[] input, int level, int piece) {
        if (piece < 1) {
            throw new IllegalArgumentException("piece must be at least 1, got " + piece);
        }
        try (ZDeflater deflater = new ZDeflater(level)) {
            for (int at = 0; at < input.length; at += piece) {
                deflater.update(input, at, Math.min(piece, input.length - at));
            }
            return deflater.finish();
        }
    }
}
