package dev.customs.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.api.AsyncJob;
import dev.customs.api.Customs;
import dev.customs.api.ItemCallback;
import dev.customs.api.NativeBuffer;
import dev.customs.api.RecordInfo;
import dev.customs.api.Sample;
import dev.customs.api.Sink;
import dev.customs.api.StructDescription;
import dev.customs.api.ThreadCallback;
import dev.customs.bindings.ffm.CustomsErrno;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_async_cb;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.ffm.customs_record_info;
import dev.customs.bindings.ffm.customs_sample;
import dev.customs.bindings.ffm.customs_thread_cb;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Every method of the {@link Customs} API that calls C, priced against the cheapest correct raw FFM code for the same C
 * function, fed the same Java values: {@code METHOD_api} and {@code METHOD_raw}, divided in the report's headline
 * table. Raw means no checks and no guard, handles linked {@code critical(true)} wherever the function neither calls
 * back nor keeps a pointer (so Java arrays go as heap segments), native memory allocated once per trial where a raw
 * caller could keep it (the struct, the record info, the greeting's out buffer), and one upcall stub per callback type
 * created once. What raw must still do per call, it does here too: encode a Java string, copy an array for a function
 * that calls back, fill a struct from a {@link Sample} and read it back into one.
 *
 * <p>{@code stub_create} prices what the API no longer does per call: one upcall stub, created and freed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiBench {
    static final int ITEMS = 16;
    static final int NATIVE_CALLS = 256;
    static final String NAME = "Customs";
    static final ItemCallback ITEM = (index, item) -> 0;
    static final ThreadCallback CALL = (thread, call) -> 0;

    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    static final MethodHandle VERSION = critical(customs_h.customs_version$address(),
            customs_h.customs_version$descriptor());
    static final MethodHandle ADD = critical(customs_h.customs_add$address(), customs_h.customs_add$descriptor());
    static final MethodHandle NOOP = critical(customs_h.customs_noop$address(), customs_h.customs_noop$descriptor());
    static final MethodHandle CRC32 = critical(customs_h.customs_crc32$address(), customs_h.customs_crc32$descriptor());
    static final MethodHandle TRANSFORM = critical(customs_h.customs_transform$address(),
            customs_h.customs_transform$descriptor());
    static final MethodHandle SUM = critical(customs_h.customs_sum_i32$address(),
            customs_h.customs_sum_i32$descriptor());
    static final MethodHandle GREET = critical(customs_h.customs_greet$address(), customs_h.customs_greet$descriptor());
    static final MethodHandle TO_UPPER = critical(customs_h.customs_to_upper$address(),
            customs_h.customs_to_upper$descriptor());
    static final MethodHandle STRING_FREE = critical(customs_h.customs_string_free$address(),
            customs_h.customs_string_free$descriptor());
    static final MethodHandle SAMPLE_MAKE = critical(customs_h.customs_sample_make$address(),
            customs_h.customs_sample_make$descriptor());
    static final MethodHandle SAMPLE_SCORE = critical(customs_h.customs_sample_score$address(),
            customs_h.customs_sample_score$descriptor());
    static final MethodHandle SAMPLE_SCALE = critical(customs_h.customs_sample_scale$address(),
            customs_h.customs_sample_scale$descriptor());
    static final MethodHandle PARSE = critical(customs_h.customs_parse_record$address(),
            customs_h.customs_parse_record$descriptor());
    static final MethodHandle SINK_WRITE = critical(customs_h.customs_sink_write$address(),
            customs_h.customs_sink_write$descriptor());
    static final MethodHandle STATUS_NAME = critical(customs_h.customs_status_name$address(),
            customs_h.customs_status_name$descriptor());
    static final MethodHandle STATUS_MESSAGE = critical(customs_h.customs_status_message$address(),
            customs_h.customs_status_message$descriptor());
    static final MethodHandle LIVE = critical(customs_h.customs_live_allocations$address(),
            customs_h.customs_live_allocations$descriptor());
    static final MethodHandle LAYOUT_SIZE = critical(customs_h.customs_layout_size$address(),
            customs_h.customs_layout_size$descriptor());
    static final MethodHandle LAYOUT_ALIGN = critical(customs_h.customs_layout_align$address(),
            customs_h.customs_layout_align$descriptor());
    static final MethodHandle LAYOUT_FIELD_COUNT = critical(customs_h.customs_layout_field_count$address(),
            customs_h.customs_layout_field_count$descriptor());
    static final MethodHandle LAYOUT_FIELD_NAME = critical(customs_h.customs_layout_field_name$address(),
            customs_h.customs_layout_field_name$descriptor());
    static final MethodHandle LAYOUT_OFFSET = critical(customs_h.customs_layout_offset$address(),
            customs_h.customs_layout_offset$descriptor());

    // The raw side's long-lived stubs: created once, calling fixed targets, no guard.
    static final MemorySegment ITEM_STUB = customs_item_cb.allocate((user, index, item) -> ITEM.onItem(index, item),
            Arena.global());
    static final MemorySegment THREAD_STUB = customs_thread_cb.allocate((user, t, c) -> CALL.onCall(t, c),
            Arena.global());
    static final MemorySegment ASYNC_STUB = customs_async_cb.allocate((user, value) -> value, Arena.global());

    static MethodHandle critical(MemorySegment address, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(address, descriptor, Linker.Option.critical(true));
    }

    /** The array methods, at the sizes the ≤ 1.20 target covers (bytes; {@code sum} takes size / 4 ints). */
    @State(Scope.Thread)
    public static class Sized {
        @Param({"16", "256"})
        int size;

        byte[] bytes;
        int[] ints;
        Customs api;
        NativeBuffer apiBuffer;
        Arena arena;
        MemorySegment rawBuffer;

        @Setup(Level.Trial)
        public void setUp() {
            bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            ints = new int[size / Integer.BYTES];
            Arrays.setAll(ints, i -> i * 31);
            api = Customs.open("ffm");
            apiBuffer = api.allocate(size);
            apiBuffer.write(0, bytes, 0, size);
            // A NativeBuffer may be used and closed from any thread: its raw equivalent is memory of a shared arena.
            arena = Arena.ofShared();
            rawBuffer = arena.allocate(size, 16);
            MemorySegment.copy(bytes, 0, rawBuffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, size);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            apiBuffer.close();
            arena.close();
        }
    }

    final Customs api = Customs.open("ffm");
    final Sample javaSample = new Sample(3, 1.5, (short) 2, 1, 1, 4, 9);
    final byte[] record = record();
    int a = 40;
    int b = 2;
    int status = -3;
    Arena arena;
    NativeBuffer apiOut;
    NativeBuffer apiSinkBuffer;
    MemorySegment rawOut;
    MemorySegment rawSample;
    SegmentAllocator rawSampleAllocator;
    MemorySegment rawInfo;
    MemorySegment rawSinkBuffer;
    MemorySegment rawSinkOut;
    MemorySegment rawWritten;
    int[] items;
    final byte[] sinkData = new byte[16];
    String file;

    /** A valid record: "CUST", version 1, one NAME field "Customs". */
    static byte[] record() {
        byte[] name = NAME.getBytes(StandardCharsets.US_ASCII);
        byte[] r = new byte[4 + 2 + 3 + name.length];
        System.arraycopy("CUST".getBytes(StandardCharsets.US_ASCII), 0, r, 0, 4);
        r[4] = 1;
        r[5] = 1;
        r[6] = 1;
        r[7] = (byte) name.length;
        System.arraycopy(name, 0, r, 9, name.length);
        return r;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        arena = Arena.ofConfined();
        apiOut = api.allocate(64);
        apiSinkBuffer = api.allocate(64);
        rawOut = arena.allocate(64);
        // The API's scratch struct is seen in the global scope (no liveness or thread check per access), so raw's is
        // too: global memory, kept for the process, the cheapest correct raw code for a struct reused on every call.
        rawSample = customs_sample.allocate(Arena.global());
        rawSampleAllocator = SegmentAllocator.prefixAllocator(rawSample);
        rawInfo = customs_record_info.allocate(arena);
        rawSinkBuffer = arena.allocate(64);
        rawSinkOut = arena.allocate(customs_h.C_POINTER);
        rawWritten = arena.allocate(JAVA_LONG);
        items = new int[ITEMS];
        Arrays.setAll(items, i -> i);
        Path f = Files.createTempFile("customs-bench", ".bin");
        Files.write(f, new byte[1234]);
        f.toFile().deleteOnExit();
        file = f.toString();
        if (api.parseRecord(record, 0, record.length).nameLength() != NAME.length()) {
            throw new IllegalStateException("the benchmark's record does not parse as intended");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        apiOut.close();
        apiSinkBuffer.close();
        arena.close();
    }

    static MemorySegment cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return MemorySegment.ofArray(Arrays.copyOf(utf8, utf8.length + 1));
    }

    static void fill(MemorySegment struct, Sample s) {
        customs_sample.tag(struct, (byte) s.tag());
        customs_sample.value(struct, s.value());
        customs_sample.count(struct, s.count());
        customs_sample.flags(struct, s.flags());
        customs_sample.kind(struct, (byte) s.kind());
        customs_sample.weight(struct, s.weight());
        customs_sample.stamp(struct, s.stamp());
    }

    static Sample read(MemorySegment s) {
        return new Sample(Byte.toUnsignedInt(customs_sample.tag(s)), customs_sample.value(s), customs_sample.count(s),
                customs_sample.flags(s), Byte.toUnsignedInt(customs_sample.kind(s)), customs_sample.weight(s),
                customs_sample.stamp(s));
    }

    // --- scalars and static strings ---

    @Benchmark
    public String libraryVersion_api() {
        return api.libraryVersion();
    }

    @Benchmark
    public String libraryVersion_raw() throws Throwable {
        return ((MemorySegment) VERSION.invokeExact()).getString(0);
    }

    @Benchmark
    public int add_api() {
        return api.add(a, b);
    }

    @Benchmark
    public int add_raw() throws Throwable {
        return (int) ADD.invokeExact(a, b);
    }

    @Benchmark
    public void noop_api() {
        api.noop();
    }

    @Benchmark
    public void noop_raw() throws Throwable {
        NOOP.invokeExact();
    }

    @Benchmark
    public String statusName_api() {
        return api.statusName(status);
    }

    @Benchmark
    public String statusName_raw() throws Throwable {
        return ((MemorySegment) STATUS_NAME.invokeExact(status)).getString(0);
    }

    @Benchmark
    public String statusMessage_api() {
        return api.statusMessage(status);
    }

    @Benchmark
    public String statusMessage_raw() throws Throwable {
        return ((MemorySegment) STATUS_MESSAGE.invokeExact(status)).getString(0);
    }

    @Benchmark
    public long liveAllocations_api() {
        return api.liveAllocations();
    }

    @Benchmark
    public long liveAllocations_raw() throws Throwable {
        return (long) LIVE.invokeExact();
    }

    // --- arrays and native buffers ---

    @Benchmark
    public int crc32Array_api(Sized s) {
        return s.api.crc32(0, s.bytes, 0, s.size);
    }

    @Benchmark
    public int crc32Array_raw(Sized s) throws Throwable {
        return (int) CRC32.invokeExact(0, MemorySegment.ofArray(s.bytes), (long) s.size);
    }

    @Benchmark
    public int crc32Buffer_api(Sized s) {
        return s.api.crc32(0, s.apiBuffer, 0, s.size);
    }

    @Benchmark
    public int crc32Buffer_raw(Sized s) throws Throwable {
        return (int) CRC32.invokeExact(0, s.rawBuffer, (long) s.size);
    }

    @Benchmark
    public void transformArray_api(Sized s) {
        s.api.transform(s.bytes, 0, s.size, (byte) 7);
    }

    @Benchmark
    public int transformArray_raw(Sized s) throws Throwable {
        return (int) TRANSFORM.invokeExact(MemorySegment.ofArray(s.bytes), (long) s.size, (byte) 7);
    }

    @Benchmark
    public void transformBuffer_api(Sized s) {
        s.api.transform(s.apiBuffer, 0, s.size, (byte) 7);
    }

    @Benchmark
    public int transformBuffer_raw(Sized s) throws Throwable {
        return (int) TRANSFORM.invokeExact(s.rawBuffer, (long) s.size, (byte) 7);
    }

    @Benchmark
    public long sum_api(Sized s) {
        return s.api.sum(s.ints, 0, s.ints.length);
    }

    @Benchmark
    public long sum_raw(Sized s) throws Throwable {
        return (long) SUM.invokeExact(MemorySegment.ofArray(s.ints), (long) s.ints.length);
    }

    @Benchmark
    public RecordInfo parseRecord_api() {
        return api.parseRecord(record, 0, record.length);
    }

    @Benchmark
    public RecordInfo parseRecord_raw() throws Throwable {
        int st = (int) PARSE.invokeExact(MemorySegment.ofArray(record), (long) record.length, rawInfo);
        return st != 0 ? null : new RecordInfo(Byte.toUnsignedInt(customs_record_info.version(rawInfo)),
                Byte.toUnsignedInt(customs_record_info.field_count(rawInfo)),
                Short.toUnsignedInt(customs_record_info.name_length(rawInfo)),
                Integer.toUnsignedLong(customs_record_info.item_count(rawInfo)),
                customs_record_info.data_bytes(rawInfo), customs_record_info.checksum(rawInfo));
    }

    // --- strings ---

    @Benchmark
    public long greetInto_api() {
        return api.greetInto(NAME, apiOut);
    }

    @Benchmark
    public long greetInto_raw() throws Throwable {
        return (long) GREET.invokeExact(cString(NAME), rawOut, 64L);
    }

    @Benchmark
    public String greet_api() {
        return api.greet(NAME);
    }

    @Benchmark
    public String greet_raw() throws Throwable {
        byte[] out = new byte[64];
        long needed = (long) GREET.invokeExact(cString(NAME), MemorySegment.ofArray(out), 64L);
        return new String(out, 0, (int) needed, StandardCharsets.UTF_8);
    }

    @Benchmark
    public String toUpper_api() {
        return api.toUpper(NAME);
    }

    @Benchmark
    public String toUpper_raw() throws Throwable {
        MemorySegment owned = (MemorySegment) TO_UPPER.invokeExact(cString(NAME));
        try {
            return owned.getString(0);
        } finally {
            STRING_FREE.invokeExact(owned);
        }
    }

    @Benchmark
    public long fileSize_api() {
        return api.fileSize(file);
    }

    @Benchmark
    public long fileSize_raw() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CustomsErrno.CAPTURE_STATE_LAYOUT);
            long size = CustomsErrno.customs_file_size(state, call.allocateFrom(file));
            return size == -1 ? -CustomsErrno.errno(state) : size;
        }
    }

    // --- structs ---

    @Benchmark
    public Sample makeSample_api() {
        return api.makeSample(3, 1.5, (short) 2, 1);
    }

    @Benchmark
    public Sample makeSample_raw() throws Throwable {
        return read((MemorySegment) SAMPLE_MAKE.invokeExact(rawSampleAllocator, (byte) 3, 1.5, (short) 2, 1));
    }

    @Benchmark
    public double score_api() {
        return api.score(javaSample);
    }

    @Benchmark
    public double score_raw() throws Throwable {
        fill(rawSample, javaSample);
        return (double) SAMPLE_SCORE.invokeExact(rawSample);
    }

    @Benchmark
    public Sample scale_api() {
        return api.scale(javaSample, 1.0);
    }

    @Benchmark
    public Sample scale_raw() throws Throwable {
        fill(rawSample, javaSample);
        int st = (int) SAMPLE_SCALE.invokeExact(rawSample, 1.0);
        return st != 0 ? null : read(rawSample);
    }

    @Benchmark
    public StructDescription describeStruct_api() {
        return api.describeStruct("customs_sample");
    }

    @Benchmark
    public StructDescription describeStruct_raw() throws Throwable {
        MemorySegment type = cString("customs_sample");
        long size = (long) LAYOUT_SIZE.invokeExact(type);
        long count = (long) LAYOUT_FIELD_COUNT.invokeExact(type);
        List<StructDescription.Field> fields = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            MemorySegment name = (MemorySegment) LAYOUT_FIELD_NAME.invokeExact(type, i);
            long offset = (long) LAYOUT_OFFSET.invokeExact(type, name);
            fields.add(new StructDescription.Field(name.getString(0), offset));
        }
        return new StructDescription("customs_sample", size, (long) LAYOUT_ALIGN.invokeExact(type), fields);
    }

    // --- callbacks ---

    @Benchmark
    public int forEach_api() {
        return api.forEach(items, ITEM);
    }

    @Benchmark
    public int forEach_raw() {
        // customs_for_each calls back: the items must be copied into native memory, raw or not.
        try (Arena call = Arena.ofConfined()) {
            MemorySegment values = call.allocate(JAVA_INT, ITEMS);
            MemorySegment.copy(items, 0, values, JAVA_INT, 0, ITEMS);
            return customs_h.customs_for_each(values, ITEMS, ITEM_STUB, MemorySegment.NULL);
        }
    }

    @Benchmark
    public int runThreads_api() {
        return api.runThreads(1, NATIVE_CALLS, CALL);
    }

    @Benchmark
    public int runThreads_raw() {
        return customs_h.customs_run_threads(1, NATIVE_CALLS, THREAD_STUB, MemorySegment.NULL);
    }

    @Benchmark
    public int startAsync_api() {
        try (AsyncJob job = api.startAsync(5, 0, value -> value)) {
            return job.join(Duration.ofSeconds(10));
        }
    }

    @Benchmark
    public int startAsync_raw() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment jobOut = call.allocate(customs_h.C_POINTER);
            customs_h.customs_async_start(ASYNC_STUB, MemorySegment.NULL, 5, 0, jobOut);
            MemorySegment result = call.allocate(JAVA_INT);
            customs_h.customs_async_join(jobOut.get(customs_h.C_POINTER, 0), result, 10_000);
            return result.get(JAVA_INT, 0);
        }
    }

    /** What the API no longer does per call: one upcall stub created and freed (the old per-call price). */
    @Benchmark
    public MemorySegment stub_create() {
        try (Arena call = Arena.ofConfined()) {
            return customs_item_cb.allocate((user, index, item) -> ITEM.onItem(index, item), call);
        }
    }

    // --- the retained pointer and native memory ---

    @Benchmark
    public long attachSink_api() {
        try (Sink sink = api.attachSink(apiSinkBuffer)) {
            sink.write(sinkData, 0, sinkData.length);
            return sink.detach();
        }
    }

    @Benchmark
    public long attachSink_raw() throws Throwable {
        customs_h.customs_sink_attach(rawSinkBuffer, 64, rawSinkOut);
        MemorySegment sink = rawSinkOut.get(customs_h.C_POINTER, 0);
        int st = (int) SINK_WRITE.invokeExact(sink, MemorySegment.ofArray(sinkData), (long) sinkData.length);
        customs_h.customs_sink_detach(sink, rawWritten);
        return st + rawWritten.get(JAVA_LONG, 0);
    }

    @Benchmark
    public void allocate_api() {
        api.allocate(64).close();
    }

    @Benchmark
    public void allocate_raw() {
        // The API's buffers may be used from any thread, so the raw equivalent is a shared arena too.
        try (Arena shared = Arena.ofShared()) {
            shared.allocate(64, 16);
        }
    }
}
