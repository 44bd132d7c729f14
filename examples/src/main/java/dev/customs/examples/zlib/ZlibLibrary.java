package dev.customs.examples.zlib;

import dev.customs.examples.SystemLibrary;
import dev.customs.examples.zlib.ffm.zlib_h;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.NativeFunction;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/**
 * What jextract cannot generate for zlib, beside its output: opening libz through {@link SystemLibrary} (before any
 * generated call; jextract's {@code zlib_h} only looks in its class loader's libraries), and the linker options it
 * never emits, here {@code critical(true)} for the checksums through the toolkit's {@link Downcall}.
 */
public final class ZlibLibrary {
    /** How zlib is found: {@code -Dcustoms.zlib.library} / {@code $CUSTOMS_ZLIB_LIBRARY}, else its soname. */
    public static final SystemLibrary ZLIB = new SystemLibrary("zlib", List.of("libz.so.1", "libz.so"),
            "customs.zlib.library", "CUSTOMS_ZLIB_LIBRARY", "zlibVersion", "zlib1g-dev");

    private static final SystemLibrary.Loaded LOADED = ZLIB.load();

    /** {@code crc32} and {@code adler32} read their buffer during the call only and never call back. */
    public static final NativeFunction CRC32 = NativeFunction.of("crc32");
    public static final NativeFunction ADLER32 = NativeFunction.of("adler32");
    /** {@code compress2} and {@code uncompress} take two buffers each: handed over as native copies. */
    public static final NativeFunction COMPRESS2 = NativeFunction.of("compress2");
    public static final NativeFunction UNCOMPRESS = NativeFunction.of("uncompress");

    /**
     * {@code uLong crc32(uLong crc, const Bytef *buf, uInt len)} and {@code adler32}, of the same shape: jextract's
     * descriptor, written here (held equal to {@code zlib_h.crc32$descriptor()} by {@code ZlibChecksumTest}). Reading
     * jextract's {@code $descriptor()} or {@code $address()} would initialise its holder for the function and link its
     * plain handle too, a second downcall stub that is never called (pinning/README.md).
     */
    static final FunctionDescriptor CHECKSUM = FunctionDescriptor.of(zlib_h.C_LONG, zlib_h.C_LONG, zlib_h.C_POINTER,
            zlib_h.C_INT);

    /**
     * The checksums linked {@code critical(true)}: a heap segment of the Java array itself, no copy. Short and bounded
     * (about 100 µs for 1 MiB), so holding off the GC is fine.
     */
    static final Downcall CRC32_CRITICAL = Downcall.critical(CRC32, symbol("crc32"), CHECKSUM);
    static final Downcall ADLER32_CRITICAL = Downcall.critical(ADLER32, symbol("adler32"), CHECKSUM);
    // Plain handles share the stub jextract links for the same descriptor, so reading its descriptor costs nothing here.
    static final Downcall COMPRESS2_CALL = Downcall.plain(COMPRESS2, zlib_h.compress2$address(),
            zlib_h.compress2$descriptor());
    static final Downcall UNCOMPRESS_CALL = Downcall.plain(UNCOMPRESS, zlib_h.uncompress$address(),
            zlib_h.uncompress$descriptor());

    private ZlibLibrary() {}

    /** A zlib function's address, from the libraries {@link #ZLIB} loaded for this class loader (as zlib_h finds it). */
    private static MemorySegment symbol(String name) {
        return SymbolLookup.loaderLookup().findOrThrow(name);
    }

    /** The file both backends opened, and where it was found. */
    public static SystemLibrary.Loaded loaded() {
        return LOADED;
    }

    /** zlib's version string, {@code zlibVersion()}. */
    public static String version() {
        return cString(zlib_h.zlibVersion());
    }

    /** zlib's text for a return code: {@code zError(code)}. */
    public static String zError(int code) {
        return cString(zlib_h.zError(code));
    }

    /** A NUL-terminated string zlib owns (static text, or a stream's {@code msg}): read, never freed; null for NULL. */
    static String cString(MemorySegment s) {
        return s.address() == 0 ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Throws the typed exception for {@code code} unless it is {@code Z_OK} or {@code Z_STREAM_END}. */
    static int check(String function, int code, String streamMessage) {
        if (code == Zlib.Z_OK || code == Zlib.Z_STREAM_END) {
            return code;
        }
        throw ZlibException.of(function, code, zError(code), streamMessage);
    }
}
