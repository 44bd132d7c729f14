package dev.customs.checkedprograms;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** qsort linked critical, given an upcall stub: without the agent, "wrong thread state for upcall" and a dead JVM. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class CriticalWithStub {
    public static void main(String[] args) throws Throwable {
        MethodHandle qsort = Libc.qsort(Linker.Option.critical(false));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
            try {
                qsort.invokeExact(array, 3L, 4L, Libc.comparator(Libc.class, "compareInts", arena));
                System.out.println("not refused");
            } catch (IllegalArgumentException e) {
                System.out.println("refused: " + e.getMessage());
            }
            System.out.println("array untouched " + Libc.ints(array));
        }
        System.out.println("completed");
    }
}
