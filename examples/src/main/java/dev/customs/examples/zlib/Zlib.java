package dev.customs.examples.zlib;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.Handoff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * zlib's one-shot functions over Java arrays, through the toolkit (FFM):
 * <ul>
 *   <li>{@link #crc32} and {@link #adler32}: the array itself as a heap segment through a {@code critical(true)}
 *       handle ({@link Handoff#HEAP}): no copy, equal to {@code java.util.zip.CRC32}/{@code Adler32};</li>
 *   <li>{@link #compress} and {@link #uncompress}: input and output as native copies ({@link Handoff#NATIVE_COPY});
 *       the output is copied back exactly once, after zlib returned, and a result is returned only when zlib said
 *       {@code Z_OK}: an error is a typed {@link ZlibException}, never a partial array.</li>
 * </ul>
 * {@code copiesIn()}/{@code writeBacks()} of {@link #heapHandoff()} and {@link #copyHandoff()} count what was copied.
 * Instances are thread-safe.
 */
public final class Zlib {
    public static final int Z_OK = 0;
    public static final int Z_STREAM_END = 1;
    public static final int Z_NEED_DICT = 2;
    public static final int Z_ERRNO = -1;
    public static final int Z_STREAM_ERROR = -2;
    public static final int Z_DATA_ERROR = -3;
    public static final int Z_MEM_ERROR = -4;
    public static final int Z_BUF_ERROR = -5;
    public static final int Z_VERSION_ERROR = -6;
    public static final int Z_DEFAULT_COMPRESSION = -1;

    private final ArrayHandoff<MemorySegment> heap = Handoff.HEAP.ffm();
    private final ArrayHandoff<MemorySegment> copies = Handoff.NATIVE_COPY.ffm();

    public Zlib() {
        ZlibLibrary.loaded();
    }

    /** The zero-copy handoff of the checksums. */
    public ArrayHandoff<MemorySegment> heapHandoff() {
        return heap;
    }

    /** The copying handoff of compress and uncompress. */
    public ArrayHandoff<MemorySegment> copyHandoff() {
        return copies;
    }

    /** CRC-32 of the whole array, as {@code java.util.zip.CRC32.getValue()} gives it. */
    public long crc32(byte[] data) {
        return crc32(0, data, 0, data.length);
    }

    /** CRC-32 of {@code data[offset, offset + length)}, continuing from {@code crc}. */
    public long crc32(long crc, byte[] data, int offset, int length) {
        return heap.pass(ZlibLibrary.CRC32, data, offset, length, Access.IN,
                s -> (long) ZlibLibrary.CRC32_CRITICAL.handle().invokeExact(crc, s, length));
    }

    /** Adler-32 of the whole array, as {@code java.util.zip.Adler32.getValue()} gives it. */
    public long adler32(byte[] data) {
        return adler32(1, data, 0, data.length);
    }

    /** Adler-32 of {@code data[offset, offset + length)}, continuing from {@code adler} (1 to start). */
    public long adler32(long adler, byte[] data, int offset, int length) {
        return heap.pass(ZlibLibrary.ADLER32, data, offset, length, Access.IN,
                s -> (long) ZlibLibrary.ADLER32_CRITICAL.handle().invokeExact(adler, s, length));
    }

    /** {@code compress2} at {@code level} (0-9, or {@link #Z_DEFAULT_COMPRESSION}): a zlib stream of the input. */
    public byte[] compress(byte[] input, int level) {
        Objects.requireNonNull(input, "input");
        byte[] out = new byte[Math.toIntExact(compressBound(input.length))];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment outLength = arena.allocateFrom(JAVA_LONG, out.length);
            int code = copies.pass(ZlibLibrary.COMPRESS2, input, 0, input.length, Access.IN,
                    in -> copies.pass(ZlibLibrary.COMPRESS2, out, 0, out.length, Access.OUT,
                            o -> (int) ZlibLibrary.COMPRESS2_CALL.handle().invokeExact(o, outLength, in,
                                    (long) input.length, level)));
            ZlibLibrary.check("compress2", code, null);
            return Arrays.copyOf(out, Math.toIntExact(outLength.get(JAVA_LONG, 0)));
        }
    }

    /**
     * {@code uncompress}: the original of a zlib stream no longer than {@code maxLength} bytes.
     *
     * @throws ZlibException.Data   for corrupt or truncated input
     * @throws ZlibException.Buffer when the original is longer than {@code maxLength}
     */
    public byte[] uncompress(byte[] compressed, int maxLength) {
        Objects.requireNonNull(compressed, "compressed");
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative, got " + maxLength);
        }
        byte[] out = new byte[maxLength];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment outLength = arena.allocateFrom(JAVA_LONG, maxLength);
            int code = copies.pass(ZlibLibrary.UNCOMPRESS, compressed, 0, compressed.length, Access.IN,
                    in -> copies.pass(ZlibLibrary.UNCOMPRESS, out, 0, out.length, Access.OUT,
                            o -> (int) ZlibLibrary.UNCOMPRESS_CALL.handle().invokeExact(o, outLength, in,
                                    (long) compressed.length)));
            ZlibLibrary.check("uncompress", code, null);
            return Arrays.copyOf(out, Math.toIntExact(outLength.get(JAVA_LONG, 0)));
        }
    }

    /** {@code compressBound}: the most {@code compress} can produce from {@code length} bytes. */
    public static long compressBound(long length) {
        ZlibLibrary.loaded();
        return dev.customs.examples.zlib.ffm.zlib_h.compressBound(length);
    }
}
