package dev.customs.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * libcustoms through one backend-neutral API: every test, demo and benchmark runs the same scenario on {@code ffm}
 * (java.lang.foreign) and on {@code jna} (JNA direct mapping) or {@code jna-interface} (JNA interface mapping).
 *
 * <p>What every backend guarantees, checked by the parity suite ({@code CustomsContract}):
 * <ul>
 *   <li>Bad input is refused in Java before anything reaches C: {@code NullPointerException} naming the argument,
 *       {@code IndexOutOfBoundsException} for a negative, oversized or out-of-range offset/length (including a buffer
 *       smaller than the length claimed), {@code IllegalArgumentException} for a string with a NUL byte or a value
 *       outside its C type, {@code IllegalStateException} for a closed {@link NativeBuffer}.</li>
 *   <li>A negative C status becomes a {@link StatusException} carrying the C name and message; errno becomes an
 *       {@link ErrnoException}.</li>
 *   <li>A Java callback that throws never unwinds into C: C sees {@link #CALLBACK_THREW}, stops as its contract says,
 *       and the throwable is rethrown on the calling thread when the downcall returns (later ones suppressed).</li>
 * </ul>
 */
public interface Customs {
    /** The backend names {@link #open(String)} accepts. */
    List<String> BACKENDS = List.of("ffm", "jna", "jna-interface");

    /** {@code CUSTOMS_MAX_THREADS}: most threads {@link #runThreads} may start. */
    int MAX_THREADS = 256;

    /** {@code CUSTOMS_MAX_FIELDS}: most fields a record may declare. */
    int MAX_FIELDS = 32;

    /** {@code CUSTOMS_MAX_ASYNC_DELAY_MS}: longest delay {@link #startAsync} accepts. */
    int MAX_ASYNC_DELAY_MILLIS = 60_000;

    /** The status a callback hands to C when its Java code threw: positive, so it reads as a callback status. */
    int CALLBACK_THREW = Integer.MAX_VALUE;

    /**
     * The backend of that name.
     *
     * @throws IllegalArgumentException for a name not in {@link #BACKENDS}
     * @throws dev.customs.loader.LibraryLoadException when libcustoms cannot be loaded
     */
    static Customs open(String backend) {
        // A plain string switch: with "case null" it would be a pattern switch, bootstrapped through invokedynamic on
        // the first open of every process.
        return switch (Objects.requireNonNull(backend, "backend")) {
            case "ffm" -> new FfmCustoms();
            case "jna" -> JnaCustoms.direct();
            case "jna-interface" -> JnaCustoms.interfaceMapped();
            default -> throw new IllegalArgumentException("unknown backend '" + backend + "': expected one of " + BACKENDS);
        };
    }

    /**
     * A Java callback's status on its way to C: returns it, or refuses a negative one. Negative statuses are
     * libcustoms' own errors (customs.h), so a callback that returned one would be reported as a library failure by
     * whoever checks the downcall's result. Call it inside the guarded part of an upcall: the refusal is then a
     * throwable like any other, C sees {@link #CALLBACK_THREW}, and the caller gets the exception.
     *
     * @throws IllegalArgumentException for a negative status
     */
    static int callbackStatus(int status) {
        if (status < 0) {
            throw new IllegalArgumentException("callback returned " + status + ": negative statuses are libcustoms'"
                    + " own errors; return 0 to go on or a positive status to stop");
        }
        return status;
    }

    /** This backend's name, as given to {@link #open(String)}. */
    String backend();

    /** The library file in use. */
    Path libraryPath();

    /** {@code customs_version()}. */
    String libraryVersion();

    // 1. Scalars

    /** {@code customs_add}: wraps on overflow like Java's {@code +}. */
    int add(int a, int b);

    /** {@code customs_noop}. */
    void noop();

    // 2. Caller-owned buffers

    /** CRC-32 of {@code data[offset, offset+length)} continuing from {@code crc}; equals {@link java.util.zip.CRC32}. */
    int crc32(int crc, byte[] data, int offset, int length);

    /** CRC-32 of a whole array. */
    default int crc32(byte[] data) {
        return crc32(0, data, 0, data == null ? 0 : data.length);
    }

    /** CRC-32 of {@code length} bytes of a native buffer at {@code offset}. */
    int crc32(int crc, NativeBuffer buffer, long offset, long length);

    /** {@code customs_transform} in place: {@code data[i] ^= (byte) (key + i)}; applying it twice restores the input. */
    void transform(byte[] data, int offset, int length, byte key);

    /** {@code customs_transform} on a native buffer. */
    void transform(NativeBuffer buffer, long offset, long length, byte key);

    /** The 64-bit sum of {@code values[offset, offset+length)}. */
    long sum(int[] values, int offset, int length);

    // 3. Strings

    /**
     * {@code customs_greet} with its raw snprintf contract: writes at most {@code out.size()} bytes (NUL included) and
     * returns the length the full greeting needs; a result {@code >= out.size()} means it was truncated.
     */
    long greetInto(String name, NativeBuffer out);

    /** "Hello, NAME!", growing the buffer as the snprintf contract says. */
    String greet(String name);

    /** {@code customs_to_upper}: the library allocates the result; this frees it with {@code customs_string_free}. */
    String toUpper(String s);

    // 4. Structs

    /** {@code customs_sample_make}: a struct returned by value. */
    Sample makeSample(int tag, double value, short count, int flags);

    /** {@code customs_sample_score}: a struct passed by value. */
    double score(Sample sample);

    /** {@code customs_sample_scale}: a struct passed by pointer, changed in place; returns the changed copy. */
    Sample scale(Sample sample, double factor);

    // 5. errno

    /**
     * {@code customs_file_size}.
     *
     * @throws ErrnoException with the errno C reported when it returns -1
     */
    long fileSize(String path);

    // 6. The parser

    /**
     * {@code customs_parse_record} over {@code data[offset, offset+length)}.
     *
     * @throws StatusException when the record is rejected; {@link StatusException#detail()} gives the error offset
     */
    RecordInfo parseRecord(byte[] data, int offset, int length);

    // 7. Callbacks

    /**
     * {@code customs_for_each}: {@code callback} sees each item on this thread until it returns non-zero.
     *
     * @return 0 when every item was visited, else the callback's non-zero status
     */
    int forEach(int[] items, ItemCallback callback);

    /**
     * {@code customs_run_threads}: {@code threads} native threads each call back {@code callsPerThread} times.
     *
     * @return 0, or the first non-zero callback status
     */
    int runThreads(int threads, int callsPerThread, ThreadCallback callback);

    /**
     * {@code customs_async_start}: a native thread calls {@code callback} after {@code delayMillis}, after this method
     * has returned. The upcall stays valid until the job is joined or closed; {@link AsyncJob#completion()} gives the
     * result as a future.
     */
    AsyncJob startAsync(int value, int delayMillis, AsyncCallback callback);

    // 8. A retained pointer

    /**
     * {@code customs_sink_attach}: the library keeps a pointer into {@code buffer} until the sink is detached, so the
     * buffer refuses to close until then.
     */
    Sink attachSink(NativeBuffer buffer);

    /** Native memory of {@code size} bytes, zeroed, owned by the caller. */
    NativeBuffer allocate(long size);

    // Status codes, accounting, self-description

    /** {@code customs_status_name}. */
    String statusName(int status);

    /** {@code customs_status_message}. */
    String statusMessage(int status);

    /**
     * The one place a C status becomes a Java exception: returns {@code status} when it is not a library error
     * ({@code >= 0}), else throws a {@link StatusException} with the C library's name and message for it. For code
     * that calls libcustoms through the raw bindings, as the {@code callbacks} module does.
     *
     * @param function the C function that returned {@code status}
     * @param detail   extra context for the message, or null
     */
    int check(String function, int status, String detail);

    /** {@code customs_live_allocations}: library-owned allocations not yet freed. */
    long liveAllocations();

    /**
     * The struct as the C library was compiled (sizeof, alignof, offsetof of every field).
     *
     * @throws IllegalArgumentException if the library knows no public struct of that name
     */
    StructDescription describeStruct(String type);

    /** The struct as this backend's Java binding lays it out, to be checked against {@link #describeStruct}. */
    StructDescription bindingLayout(String type);
}
