package dev.customs.bench;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.checked.Checked;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Checked mode's price (checked/README.md): a scalar downcall ({@code customs_add}) and an upcall
 * ({@code customs_for_each} over {@value #ITEMS} items, per upcall), raw FFM against what a rewritten call site gets.
 * The checked handles come from {@link Checked}, the methods the agent rewrites {@code Linker.downcallHandle} and
 * {@code Linker.upcallStub} into, so the forks need no agent and measure exactly the checked code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CheckedBench {
    static final int ITEMS = 256;
    static final Linker LINKER = Linker.nativeLinker();
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    static final MethodHandle ADD_RAW = LINKER.downcallHandle(customs_h.customs_add$address(),
            customs_h.customs_add$descriptor());
    static final MethodHandle ADD_CHECKED = Checked.downcallHandle(LINKER, customs_h.customs_add$address(),
            customs_h.customs_add$descriptor());
    static final MethodHandle FOR_EACH_RAW = LINKER.downcallHandle(customs_h.customs_for_each$address(),
            customs_h.customs_for_each$descriptor());
    static final MethodHandle FOR_EACH_CHECKED = Checked.downcallHandle(LINKER, customs_h.customs_for_each$address(),
            customs_h.customs_for_each$descriptor());

    int a = 40;
    int b = 2;
    Arena rawArena;
    Arena checkedArena;
    MemorySegment items;
    MemorySegment rawStub;
    MemorySegment checkedStub;

    static int zero(MemorySegment user, long index, int value) {
        return 0;
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findStatic(CheckedBench.class, "zero",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class));
        rawArena = Arena.ofShared();
        checkedArena = Checked.ofShared();
        items = rawArena.allocate(4L * ITEMS);
        rawStub = LINKER.upcallStub(target, customs_item_cb.descriptor(), rawArena);
        checkedStub = Checked.upcallStub(LINKER, target, customs_item_cb.descriptor(), checkedArena);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checkedArena.close();
        rawArena.close();
    }

    @Benchmark
    public int checkedAdd_raw() throws Throwable {
        return (int) ADD_RAW.invokeExact(a, b);
    }

    @Benchmark
    public int checkedAdd_checked() throws Throwable {
        return (int) ADD_CHECKED.invokeExact(a, b);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int checkedUpcall_raw() throws Throwable {
        return (int) FOR_EACH_RAW.invokeExact(items, (long) ITEMS, rawStub, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int checkedUpcall_checked() throws Throwable {
        return (int) FOR_EACH_CHECKED.invokeExact(items, (long) ITEMS, checkedStub, MemorySegment.NULL);
    }
}
