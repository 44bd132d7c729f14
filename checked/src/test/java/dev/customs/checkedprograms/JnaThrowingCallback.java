package dev.customs.checkedprograms;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.customs.checked.CheckedMode;
import dev.customs.checked.Hazard;

/** libc's qsort through JNA with a callback that throws: JNA logs it and C gets zero; the agent records it. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class JnaThrowingCallback {
    public interface CLib extends Library {
        void qsort(Pointer base, long count, long size, Comparator comparator);
    }

    public interface Comparator extends Callback {
        int invoke(Pointer a, Pointer b);
    }

    public static void main(String[] args) {
        CLib libc = Native.load("c", CLib.class);
        Memory array = new Memory(12);
        array.write(0, new int[]{3, 1, 2}, 0, 3);
        libc.qsort(array, 3, 4, (a, b) -> {
            throw new IllegalStateException("JNA comparator refused");
        });
        System.out.println("jna hazards " + CheckedMode.hazardCount(Hazard.JNA_CALLBACK_THREW));
        System.out.println("completed");
    }
}
