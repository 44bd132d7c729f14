package dev.customs.bench;

import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.JnaLibraries;
import dev.customs.pinning.specimen.CustomsArrayCalls;
import dev.customs.pinning.Handoff;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Item 3: a Java array handed to {@code customs_crc32}, 16 B to 1 MiB, through each way the pinning module offers,
 * against the raw zero-copy call (a heap segment to a handle linked {@code critical(true)}, no Customs checks).
 * {@code helperHeap} is the heap-access helper the ≤ 1.05 target is about.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArrayBench {
    static final MethodHandle RAW_CRITICAL = Linker.nativeLinker().downcallHandle(customs_h.customs_crc32$address(),
            customs_h.customs_crc32$descriptor(), Linker.Option.critical(true));

    @Param({"16", "64", "256", "4096", "65536", "1048576"})
    int size;

    byte[] data;
    final CustomsArrayCalls<MemorySegment> heap = CustomsArrayCalls.ffm(Handoff.HEAP);
    final CustomsArrayCalls<MemorySegment> copy = CustomsArrayCalls.ffm(Handoff.NATIVE_COPY);
    final CustomsArrayCalls<MemorySegment> direct = CustomsArrayCalls.ffm(Handoff.DIRECT_BUFFER);
    final CustomsArrayCalls<?> jnaArray = CustomsArrayCalls.jna(Handoff.HEAP, JnaLibraries.direct());
    final CustomsArrayCalls<?> jnaMemory = CustomsArrayCalls.jna(Handoff.NATIVE_COPY, JnaLibraries.direct());
    final CustomsArrayCalls<?> jnaDirectBuffer = CustomsArrayCalls.jna(Handoff.DIRECT_BUFFER, JnaLibraries.direct());

    @Setup
    public void setUp() {
        data = new byte[size];
        new Random(size).nextBytes(data);
    }

    @Benchmark
    public int array_rawCritical() throws Throwable {
        return (int) RAW_CRITICAL.invokeExact(0, MemorySegment.ofArray(data), (long) size);
    }

    @Benchmark
    public int array_helperHeap() {
        return heap.crc32(0, data, 0, size);
    }

    @Benchmark
    public int array_helperCopy() {
        return copy.crc32(0, data, 0, size);
    }

    @Benchmark
    public int array_helperDirect() {
        return direct.crc32(0, data, 0, size);
    }

    @Benchmark
    public int array_jnaArray() {
        return jnaArray.crc32(0, data, 0, size);
    }

    @Benchmark
    public int array_jnaMemory() {
        return jnaMemory.crc32(0, data, 0, size);
    }

    @Benchmark
    public int array_jnaDirectBuffer() {
        return jnaDirectBuffer.crc32(0, data, 0, size);
    }
}
