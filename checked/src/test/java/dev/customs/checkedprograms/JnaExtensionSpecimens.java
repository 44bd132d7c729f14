package dev.customs.checkedprograms;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.customs.checked.junit.CheckedModeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Run by {@link ExtensionRunner}: a JNA callback throws; JNA alone would log it and let the test pass. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
@ExtendWith(CheckedModeExtension.class)
public class JnaExtensionSpecimens {
    @Test
    void jnaCallbackThrows() {
        JnaThrowingCallback.CLib libc = Native.load("c", JnaThrowingCallback.CLib.class);
        Memory array = new Memory(8);
        array.write(0, new int[]{2, 1}, 0, 2);
        libc.qsort(array, 2, 4, (a, b) -> {
            throw new IllegalStateException("JNA comparator refused in a test");
        });
    }
}
