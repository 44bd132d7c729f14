package dev.customs.bench;

import dev.customs.bindings.ffm.CustomsErrno;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_sample;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Item 4: strings in and out, structs by value and by pointer, and errno capture on versus off. Each case is measured
 * on raw FFM and raw JNA (direct mapping); Customs' API is priced in {@link ApiBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DataBench {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    /** customs_file_size linked without captureCallState, to price the capture. */
    static final MethodHandle FILE_SIZE_NO_CAPTURE = Linker.nativeLinker().downcallHandle(
            customs_h.customs_file_size$address(), FunctionDescriptor.of(customs_h.C_LONG, customs_h.C_POINTER));

    final CustomsLibrary jna = JnaLibraries.direct();
    final String name = "Customs";
    final String missing = "/no/such/file/for/customs";
    Arena arena;
    MemorySegment greetOut;
    MemorySegment sample;
    MemorySegment missingPath;
    MemorySegment errnoState;
    Memory jnaGreetOut;
    dev.customs.bindings.jna.customs_sample.ByValue jnaByValue;
    dev.customs.bindings.jna.customs_sample jnaByRef;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofConfined();
        greetOut = arena.allocate(64);
        sample = customs_sample.allocate(arena);
        customs_sample.value(sample, 1.5);
        customs_sample.weight(sample, 4);
        missingPath = arena.allocateFrom(missing);
        errnoState = arena.allocate(CustomsErrno.CAPTURE_STATE_LAYOUT);
        jnaGreetOut = new Memory(64);
        jnaByValue = new dev.customs.bindings.jna.customs_sample.ByValue();
        jnaByValue.value = 1.5;
        jnaByValue.weight = 4;
        jnaByRef = new dev.customs.bindings.jna.customs_sample();
        jnaByRef.value = 1.5;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        jnaGreetOut.close();
    }

    // strings in: a Java String becomes a C string for the call

    @Benchmark
    public long stringIn_ffm() {
        try (Arena call = Arena.ofConfined()) {
            return customs_h.customs_greet(call.allocateFrom(name), greetOut, 64);
        }
    }

    @Benchmark
    public long stringIn_jnaDirect() {
        return jna.customs_greet(name, jnaGreetOut, 64);
    }

    // strings out: a library-allocated string read into Java and freed with the library's free

    @Benchmark
    public String stringOut_ffm() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment owned = customs_h.customs_to_upper(call.allocateFrom(name));
            try {
                return owned.getString(0);
            } finally {
                customs_h.customs_string_free(owned);
            }
        }
    }

    @Benchmark
    public String stringOut_jnaDirect() {
        Pointer owned = jna.customs_to_upper(name);
        try {
            return owned.getString(0, "UTF-8");
        } finally {
            jna.customs_string_free(owned);
        }
    }

    // structs

    @Benchmark
    public double structByValue_ffm() {
        return customs_h.customs_sample_score(sample);
    }

    @Benchmark
    public double structByValue_jnaDirect() {
        return jna.customs_sample_score(jnaByValue);
    }

    @Benchmark
    public int structByPointer_ffm() {
        return customs_h.customs_sample_scale(sample, 1.0);
    }

    @Benchmark
    public int structByPointer_jnaDirect() {
        return jna.customs_sample_scale(jnaByRef, 1.0);
    }

    // errno: the same failing call with and without capturing errno

    @Benchmark
    public long errno_ffmCaptured() {
        long r = CustomsErrno.customs_file_size(errnoState, missingPath);
        return r + CustomsErrno.errno(errnoState);
    }

    @Benchmark
    public long errno_ffmNotCaptured() throws Throwable {
        return (long) FILE_SIZE_NO_CAPTURE.invokeExact(missingPath);
    }

    @Benchmark
    public long errno_jnaDirect() {
        return jna.customs_file_size(missing) + Native.getLastError();
    }
}
