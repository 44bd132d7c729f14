package dev.customs.bench;

import dev.customs.api.Customs;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import dev.customs.jna.JnaHandoffs;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.Handoff;
import dev.customs.pinning.specimen.CustomsFunctions;
import com.sun.jna.Pointer;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Item 3: a Java array of 16 B to 1 MiB handed to a bandwidth-bound function, {@code customs_sum_i32} (one add per 4
 * bytes, far faster than memory), through each way the pinning module offers, the Customs API and JNA, against the raw
 * zero-copy call (a heap segment to a handle linked {@code critical(true)}, no checks). Because the function costs
 * about what reading the memory costs, a copy's price shows at 64 KiB and 1 MiB (the bitwise CRC it replaced, at 2 ns
 * a byte, hid it). The native floor of the same sum is in {@code customs_floor}. {@code helperHeap} is the
 * heap-access helper the ≤ 1.05 target is about.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArrayBench {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    static final MethodHandle RAW_CRITICAL = Linker.nativeLinker().downcallHandle(customs_h.customs_sum_i32$address(),
            customs_h.customs_sum_i32$descriptor(), Linker.Option.critical(true));
    /** The same function through the pinning toolkit's Downcall (rules checked at link time). */
    static final MethodHandle CHECKED_CRITICAL = Downcall.critical(CustomsFunctions.SUM_I32,
            customs_h.customs_sum_i32$address(), customs_h.customs_sum_i32$descriptor()).handle();

    @Param({"16", "64", "256", "4096", "65536", "1048576"})
    int size;

    /** The bytes handed over, and the same bytes as the int32s C sums. */
    byte[] data;
    int[] ints;
    final Customs api = Customs.open("ffm");
    final CustomsLibrary jna = JnaLibraries.direct();
    final ArrayHandoff<MemorySegment> heap = Handoff.HEAP.ffm();
    final ArrayHandoff<MemorySegment> copy = Handoff.NATIVE_COPY.ffm();
    final ArrayHandoff<MemorySegment> direct = Handoff.DIRECT_BUFFER.ffm();
    final ArrayHandoff<Pointer> jnaMemory = JnaHandoffs.memory();
    final ArrayHandoff<Pointer> jnaDirectBuffer = JnaHandoffs.directBuffer();

    @Setup
    public void setUp() {
        data = new byte[size];
        new Random(size).nextBytes(data);
        ints = new int[size / Integer.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).asIntBuffer().get(ints);
        long expected = 0;
        for (int v : ints) {
            expected += v;
        }
        if (array_rawCriticalUnchecked() != expected || array_helperCopy() != expected
                || array_jnaMemory() != expected || array_customsApi() != expected) {
            throw new IllegalStateException("the strategies disagree about the sum of " + size + " bytes");
        }
    }

    private long array_rawCriticalUnchecked() {
        try {
            return array_rawCritical();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Benchmark
    public long array_rawCritical() throws Throwable {
        return (long) RAW_CRITICAL.invokeExact(MemorySegment.ofArray(data), (long) (size / Integer.BYTES));
    }

    @Benchmark
    public long array_helperHeap() {
        long n = size / Integer.BYTES;
        return heap.pass(CustomsFunctions.SUM_I32, data, 0, size, Access.IN,
                p -> (long) CHECKED_CRITICAL.invokeExact(p, n));
    }

    @Benchmark
    public long array_helperCopy() {
        long n = size / Integer.BYTES;
        return copy.pass(CustomsFunctions.SUM_I32, data, 0, size, Access.IN,
                p -> (long) CHECKED_CRITICAL.invokeExact(p, n));
    }

    @Benchmark
    public long array_helperDirect() {
        long n = size / Integer.BYTES;
        return direct.pass(CustomsFunctions.SUM_I32, data, 0, size, Access.IN,
                p -> (long) CHECKED_CRITICAL.invokeExact(p, n));
    }

    /** {@code Customs.sum(int[])}: the API's array path (a critical heap segment, no copy). */
    @Benchmark
    public long array_customsApi() {
        return api.sum(ints, 0, ints.length);
    }

    /** JNA's array argument: JNA copies the int[] into native memory and back around the call. */
    @Benchmark
    public long array_jnaArray() {
        return jna.customs_sum_i32(ints, ints.length);
    }

    @Benchmark
    public long array_jnaMemory() {
        long n = size / Integer.BYTES;
        return jnaMemory.pass(CustomsFunctions.SUM_I32, data, 0, size, Access.IN, p -> jna.customs_sum_i32(p, n));
    }

    @Benchmark
    public long array_jnaDirectBuffer() {
        long n = size / Integer.BYTES;
        return jnaDirectBuffer.pass(CustomsFunctions.SUM_I32, data, 0, size, Access.IN,
                p -> jna.customs_sum_i32(p, n));
    }
}
