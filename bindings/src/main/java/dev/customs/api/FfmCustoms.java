package dev.customs.api;

import dev.customs.callbacks.UpcallGuard;

import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.bindings.ffm.customs_async_cb;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.ffm.customs_record_info;
import dev.customs.bindings.ffm.customs_sample;
import dev.customs.bindings.ffm.customs_tally;
import dev.customs.bindings.ffm.customs_thread_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.PaddingLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Customs} over the FFM API, through the jextract-shaped {@link customs_h}. Java arrays are copied into a
 * confined arena for the call (the safe default; zero-copy heap access is the {@code pinning} module's subject). Upcall
 * stubs live in an arena that closes only once C can no longer call them.
 */
public final class FfmCustoms extends AbstractCustoms {
    /** C's strerror, linked the first time an errno is described (not when the backend opens: linking costs ms). */
    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(C_POINTER, JAVA_INT));
    }

    FfmCustoms() {
        super("ffm");
    }

    @Override
    public String libraryVersion() {
        return customs_h.customs_version().getString(0);
    }

    @Override
    public int add(int a, int b) {
        return customs_h.customs_add(a, b);
    }

    @Override
    public void noop() {
        customs_h.customs_noop();
    }

    @Override
    public String statusName(int status) {
        return customs_h.customs_status_name(status).getString(0);
    }

    @Override
    public String statusMessage(int status) {
        return customs_h.customs_status_message(status).getString(0);
    }

    @Override
    public long liveAllocations() {
        return customs_h.customs_live_allocations();
    }

    @Override
    public StructDescription bindingLayout(String type) {
        GroupLayout layout = switch (type) {
            case "customs_sample" -> customs_sample.layout();
            case "customs_record_info" -> customs_record_info.layout();
            case "customs_tally" -> customs_tally.layout();
            default -> throw new IllegalArgumentException("the FFM binding has no struct named '" + type + "'");
        };
        List<StructDescription.Field> fields = new ArrayList<>();
        for (MemoryLayout member : layout.memberLayouts()) {
            if (!(member instanceof PaddingLayout)) {
                String name = member.name().orElseThrow();
                fields.add(new StructDescription.Field(name,
                        layout.byteOffset(MemoryLayout.PathElement.groupElement(name))));
            }
        }
        return new StructDescription(type, layout.byteSize(), layout.byteAlignment(), fields);
    }

    // --- hooks ----------------------------------------------------------------------------------------------------

    @Override
    int crc32Array(int crc, byte[] data, int offset, int length) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_crc32(crc, copy(arena, data, offset, length), length);
        }
    }

    @Override
    int crc32Buffer(int crc, NativeBuffer buffer, long offset, long length) {
        return customs_h.customs_crc32(crc, segment(buffer).asSlice(offset, length), length);
    }

    @Override
    int transformArray(byte[] data, int offset, int length, byte key) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = copy(arena, data, offset, length);
            int status = customs_h.customs_transform(region, length, key);
            MemorySegment.copy(region, JAVA_BYTE, 0, data, offset, length);
            return status;
        }
    }

    @Override
    int transformBuffer(NativeBuffer buffer, long offset, long length, byte key) {
        return customs_h.customs_transform(segment(buffer).asSlice(offset, length), length, key);
    }

    @Override
    long sumArray(int[] values, int offset, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(JAVA_INT, Math.max(1, length));
            MemorySegment.copy(values, offset, region, JAVA_INT, 0, length);
            return customs_h.customs_sum_i32(region, length);
        }
    }

    @Override
    long greet0(String name, NativeBuffer out) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_greet(arena.allocateFrom(name), segment(out), out.size());
        }
    }

    @Override
    String toUpper0(String s) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment owned = customs_h.customs_to_upper(arena.allocateFrom(s));
            if (MemorySegment.NULL.equals(owned)) {
                return null;
            }
            try {
                return owned.getString(0);
            } finally {
                customs_h.customs_string_free(owned);
            }
        }
    }

    @Override
    Sample makeSample0(byte tag, double value, short count, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return toSample(customs_h.customs_sample_make(arena, tag, value, count, flags));
        }
    }

    @Override
    double score0(Sample sample) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_sample_score(fill(customs_sample.allocate(arena), sample));
        }
    }

    @Override
    Sample scale0(Sample sample, double factor) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = fill(customs_sample.allocate(arena), sample);
            check("customs_sample_scale", customs_h.customs_sample_scale(struct, factor), null);
            return toSample(struct);
        }
    }

    @Override
    long fileSize0(String path, int[] errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(customs_h.CAPTURE_STATE_LAYOUT);
            long size = customs_h.customs_file_size(state, arena.allocateFrom(path));
            if (size == -1) {
                errno[0] = customs_h.errno(state);
            }
            return size;
        }
    }

    @Override
    String strerror0(int errno) {
        try {
            return ((MemorySegment) Strerror.HANDLE.invokeExact(errno)).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("strerror(" + errno + ") failed", t);
        }
    }

    @Override
    ParseOutcome parse0(byte[] data, int offset, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = customs_record_info.allocate(arena);
            int status = customs_h.customs_parse_record(copy(arena, data, offset, length), length, out);
            RecordInfo info = status != Status.OK.code() ? null : new RecordInfo(
                    Byte.toUnsignedInt(customs_record_info.version(out)),
                    Byte.toUnsignedInt(customs_record_info.field_count(out)),
                    Short.toUnsignedInt(customs_record_info.name_length(out)),
                    Integer.toUnsignedLong(customs_record_info.item_count(out)),
                    customs_record_info.data_bytes(out), customs_record_info.checksum(out));
            return new ParseOutcome(status, customs_record_info.error_offset(out), info);
        }
    }

    @Override
    int forEach0(int[] items, ItemCallback guarded) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = customs_item_cb.allocate((user, index, item) -> guarded.onItem(index, item), arena);
            MemorySegment values = arena.allocate(JAVA_INT, Math.max(1, items.length));
            MemorySegment.copy(items, 0, values, JAVA_INT, 0, items.length);
            return customs_h.customs_for_each(values, items.length, stub, MemorySegment.NULL);
        }
    }

    @Override
    int runThreads0(int threads, int callsPerThread, ThreadCallback guarded) {
        // The stub is called from threads C creates; they are all joined before the call returns and the arena closes.
        try (Arena arena = Arena.ofShared()) {
            MemorySegment stub = customs_thread_cb.allocate((user, t, c) -> guarded.onCall(t, c), arena);
            return customs_h.customs_run_threads(threads, callsPerThread, stub, MemorySegment.NULL);
        }
    }

    @Override
    AsyncJob startAsync0(int value, int delayMillis, AsyncCallback guarded, UpcallGuard guard,
            AsyncCompletion completion) {
        // Shared: the job may be joined, and this arena closed, from another Java thread than this one.
        Arena stubArena = Arena.ofShared();
        try {
            MemorySegment stub = customs_async_cb.allocate((user, v) -> guarded.onComplete(v), stubArena);
            MemorySegment jobOut = stubArena.allocate(C_POINTER);
            check("customs_async_start", customs_h.customs_async_start(stub, MemorySegment.NULL, value, delayMillis,
                    jobOut), null);
            return new FfmAsyncJob(this, guard, completion, delayMillis, jobOut.get(C_POINTER, 0), stubArena);
        } catch (RuntimeException | Error e) {
            stubArena.close(); // no job was started: nothing can call the stub
            throw e;
        }
    }

    @Override
    Sink attachSink0(NativeBuffer buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sinkOut = arena.allocate(C_POINTER);
            check("customs_sink_attach", customs_h.customs_sink_attach(segment(buffer), buffer.size(), sinkOut), null);
            return new FfmSink(this, buffer, sinkOut.get(C_POINTER, 0));
        }
    }

    @Override
    NativeBuffer allocate0(long size) {
        Arena arena = Arena.ofShared();
        return new FfmBuffer(size, backend(), arena, arena.allocate(size, 16));
    }

    @Override
    long layoutSize0(String type) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_layout_size(arena.allocateFrom(type));
        }
    }

    @Override
    long layoutAlign0(String type) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_layout_align(arena.allocateFrom(type));
        }
    }

    @Override
    long layoutFieldCount0(String type) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_layout_field_count(arena.allocateFrom(type));
        }
    }

    @Override
    String layoutFieldName0(String type, long index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = customs_h.customs_layout_field_name(arena.allocateFrom(type), index);
            return MemorySegment.NULL.equals(name) ? null : name.getString(0);
        }
    }

    @Override
    long layoutOffset0(String type, String field) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_layout_offset(arena.allocateFrom(type), arena.allocateFrom(field));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private static MemorySegment copy(Arena arena, byte[] data, int offset, int length) {
        MemorySegment region = arena.allocate(Math.max(1, length));
        MemorySegment.copy(data, offset, region, JAVA_BYTE, 0, length);
        return region;
    }

    /** The segment behind a buffer of this backend, for FFM-specific code (e.g. the pinning module). */
    public static MemorySegment segment(NativeBuffer buffer) {
        return ((FfmBuffer) buffer).segment;
    }

    private static MemorySegment fill(MemorySegment struct, Sample sample) {
        customs_sample.tag(struct, (byte) sample.tag());
        customs_sample.value(struct, sample.value());
        customs_sample.count(struct, sample.count());
        customs_sample.flags(struct, sample.flags());
        customs_sample.kind(struct, (byte) sample.kind());
        customs_sample.weight(struct, sample.weight());
        customs_sample.stamp(struct, sample.stamp());
        return struct;
    }

    private static Sample toSample(MemorySegment s) {
        return new Sample(Byte.toUnsignedInt(customs_sample.tag(s)), customs_sample.value(s), customs_sample.count(s),
                customs_sample.flags(s), Byte.toUnsignedInt(customs_sample.kind(s)), customs_sample.weight(s),
                customs_sample.stamp(s));
    }

    /** Memory of a shared arena: any thread may use it; closing it while a downcall uses it fails. */
    static final class FfmBuffer extends NativeBuffer {
        private final Arena arena;
        private final MemorySegment segment;

        FfmBuffer(long size, String backend, Arena arena, MemorySegment segment) {
            super(size, backend);
            this.arena = arena;
            this.segment = segment;
        }

        @Override
        void copyIn(long offset, byte[] src, int srcOffset, int length) {
            MemorySegment.copy(src, srcOffset, segment, JAVA_BYTE, offset, length);
        }

        @Override
        void copyOut(long offset, byte[] dst, int dstOffset, int length) {
            MemorySegment.copy(segment, JAVA_BYTE, offset, dst, dstOffset, length);
        }

        @Override
        void free() {
            arena.close();
        }
    }

    static final class FfmSink extends Sink {
        private final FfmCustoms owner;
        private final MemorySegment sink;

        FfmSink(FfmCustoms owner, NativeBuffer buffer, MemorySegment sink) {
            super(owner, buffer);
            this.owner = owner;
            this.sink = sink;
        }

        @Override
        int write0(byte[] data, int offset, int length) {
            try (Arena arena = Arena.ofConfined()) {
                return customs_h.customs_sink_write(sink, copy(arena, data, offset, length), length);
            }
        }

        @Override
        long detach0() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment written = arena.allocate(JAVA_LONG);
                owner.check("customs_sink_detach", customs_h.customs_sink_detach(sink, written), null);
                return written.get(JAVA_LONG, 0);
            }
        }
    }

    static final class FfmAsyncJob extends AsyncJob {
        private final FfmCustoms owner;
        private final MemorySegment job;
        private final Arena stubArena;

        FfmAsyncJob(FfmCustoms owner, UpcallGuard guard, AsyncCompletion completion, int delayMillis,
                MemorySegment job, Arena stubArena) {
            super(owner, guard, completion, delayMillis);
            this.owner = owner;
            this.job = job;
            this.stubArena = stubArena;
        }

        @Override
        int wait0(int timeoutMillis) {
            return customs_h.customs_async_wait(job, timeoutMillis);
        }

        @Override
        int join0(int timeoutMillis) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment result = arena.allocate(JAVA_INT);
                owner.check("customs_async_join", customs_h.customs_async_join(job, result, timeoutMillis), null);
                stubArena.close(); // the native thread has exited: nothing can call the stub any more
                return result.get(JAVA_INT, 0);
            }
        }

        @Override
        boolean released0() {
            return !stubArena.scope().isAlive();
        }
    }
}
