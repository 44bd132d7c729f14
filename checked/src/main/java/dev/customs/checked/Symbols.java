package dev.customs.checked;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The name of a native function, from its address ({@code dladdr}), for messages; and the thread's native id. */
final class Symbols {
    private static final MethodHandle DLADDR = find("dladdr",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle GETTID = find("gettid", FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private Symbols() {
    }

    private static MethodHandle find(String name, FunctionDescriptor fd) {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(name).map(a -> linker.downcallHandle(a, fd)).orElse(null);
        } catch (Throwable unavailable) {
            return null;
        }
    }

    /** {@code name} from {@code dladdr}, else {@code function at 0x...}. */
    static String nameOf(MemorySegment function) {
        String fallback = "function at 0x" + Long.toHexString(function.address());
        if (DLADDR == null) {
            return fallback;
        }
        try (Arena arena = Arena.ofConfined()) {
            // Dl_info: dli_fname, dli_fbase, dli_sname, dli_saddr
            MemorySegment info = arena.allocate(ValueLayout.ADDRESS, 4);
            int ok = (int) DLADDR.invokeExact(MemorySegment.ofAddress(function.address()), info);
            if (ok == 0) {
                return fallback;
            }
            MemorySegment name = info.getAtIndex(ValueLayout.ADDRESS, 2);
            MemorySegment saddr = info.getAtIndex(ValueLayout.ADDRESS, 3);
            if (name.equals(MemorySegment.NULL) || saddr.address() != function.address()) {
                return fallback;
            }
            return name.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return fallback;
        }
    }

    /** The kernel's id of the current thread, or -1 if it cannot be had. */
    static long nativeThreadId() {
        if (GETTID == null) {
            return -1;
        }
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            return -1;
        }
    }
}
