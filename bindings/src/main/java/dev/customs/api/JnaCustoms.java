package dev.customs.api;

import dev.customs.callbacks.UpcallGuard;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.CustomsStructure;
import dev.customs.bindings.jna.JnaLibraries;
import dev.customs.bindings.jna.customs_async_cb;
import dev.customs.bindings.jna.customs_item_cb;
import dev.customs.bindings.jna.customs_record_info;
import dev.customs.bindings.jna.customs_sample;
import dev.customs.bindings.jna.customs_tally;
import dev.customs.bindings.jna.customs_thread_cb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Customs} over JNA, through either mapping of {@link CustomsLibrary}. Arrays cross the JNA way (JNA copies them
 * into native memory and back around each call); callbacks go through one long-lived callback object per callback
 * type that dispatches through C's {@code user} pointer ({@link CallbackSlots}).
 */
public final class JnaCustoms extends AbstractCustoms {
    // One callback object per callback type, held for the JVM's life: JNA makes one native trampoline for each and
    // keeps it, where a new object per call cost a new trampoline per call. Each finds its caller's callback through
    // C's user pointer (CallbackSlots).
    private static final customs_item_cb ITEM_CALLBACK =
            (user, index, item) -> CallbackSlots.SHARED.onItem(Pointer.nativeValue(user), index, item);
    private static final customs_thread_cb THREAD_CALLBACK =
            (user, thread, call) -> CallbackSlots.SHARED.onCall(Pointer.nativeValue(user), thread, call);
    private static final customs_async_cb ASYNC_CALLBACK =
            (user, value) -> CallbackSlots.SHARED.onComplete(Pointer.nativeValue(user), value);

    // A JNA Structure allocates its native memory (malloc) and reads its fields by reflection when it is created: one
    // per thread, reused, instead of one per call. Safe because none of these calls calls back, so a thread never
    // needs two at once, and every field is written before each call.
    private static final ThreadLocal<customs_sample.ByValue> BY_VALUE =
            ThreadLocal.withInitial(customs_sample.ByValue::new);
    private static final ThreadLocal<customs_sample> BY_REFERENCE = ThreadLocal.withInitial(customs_sample::new);
    private static final ThreadLocal<customs_record_info> RECORD_INFO =
            ThreadLocal.withInitial(customs_record_info::new);

    private static final Function STRERROR = NativeLibrary.getInstance("c").getFunction("strerror");

    private final CustomsLibrary lib;

    private JnaCustoms(String backend, CustomsLibrary lib) {
        super(backend);
        this.lib = lib;
    }

    /** Direct mapping ({@code Native.register}). */
    public static JnaCustoms direct() {
        return new JnaCustoms("jna", JnaLibraries.direct());
    }

    /** Interface mapping ({@code Native.load}). */
    public static JnaCustoms interfaceMapped() {
        return new JnaCustoms("jna-interface", JnaLibraries.interfaceMapped());
    }

    /** The raw JNA binding under this backend. */
    public CustomsLibrary raw() {
        return lib;
    }

    @Override
    public String libraryVersion() {
        return lib.customs_version();
    }

    @Override
    public int add(int a, int b) {
        return lib.customs_add(a, b);
    }

    @Override
    public void noop() {
        lib.customs_noop();
    }

    @Override
    public String statusName(int status) {
        return lib.customs_status_name(status);
    }

    @Override
    public String statusMessage(int status) {
        return lib.customs_status_message(status);
    }

    @Override
    public long liveAllocations() {
        return lib.customs_live_allocations();
    }

    @Override
    public StructDescription bindingLayout(String type) {
        CustomsStructure struct = switch (type) {
            case "customs_sample" -> new customs_sample();
            case "customs_record_info" -> new customs_record_info();
            case "customs_tally" -> new customs_tally();
            default -> throw new IllegalArgumentException("the JNA binding has no struct named '" + type + "'");
        };
        List<StructDescription.Field> fields = new ArrayList<>();
        for (String name : struct.fieldNames()) {
            fields.add(new StructDescription.Field(name, struct.offsetOf(name)));
        }
        return new StructDescription(type, struct.size(), struct.alignment(), fields);
    }

    // --- hooks ----------------------------------------------------------------------------------------------------

    @Override
    int crc32Array(int crc, byte[] data, int offset, int length) {
        return lib.customs_crc32(crc, slice(data, offset, length), length);
    }

    @Override
    int crc32Buffer(int crc, NativeBuffer buffer, long offset, long length) {
        return lib.customs_crc32(crc, memory(buffer).share(offset), length);
    }

    @Override
    int transformArray(byte[] data, int offset, int length, byte key) {
        byte[] region = slice(data, offset, length);
        int status = lib.customs_transform(region, length, key);
        if (region != data) {
            System.arraycopy(region, 0, data, offset, length);
        }
        return status;
    }

    @Override
    int transformBuffer(NativeBuffer buffer, long offset, long length, byte key) {
        return lib.customs_transform(memory(buffer).share(offset), length, key);
    }

    @Override
    long sumArray(int[] values, int offset, int length) {
        int[] region = offset == 0 && length == values.length ? values : Arrays.copyOfRange(values, offset, offset + length);
        return lib.customs_sum_i32(region, length);
    }

    @Override
    long greet0(String name, NativeBuffer out) {
        return lib.customs_greet(name, memory(out), out.size());
    }

    @Override
    String toUpper0(String s) {
        Pointer owned = lib.customs_to_upper(s);
        if (owned == null) {
            return null;
        }
        try {
            return owned.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            lib.customs_string_free(owned);
        }
    }

    @Override
    Sample makeSample0(byte tag, double value, short count, int flags) {
        return toSample(lib.customs_sample_make(tag, value, count, flags));
    }

    @Override
    double score0(Sample sample) {
        return lib.customs_sample_score(fill(BY_VALUE.get(), sample));
    }

    @Override
    Sample scale0(Sample sample, double factor) {
        customs_sample struct = fill(BY_REFERENCE.get(), sample);
        check("customs_sample_scale", lib.customs_sample_scale(struct, factor), null);
        return toSample(struct);
    }

    @Override
    long fileSize0(String path, int[] errno) {
        long size = lib.customs_file_size(path);
        if (size == -1) {
            errno[0] = Native.getLastError();
        }
        return size;
    }

    @Override
    String strerror0(int errno) {
        return STRERROR.invokeString(new Object[] {errno}, false);
    }

    @Override
    ParseOutcome parse0(byte[] data, int offset, int length) {
        customs_record_info out = RECORD_INFO.get();
        int status = lib.customs_parse_record(slice(data, offset, length), length, out);
        RecordInfo info = status != Status.OK.code() ? null : new RecordInfo(Byte.toUnsignedInt(out.version),
                Byte.toUnsignedInt(out.field_count), Short.toUnsignedInt(out.name_length),
                Integer.toUnsignedLong(out.item_count), out.data_bytes, out.checksum);
        return new ParseOutcome(status, out.error_offset, info);
    }

    @Override
    int forEach0(int[] items, long user) {
        return lib.customs_for_each(items, items.length, ITEM_CALLBACK, new Pointer(user));
    }

    @Override
    int runThreads0(int threads, int callsPerThread, long user) {
        return lib.customs_run_threads(threads, callsPerThread, THREAD_CALLBACK, new Pointer(user));
    }

    @Override
    AsyncJob startAsync0(int value, int delayMillis, CallbackSlots.Slot slot, UpcallGuard guard,
            AsyncCompletion completion) {
        PointerByReference job = new PointerByReference();
        check("customs_async_start", lib.customs_async_start(ASYNC_CALLBACK, new Pointer(slot.id()), value,
                delayMillis, job), null);
        return new JnaAsyncJob(this, guard, completion, delayMillis, slot, job.getValue());
    }

    @Override
    Sink attachSink0(NativeBuffer buffer) {
        PointerByReference sink = new PointerByReference();
        check("customs_sink_attach", lib.customs_sink_attach(memory(buffer), buffer.size(), sink), null);
        return new JnaSink(this, buffer, sink.getValue());
    }

    @Override
    NativeBuffer allocate0(long size) {
        Memory memory = new Memory(size);
        memory.clear();
        return new JnaBuffer(size, backend(), memory);
    }

    @Override
    long layoutSize0(String type) {
        return lib.customs_layout_size(type);
    }

    @Override
    long layoutAlign0(String type) {
        return lib.customs_layout_align(type);
    }

    @Override
    long layoutFieldCount0(String type) {
        return lib.customs_layout_field_count(type);
    }

    @Override
    String layoutFieldName0(String type, long index) {
        return lib.customs_layout_field_name(type, index);
    }

    @Override
    long layoutOffset0(String type, String field) {
        return lib.customs_layout_offset(type, field);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** The array itself when the range is all of it, else a copy of the range (JNA arrays cannot start mid-array). */
    private static byte[] slice(byte[] data, int offset, int length) {
        return offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
    }

    private static Memory memory(NativeBuffer buffer) {
        return ((JnaBuffer) buffer).memory;
    }

    private static <S extends customs_sample> S fill(S struct, Sample sample) {
        struct.tag = (byte) sample.tag();
        struct.value = sample.value();
        struct.count = sample.count();
        struct.flags = sample.flags();
        struct.kind = (byte) sample.kind();
        struct.weight = sample.weight();
        struct.stamp = sample.stamp();
        return struct;
    }

    private static Sample toSample(customs_sample s) {
        return new Sample(Byte.toUnsignedInt(s.tag), s.value, s.count, s.flags, Byte.toUnsignedInt(s.kind), s.weight,
                s.stamp);
    }

    /** A JNA {@code Memory}, freed by {@link #close()} rather than left to its Cleaner. */
    static final class JnaBuffer extends NativeBuffer {
        private final Memory memory;

        JnaBuffer(long size, String backend, Memory memory) {
            super(size, backend);
            this.memory = memory;
        }

        @Override
        void copyIn(long offset, byte[] src, int srcOffset, int length) {
            memory.write(offset, src, srcOffset, length);
        }

        @Override
        void copyOut(long offset, byte[] dst, int dstOffset, int length) {
            memory.read(offset, dst, dstOffset, length);
        }

        @Override
        void free() {
            memory.close();
        }
    }

    static final class JnaSink extends Sink {
        private final JnaCustoms owner;
        private final Pointer sink;

        JnaSink(JnaCustoms owner, NativeBuffer buffer, Pointer sink) {
            super(owner, buffer);
            this.owner = owner;
            this.sink = sink;
        }

        @Override
        int write0(byte[] data, int offset, int length) {
            return owner.lib.customs_sink_write(sink, slice(data, offset, length), length);
        }

        @Override
        long detach0() {
            LongByReference written = new LongByReference();
            owner.check("customs_sink_detach", owner.lib.customs_sink_detach(sink, written), null);
            return written.getValue();
        }
    }

    static final class JnaAsyncJob extends AsyncJob {
        private final JnaCustoms owner;
        private final Pointer job;

        JnaAsyncJob(JnaCustoms owner, UpcallGuard guard, AsyncCompletion completion, int delayMillis,
                CallbackSlots.Slot slot, Pointer job) {
            super(owner, guard, completion, delayMillis, slot);
            this.owner = owner;
            this.job = job;
        }

        @Override
        int join0(int timeoutMillis) {
            IntByReference result = new IntByReference();
            owner.check("customs_async_join", owner.lib.customs_async_join(job, result, timeoutMillis),
                    "timeout " + timeoutMillis + " ms");
            return result.getValue();
        }
    }
}
