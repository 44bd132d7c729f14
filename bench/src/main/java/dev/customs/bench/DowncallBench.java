package dev.customs.bench;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Item 1: the bare cost of a downcall, {@code customs_noop} and {@code customs_add}, through every way Customs offers:
 * the jextract-shaped FFM wrapper, FFM linked {@code critical(false)}, JNA direct and interface mapping. Customs'
 * checked API is priced in {@link ApiBench}. The native floor (the same calls from C) is measured by
 * {@code customs_floor}, outside the JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DowncallBench {
    static final java.nio.file.Path LIBRARY = CustomsLookup.load(); // before the handles below are linked
    static final MethodHandle NOOP_CRITICAL = Linker.nativeLinker().downcallHandle(customs_h.customs_noop$address(),
            customs_h.customs_noop$descriptor(), Linker.Option.critical(false));
    static final MethodHandle ADD_CRITICAL = Linker.nativeLinker().downcallHandle(customs_h.customs_add$address(),
            customs_h.customs_add$descriptor(), Linker.Option.critical(false));

    final CustomsLibrary jnaDirect = JnaLibraries.direct();
    final CustomsLibrary jnaInterface = JnaLibraries.interfaceMapped();
    int a = 40;
    int b = 2;

    @Benchmark
    public void noop_ffm() {
        customs_h.customs_noop();
    }

    @Benchmark
    public void noop_ffmCritical() throws Throwable {
        NOOP_CRITICAL.invokeExact();
    }

    @Benchmark
    public void noop_jnaDirect() {
        jnaDirect.customs_noop();
    }

    @Benchmark
    public void noop_jnaInterface() {
        jnaInterface.customs_noop();
    }

    @Benchmark
    public int add_java() {
        return a + b;
    }

    @Benchmark
    public int add_ffm() {
        return customs_h.customs_add(a, b);
    }

    @Benchmark
    public int add_ffmCritical() throws Throwable {
        return (int) ADD_CRITICAL.invokeExact(a, b);
    }

    @Benchmark
    public int add_jnaDirect() {
        return jnaDirect.customs_add(a, b);
    }

    @Benchmark
    public int add_jnaInterface() {
        return jnaInterface.customs_add(a, b);
    }
}
