package dev.customs.harness.scenarios;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.OtherThread;
import dev.customs.lifetime.specimen.JnaMemoryClosedDuringCall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Issue item 4: another thread closes the memory a downcall is using. */
public final class CloseDuringCall extends Scenario {
    public CloseDuringCall() {
        super("close-during-call", "closing a shared arena while a downcall uses it fails; the call completes intact");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("customs_for_each iterates over [10, 11, 12, 13] held in a shared arena (JNA: a 64 MiB Memory). While C");
        r.say("is at item 1, the callback has another thread close that memory and waits for it (10 s at most).");
        r.columns();
        List<Integer> seen = new ArrayList<>();
        int[] status = {-99};
        Arena shared = Arena.ofShared();
        String attempt = iterateWhileClosing(shared, seen, status);
        r.sideBySide("close() from another thread, mid-call", "IllegalStateException: Session is acquired by 1 clients",
                () -> attempt,
                "JVM killed (exit 1): SIGSEGV in customs_for_each",
                jna -> Evidence.death(JnaMemoryClosedDuringCall.class, "SIGSEGV", "customs_for_each", jna.backend()));
        r.check("ffm: the call went on with every item intact", "[10, 11, 12, 13], status 0",
                seen + ", status " + status[0]);
        shared.close();
        r.check("ffm: close() once the call has returned", false, shared.scope().isAlive());
        r.lesson("a downcall holds the arenas of its arguments until it returns, so FFM refuses to free memory under"
                + " C. JNA's Memory.close() frees at once, whatever C is doing: own JNA memory through something that"
                + " counts its native users (Customs' NativeBuffer refuses close() while one is in flight).");
    }

    /** Runs customs_for_each over items in {@code arena}; at item 1 another thread tries to close it. */
    // The raw upcall of the demo: close() throws only RuntimeExceptions, caught; any other throwable is a bug that
    // ends the demo's JVM, which is acceptable here.
    @SuppressWarnings("FfmUnguardedUpcall")
    static String iterateWhileClosing(Arena arena, List<Integer> seen, int[] status) {
        MemorySegment items = arena.allocate(JAVA_INT, 4);
        MemorySegment.copy(new int[] {10, 11, 12, 13}, 0, items, JAVA_INT, 0, 4);
        String[] attempt = {"no close attempted"};
        try (Arena stubs = Arena.ofConfined()) {
            MemorySegment cb = customs_item_cb.allocate((user, index, item) -> {
                if (index == 1) {
                    try {
                        OtherThread.run(arena::close);
                        attempt[0] = "closed";
                    } catch (RuntimeException e) {
                        attempt[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                }
                seen.add(item);
                return 0;
            }, stubs);
            status[0] = customs_h.customs_for_each(items, 4, cb, MemorySegment.NULL);
        }
        return attempt[0];
    }
}
