package dev.customs.stress;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.JnaCustoms;
import dev.customs.api.ThreadCallback;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_tally;
import dev.customs.bindings.ffm.customs_thread_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.Objects;

/**
 * {@code customs_stress_threads} on either backend: {@code threads} native threads each call {@code callback}
 * {@code callsPerThread} times, never stopping early, and C counts what it made and saw. The callback must already be
 * guarded: a throwable that escapes it ends the JVM on FFM.
 *
 * <p>The upcall lives exactly as long as the call: an FFM stub in a shared arena closed when the call returns (every
 * native thread has been joined by then), or a JNA callback held strongly until then. On JNA each native thread is
 * kept attached across its calls ({@code CallbackThreadInitializer} with {@code detach = false}) and detached when it
 * exits, as FFM does: JNA's default, a fresh {@code java.lang.Thread} for every callback, would measure thread
 * creation rather than the boundary.
 */
public final class StressThreads {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    /** The name JNA gives the native threads of a stress run. */
    public static final String JNA_THREAD_NAME = "customs-stress";

    private StressThreads() {}

    /**
     * Runs the load and returns C's count.
     *
     * @throws dev.customs.api.StatusException when C refuses the arguments or could not start every thread
     */
    public static Tally run(Customs customs, int threads, int callsPerThread, ThreadCallback callback) {
        Objects.requireNonNull(customs, "customs");
        Objects.requireNonNull(callback, "callback");
        return switch (customs) {
            case FfmCustoms ffm -> ffm(ffm, threads, callsPerThread, callback);
            case JnaCustoms jna -> jna(jna, threads, callsPerThread, callback);
            default -> throw new IllegalArgumentException("no stress binding for backend '" + customs.backend() + "'");
        };
    }

    // Raw on purpose, as documented above: the caller guards the callback (UpcallStress passes a guarded one).
    @SuppressWarnings("FfmUnguardedUpcall")
    private static Tally ffm(Customs customs, int threads, int callsPerThread, ThreadCallback callback) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment stub = customs_thread_cb.allocate((user, t, c) -> callback.onCall(t, c), arena);
            MemorySegment out = customs_tally.allocate(arena);
            int status = customs_h.customs_stress_threads(threads, callsPerThread, stub, MemorySegment.NULL, out);
            customs.check("customs_stress_threads", status, threads + " threads");
            return new Tally(customs_tally.calls(out), customs_tally.failures(out), customs_tally.failure_sum(out),
                    customs_tally.threads(out));
        }
    }

    private static Tally jna(JnaCustoms customs, int threads, int callsPerThread, ThreadCallback callback) {
        dev.customs.bindings.jna.customs_thread_cb cb = (user, t, c) -> callback.onCall(t, c);
        Native.setCallbackThreadInitializer(cb, new CallbackThreadInitializer(true, false, JNA_THREAD_NAME));
        dev.customs.bindings.jna.customs_tally out = new dev.customs.bindings.jna.customs_tally();
        try {
            int status = customs.raw().customs_stress_threads(threads, callsPerThread, cb, null, out);
            customs.check("customs_stress_threads", status, threads + " threads");
            return new Tally(out.calls, out.failures, out.failure_sum, out.threads);
        } finally {
            Reference.reachabilityFence(cb);
        }
    }
}
