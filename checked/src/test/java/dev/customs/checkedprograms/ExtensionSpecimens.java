package dev.customs.checkedprograms;

import dev.customs.checked.junit.CheckedModeExtension;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Run by {@link ExtensionRunner} (not by surefire): one test that hides a hazard, one clean test. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
@ExtendWith(CheckedModeExtension.class)
public class ExtensionSpecimens {
    static int refuse(MemorySegment a, MemorySegment b) {
        throw new IllegalStateException("comparator refused in a test");
    }

    @Test
    void swallowsAnUpcallFailure() throws Throwable {
        MethodHandle qsort = Libc.qsort();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
            try {
                qsort.invokeExact(array, 2L, 4L, Libc.comparator(ExtensionSpecimens.class, "refuse", arena));
            } catch (IllegalStateException swallowed) {
                // a test that hides the failure: the extension still fails it
            }
        }
    }

    @Test
    void clean() throws Throwable {
        MethodHandle qsort = Libc.qsort();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
            qsort.invokeExact(array, 2L, 4L, Libc.comparator(Libc.class, "compareInts", arena));
        }
    }
}
