package reviewer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutorService;

/** Hazards.java with each hazard fixed the way the checks' pages say. */
class NoHazards {
    static final FunctionDescriptor SUM = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG);
    static final FunctionDescriptor FOR_EACH = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS);

    static int parse(int value) {
        return Integer.parseInt(Integer.toString(value));
    }

    static MemorySegment guardedUpcall(Arena arena) {
        return hazard_cb.allocate((user, value) -> {
            try {
                return parse(value);
            } catch (Throwable t) {
                return -1;
            }
        }, arena);
    }

    static long heapToCritical(MemorySegment sum, int[] values) throws Throwable {
        MethodHandle critical = Linker.nativeLinker().downcallHandle(sum, SUM, Linker.Option.critical(true));
        return (long) critical.invokeExact(MemorySegment.ofArray(values), (long) values.length);
    }

    static int upcallFromPlain(MemorySegment forEach, Arena arena) throws Throwable {
        MethodHandle plain = Linker.nativeLinker().downcallHandle(forEach, FOR_EACH);
        MemorySegment stub = hazard_cb.allocate((user, value) -> 0, arena);
        return (int) plain.invokeExact(stub, MemorySegment.NULL);
    }

    static int sharedOnAnotherThread(ExecutorService pool) throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_INT);
            return pool.submit(() -> counter.get(ValueLayout.JAVA_INT, 0)).get();
        }
    }

    static long arenaClosed() {
        try (Arena arena = Arena.ofShared()) {
            return arena.allocate(64).byteSize();
        }
    }

    static void confinedArenaPerIteration(int rounds) {
        for (int i = 0; i < rounds; i++) {
            try (Arena arena = Arena.ofConfined()) {
                arena.allocate(1024).fill((byte) i);
            }
        }
    }
}
