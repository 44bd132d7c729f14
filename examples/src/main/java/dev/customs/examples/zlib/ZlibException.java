package dev.customs.examples.zlib;

/**
 * A zlib function returned an error code. Each code has its own type, so a caller catches what it can handle (a
 * {@link Data} error is bad input; a {@link Memory} error is not). Every one carries the code, zlib's own text for it
 * ({@code zError(code)}, e.g. "data error") and, for the streaming functions, the stream's {@code msg} (e.g.
 * "incorrect header check"), or null when zlib set none.
 */
public abstract sealed class ZlibException extends RuntimeException {
    private final int code;
    private final String zError;
    private final String streamMessage;

    ZlibException(String function, int code, String zError, String streamMessage) {
        super(function + ": " + name(code) + " (" + code + "): " + zError
                + (streamMessage == null ? "" : ": " + streamMessage));
        this.code = code;
        this.zError = zError;
        this.streamMessage = streamMessage;
    }

    /** The typed exception for {@code code}, which must be an error (negative, or {@code Z_NEED_DICT}). */
    static ZlibException of(String function, int code, String zError, String streamMessage) {
        return switch (code) {
            case Zlib.Z_NEED_DICT -> new NeedDictionary(function, code, zError, streamMessage);
            case Zlib.Z_ERRNO -> new Errno(function, code, zError, streamMessage);
            case Zlib.Z_STREAM_ERROR -> new Stream(function, code, zError, streamMessage);
            case Zlib.Z_DATA_ERROR -> new Data(function, code, zError, streamMessage);
            case Zlib.Z_MEM_ERROR -> new Memory(function, code, zError, streamMessage);
            case Zlib.Z_BUF_ERROR -> new Buffer(function, code, zError, streamMessage);
            case Zlib.Z_VERSION_ERROR -> new Version(function, code, zError, streamMessage);
            default -> new Unknown(function, code, zError, streamMessage);
        };
    }

    /** zlib's return code. */
    public int code() {
        return code;
    }

    /** zlib's text for the code: {@code zError(code)}. */
    public String zError() {
        return zError;
    }

    /** The stream's {@code msg} when the function set one (inflate's "invalid distance too far back"), else null. */
    public String streamMessage() {
        return streamMessage;
    }

    static String name(int code) {
        return switch (code) {
            case Zlib.Z_NEED_DICT -> "Z_NEED_DICT";
            case Zlib.Z_ERRNO -> "Z_ERRNO";
            case Zlib.Z_STREAM_ERROR -> "Z_STREAM_ERROR";
            case Zlib.Z_DATA_ERROR -> "Z_DATA_ERROR";
            case Zlib.Z_MEM_ERROR -> "Z_MEM_ERROR";
            case Zlib.Z_BUF_ERROR -> "Z_BUF_ERROR";
            case Zlib.Z_VERSION_ERROR -> "Z_VERSION_ERROR";
            default -> "zlib code";
        };
    }

    /** {@code Z_DATA_ERROR}: the input is corrupt (bad header, bad checksum, invalid codes). */
    public static final class Data extends ZlibException {
        Data(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /**
     * {@code Z_BUF_ERROR}: no progress possible: the output does not fit, or the input ended before the stream did
     * (truncated input).
     */
    public static final class Buffer extends ZlibException {
        Buffer(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** {@code Z_MEM_ERROR}: zlib's allocator returned NULL. */
    public static final class Memory extends ZlibException {
        Memory(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** {@code Z_STREAM_ERROR}: an inconsistent stream or an invalid parameter (a compression level of 42). */
    public static final class Stream extends ZlibException {
        Stream(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** {@code Z_VERSION_ERROR}: the library is incompatible with the version the caller was built for. */
    public static final class Version extends ZlibException {
        Version(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** {@code Z_NEED_DICT}: the stream was compressed with a preset dictionary, which these examples do not take. */
    public static final class NeedDictionary extends ZlibException {
        NeedDictionary(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** {@code Z_ERRNO}: a file operation failed (gz* functions only). */
    public static final class Errno extends ZlibException {
        Errno(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }

    /** A code zlib's header does not list. */
    public static final class Unknown extends ZlibException {
        Unknown(String f, int c, String z, String m) {
            super(f, c, z, m);
        }
    }
}
