package dev.customs.harness.scenarios;

import dev.customs.api.AsyncJob;
import dev.customs.callbacks.specimen.EventListener;
import dev.customs.callbacks.specimen.hazards.Hazard;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.time.Duration;

/** Freeing an upcall while C still holds it (child JVM), then the safe pattern: one owner, released in order. */
public final class UpcallLifetime extends Scenario {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String WRONG_RESULT = "result: C received 0 (the callback returns 42)";

    public UpcallLifetime() {
        super("lifetime", "an upcall freed while C holds it (child JVM); one owner that releases in order");
    }

    @Override
    public void run(Report r) {
        r.say("The unsafe row runs in a child JVM: an async job is started, then its upcall is released before it");
        r.say("fires (FFM closes the stub's arena; JNA lets the callback be collected). The other rows are the owners.");
        r.columns();
        r.rowByBackend("upcall released before C calls it", backend -> switch (backend) {
            case "ffm" -> "exit 1; crash file; SIGSEGV";
            // Direct mapping dispatches through a weak reference and says so; the interface proxy just returns 0.
            case "jna" -> "exit 0; JNA: callback object has been garbage collected; " + WRONG_RESULT;
            default -> "exit 0; " + WRONG_RESULT;
        }, c -> Hazard.outcome(Hazard.UPCALL_FREED_EARLY.run(c.backend())));
        r.row("AsyncJob owns it until joined", "42, released true", c -> {
            try (AsyncJob job = c.startAsync(21, 50, value -> value * 2)) {
                return job.join(WAIT) + ", released " + job.released();
            }
        });
        r.row("listener: 3 posts, then close", "10 20 30, open false, live 0", c -> {
            EventListener listener = EventListener.register(c, event -> event * 10);
            String statuses = listener.post(1, WAIT) + " " + listener.post(2, WAIT) + " " + listener.post(3, WAIT);
            listener.close();
            return statuses + ", open " + listener.isOpen() + ", live " + c.liveAllocations();
        });
        r.row("close from inside the callback", "IllegalStateException: the callback registration is in use by 1"
                + " native call(s) in flight: close it once they have returned", c -> {
                    EventListener[] self = new EventListener[1];
                    try (EventListener listener = EventListener.register(c, event -> {
                        self[0].close();
                        return event;
                    })) {
                        self[0] = listener;
                        return listener.post(1, WAIT);
                    }
                });
        r.row("post after close", "IllegalStateException: the callback registration is closed", c -> {
            EventListener listener = EventListener.register(c, event -> event);
            listener.close();
            return listener.post(1, WAIT);
        });
        r.lesson("whatever C keeps (an async job, a registered listener) needs one owner for the callback, its stub"
                + " and the registration: unregister first, free the upcall after, and refuse both while a call is in"
                + " flight. CallbackRegistration is that owner; AsyncJob does the same for async jobs.");
    }
}
