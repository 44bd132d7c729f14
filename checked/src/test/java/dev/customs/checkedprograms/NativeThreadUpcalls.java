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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * libcustoms' customs_run_threads: {@code threads} pthreads created in C each upcall {@code calls} times; the second
 * upcall of each thread throws. No Java thread is inside a downcall on those threads: the agent reports each at once.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class NativeThreadUpcalls {
    static final AtomicInteger CALLS = new AtomicInteger();

    static int call(MemorySegment user, int thread, int call) {
        CALLS.incrementAndGet();
        if (call == 1) {
            throw new IllegalStateException("native thread " + thread + " refused call " + call);
        }
        return 0;
    }

    public static void main(String[] args) throws Throwable {
        int threads = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        Path library = Path.of(System.getProperty("customs.build.dir"), "lib", "libcustoms.so");
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofShared()) {
            SymbolLookup customs = SymbolLookup.libraryLookup(library, arena);
            MethodHandle run = linker.downcallHandle(customs.findOrThrow("customs_run_threads"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MethodHandle target = MethodHandles.lookup().findStatic(NativeThreadUpcalls.class, "call",
                    MethodType.methodType(int.class, MemorySegment.class, int.class, int.class));
            MemorySegment cb = linker.upcallStub(target, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), arena);
            int status = (int) run.invokeExact(threads, calls, cb, MemorySegment.NULL);
            System.out.println("status " + status + " upcalls " + CALLS.get());
        }
        System.out.println("completed");
    }
}
