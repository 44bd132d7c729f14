package dev.customs.api;

import dev.customs.bindings.Libcustoms;
import dev.customs.callbacks.UpcallGuard;

import dev.customs.loader.LibraryLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything both backends share: each public method checks its arguments, then calls one backend hook, then turns a
 * C failure into a Java exception. A hook is only ever called with arguments that C accepts, so a backend cannot forget
 * a check, and both backends refuse bad input with the same exception and message.
 */
abstract sealed class AbstractCustoms implements Customs permits FfmCustoms, JnaCustoms {
    /** Smallest buffer {@link #greet} tries first; it grows once to the size C asks for. */
    static final int GREET_FIRST_CAPACITY = 64;

    private final String backend;
    private final LibraryLoader.LoadedLibrary library;

    AbstractCustoms(String backend) {
        this.backend = backend;
        this.library = Libcustoms.shared();
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final Path libraryPath() {
        return library.path();
    }

    @Override
    public String toString() {
        return "Customs[" + backend + ", " + library.path() + "]";
    }

    // --- checked operations --------------------------------------------------------------------------------------

    @Override
    public final int crc32(int crc, byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Checks.range("data", offset, length, data.length);
        return crc32Array(crc, data, offset, length);
    }

    @Override
    public final int crc32(int crc, NativeBuffer buffer, long offset, long length) {
        NativeBuffer own = own(buffer, offset, length);
        own.beginCall();
        try {
            return crc32Buffer(crc, own, offset, length);
        } finally {
            own.endCall();
        }
    }

    @Override
    public final void transform(byte[] data, int offset, int length, byte key) {
        Objects.requireNonNull(data, "data");
        Checks.range("data", offset, length, data.length);
        check("customs_transform", transformArray(data, offset, length, key), null);
    }

    @Override
    public final void transform(NativeBuffer buffer, long offset, long length, byte key) {
        NativeBuffer own = own(buffer, offset, length);
        own.beginCall();
        try {
            check("customs_transform", transformBuffer(own, offset, length, key), null);
        } finally {
            own.endCall();
        }
    }

    @Override
    public final long sum(int[] values, int offset, int length) {
        Objects.requireNonNull(values, "values");
        Checks.range("values", offset, length, values.length);
        return sumArray(values, offset, length);
    }

    @Override
    public final long greetInto(String name, NativeBuffer out) {
        Checks.cString("name", name);
        NativeBuffer own = own(out, 0, 0);
        own.beginCall();
        try {
            long needed = greet0(name, own);
            if (needed < 0) {
                throw failure("customs_greet", (int) needed, null);
            }
            return needed;
        } finally {
            own.endCall();
        }
    }

    @Override
    public final String greet(String name) {
        Checks.cString("name", name);
        return greetString(name);
    }

    /** "Hello, NAME!" for a checked name, through {@link #greetInto} and a buffer that grows once (or overridden). */
    String greetString(String name) {
        long capacity = GREET_FIRST_CAPACITY;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (NativeBuffer out = allocate(capacity)) {
                long needed = greetInto(name, out);
                if (needed < capacity) {
                    byte[] bytes = new byte[(int) needed];
                    out.read(0, bytes, 0, bytes.length);
                    return new String(bytes, StandardCharsets.UTF_8);
                }
                capacity = needed + 1;
            }
        }
        throw new IllegalStateException("customs_greet asked for more room after being given what it asked for");
    }

    @Override
    public final String toUpper(String s) {
        Checks.cString("s", s);
        String upper = toUpper0(s);
        if (upper == null) {
            throw failure("customs_to_upper", Status.E_NOMEM.code(), "returned NULL");
        }
        return upper;
    }

    @Override
    public final Sample makeSample(int tag, double value, short count, int flags) {
        Checks.between("tag (uint8_t)", tag, 0, 255);
        return makeSample0((byte) tag, value, count, flags);
    }

    @Override
    public final double score(Sample sample) {
        return score0(Objects.requireNonNull(sample, "sample"));
    }

    @Override
    public final Sample scale(Sample sample, double factor) {
        Objects.requireNonNull(sample, "sample");
        return scale0(sample, factor);
    }

    @Override
    public final long fileSize(String path) {
        Checks.cString("path", path);
        int[] errno = new int[1];
        long size = fileSize0(path, errno);
        if (size == -1) {
            throw new ErrnoException("customs_file_size", errno[0], Errno.name(errno[0]), strerror0(errno[0]), path);
        }
        return size;
    }

    @Override
    public final RecordInfo parseRecord(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Checks.range("data", offset, length, data.length);
        ParseOutcome outcome = parse0(data, offset, length);
        check("customs_parse_record", outcome.status(), "error at offset " + outcome.errorOffset());
        return outcome.info();
    }

    // Callbacks: one long-lived stub per callback type in each backend; C's user pointer names the caller's slot.

    @Override
    public final int forEach(int[] items, ItemCallback callback) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(callback, "callback");
        CallbackSlots.Slot slot = CallbackSlots.SHARED.acquire();
        int status;
        Throwable failure;
        try {
            status = forEach0(items, slot.fill(callback));
        } finally {
            failure = slot.release(); // customs_for_each calls back only before it returns
        }
        if (failure != null) {
            throw UpcallGuard.unchecked(failure);
        }
        return check("customs_for_each", status, null);
    }

    @Override
    public final int runThreads(int threads, int callsPerThread, ThreadCallback callback) {
        Checks.between("threads", threads, 1, MAX_THREADS);
        Checks.between("callsPerThread", callsPerThread, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(callback, "callback");
        CallbackSlots.Slot slot = CallbackSlots.SHARED.acquire();
        int status;
        Throwable failure;
        try {
            status = runThreads0(threads, callsPerThread, slot.fill(callback));
        } finally {
            failure = slot.release(); // every thread C started is joined before customs_run_threads returns
        }
        if (failure != null) {
            throw UpcallGuard.unchecked(failure);
        }
        return check("customs_run_threads", status, threads + " threads");
    }

    @Override
    public final AsyncJob startAsync(int value, int delayMillis, AsyncCallback callback) {
        Checks.between("delayMillis", delayMillis, 0, MAX_ASYNC_DELAY_MILLIS);
        Objects.requireNonNull(callback, "callback");
        UpcallGuard guard = CustomsGuards.guard();
        AsyncCompletion completion = new AsyncCompletion();
        CallbackSlots.Slot slot = CallbackSlots.SHARED.acquire();
        AsyncJob job;
        try {
            slot.fill(completion.signalling(CustomsGuards.async(guard, callback)));
            job = startAsync0(value, delayMillis, slot, guard, completion);
        } catch (RuntimeException | Error e) {
            slot.release(); // no job was started: nothing can call the slot
            throw e;
        }
        completion.started(job);
        return job;
    }

    @Override
    public final Sink attachSink(NativeBuffer buffer) {
        NativeBuffer own = own(buffer, 0, 0);
        own.acquire();
        boolean attached = false;
        try {
            Sink sink = attachSink0(own);
            attached = true;
            return sink;
        } finally {
            if (!attached) {
                own.release();
            }
        }
    }

    @Override
    public final NativeBuffer allocate(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        return allocate0(size);
    }

    @Override
    public final StructDescription describeStruct(String type) {
        Checks.cString("type", type);
        long size = layoutSize0(type);
        if (size < 0) {
            throw new IllegalArgumentException("libcustoms describes no public struct named '" + type + "'");
        }
        long count = layoutFieldCount0(type);
        List<String> names = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            names.add(layoutFieldName0(type, i));
        }
        List<StructDescription.Field> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(new StructDescription.Field(name, layoutOffset0(type, name)));
        }
        return new StructDescription(type, size, layoutAlign0(type), fields);
    }

    // --- status codes: the one place a C status becomes a Java exception ---------------------------------------------

    @Override
    public final int check(String function, int status, String detail) {
        if (status < 0) {
            throw failure(function, status, detail);
        }
        return status;
    }

    final StatusException failure(String function, int status, String detail) {
        return new StatusException(function, status, statusName(status), statusMessage(status), detail);
    }

    private NativeBuffer own(NativeBuffer buffer, long offset, long length) {
        Objects.requireNonNull(buffer, "buffer");
        if (!buffer.backend().equals(backend)) {
            throw new IllegalArgumentException("buffer was allocated by backend '" + buffer.backend()
                    + "'; pass one from this backend's allocate() (" + backend + ")");
        }
        Checks.range("buffer", offset, length, buffer.size());
        return buffer;
    }

    /** The parser's status, where it stopped, and what it found (null unless the status is OK). */
    record ParseOutcome(int status, int errorOffset, RecordInfo info) {}

    // --- backend hooks: arguments already checked --------------------------------------------------------------------

    abstract int crc32Array(int crc, byte[] data, int offset, int length);

    abstract int crc32Buffer(int crc, NativeBuffer buffer, long offset, long length);

    abstract int transformArray(byte[] data, int offset, int length, byte key);

    abstract int transformBuffer(NativeBuffer buffer, long offset, long length, byte key);

    abstract long sumArray(int[] values, int offset, int length);

    abstract long greet0(String name, NativeBuffer out);

    /** The upper-cased copy, the library's allocation already freed; null if C returned NULL. */
    abstract String toUpper0(String s);

    abstract Sample makeSample0(byte tag, double value, short count, int flags);

    abstract double score0(Sample sample);

    abstract Sample scale0(Sample sample, double factor);

    /** The result; when it is -1, {@code errno[0]} holds the errno read right after the call. */
    abstract long fileSize0(String path, int[] errno);

    abstract String strerror0(int errno);

    abstract ParseOutcome parse0(byte[] data, int offset, int length);

    /** {@code customs_for_each} through the backend's item stub, with {@code user} as C's user pointer. */
    abstract int forEach0(int[] items, long user);

    /** {@code customs_run_threads} through the backend's thread stub, with {@code user} as C's user pointer. */
    abstract int runThreads0(int threads, int callsPerThread, long user);

    /** {@code customs_async_start} through the backend's async stub, with the slot's number as C's user pointer. */
    abstract AsyncJob startAsync0(int value, int delayMillis, CallbackSlots.Slot slot, UpcallGuard guard,
            AsyncCompletion completion);

    abstract Sink attachSink0(NativeBuffer buffer);

    abstract NativeBuffer allocate0(long size);

    abstract long layoutSize0(String type);

    abstract long layoutAlign0(String type);

    abstract long layoutFieldCount0(String type);

    abstract String layoutFieldName0(String type, long index);

    abstract long layoutOffset0(String type, String field);
}
