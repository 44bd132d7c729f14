package dev.customs.examples.zlib;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import dev.customs.jna.JnaHandoffs;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import java.util.Arrays;
import java.util.Objects;

/**
 * The JNA counterpart of {@link Zlib}'s crc32 and compress/uncompress, on the same libz file
 * ({@link ZlibLibrary#loaded()}). JNA has no zero-copy way for a Java array: its {@code byte[]} argument is copied
 * into native memory before the call and back after it, for the checksum too ({@link JnaHandoffs#array()}).
 */
public final class ZlibJna {
    /** zlib's functions as JNA's interface mapping sees them; {@code uLong} is a C {@code long}: {@link NativeLong}. */
    public interface ZlibLibraryJna extends Library {
        NativeLong crc32(NativeLong crc, byte[] buf, int len);

        int compress2(byte[] dest, NativeLongByReference destLen, byte[] source, NativeLong sourceLen, int level);

        int uncompress(byte[] dest, NativeLongByReference destLen, byte[] source, NativeLong sourceLen);

        NativeLong compressBound(NativeLong sourceLen);

        String zError(int code);
    }

    private final ZlibLibraryJna lib;
    private final ArrayHandoff<byte[]> arrays = JnaHandoffs.array();

    public ZlibJna() {
        lib = Native.load(ZlibLibrary.loaded().path().toString(), ZlibLibraryJna.class);
    }

    /** The raw mapping. */
    public ZlibLibraryJna raw() {
        return lib;
    }

    /** The handoff every array goes through: its counters show JNA's copies. */
    public ArrayHandoff<byte[]> handoff() {
        return arrays;
    }

    public long crc32(byte[] data) {
        return crc32(0, data, 0, data.length);
    }

    public long crc32(long crc, byte[] data, int offset, int length) {
        return arrays.pass(ZlibLibrary.CRC32, data, offset, length, Access.IN,
                a -> lib.crc32(new NativeLong(crc), a, length).longValue());
    }

    /** {@code compress2}: as {@link Zlib#compress}, the output copied back once by JNA and kept only on {@code Z_OK}. */
    public byte[] compress(byte[] input, int level) {
        Objects.requireNonNull(input, "input");
        byte[] out = new byte[Math.toIntExact(lib.compressBound(new NativeLong(input.length)).longValue())];
        NativeLongByReference outLength = new NativeLongByReference(new NativeLong(out.length));
        int code = arrays.pass(ZlibLibrary.COMPRESS2, input, 0, input.length, Access.IN,
                in -> arrays.pass(ZlibLibrary.COMPRESS2, out, 0, out.length, Access.OUT,
                        o -> lib.compress2(o, outLength, in, new NativeLong(input.length), level)));
        check("compress2", code);
        return Arrays.copyOf(out, Math.toIntExact(outLength.getValue().longValue()));
    }

    /** {@code uncompress}, as {@link Zlib#uncompress}. */
    public byte[] uncompress(byte[] compressed, int maxLength) {
        Objects.requireNonNull(compressed, "compressed");
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative, got " + maxLength);
        }
        byte[] out = new byte[maxLength];
        NativeLongByReference outLength = new NativeLongByReference(new NativeLong(maxLength));
        int code = arrays.pass(ZlibLibrary.UNCOMPRESS, compressed, 0, compressed.length, Access.IN,
                in -> arrays.pass(ZlibLibrary.UNCOMPRESS, out, 0, out.length, Access.OUT,
                        o -> lib.uncompress(o, outLength, in, new NativeLong(compressed.length))));
        check("uncompress", code);
        return Arrays.copyOf(out, Math.toIntExact(outLength.getValue().longValue()));
    }

    private void check(String function, int code) {
        if (code != Zlib.Z_OK) {
            throw ZlibException.of(function, code, lib.zError(code), null);
        }
    }
}
