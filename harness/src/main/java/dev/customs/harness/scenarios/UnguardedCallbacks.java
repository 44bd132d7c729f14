package dev.customs.harness.scenarios;

import static dev.customs.harness.Report.ffmOrJna;

import dev.customs.callbacks.specimen.hazards.Hazard;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.util.concurrent.atomic.AtomicInteger;

/** A throwing callback without a guard, in a child JVM: FFM ends the JVM, JNA loses the error. Then guarded. */
public final class UnguardedCallbacks extends Scenario {
    public UnguardedCallbacks() {
        super("unguarded", "a throwing callback without a guard (child JVM): fatal on FFM, silently lost on JNA");
    }

    @Override
    public void run(Report r) {
        r.say("Each unguarded row runs in a child JVM, through the raw binding: 5 calls back, the second one throws.");
        r.say("The row shows the child's exit code, the telling line of its output, and what it printed if it lived.");
        r.columns();
        r.rowByBackend("throws on the caller, no guard", ffmOrJna(
                "exit 1; Unrecoverable uncaught exception encountered. The VM will now exit",
                "exit 0; threw the following exception; result: C returned 0 after 5 calls"),
                c -> Hazard.outcome(Hazard.UNGUARDED_ON_CALLER.run(c.backend())));
        r.rowByBackend("throws on a native thread, no guard", ffmOrJna(
                "exit 1; Unrecoverable uncaught exception encountered. The VM will now exit",
                "exit 0; threw the following exception; result: C returned 0 after 5 calls"),
                c -> Hazard.outcome(Hazard.UNGUARDED_ON_NATIVE_THREAD.run(c.backend())));
        r.row("the same, guarded (this JVM)", "IllegalStateException after 2 calls; C stopped", c -> {
            AtomicInteger calls = new AtomicInteger();
            try {
                c.runThreads(1, 5, (t, i) -> {
                    if (calls.getAndIncrement() == 1) {
                        throw new IllegalStateException("guarded callback failed on call 1");
                    }
                    return 0;
                });
                return "nothing thrown after " + calls + " calls";
            } catch (IllegalStateException e) {
                return "IllegalStateException after " + calls + " calls; C stopped";
            }
        });
        r.lesson("on FFM an exception escaping an upcall ends the JVM (no catch around the call runs, no thread"
                + " handler is asked); on JNA it is logged and C carries on as if the callback had succeeded. Neither"
                + " is acceptable: guard every callback (UpcallGuard), which is what every Customs call does.");
    }
}
