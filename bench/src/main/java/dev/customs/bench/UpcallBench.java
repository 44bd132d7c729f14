package dev.customs.bench;

import dev.customs.api.CustomsGuards;
import dev.customs.api.ItemCallback;
import dev.customs.api.ThreadCallback;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.ffm.customs_thread_cb;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
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
 * Item 2: the cost of one upcall, raw versus guarded ({@link UpcallGuard}), FFM versus JNA, from the Java thread
 * ({@code customs_for_each} over {@value #ITEMS} items) and from a native thread ({@code customs_run_threads}, one
 * pthread making {@value #NATIVE_CALLS} calls, so its creation and attachment are spread over them). Scores are per
 * upcall. Raw and guarded differ only by the guard: both go through the same functional interface.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpcallBench {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    static final int ITEMS = 256;
    static final int NATIVE_CALLS = 65_536;

    final CustomsLibrary jna = JnaLibraries.direct();
    final UpcallGuard guard = CustomsGuards.guard();
    final ItemCallback item = (index, value) -> 0;
    final ThreadCallback call = (thread, c) -> 0;
    final int[] jnaItems = new int[ITEMS];
    Arena arena;
    MemorySegment items;
    MemorySegment itemRaw;
    MemorySegment itemGuarded;
    MemorySegment itemGuardedHandle;
    MemorySegment threadRaw;
    MemorySegment threadGuarded;
    dev.customs.bindings.jna.customs_item_cb jnaItemRaw;
    dev.customs.bindings.jna.customs_item_cb jnaItemGuarded;
    dev.customs.bindings.jna.customs_thread_cb jnaThreadRaw;
    dev.customs.bindings.jna.customs_thread_cb jnaThreadGuarded;
    dev.customs.bindings.jna.customs_thread_cb jnaThreadStaysAttached;

    /** The item callback's target as a method handle, for the guard's MethodHandles.catchException form. */
    static int zero(MemorySegment user, long index, int value) {
        return 0;
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        arena = Arena.ofShared();
        items = arena.allocate(4L * ITEMS);
        ItemCallback guardedItem = CustomsGuards.items(guard, item);
        ThreadCallback guardedCall = CustomsGuards.threads(guard, call);
        itemRaw = customs_item_cb.allocate((user, index, value) -> item.onItem(index, value), arena);
        itemGuarded = customs_item_cb.allocate((user, index, value) -> guardedItem.onItem(index, value), arena);
        MethodHandle target = MethodHandles.lookup().findStatic(UpcallBench.class, "zero",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class));
        itemGuardedHandle = Linker.nativeLinker().upcallStub(guard.guardHandle(target), customs_item_cb.descriptor(),
                arena);
        threadRaw = customs_thread_cb.allocate((user, t, c) -> call.onCall(t, c), arena);
        threadGuarded = customs_thread_cb.allocate((user, t, c) -> guardedCall.onCall(t, c), arena);
        jnaItemRaw = (user, index, value) -> item.onItem(index, value);
        jnaItemGuarded = (user, index, value) -> guardedItem.onItem(index, value);
        jnaThreadRaw = (user, t, c) -> call.onCall(t, c);
        jnaThreadGuarded = (user, t, c) -> guardedCall.onCall(t, c);
        // JNA detaches a native thread after every callback unless told otherwise: this one stays attached until
        // the thread exits, as FFM does.
        jnaThreadStaysAttached = (user, t, c) -> call.onCall(t, c);
        com.sun.jna.Native.setCallbackThreadInitializer(jnaThreadStaysAttached,
                new com.sun.jna.CallbackThreadInitializer(true, false, "customs-bench-native"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        guard.rethrowIfAny();
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int upcallJava_ffm() {
        return customs_h.customs_for_each(items, ITEMS, itemRaw, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int upcallJava_ffmGuarded() {
        return customs_h.customs_for_each(items, ITEMS, itemGuarded, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int upcallJava_ffmGuardedHandle() {
        return customs_h.customs_for_each(items, ITEMS, itemGuardedHandle, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int upcallJava_jnaDirect() {
        return jna.customs_for_each(jnaItems, ITEMS, jnaItemRaw, null);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int upcallJava_jnaGuarded() {
        return jna.customs_for_each(jnaItems, ITEMS, jnaItemGuarded, null);
    }

    @Benchmark
    @OperationsPerInvocation(NATIVE_CALLS)
    public int upcallNative_ffm() {
        return customs_h.customs_run_threads(1, NATIVE_CALLS, threadRaw, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(NATIVE_CALLS)
    public int upcallNative_ffmGuarded() {
        return customs_h.customs_run_threads(1, NATIVE_CALLS, threadGuarded, MemorySegment.NULL);
    }

    @Benchmark
    @OperationsPerInvocation(NATIVE_CALLS)
    public int upcallNative_jnaDirect() {
        return jna.customs_run_threads(1, NATIVE_CALLS, jnaThreadRaw, null);
    }

    @Benchmark
    @OperationsPerInvocation(NATIVE_CALLS)
    public int upcallNative_jnaStaysAttached() {
        return jna.customs_run_threads(1, NATIVE_CALLS, jnaThreadStaysAttached, null);
    }

    @Benchmark
    @OperationsPerInvocation(NATIVE_CALLS)
    public int upcallNative_jnaGuarded() {
        return jna.customs_run_threads(1, NATIVE_CALLS, jnaThreadGuarded, null);
    }
}
