package dev.customs.bindings.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The functions, enum constants and macros of {@code native/include/customs.h}, bound with FFM: one downcall handle
 * per function, looked up in libcustoms through {@link dev.customs.loader.LibraryLoader}. The C layouts
 * ({@code C_INT}, {@code C_POINTER}, ...) are inherited from {@link customs_h$shared}.
 *
 * <p>Kept by hand in the shape jextract generates; see bindings/README.md. Two deliberate departures from
 * jextract's output: every wrapper lets {@link RuntimeException} and {@link Error} through unchanged (FFM reports a
 * closed arena, a wrong thread or a heap segment that way, and the toolkit must see them), and
 * {@code customs_file_size} is linked with {@code captureCallState("errno")} (see {@link #CAPTURE_STATE_LAYOUT}).
 * No validation happens here: this is the raw layer.
 */
public final class customs_h extends customs_h$shared {

    customs_h() {
        // Should not be called directly
    }

    static final boolean TRACE_DOWNCALLS = Boolean.getBoolean("jextract.trace.downcalls");

    static void traceDowncall(String name, Object... args) {
         String traceArgs = Arrays.stream(args)
                       .map(Object::toString)
                       .collect(Collectors.joining(", "));
         System.out.printf("%s(%s)\n", name, traceArgs);
    }

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol)
            .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    // Where jextract would write libraryLookup(System.mapLibraryName("customs"), ...).or(loaderLookup()).or(defaultLookup()):
    // the project's one loader, so the FFM and JNA backends always open the same file.
    static final SymbolLookup SYMBOL_LOOKUP = dev.customs.bindings.Libcustoms.shared().lookup();

    // ---- errno (added by hand: jextract has no notion of captured call state) ---------------------------------------

    /**
     * The layout of the call state FFM can capture on this platform; {@code customs_file_size} captures its
     * {@code "errno"} element. Allocate one segment of it per call (or per thread) and pass it first.
     */
    public static final StructLayout CAPTURE_STATE_LAYOUT = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO = CAPTURE_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * The errno value captured into {@code capturedState} (a segment of {@link #CAPTURE_STATE_LAYOUT}) by the last
     * call that used it. Meaningful only when that call reported failure.
     */
    public static int errno(MemorySegment capturedState) {
        return (int) ERRNO.get(capturedState, 0L);
    }

    // Opaque types: customs_async, customs_listener and customs_sink are incomplete structs, so jextract emits nothing
    // for them; they only ever appear behind pointers (customs_async *, customs_listener **, customs_sink **), which are
    // C_POINTER / MemorySegment here.

    // enum customs_status
    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_OK = 0
     * }
     */
    public static int CUSTOMS_OK() {
        return 0;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_NULL = -1
     * }
     */
    public static int CUSTOMS_E_NULL() {
        return -1;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_RANGE = -2
     * }
     */
    public static int CUSTOMS_E_RANGE() {
        return -2;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_TRUNCATED = -3
     * }
     */
    public static int CUSTOMS_E_TRUNCATED() {
        return -3;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_FORMAT = -4
     * }
     */
    public static int CUSTOMS_E_FORMAT() {
        return -4;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_NOMEM = -5
     * }
     */
    public static int CUSTOMS_E_NOMEM() {
        return -5;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_STATE = -6
     * }
     */
    public static int CUSTOMS_E_STATE() {
        return -6;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_THREAD = -7
     * }
     */
    public static int CUSTOMS_E_THREAD() {
        return -7;
    }

    /**
     * {@snippet lang=c :
     * enum customs_status.CUSTOMS_E_TIMEOUT = -8
     * }
     */
    public static int CUSTOMS_E_TIMEOUT() {
        return -8;
    }

    // #define constants
    /**
     * {@snippet lang=c :
     * #define CUSTOMS_MAX_FIELDS 32
     * }
     */
    public static int CUSTOMS_MAX_FIELDS() {
        return 32;
    }

    /**
     * {@snippet lang=c :
     * #define CUSTOMS_MAX_THREADS 256
     * }
     */
    public static int CUSTOMS_MAX_THREADS() {
        return 256;
    }

    /**
     * {@snippet lang=c :
     * #define CUSTOMS_MAX_ASYNC_DELAY_MS 60000
     * }
     */
    public static int CUSTOMS_MAX_ASYNC_DELAY_MS() {
        return 60000;
    }

    // ---- Status codes --------------------------------------------------------------------

    private static class customs_status_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_POINTER,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_status_name");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * const char *customs_status_name(int32_t status)
     * }
     */
    public static FunctionDescriptor customs_status_name$descriptor() {
        return customs_status_name.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * const char *customs_status_name(int32_t status)
     * }
     */
    public static MethodHandle customs_status_name$handle() {
        return customs_status_name.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * const char *customs_status_name(int32_t status)
     * }
     */
    public static MemorySegment customs_status_name$address() {
        return customs_status_name.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *customs_status_name(int32_t status)
     * }
     */
    public static MemorySegment customs_status_name(int status) {
        var mh$ = customs_status_name.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_status_name", status);
            }
            return (MemorySegment)mh$.invokeExact(status);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_status_message {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_POINTER,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_status_message");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * const char *customs_status_message(int32_t status)
     * }
     */
    public static FunctionDescriptor customs_status_message$descriptor() {
        return customs_status_message.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * const char *customs_status_message(int32_t status)
     * }
     */
    public static MethodHandle customs_status_message$handle() {
        return customs_status_message.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * const char *customs_status_message(int32_t status)
     * }
     */
    public static MemorySegment customs_status_message$address() {
        return customs_status_message.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *customs_status_message(int32_t status)
     * }
     */
    public static MemorySegment customs_status_message(int status) {
        var mh$ = customs_status_message.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_status_message", status);
            }
            return (MemorySegment)mh$.invokeExact(status);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_version {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_version");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * const char *customs_version(void)
     * }
     */
    public static FunctionDescriptor customs_version$descriptor() {
        return customs_version.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * const char *customs_version(void)
     * }
     */
    public static MethodHandle customs_version$handle() {
        return customs_version.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * const char *customs_version(void)
     * }
     */
    public static MemorySegment customs_version$address() {
        return customs_version.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *customs_version(void)
     * }
     */
    public static MemorySegment customs_version() {
        var mh$ = customs_version.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_version");
            }
            return (MemorySegment)mh$.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 1. Scalars ----------------------------------------------------------------------

    private static class customs_add {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_add");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_add(int32_t a, int32_t b)
     * }
     */
    public static FunctionDescriptor customs_add$descriptor() {
        return customs_add.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_add(int32_t a, int32_t b)
     * }
     */
    public static MethodHandle customs_add$handle() {
        return customs_add.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_add(int32_t a, int32_t b)
     * }
     */
    public static MemorySegment customs_add$address() {
        return customs_add.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_add(int32_t a, int32_t b)
     * }
     */
    public static int customs_add(int a, int b) {
        var mh$ = customs_add.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_add", a, b);
            }
            return (int)mh$.invokeExact(a, b);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_noop {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid();

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_noop");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void customs_noop(void)
     * }
     */
    public static FunctionDescriptor customs_noop$descriptor() {
        return customs_noop.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void customs_noop(void)
     * }
     */
    public static MethodHandle customs_noop$handle() {
        return customs_noop.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void customs_noop(void)
     * }
     */
    public static MemorySegment customs_noop$address() {
        return customs_noop.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void customs_noop(void)
     * }
     */
    public static void customs_noop() {
        var mh$ = customs_noop.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_noop");
            }
            mh$.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 2. Caller-owned buffers ---------------------------------------------------------

    private static class customs_crc32 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_crc32");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len)
     * }
     */
    public static FunctionDescriptor customs_crc32$descriptor() {
        return customs_crc32.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len)
     * }
     */
    public static MethodHandle customs_crc32$handle() {
        return customs_crc32.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len)
     * }
     */
    public static MemorySegment customs_crc32$address() {
        return customs_crc32.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len)
     * }
     */
    public static int customs_crc32(int crc, MemorySegment data, long len) {
        var mh$ = customs_crc32.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_crc32", crc, data, len);
            }
            return (int)mh$.invokeExact(crc, data, len);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_transform {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_LONG,
            customs_h.C_CHAR
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_transform");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_transform(uint8_t *data, size_t len, uint8_t key)
     * }
     */
    public static FunctionDescriptor customs_transform$descriptor() {
        return customs_transform.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_transform(uint8_t *data, size_t len, uint8_t key)
     * }
     */
    public static MethodHandle customs_transform$handle() {
        return customs_transform.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_transform(uint8_t *data, size_t len, uint8_t key)
     * }
     */
    public static MemorySegment customs_transform$address() {
        return customs_transform.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_transform(uint8_t *data, size_t len, uint8_t key)
     * }
     */
    public static int customs_transform(MemorySegment data, long len, byte key) {
        var mh$ = customs_transform.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_transform", data, len, key);
            }
            return (int)mh$.invokeExact(data, len, key);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_sum_i32 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER,
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sum_i32");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_sum_i32(const int32_t *values, size_t count)
     * }
     */
    public static FunctionDescriptor customs_sum_i32$descriptor() {
        return customs_sum_i32.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_sum_i32(const int32_t *values, size_t count)
     * }
     */
    public static MethodHandle customs_sum_i32$handle() {
        return customs_sum_i32.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_sum_i32(const int32_t *values, size_t count)
     * }
     */
    public static MemorySegment customs_sum_i32$address() {
        return customs_sum_i32.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_sum_i32(const int32_t *values, size_t count)
     * }
     */
    public static long customs_sum_i32(MemorySegment values, long count) {
        var mh$ = customs_sum_i32.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sum_i32", values, count);
            }
            return (long)mh$.invokeExact(values, count);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 3. Strings ----------------------------------------------------------------------

    private static class customs_greet {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_greet");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_greet(const char *name, char *out, size_t cap)
     * }
     */
    public static FunctionDescriptor customs_greet$descriptor() {
        return customs_greet.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_greet(const char *name, char *out, size_t cap)
     * }
     */
    public static MethodHandle customs_greet$handle() {
        return customs_greet.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_greet(const char *name, char *out, size_t cap)
     * }
     */
    public static MemorySegment customs_greet$address() {
        return customs_greet.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_greet(const char *name, char *out, size_t cap)
     * }
     */
    public static long customs_greet(MemorySegment name, MemorySegment out, long cap) {
        var mh$ = customs_greet.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_greet", name, out, cap);
            }
            return (long)mh$.invokeExact(name, out, cap);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_to_upper {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_to_upper");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * char *customs_to_upper(const char *s)
     * }
     */
    public static FunctionDescriptor customs_to_upper$descriptor() {
        return customs_to_upper.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * char *customs_to_upper(const char *s)
     * }
     */
    public static MethodHandle customs_to_upper$handle() {
        return customs_to_upper.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * char *customs_to_upper(const char *s)
     * }
     */
    public static MemorySegment customs_to_upper$address() {
        return customs_to_upper.ADDR;
    }

    /**
     * {@snippet lang=c :
     * char *customs_to_upper(const char *s)
     * }
     */
    public static MemorySegment customs_to_upper(MemorySegment s) {
        var mh$ = customs_to_upper.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_to_upper", s);
            }
            return (MemorySegment)mh$.invokeExact(s);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_string_free {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_string_free");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void customs_string_free(char *s)
     * }
     */
    public static FunctionDescriptor customs_string_free$descriptor() {
        return customs_string_free.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void customs_string_free(char *s)
     * }
     */
    public static MethodHandle customs_string_free$handle() {
        return customs_string_free.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void customs_string_free(char *s)
     * }
     */
    public static MemorySegment customs_string_free$address() {
        return customs_string_free.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void customs_string_free(char *s)
     * }
     */
    public static void customs_string_free(MemorySegment s) {
        var mh$ = customs_string_free.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_string_free", s);
            }
            mh$.invokeExact(s);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 4. Structs ----------------------------------------------------------------------

    private static class customs_sample_make {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_sample.layout(),
            customs_h.C_CHAR,
            customs_h.C_DOUBLE,
            customs_h.C_SHORT,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sample_make");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags)
     * }
     */
    public static FunctionDescriptor customs_sample_make$descriptor() {
        return customs_sample_make.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags)
     * }
     */
    public static MethodHandle customs_sample_make$handle() {
        return customs_sample_make.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags)
     * }
     */
    public static MemorySegment customs_sample_make$address() {
        return customs_sample_make.ADDR;
    }

    /**
     * {@snippet lang=c :
     * customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags)
     * }
     */
    public static MemorySegment customs_sample_make(SegmentAllocator allocator, byte tag, double value, short count, int flags) {
        var mh$ = customs_sample_make.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sample_make", allocator, tag, value, count, flags);
            }
            return (MemorySegment)mh$.invokeExact(allocator, tag, value, count, flags);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_sample_score {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_DOUBLE,
            customs_sample.layout()
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sample_score");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * double customs_sample_score(customs_sample sample)
     * }
     */
    public static FunctionDescriptor customs_sample_score$descriptor() {
        return customs_sample_score.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * double customs_sample_score(customs_sample sample)
     * }
     */
    public static MethodHandle customs_sample_score$handle() {
        return customs_sample_score.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * double customs_sample_score(customs_sample sample)
     * }
     */
    public static MemorySegment customs_sample_score$address() {
        return customs_sample_score.ADDR;
    }

    /**
     * {@snippet lang=c :
     * double customs_sample_score(customs_sample sample)
     * }
     */
    public static double customs_sample_score(MemorySegment sample) {
        var mh$ = customs_sample_score.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sample_score", sample);
            }
            return (double)mh$.invokeExact(sample);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_sample_scale {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_DOUBLE
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sample_scale");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_sample_scale(customs_sample *sample, double factor)
     * }
     */
    public static FunctionDescriptor customs_sample_scale$descriptor() {
        return customs_sample_scale.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_sample_scale(customs_sample *sample, double factor)
     * }
     */
    public static MethodHandle customs_sample_scale$handle() {
        return customs_sample_scale.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_sample_scale(customs_sample *sample, double factor)
     * }
     */
    public static MemorySegment customs_sample_scale$address() {
        return customs_sample_scale.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_sample_scale(customs_sample *sample, double factor)
     * }
     */
    public static int customs_sample_scale(MemorySegment sample, double factor) {
        var mh$ = customs_sample_scale.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sample_scale", sample, factor);
            }
            return (int)mh$.invokeExact(sample, factor);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 5. errno ------------------------------------------------------------------------

    private static class customs_file_size {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_file_size");

        // Added by hand: jextract never links with captureCallState; without it the JVM may overwrite errno before Java reads it.
        // The handle takes a leading MemorySegment of CAPTURE_STATE_LAYOUT that receives errno.
        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC,
                Linker.Option.captureCallState("errno"));
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_file_size(const char *path)
     * }
     */
    public static FunctionDescriptor customs_file_size$descriptor() {
        return customs_file_size.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_file_size(const char *path)
     * }
     */
    public static MethodHandle customs_file_size$handle() {
        return customs_file_size.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_file_size(const char *path)
     * }
     */
    public static MemorySegment customs_file_size$address() {
        return customs_file_size.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_file_size(const char *path)
     * }
     * Linked with {@code Linker.Option.captureCallState("errno")}: {@code capturedState} is a segment of
     * {@link #CAPTURE_STATE_LAYOUT} that receives errno as the call returns; read it with {@link #errno}.
     */
    public static long customs_file_size(MemorySegment capturedState, MemorySegment path) {
        var mh$ = customs_file_size.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_file_size", capturedState, path);
            }
            return (long)mh$.invokeExact(capturedState, path);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 6. A parser of untrusted bytes --------------------------------------------------

    private static class customs_parse_record {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_parse_record");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out)
     * }
     */
    public static FunctionDescriptor customs_parse_record$descriptor() {
        return customs_parse_record.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out)
     * }
     */
    public static MethodHandle customs_parse_record$handle() {
        return customs_parse_record.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out)
     * }
     */
    public static MemorySegment customs_parse_record$address() {
        return customs_parse_record.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out)
     * }
     */
    public static int customs_parse_record(MemorySegment data, long len, MemorySegment out) {
        var mh$ = customs_parse_record.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_parse_record", data, len, out);
            }
            return (int)mh$.invokeExact(data, len, out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 7. Callbacks --------------------------------------------------------------------

    private static class customs_for_each {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_LONG,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_for_each");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user)
     * }
     */
    public static FunctionDescriptor customs_for_each$descriptor() {
        return customs_for_each.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user)
     * }
     */
    public static MethodHandle customs_for_each$handle() {
        return customs_for_each.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user)
     * }
     */
    public static MemorySegment customs_for_each$address() {
        return customs_for_each.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user)
     * }
     */
    public static int customs_for_each(MemorySegment items, long count, MemorySegment cb, MemorySegment user) {
        var mh$ = customs_for_each.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_for_each", items, count, cb, user);
            }
            return (int)mh$.invokeExact(items, count, cb, user);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_run_threads {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_run_threads");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user)
     * }
     */
    public static FunctionDescriptor customs_run_threads$descriptor() {
        return customs_run_threads.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user)
     * }
     */
    public static MethodHandle customs_run_threads$handle() {
        return customs_run_threads.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user)
     * }
     */
    public static MemorySegment customs_run_threads$address() {
        return customs_run_threads.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user)
     * }
     */
    public static int customs_run_threads(int nthreads, int calls_per_thread, MemorySegment cb, MemorySegment user) {
        var mh$ = customs_run_threads.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_run_threads", nthreads, calls_per_thread, cb, user);
            }
            return (int)mh$.invokeExact(nthreads, calls_per_thread, cb, user);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_stress_threads {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_stress_threads");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user, customs_tally *out)
     * }
     */
    public static FunctionDescriptor customs_stress_threads$descriptor() {
        return customs_stress_threads.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user, customs_tally *out)
     * }
     */
    public static MethodHandle customs_stress_threads$handle() {
        return customs_stress_threads.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user, customs_tally *out)
     * }
     */
    public static MemorySegment customs_stress_threads$address() {
        return customs_stress_threads.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user, customs_tally *out)
     * }
     */
    public static int customs_stress_threads(int nthreads, int calls_per_thread, MemorySegment cb, MemorySegment user, MemorySegment out) {
        var mh$ = customs_stress_threads.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_stress_threads", nthreads, calls_per_thread, cb, user, out);
            }
            return (int)mh$.invokeExact(nthreads, calls_per_thread, cb, user, out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_async_start {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_INT,
            customs_h.C_INT,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_async_start");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out)
     * }
     */
    public static FunctionDescriptor customs_async_start$descriptor() {
        return customs_async_start.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out)
     * }
     */
    public static MethodHandle customs_async_start$handle() {
        return customs_async_start.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out)
     * }
     */
    public static MemorySegment customs_async_start$address() {
        return customs_async_start.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out)
     * }
     */
    public static int customs_async_start(MemorySegment cb, MemorySegment user, int value, int delay_ms, MemorySegment job_out) {
        var mh$ = customs_async_start.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_async_start", cb, user, value, delay_ms, job_out);
            }
            return (int)mh$.invokeExact(cb, user, value, delay_ms, job_out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_async_wait {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_async_wait");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_async_wait(customs_async *job, int32_t timeout_ms)
     * }
     */
    public static FunctionDescriptor customs_async_wait$descriptor() {
        return customs_async_wait.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_async_wait(customs_async *job, int32_t timeout_ms)
     * }
     */
    public static MethodHandle customs_async_wait$handle() {
        return customs_async_wait.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_async_wait(customs_async *job, int32_t timeout_ms)
     * }
     */
    public static MemorySegment customs_async_wait$address() {
        return customs_async_wait.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_async_wait(customs_async *job, int32_t timeout_ms)
     * }
     */
    public static int customs_async_wait(MemorySegment job, int timeout_ms) {
        var mh$ = customs_async_wait.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_async_wait", job, timeout_ms);
            }
            return (int)mh$.invokeExact(job, timeout_ms);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_async_join {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_async_join");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms)
     * }
     */
    public static FunctionDescriptor customs_async_join$descriptor() {
        return customs_async_join.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms)
     * }
     */
    public static MethodHandle customs_async_join$handle() {
        return customs_async_join.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms)
     * }
     */
    public static MemorySegment customs_async_join$address() {
        return customs_async_join.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms)
     * }
     */
    public static int customs_async_join(MemorySegment job, MemorySegment result_out, int timeout_ms) {
        var mh$ = customs_async_join.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_async_join", job, result_out, timeout_ms);
            }
            return (int)mh$.invokeExact(job, result_out, timeout_ms);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_listener_register {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_listener_register");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out)
     * }
     */
    public static FunctionDescriptor customs_listener_register$descriptor() {
        return customs_listener_register.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out)
     * }
     */
    public static MethodHandle customs_listener_register$handle() {
        return customs_listener_register.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out)
     * }
     */
    public static MemorySegment customs_listener_register$address() {
        return customs_listener_register.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out)
     * }
     */
    public static int customs_listener_register(MemorySegment cb, MemorySegment user, MemorySegment listener_out) {
        var mh$ = customs_listener_register.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_listener_register", cb, user, listener_out);
            }
            return (int)mh$.invokeExact(cb, user, listener_out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_listener_post {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_INT,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_listener_post");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms)
     * }
     */
    public static FunctionDescriptor customs_listener_post$descriptor() {
        return customs_listener_post.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms)
     * }
     */
    public static MethodHandle customs_listener_post$handle() {
        return customs_listener_post.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms)
     * }
     */
    public static MemorySegment customs_listener_post$address() {
        return customs_listener_post.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms)
     * }
     */
    public static int customs_listener_post(MemorySegment listener, int event, int timeout_ms) {
        var mh$ = customs_listener_post.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_listener_post", listener, event, timeout_ms);
            }
            return (int)mh$.invokeExact(listener, event, timeout_ms);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_listener_unregister {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_INT
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_listener_unregister");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms)
     * }
     */
    public static FunctionDescriptor customs_listener_unregister$descriptor() {
        return customs_listener_unregister.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms)
     * }
     */
    public static MethodHandle customs_listener_unregister$handle() {
        return customs_listener_unregister.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms)
     * }
     */
    public static MemorySegment customs_listener_unregister$address() {
        return customs_listener_unregister.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms)
     * }
     */
    public static int customs_listener_unregister(MemorySegment listener, int timeout_ms) {
        var mh$ = customs_listener_unregister.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_listener_unregister", listener, timeout_ms);
            }
            return (int)mh$.invokeExact(listener, timeout_ms);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 8. A retained pointer -----------------------------------------------------------

    private static class customs_sink_attach {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sink_attach");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out)
     * }
     */
    public static FunctionDescriptor customs_sink_attach$descriptor() {
        return customs_sink_attach.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out)
     * }
     */
    public static MethodHandle customs_sink_attach$handle() {
        return customs_sink_attach.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out)
     * }
     */
    public static MemorySegment customs_sink_attach$address() {
        return customs_sink_attach.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out)
     * }
     */
    public static int customs_sink_attach(MemorySegment buf, long cap, MemorySegment sink_out) {
        var mh$ = customs_sink_attach.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sink_attach", buf, cap, sink_out);
            }
            return (int)mh$.invokeExact(buf, cap, sink_out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_sink_write {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sink_write");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len)
     * }
     */
    public static FunctionDescriptor customs_sink_write$descriptor() {
        return customs_sink_write.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len)
     * }
     */
    public static MethodHandle customs_sink_write$handle() {
        return customs_sink_write.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len)
     * }
     */
    public static MemorySegment customs_sink_write$address() {
        return customs_sink_write.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len)
     * }
     */
    public static int customs_sink_write(MemorySegment sink, MemorySegment data, long len) {
        var mh$ = customs_sink_write.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sink_write", sink, data, len);
            }
            return (int)mh$.invokeExact(sink, data, len);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_sink_detach {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_INT,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_sink_detach");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int32_t customs_sink_detach(customs_sink *sink, size_t *written_out)
     * }
     */
    public static FunctionDescriptor customs_sink_detach$descriptor() {
        return customs_sink_detach.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int32_t customs_sink_detach(customs_sink *sink, size_t *written_out)
     * }
     */
    public static MethodHandle customs_sink_detach$handle() {
        return customs_sink_detach.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int32_t customs_sink_detach(customs_sink *sink, size_t *written_out)
     * }
     */
    public static MemorySegment customs_sink_detach$address() {
        return customs_sink_detach.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int32_t customs_sink_detach(customs_sink *sink, size_t *written_out)
     * }
     */
    public static int customs_sink_detach(MemorySegment sink, MemorySegment written_out) {
        var mh$ = customs_sink_detach.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_sink_detach", sink, written_out);
            }
            return (int)mh$.invokeExact(sink, written_out);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 9. Accounting -------------------------------------------------------------------

    private static class customs_live_allocations {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_live_allocations");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_live_allocations(void)
     * }
     */
    public static FunctionDescriptor customs_live_allocations$descriptor() {
        return customs_live_allocations.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_live_allocations(void)
     * }
     */
    public static MethodHandle customs_live_allocations$handle() {
        return customs_live_allocations.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_live_allocations(void)
     * }
     */
    public static MemorySegment customs_live_allocations$address() {
        return customs_live_allocations.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_live_allocations(void)
     * }
     */
    public static long customs_live_allocations() {
        var mh$ = customs_live_allocations.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_live_allocations");
            }
            return (long)mh$.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- 10. Self-description ------------------------------------------------------------

    private static class customs_layout_size {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_layout_size");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_layout_size(const char *type)
     * }
     */
    public static FunctionDescriptor customs_layout_size$descriptor() {
        return customs_layout_size.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_layout_size(const char *type)
     * }
     */
    public static MethodHandle customs_layout_size$handle() {
        return customs_layout_size.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_layout_size(const char *type)
     * }
     */
    public static MemorySegment customs_layout_size$address() {
        return customs_layout_size.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_layout_size(const char *type)
     * }
     */
    public static long customs_layout_size(MemorySegment type) {
        var mh$ = customs_layout_size.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_layout_size", type);
            }
            return (long)mh$.invokeExact(type);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_layout_align {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_layout_align");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_layout_align(const char *type)
     * }
     */
    public static FunctionDescriptor customs_layout_align$descriptor() {
        return customs_layout_align.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_layout_align(const char *type)
     * }
     */
    public static MethodHandle customs_layout_align$handle() {
        return customs_layout_align.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_layout_align(const char *type)
     * }
     */
    public static MemorySegment customs_layout_align$address() {
        return customs_layout_align.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_layout_align(const char *type)
     * }
     */
    public static long customs_layout_align(MemorySegment type) {
        var mh$ = customs_layout_align.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_layout_align", type);
            }
            return (long)mh$.invokeExact(type);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_layout_field_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_layout_field_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_layout_field_count(const char *type)
     * }
     */
    public static FunctionDescriptor customs_layout_field_count$descriptor() {
        return customs_layout_field_count.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_layout_field_count(const char *type)
     * }
     */
    public static MethodHandle customs_layout_field_count$handle() {
        return customs_layout_field_count.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_layout_field_count(const char *type)
     * }
     */
    public static MemorySegment customs_layout_field_count$address() {
        return customs_layout_field_count.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_layout_field_count(const char *type)
     * }
     */
    public static long customs_layout_field_count(MemorySegment type) {
        var mh$ = customs_layout_field_count.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_layout_field_count", type);
            }
            return (long)mh$.invokeExact(type);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_layout_field_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_POINTER,
            customs_h.C_POINTER,
            customs_h.C_LONG
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_layout_field_name");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * const char *customs_layout_field_name(const char *type, int64_t index)
     * }
     */
    public static FunctionDescriptor customs_layout_field_name$descriptor() {
        return customs_layout_field_name.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * const char *customs_layout_field_name(const char *type, int64_t index)
     * }
     */
    public static MethodHandle customs_layout_field_name$handle() {
        return customs_layout_field_name.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * const char *customs_layout_field_name(const char *type, int64_t index)
     * }
     */
    public static MemorySegment customs_layout_field_name$address() {
        return customs_layout_field_name.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *customs_layout_field_name(const char *type, int64_t index)
     * }
     */
    public static MemorySegment customs_layout_field_name(MemorySegment type, long index) {
        var mh$ = customs_layout_field_name.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_layout_field_name", type, index);
            }
            return (MemorySegment)mh$.invokeExact(type, index);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class customs_layout_offset {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            customs_h.C_LONG,
            customs_h.C_POINTER,
            customs_h.C_POINTER
        );

        public static final MemorySegment ADDR = customs_h.findOrThrow("customs_layout_offset");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int64_t customs_layout_offset(const char *type, const char *field)
     * }
     */
    public static FunctionDescriptor customs_layout_offset$descriptor() {
        return customs_layout_offset.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int64_t customs_layout_offset(const char *type, const char *field)
     * }
     */
    public static MethodHandle customs_layout_offset$handle() {
        return customs_layout_offset.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int64_t customs_layout_offset(const char *type, const char *field)
     * }
     */
    public static MemorySegment customs_layout_offset$address() {
        return customs_layout_offset.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int64_t customs_layout_offset(const char *type, const char *field)
     * }
     */
    public static long customs_layout_offset(MemorySegment type, MemorySegment field) {
        var mh$ = customs_layout_offset.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("customs_layout_offset", type, field);
            }
            return (long)mh$.invokeExact(type, field);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
