package dev.customs.examples.zlib;

import dev.customs.examples.zlib.ffm.z_stream;
import dev.customs.examples.zlib.ffm.zlib_h;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Streaming {@code inflate} of a zlib stream, fed in pieces, with {@code z_stream} in an arena ({@link ZStream}).
 * Corrupt input is a {@link ZlibException.Data} carrying the stream's {@code msg}; input that ends before the stream
 * does is a {@link ZlibException.Buffer} from {@link #finish()}; output beyond the limit is refused before it is kept.
 * Nothing partial is ever returned as if it were the whole.
 *
 * {@snippet :
 * try (ZInflater inflater = new ZInflater()) {
 *     inflater.update(firstPiece, 0, firstPiece.length);
 *     inflater.update(secondPiece, 0, secondPiece.length);
 *     byte[] original = inflater.finish();                  // throws if the stream was truncated
 * }
 * }
 */
public final class ZInflater extends ZStream {
    private final long maxOutput;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean finished;

    /** An inflater keeping at most {@code maxOutput} bytes of output. */
    public ZInflater(long maxOutput) {
        this(maxOutput, DEFAULT_BUFFER, null, MemorySegment.NULL, MemorySegment.NULL);
    }

    /**
     * An inflater with its own buffer size and zlib allocator functions ({@code alloc_func}/{@code free_func} upcall
     * stubs, or {@code NULL} for zlib's own), and the zlib version it claims to be built for (null: the library's
     * own, {@code zlibVersion()}).
     */
    public ZInflater(long maxOutput, int bufferSize, String version, MemorySegment zalloc, MemorySegment zfree) {
        super(bufferSize, zalloc, zfree);
        if (maxOutput < 0) {
            abandon();
            throw new IllegalArgumentException("maxOutput must not be negative, got " + maxOutput);
        }
        this.maxOutput = maxOutput;
        int code;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment v = version == null ? zlib_h.zlibVersion() : scratch.allocateFrom(version);
            code = zlib_h.inflateInit_(stream, v, (int) z_stream.sizeof());
        }
        if (code != Zlib.Z_OK) {
            String msg = message();
            abandon();
            throw ZlibException.of("inflateInit_", code, ZlibLibrary.zError(code), msg);
        }
    }

    @Override
    int end(MemorySegment s) {
        return zlib_h.inflateEnd(s);
    }

    /** True once zlib reported the end of the stream. */
    public boolean finished() {
        return finished;
    }

    /**
     * Inflates {@code input[offset, offset + length)}.
     *
     * @throws ZlibException.Data   corrupt input, or bytes after the end of the stream
     * @throws ZlibException.Buffer more output than the limit
     */
    public void update(byte[] input, int offset, int length) {
        Objects.requireNonNull(input, "input");
        Objects.checkFromIndexSize(offset, length, input.length);
        refuseIfClosed();
        while (length > 0) {
            if (finished) {
                throw new ZlibException.Data("inflate", Zlib.Z_DATA_ERROR, ZlibLibrary.zError(Zlib.Z_DATA_ERROR),
                        length + " byte(s) after the end of the zlib stream");
            }
            int fed = feed(input, offset, length);
            offset += fed;
            length -= fed;
            inflateFed();
        }
    }

    /** Runs inflate until zlib has consumed what it was fed and has no more output pending. */
    private void inflateFed() {
        while (true) {
            freshOutput();
            int code = zlib_h.inflate(stream, zlib_h.Z_NO_FLUSH());
            if (code == Zlib.Z_BUF_ERROR) {
                return; // no progress possible: zlib wants more input
            }
            if (code != Zlib.Z_OK && code != Zlib.Z_STREAM_END) {
                throw ZlibException.of("inflate", code, ZlibLibrary.zError(code), message());
            }
            int produced = (int) out.byteSize() - z_stream.avail_out(stream);
            if (output.size() + (long) produced > maxOutput) {
                throw new ZlibException.Buffer("inflate", Zlib.Z_BUF_ERROR, ZlibLibrary.zError(Zlib.Z_BUF_ERROR),
                        "output exceeds the limit of " + maxOutput + " bytes");
            }
            drain(output);
            if (code == Zlib.Z_STREAM_END) {
                finished = true;
                int left = z_stream.avail_in(stream);
                if (left > 0) {
                    throw new ZlibException.Data("inflate", Zlib.Z_DATA_ERROR,
                            ZlibLibrary.zError(Zlib.Z_DATA_ERROR), left + " byte(s) after the end of the zlib stream");
                }
                return;
            }
            if (z_stream.avail_in(stream) == 0 && z_stream.avail_out(stream) != 0) {
                return;
            }
        }
    }

    /**
     * The whole output, once the stream has ended.
     *
     * @throws ZlibException.Buffer when the input ended before the stream did (truncated)
     */
    public byte[] finish() {
        refuseIfClosed();
        if (!finished) {
            throw new ZlibException.Buffer("inflate", Zlib.Z_BUF_ERROR, ZlibLibrary.zError(Zlib.Z_BUF_ERROR),
                    "the input ended before the end of the zlib stream (truncated after " + z_stream.total_in(stream)
                            + " bytes)");
        }
        return output.toByteArray();
    }

    /** Inflates a whole zlib stream fed in pieces of {@code piece} bytes, keeping at most {@code maxOutput} bytes. */
    public static byte[] inflate(byte[] input, int piece, long maxOutput) {
        if (piece < 1) {
            throw new IllegalArgumentException("piece must be at least 1, got " + piece);
        }
        try (ZInflater inflater = new ZInflater(maxOutput)) {
            for (int at = 0; at < input.length; at += piece) {
                inflater.update(input, at, Math.min(piece, input.length - at));
            }
            return inflater.finish();
        }
    }
}
