package example.qsort;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.callbacks.UpcallGuard;
import dev.customs.lifetime.LibraryOwned;
import dev.customs.loader.LibraryLoader;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayRegion;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.Handoff;
import dev.customs.pinning.NativeFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/** libc's qsort and strdup, bound through the Customs toolkit. */
public final class Libc {
    /** The C library, found by the loader; a file without qsort would be refused. */
    public static final LibraryLoader.LoadedLibrary LIBC = LibraryLoader.forLibrary("libc.so.6")
            .pathProperty("example.libc.path").pathEnvironment("EXAMPLE_LIBC_PATH").markerSymbol("qsort").load();

    /** qsort calls back into Java: never a heap segment, never a critical link. */
    public static final NativeFunction QSORT = NativeFunction.of("qsort", NativeFunction.Trait.CALLS_BACK);
    private static final Downcall QSORT_CALL = Downcall.plain(QSORT, LIBC.lookup().findOrThrow("qsort"),
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final FunctionDescriptor COMPARE = FunctionDescriptor.of(JAVA_INT,
            ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT));
    private static final MethodHandle STRDUP = Linker.nativeLinker().downcallHandle(
            LIBC.lookup().findOrThrow("strdup"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle FREE = Linker.nativeLinker().downcallHandle(
            LIBC.lookup().findOrThrow("free"), FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle COMPARE_TARGET;

    static {
        try {
            COMPARE_TARGET = MethodHandles.lookup().findVirtual(KeyOrder.class, "compare",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Libc() {}

    /**
     * Sorts {@code values} by {@code key} with libc's qsort. A comparator has no error channel, so a failing key
     * cannot stop qsort; instead the order stays total: each value's key is computed once, a value whose key threw
     * sorts last, and ties go by value. Once qsort has returned, the array holds that order and the key's exception is
     * thrown here, itself.
     */
    public static void sortBy(int[] values, IntUnaryOperator key) {
        UpcallGuard guard = new UpcallGuard(0);
        KeyOrder order = new KeyOrder(key, guard);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment comparator = Linker.nativeLinker().upcallStub(COMPARE_TARGET.bindTo(order), COMPARE, arena);
            Handoff.NATIVE_COPY.ffm().pass(QSORT, ArrayRegion.of(values, Access.IN_OUT), base -> {
                QSORT_CALL.handle().invokeExact(base, (long) values.length, JAVA_INT.byteSize(), comparator);
                return null;
            });
        }
        guard.rethrowIfAny();
    }

    /** Keys computed once per value; a failed one is fixed at "last". Never throws into qsort. */
    private record KeyOrder(IntUnaryOperator key, UpcallGuard guard, Map<Integer, Long> keys) {
        KeyOrder(IntUnaryOperator key, UpcallGuard guard) {
            this(key, guard, new HashMap<>());
        }

        long keyOf(int value) {
            return keys.computeIfAbsent(value, v -> {
                try {
                    return (long) key.applyAsInt(v);
                } catch (Throwable t) {
                    guard.capture(t);
                    return Long.MAX_VALUE;
                }
            });
        }

        int compare(MemorySegment a, MemorySegment b) {
            int x = a.get(JAVA_INT, 0);
            int y = b.get(JAVA_INT, 0);
            int byKey = Long.compare(keyOf(x), keyOf(y));
            return byKey != 0 ? byKey : Integer.compare(x, y);
        }
    }

    /** {@code strdup}'s copy of {@code s}, read back; libc's {@code free} runs once, when the arena closes. */
    public static String roundTrip(String s) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = (MemorySegment) STRDUP.invokeExact(arena.allocateFrom(s));
            MemorySegment owned = LibraryOwned.adoptCString(copy, arena, p -> {
                try {
                    FREE.invokeExact(p);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
            return owned.getString(0);
        }
    }

    /** The bytes of {@code s} as C sees them: the NUL-terminated length, through strlen. */
    static long strlen(String s) throws Throwable {
        MethodHandle strlen = Linker.nativeLinker().downcallHandle(LIBC.lookup().findOrThrow("strlen"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            return (long) strlen.invokeExact(arena.allocateFrom(s));
        }
    }
}
