package dev.customs.checkedprograms;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

/** libcustoms' customs_for_each through raw FFM: C stops at the callback's first non-zero status and returns it. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
final class ForEach {
    static final FunctionDescriptor CALLBACK = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);
    static final FunctionDescriptor FOR_EACH = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
    static final MemorySegment ADDRESS = SymbolLookup.libraryLookup(
            Path.of(System.getProperty("customs.build.dir"), "lib", "libcustoms.so"), Arena.global())
            .findOrThrow("customs_for_each");
    /** The jextract shape: the address is the handle's first argument. */
    static final MethodHandle FOR_EACH_AT = Linker.nativeLinker().downcallHandle(FOR_EACH);

    private ForEach() {
    }

    static MemorySegment stub(Class<?> owner, String name, Arena arena) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findStatic(owner, name,
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class));
        return Linker.nativeLinker().upcallStub(target, CALLBACK, arena);
    }

    static int run(Arena arena, int count, MemorySegment callback) throws Throwable {
        return (int) FOR_EACH_AT.invokeExact(ADDRESS, arena.allocate(ValueLayout.JAVA_INT, count), (long) count,
                callback, MemorySegment.NULL);
    }
}
