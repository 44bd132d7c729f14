package dev.customs.checkedprograms;

import dev.customs.checked.CheckedMode;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What C receives from a failed upcall when configured (per descriptor, per stub); downcalls made inside upcalls
 * (each rethrows only what its own upcalls raised); the address-first handle shape jextract uses, linked critical.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class ConfiguredAndNested {
    static final FunctionDescriptor OTHER = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);
    static Arena arena;

    static int calls;

    static int fails(MemorySegment user, long index, int item) {
        calls++;
        throw new IllegalStateException("item " + index);
    }

    /** Sorts with a throwing comparator inside, catches what qsort rethrows, then succeeds. */
    static int sortsAndRecovers(MemorySegment user, long index, int item) throws Throwable {
        MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 3, 1);
        try {
            Libc.qsort().invokeExact(array, 3L, 4L, Libc.comparator(ThrowingComparator.class, "refuseThree", arena));
            System.out.println("inner not thrown");
        } catch (IllegalStateException e) {
            System.out.println("inner caught " + e.getMessage());
        }
        return 0;
    }

    /** Sorts cleanly inside, then throws. */
    static int sortsThenFails(MemorySegment user, long index, int item) throws Throwable {
        MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
        Libc.qsort().invokeExact(array, 2L, 4L, Libc.comparator(Libc.class, "compareInts", arena));
        throw new IllegalStateException("outer after a clean inner sort");
    }

    public static void main(String[] args) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            arena = a;
            System.out.println("default " + status(ForEach.stub(ConfiguredAndNested.class, "fails", a)));

            CheckedMode.onThrowReturn(ForEach.CALLBACK, 42);
            System.out.println("per descriptor " + status(ForEach.stub(ConfiguredAndNested.class, "fails", a)));

            MemorySegment stub = ForEach.stub(ConfiguredAndNested.class, "fails", a);
            CheckedMode.onThrowReturn(stub, -7L);
            System.out.println("per stub " + status(stub));
            try {
                CheckedMode.onThrowReturn(stub, "seven");
            } catch (IllegalArgumentException e) {
                System.out.println("refused " + e.getMessage());
            }

            System.out.println("nested recovers: C returned "
                    + ForEach.run(a, 1, ForEach.stub(ConfiguredAndNested.class, "sortsAndRecovers", a)));
            try {
                ForEach.run(a, 1, ForEach.stub(ConfiguredAndNested.class, "sortsThenFails", a));
            } catch (IllegalStateException e) {
                System.out.println("nested outer caught " + e.getMessage() + " suppressed "
                        + e.getSuppressed().length);
            }

            MethodHandle critical = Linker.nativeLinker().downcallHandle(ForEach.FOR_EACH,
                    Linker.Option.critical(false));
            try {
                int s = (int) critical.invokeExact(ForEach.ADDRESS, a.allocate(ValueLayout.JAVA_INT, 1), 1L,
                        ForEach.stub(ConfiguredAndNested.class, "fails", a), MemorySegment.NULL);
                System.out.println("critical not refused " + s);
            } catch (IllegalArgumentException e) {
                System.out.println("critical refused " + e.getMessage().substring(0, e.getMessage().indexOf(" 0x")));
            }
        }
        System.out.println("completed");
    }

    /** Over 3 items: C goes on after a zero (3 calls, 3 throwables) and stops at anything else (1 call). */
    private static String status(MemorySegment stub) throws Throwable {
        calls = 0;
        try {
            return "returned " + ForEach.run(arena, 3, stub);
        } catch (IllegalStateException e) {
            return "calls " + calls + "; rethrown " + e.getMessage() + " with " + e.getSuppressed().length
                    + " suppressed";
        }
    }
}
