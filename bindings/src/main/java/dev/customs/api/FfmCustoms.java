package dev.customs.api;

import dev.customs.callbacks.UpcallGuard;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.NativeFunction;

import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.bindings.ffm.CustomsErrno;
import dev.customs.bindings.ffm.CustomsLookup;
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
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Customs} over the FFM API, through jextract's generated {@link customs_h} (libcustoms loaded by {@link CustomsLookup},
 * errno captured by {@link CustomsErrno}) and, for the functions that neither
 * call back nor keep a pointer, critical handles that take Java arrays and heap structs uncopied. Arrays are copied
 * only where the rules require it ({@code customs_for_each} calls back). Callbacks go through one long-lived stub per
 * callback type that dispatches through C's {@code user} pointer ({@link CallbackSlots}).
 */
public final class FfmCustoms extends AbstractCustoms {
    // The handles are linked critical through the pinning toolkit's Downcall: each of these functions neither calls
    // back nor keeps a pointer after it returns (customs.h), so Java arrays and C strings go to C as heap segments,
    // uncopied (HandoffRules), and structs through this thread's native scratch struct. Each group is linked on its
    // first use, as jextract links its handles, from descriptors beside jextract's (CriticalFunctions).

    /** Constant-time functions that take no pointer: critical spares them the thread-state transitions. */
    private static final class Scalars {
        static final MethodHandle ADD = critical(CriticalFunctions.ADD);
        static final MethodHandle LIVE_ALLOCATIONS = critical(CriticalFunctions.LIVE_ALLOCATIONS);

        private Scalars() {}
    }

    /** A status's name and message (one shape, so one link and a cheap second): linked on the first error. */
    private static final class Statuses {
        static final MethodHandle STATUS_NAME = critical(CriticalFunctions.STATUS_NAME);
        static final MethodHandle STATUS_MESSAGE = critical(CriticalFunctions.STATUS_MESSAGE);

        private Statuses() {}
    }

    // Called once or never by most programs, and each of its own shape: linked alone, so that no other call pays for
    // them (a link of a new shape costs milliseconds, bench/README.md, "Cold start").

    /** customs_version, for libraryVersion(). */
    private static final class Version {
        static final MethodHandle HANDLE = critical(CriticalFunctions.VERSION);

        private Version() {}
    }

    /** customs_noop, the benchmarks' empty call. */
    private static final class Noop {
        static final MethodHandle HANDLE = critical(CriticalFunctions.NOOP);

        private Noop() {}
    }

    /** Functions that read or write a caller buffer during the call only: they take the Java array itself. */
    private static final class Buffers {
        static final MethodHandle CRC32 = critical(CriticalFunctions.CRC32);
        static final MethodHandle TRANSFORM = critical(CriticalFunctions.TRANSFORM);
        static final MethodHandle SUM_I32 = critical(CriticalFunctions.SUM_I32);
        static final MethodHandle PARSE_RECORD = critical(CriticalFunctions.PARSE_RECORD);
        static final MethodHandle SINK_WRITE = critical(CriticalFunctions.SINK_WRITE);

        private Buffers() {}
    }

    /** Functions that read a C string (and write a caller buffer) during the call only. */
    private static final class Strings {
        static final MethodHandle GREET = critical(CriticalFunctions.GREET);
        static final MethodHandle TO_UPPER = critical(CriticalFunctions.TO_UPPER);
        static final MethodHandle STRING_FREE = critical(CriticalFunctions.STRING_FREE);

        private Strings() {}
    }

    /** The self-description queries: a C string in, a number or a static string out. */
    private static final class Layout {
        static final MethodHandle LAYOUT_SIZE = critical(CriticalFunctions.LAYOUT_SIZE);
        static final MethodHandle LAYOUT_ALIGN = critical(CriticalFunctions.LAYOUT_ALIGN);
        static final MethodHandle LAYOUT_FIELD_COUNT = critical(CriticalFunctions.LAYOUT_FIELD_COUNT);
        static final MethodHandle LAYOUT_FIELD_NAME = critical(CriticalFunctions.LAYOUT_FIELD_NAME);
        static final MethodHandle LAYOUT_OFFSET = critical(CriticalFunctions.LAYOUT_OFFSET);

        private Layout() {}
    }

    /** customs_sample by value and by pointer, through the calling thread's native scratch struct (struct()). */
    private static final class Structs {
        static final MethodHandle SAMPLE_MAKE = critical(CriticalFunctions.SAMPLE_MAKE);
        static final MethodHandle SAMPLE_SCORE = critical(CriticalFunctions.SAMPLE_SCORE);
        static final MethodHandle SAMPLE_SCALE = critical(CriticalFunctions.SAMPLE_SCALE);

        private Structs() {}
    }

    // One upcall stub per callback type, each created on the first call that needs it (a program pays only for the
    // callback types it uses) and never freed: each finds its caller's callback through C's user pointer
    // (CallbackSlots), so no call creates a stub. CallbackSlots guards each callback with its slot's UpcallGuard; the
    // catch in each stub is the last resort for what has no caller to go to (a VM error in the lookup itself): C is
    // told, and nothing unwinds into it.

    /** customs_item_cb, for forEach(). */
    private static final class ItemStub {
        static final MemorySegment STUB = customs_item_cb.allocate((user, index, item) -> {
            try {
                return CallbackSlots.SHARED.onItem(user.address(), index, item);
            } catch (Throwable t) {
                return Customs.CALLBACK_THREW;
            }
        }, Arena.global());

        private ItemStub() {}
    }

    /** customs_thread_cb, for runThreads(). */
    private static final class ThreadStub {
        static final MemorySegment STUB = customs_thread_cb.allocate((user, thread, call) -> {
            try {
                return CallbackSlots.SHARED.onCall(user.address(), thread, call);
            } catch (Throwable t) {
                return Customs.CALLBACK_THREW;
            }
        }, Arena.global());

        private ThreadStub() {}
    }

    /** customs_async_cb, for startAsync(). */
    private static final class AsyncStub {
        static final MemorySegment STUB = customs_async_cb.allocate((user, value) -> {
            try {
                return CallbackSlots.SHARED.onComplete(user.address(), value);
            } catch (Throwable t) {
                return Customs.CALLBACK_THREW;
            }
        }, Arena.global());

        private AsyncStub() {}
    }

    /**
     * Each thread's native customs_sample, for the calls that hand one to C and for customs_sample_make's result: none
     * of them calls back or keeps the pointer, so a thread never needs two at once. Freed with the thread (automatic
     * arena). The thread that opened an instance uses the instance's own instead (see struct()).
     */
    private static final ThreadLocal<SampleScratch> SAMPLE_SCRATCH = ThreadLocal.withInitial(SampleScratch::new);

    private static final class SampleScratch {
        /** The memory, freed by the GC once the thread (and so this holder) is gone. */
        private final MemorySegment owned = Arena.ofAuto().allocate(customs_sample.layout());
        /**
         * The same memory seen in the global scope, which a downcall need not acquire: an automatic arena's segment
         * costs an atomic increment and decrement per call, where raw code's confined one costs none. Safe because
         * {@link #owned} lives exactly as long as this holder, and only this thread uses it.
         */
        final MemorySegment struct = owned.reinterpret(owned.byteSize(), Arena.global(), null);
        /** Hands out {@link #struct} for a struct returned by value: no allocation per call. */
        final SegmentAllocator returned = SegmentAllocator.prefixAllocator(struct);
    }

    /** C's strerror, linked the first time an errno is described (not when the backend opens: linking costs ms). */
    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(C_POINTER, JAVA_INT));
    }

    /** The thread that opened this instance: its struct calls use the opener's scratch and skip the ThreadLocal. */
    private final Thread opener = Thread.currentThread();
    /**
     * The opener's scratch struct, made on its first struct call; read and written by the opener thread only (so
     * plain fields), and freed with this instance. This field is never read: it keeps the scratch's memory alive as
     * long as this instance. The calls use {@link #openerStruct} and {@link #openerReturned}, its struct and
     * allocator, held here so that a struct call reaches them in one load from this instance rather than two.
     */
    private SampleScratch openerScratch;
    private MemorySegment openerStruct;
    private SegmentAllocator openerReturned;

    FfmCustoms() {
        super("ffm");
        CustomsLookup.load();
    }

    private static MethodHandle critical(CriticalFunctions f) {
        return Downcall.critical(NativeFunction.of(f.symbol), CustomsLookup.find(f.symbol), f.descriptor).handle();
    }

    @Override
    public String libraryVersion() {
        try {
            return ((MemorySegment) Version.HANDLE.invokeExact()).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int add(int a, int b) {
        try {
            return (int) Scalars.ADD.invokeExact(a, b);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public void noop() {
        try {
            Noop.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public String statusName(int status) {
        try {
            return ((MemorySegment) Statuses.STATUS_NAME.invokeExact(status)).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public String statusMessage(int status) {
        try {
            return ((MemorySegment) Statuses.STATUS_MESSAGE.invokeExact(status)).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long liveAllocations() {
        try {
            return (long) Scalars.LIVE_ALLOCATIONS.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
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
        try {
            return (int) Buffers.CRC32.invokeExact(crc, heap(data, offset, length), (long) length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    int crc32Buffer(int crc, NativeBuffer buffer, long offset, long length) {
        try {
            return (int) Buffers.CRC32.invokeExact(crc, segment(buffer).asSlice(offset, length), length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    int transformArray(byte[] data, int offset, int length, byte key) {
        try {
            return (int) Buffers.TRANSFORM.invokeExact(heap(data, offset, length), (long) length, key);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    int transformBuffer(NativeBuffer buffer, long offset, long length, byte key) {
        try {
            return (int) Buffers.TRANSFORM.invokeExact(segment(buffer).asSlice(offset, length), length, key);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    long sumArray(int[] values, int offset, int length) {
        MemorySegment all = MemorySegment.ofArray(values);
        MemorySegment region = offset == 0 && length == values.length ? all
                : all.asSlice(offset * JAVA_INT.byteSize(), length * JAVA_INT.byteSize());
        try {
            return (long) Buffers.SUM_I32.invokeExact(region, (long) length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    long greet0(String name, NativeBuffer out) {
        try {
            return (long) Strings.GREET.invokeExact(cString(name), segment(out), out.size());
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    String greetString(String name) {
        MemorySegment cName = cString(name);
        byte[] out = new byte[GREET_FIRST_CAPACITY];
        for (int attempt = 0; attempt < 2; attempt++) {
            long needed;
            try {
                needed = (long) Strings.GREET.invokeExact(cName, MemorySegment.ofArray(out), (long) out.length);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (needed < 0) {
                throw failure("customs_greet", (int) needed, null);
            }
            if (needed < out.length) {
                return new String(out, 0, (int) needed, StandardCharsets.UTF_8);
            }
            out = new byte[Math.toIntExact(needed + 1)];
        }
        throw new IllegalStateException("customs_greet asked for more room after being given what it asked for");
    }

    @Override
    String toUpper0(String s) {
        try {
            MemorySegment owned = (MemorySegment) Strings.TO_UPPER.invokeExact(cString(s));
            if (MemorySegment.NULL.equals(owned)) {
                return null;
            }
            try {
                return owned.getString(0);
            } finally {
                Strings.STRING_FREE.invokeExact(owned);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // Structs, both ways, go through the calling thread's native scratch struct, as raw code would use its own kept
    // one: no arena and no allocation per call besides the Sample record. The scratch is seen in the global scope, so
    // nothing but its holder keeps its memory alive: the opener's holder is this instance's field, another thread's is
    // that thread's ThreadLocal value, so each method keeps this instance reachable until it is done with the memory.

    /**
     * The calling thread's scratch struct: the opener's own (a thread comparison and a field, the common case of one
     * thread per instance) or, on any other thread, that thread's from {@link #SAMPLE_SCRATCH} (a ThreadLocal lookup,
     * about 3 ns).
     */
    private MemorySegment struct() {
        return Thread.currentThread() == opener && openerStruct != null ? openerStruct : otherScratch().struct;
    }

    /** The same struct as {@link #struct()}, as the allocator of a struct C returns by value. */
    private SegmentAllocator returned() {
        return Thread.currentThread() == opener && openerReturned != null ? openerReturned : otherScratch().returned;
    }

    /** The scratch of a thread other than the opener, or the opener's on its first struct call. */
    private SampleScratch otherScratch() {
        if (Thread.currentThread() != opener) {
            return SAMPLE_SCRATCH.get();
        }
        SampleScratch own = new SampleScratch();
        openerScratch = own;
        openerStruct = own.struct;
        openerReturned = own.returned;
        return own;
    }

    @Override
    Sample makeSample0(byte tag, double value, short count, int flags) {
        try {
            return toSample((MemorySegment) Structs.SAMPLE_MAKE.invokeExact(returned(), tag, value, count, flags));
        } catch (Throwable t) {
            throw unexpected(t);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    double score0(Sample sample) {
        try {
            return (double) Structs.SAMPLE_SCORE.invokeExact(fill(struct(), sample));
        } catch (Throwable t) {
            throw unexpected(t);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    Sample scale0(Sample sample, double factor) {
        try {
            MemorySegment struct = fill(struct(), sample);
            int status;
            try {
                status = (int) Structs.SAMPLE_SCALE.invokeExact(struct, factor);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            check("customs_sample_scale", status, null);
            return toSample(struct);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    long fileSize0(String path, int[] errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CustomsErrno.CAPTURE_STATE_LAYOUT);
            long size = CustomsErrno.customs_file_size(state, arena.allocateFrom(path));
            if (size == -1) {
                errno[0] = CustomsErrno.errno(state);
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
        MemorySegment out = MemorySegment.ofArray(new long[(int) (customs_record_info.sizeof() / Long.BYTES)]);
        int status;
        try {
            status = (int) Buffers.PARSE_RECORD.invokeExact(heap(data, offset, length), (long) length, out);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        RecordInfo info = status != Status.OK.code() ? null : new RecordInfo(
                Byte.toUnsignedInt(customs_record_info.version(out)),
                Byte.toUnsignedInt(customs_record_info.field_count(out)),
                Short.toUnsignedInt(customs_record_info.name_length(out)),
                Integer.toUnsignedLong(customs_record_info.item_count(out)),
                customs_record_info.data_bytes(out), customs_record_info.checksum(out));
        return new ParseOutcome(status, customs_record_info.error_offset(out), info);
    }

    @Override
    int forEach0(int[] items, long user) {
        // customs_for_each calls back, so the items cannot be the array itself (rule "no heap segment for a function
        // that may call back"): this copy is the one the rules require.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(JAVA_INT, Math.max(1, items.length));
            MemorySegment.copy(items, 0, values, JAVA_INT, 0, items.length);
            return customs_h.customs_for_each(values, items.length, ItemStub.STUB, MemorySegment.ofAddress(user));
        }
    }

    @Override
    int runThreads0(int threads, int callsPerThread, long user) {
        return customs_h.customs_run_threads(threads, callsPerThread, ThreadStub.STUB, MemorySegment.ofAddress(user));
    }

    @Override
    AsyncJob startAsync0(int value, int delayMillis, CallbackSlots.Slot slot, UpcallGuard guard,
            AsyncCompletion completion) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment jobOut = arena.allocate(C_POINTER);
            check("customs_async_start", customs_h.customs_async_start(AsyncStub.STUB, MemorySegment.ofAddress(slot.id()),
                    value, delayMillis, jobOut), null);
            return new FfmAsyncJob(this, guard, completion, delayMillis, slot, jobOut.get(C_POINTER, 0));
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
        try {
            return (long) Layout.LAYOUT_SIZE.invokeExact(cString(type));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    long layoutAlign0(String type) {
        try {
            return (long) Layout.LAYOUT_ALIGN.invokeExact(cString(type));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    long layoutFieldCount0(String type) {
        try {
            return (long) Layout.LAYOUT_FIELD_COUNT.invokeExact(cString(type));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    String layoutFieldName0(String type, long index) {
        try {
            MemorySegment name = (MemorySegment) Layout.LAYOUT_FIELD_NAME.invokeExact(cString(type), index);
            return MemorySegment.NULL.equals(name) ? null : name.getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    long layoutOffset0(String type, String field) {
        try {
            return (long) Layout.LAYOUT_OFFSET.invokeExact(cString(type), cString(field));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** {@code data[offset, offset+length)} as a heap segment: only for the critical handles above. */
    private static MemorySegment heap(byte[] data, int offset, int length) {
        MemorySegment all = MemorySegment.ofArray(data);
        return offset == 0 && length == data.length ? all : all.asSlice(offset, length);
    }

    /** {@code s} as a NUL-terminated UTF-8 heap segment (AbstractCustoms has refused NUL bytes in it). */
    private static MemorySegment cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return MemorySegment.ofArray(Arrays.copyOf(utf8, utf8.length + 1));
    }


    /** A downcall handle threw: FFM's own checks are unchecked exceptions; nothing else can happen. */
    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a downcall threw a checked exception", t);
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

    /**
     * Memory of a shared arena: any thread may use it; closing it while a downcall uses it fails (FFM's own guard, which
     * is why {@link #beginCall()} counts nothing).
     */
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

        /** FFM's downcall acquires the shared arena for the call, so only "still open?" is left to check here. */
        @Override
        void beginCall() {
            if (!isAlive()) {
                throw closed();
            }
        }

        @Override
        void endCall() {}

        @Override
        void free() {
            try {
                arena.close();
            } catch (IllegalStateException acquiredByADowncall) {
                throw new IllegalStateException("NativeBuffer of " + size() + " bytes is in use by a native call in"
                        + " progress: wait for it to return before closing", acquiredByADowncall);
            }
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
            // The sink retains the attached buffer, not data: data may be the array itself.
            try {
                return (int) Buffers.SINK_WRITE.invokeExact(sink, heap(data, offset, length), (long) length);
            } catch (Throwable t) {
                throw unexpected(t);
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

        FfmAsyncJob(FfmCustoms owner, UpcallGuard guard, AsyncCompletion completion, int delayMillis,
                CallbackSlots.Slot slot, MemorySegment job) {
            super(owner, guard, completion, delayMillis, slot);
            this.owner = owner;
            this.job = job;
        }

        @Override
        int join0(int timeoutMillis) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment result = arena.allocate(JAVA_INT);
                owner.check("customs_async_join", customs_h.customs_async_join(job, result, timeoutMillis),
                        "timeout " + timeoutMillis + " ms");
                return result.get(JAVA_INT, 0);
            }
        }
    }
}
