package dev.customs.checkedprograms;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Raw FFM against libc, written the way an application would (no Customs API): the agent rewrites these call sites.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
final class Libc {
    static final Linker LINKER = Linker.nativeLinker();
    static final FunctionDescriptor QSORT = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
    static final FunctionDescriptor COMPARE = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT),
            ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT));

    private Libc() {
    }

    static MethodHandle qsort(Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("qsort"), QSORT, options);
    }

    /** A comparator upcall stub for {@code owner.name(MemorySegment, MemorySegment)int}. */
    static MemorySegment comparator(Class<?> owner, String name, Arena arena) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findStatic(owner, name,
                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        return LINKER.upcallStub(target, COMPARE, arena);
    }

    static int compareInts(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));
    }

    static String ints(MemorySegment array) {
        return java.util.Arrays.toString(array.toArray(ValueLayout.JAVA_INT));
    }
}
