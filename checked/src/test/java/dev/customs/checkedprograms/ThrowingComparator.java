package dev.customs.checkedprograms;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * libc's qsort with a comparator that throws: without the agent the JVM ends ("Unrecoverable uncaught exception");
 * with it, qsort runs to completion and the very object thrown is caught around the downcall.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class ThrowingComparator {
    static final List<Throwable> THROWN = new CopyOnWriteArrayList<>();
    static volatile boolean errorAfterFirst;

    static int refuseThree(MemorySegment a, MemorySegment b) {
        int x = a.get(ValueLayout.JAVA_INT, 0);
        int y = b.get(ValueLayout.JAVA_INT, 0);
        if (x == 3 || y == 3) {
            Throwable t = errorAfterFirst && !THROWN.isEmpty() ? new AssertionError("comparator error " + x + "," + y)
                    : new IllegalStateException("comparator refused " + x + "," + y);
            THROWN.add(t);
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
        return Integer.compare(x, y);
    }

    public static void main(String[] args) throws Throwable {
        MethodHandle qsort = Libc.qsort();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment comparator = Libc.comparator(ThrowingComparator.class, "refuseThree", arena);
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 5, 3, 1, 4, 2, 3, 7);
            try {
                qsort.invokeExact(array, 7L, 4L, comparator);
                System.out.println("not thrown");
            } catch (IllegalStateException e) {
                System.out.println("caught same=" + (e == THROWN.getFirst()) + " upcalls-threw=" + THROWN.size()
                        + " suppressed=" + e.getSuppressed().length + " stack-top=" + e.getStackTrace()[0]);
            }

            THROWN.clear();
            errorAfterFirst = true;
            try {
                qsort.invokeExact(array, 7L, 4L, comparator);
                System.out.println("not thrown");
            } catch (AssertionError e) {
                System.out.println("error-first same=" + (e == THROWN.get(1)) + " exception-suppressed="
                        + (e.getSuppressed().length > 0 && e.getSuppressed()[0] == THROWN.getFirst()));
            }

            MemorySegment clean = arena.allocateFrom(ValueLayout.JAVA_INT, 9, 8, 7);
            qsort.invokeExact(clean, 3L, 4L, Libc.comparator(Libc.class, "compareInts", arena));
            System.out.println("afterwards sorted " + Libc.ints(clean));
        }
        System.out.println("completed");
    }
}
