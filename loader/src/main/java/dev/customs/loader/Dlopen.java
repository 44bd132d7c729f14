package dev.customs.loader;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** {@code dlopen}/{@code dlerror}/{@code dlclose} from the C library, linked once, on the first failure to explain. */
final class Dlopen {
    private static final int RTLD_NOW = 2;

    private Dlopen() {}

    /** Linked lazily: a library that loads at once never pays for these handles. */
    private static final class Handles {
        static final MethodHandle DLOPEN;
        static final MethodHandle DLERROR;
        static final MethodHandle DLCLOSE;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            var open = libc.find("dlopen");
            var error = libc.find("dlerror");
            var close = libc.find("dlclose");
            boolean present = open.isPresent() && error.isPresent() && close.isPresent();
            DLOPEN = present ? linker.downcallHandle(open.get(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)) : null;
            DLERROR = present ? linker.downcallHandle(error.get(), FunctionDescriptor.of(ValueLayout.ADDRESS
                    .withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE)))) : null;
            DLCLOSE = present ? linker.downcallHandle(close.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS)) : null;
        }
    }

    /** The dynamic loader's reason {@code name} does not open, or {@code fallback} with why it could not be asked. */
    static String reason(String name, String fallback) {
        if (Handles.DLOPEN == null) {
            return fallback + " (dlerror unavailable on this platform)";
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) Handles.DLOPEN.invokeExact(arena.allocateFrom(name), RTLD_NOW);
            if (!MemorySegment.NULL.equals(handle)) {
                int ignored = (int) Handles.DLCLOSE.invokeExact(handle);
                return fallback + " (dlopen succeeded when retried)";
            }
            MemorySegment message = (MemorySegment) Handles.DLERROR.invokeExact();
            return MemorySegment.NULL.equals(message) ? fallback : "dlopen: " + message.getString(0);
        } catch (Throwable t) {
            return fallback + " (dlerror could not be read: " + t + ")";
        }
    }
}
