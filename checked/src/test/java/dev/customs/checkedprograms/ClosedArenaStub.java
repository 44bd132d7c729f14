package dev.customs.checkedprograms;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicInteger;

/** qsort given the address of a comparator stub whose arena is closed: C keeps a pointer Java freed. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class ClosedArenaStub {
    static final AtomicInteger RAN = new AtomicInteger();

    static int counted(MemorySegment a, MemorySegment b) {
        RAN.incrementAndGet();
        return Libc.compareInts(a, b);
    }

    public static void main(String[] args) throws Throwable {
        MethodHandle qsort = Libc.qsort();
        long address;
        Arena stubArena = Arena.ofConfined();
        address = Libc.comparator(ClosedArenaStub.class, "counted", stubArena).address();
        stubArena.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 3, 1, 2);
            try {
                qsort.invokeExact(array, 3L, 4L, MemorySegment.ofAddress(address));
                System.out.println("not thrown");
            } catch (IllegalStateException e) {
                System.out.println("caught " + e.getClass().getSimpleName() + ": " + e.getMessage());
                System.out.println("target ran " + RAN.get() + " times");
            }
        }
        System.out.println("completed");
    }
}
