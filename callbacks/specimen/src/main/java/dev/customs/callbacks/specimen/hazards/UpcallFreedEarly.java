package dev.customs.callbacks.specimen.hazards;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_async_cb;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.WeakReference;

/**
 * Child JVM only: the upcall is released while C still holds it. An async job (customs_async_start) is started with a
 * delay; before it fires, FFM closes the stub's arena, and JNA lets the callback object be garbage collected. Argument:
 * the backend.
 *
 * <p>FFM: the native thread calls freed code and the JVM dies of SIGSEGV (exit code 1, a crash file, "Current thread
 * is native thread"); the callback never runs. JNA: the JVM survives and C gets 0 instead of the callback's 42, a wrong
 * result. Direct mapping at least prints "JNA: callback object has been garbage collected"; the interface mapping's
 * proxy returns 0 without a word.
 */
public final class UpcallFreedEarly {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    /** Long enough for the JNA side to see its callback collected before the job fires. */
    static final int DELAY_MILLIS = 1500;
    /** customs_async_join is bounded: long enough for the delay, the callback and the crash it shows. */
    static final int JOIN_TIMEOUT_MILLIS = DELAY_MILLIS + 10_000;
    static final int VALUE = 21;

    private UpcallFreedEarly() {}

    public static void main(String[] args) throws InterruptedException {
        Customs customs = Customs.open(args[0]);
        int result = switch (customs) {
            case FfmCustoms ffm -> ffm();
            case JnaCustoms jna -> jna(jna.raw());
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("result: C received " + result + " (the callback returns " + 2 * VALUE + ")");
    }

    private static int ffm() {
        Arena stubArena = Arena.ofShared();
        MemorySegment stub = customs_async_cb.allocate((user, value) -> {
            System.out.println("callback ran");
            return value * 2;
        }, stubArena);
        MemorySegment jobOut = Arena.global().allocate(ValueLayout.ADDRESS);
        customs_h.customs_async_start(stub, MemorySegment.NULL, VALUE, DELAY_MILLIS, jobOut);
        stubArena.close();
        System.out.println("stub arena closed while C still holds the stub");
        MemorySegment result = Arena.global().allocate(ValueLayout.JAVA_INT);
        customs_h.customs_async_join(jobOut.get(ValueLayout.ADDRESS, 0), result, JOIN_TIMEOUT_MILLIS);
        return result.get(ValueLayout.JAVA_INT, 0);
    }

    private static int jna(CustomsLibrary lib) throws InterruptedException {
        int factor = 2; // captured, so the callback is a new object that nothing else holds
        dev.customs.bindings.jna.customs_async_cb callback = (user, value) -> {
            System.out.println("callback ran");
            return value * factor;
        };
        PointerByReference job = new PointerByReference();
        lib.customs_async_start(callback, null, VALUE, DELAY_MILLIS, job);
        WeakReference<Object> collected = new WeakReference<>(callback);
        callback = null;
        long deadline = System.nanoTime() + DELAY_MILLIS * 1_000_000L / 2;
        while (collected.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        System.out.println(collected.get() == null ? "callback collected while C still holds it"
                : "callback NOT collected before the job fired");
        IntByReference result = new IntByReference();
        lib.customs_async_join(job.getValue(), result, JOIN_TIMEOUT_MILLIS);
        return result.getValue();
    }
}
