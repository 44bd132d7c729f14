package reviewer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutorService;

/** One instance of each hazard the six checks find. */
class Hazards {
    static final FunctionDescriptor SUM = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG);
    static final FunctionDescriptor FOR_EACH = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS);

    static int parse(int value) {
        return Integer.parseInt(Integer.toString(value));
    }

    static MemorySegment unguardedUpcall(Arena arena) {
        return hazard_cb.allocate((user, value) -> parse(value), arena);
    }

    static long heapToPlain(MemorySegment sum, int[] values) throws Throwable {
        MethodHandle plain = Linker.nativeLinker().downcallHandle(sum, SUM);
        return (long) plain.invokeExact(MemorySegment.ofArray(values), (long) values.length);
    }

    static int upcallFromCritical(MemorySegment forEach, Arena arena) throws Throwable {
        MethodHandle critical = Linker.nativeLinker().downcallHandle(forEach, FOR_EACH,
                Linker.Option.critical(false));
        MemorySegment stub = hazard_cb.allocate((user, value) -> 0, arena);
        return (int) critical.invokeExact(stub, MemorySegment.NULL);
    }

    static int confinedOnAnotherThread(ExecutorService pool) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_INT);
            return pool.submit(() -> counter.get(ValueLayout.JAVA_INT, 0)).get();
        }
    }

    static long arenaNeverClosed() {
        Arena arena = Arena.ofShared();
        return arena.allocate(64).byteSize();
    }

    static void autoArenaPerIteration(int rounds) {
        for (int i = 0; i < rounds; i++) {
            Arena.ofAuto().allocate(1024).fill((byte) i);
        }
    }
}
