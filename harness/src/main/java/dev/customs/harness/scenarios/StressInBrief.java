package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.stress.ConcurrentClose;
import dev.customs.stress.FaultPlan;
import dev.customs.stress.UpcallStress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Issue 7 in brief: what {@code ./customs stress} checks, at a size that takes a second. */
public final class StressInBrief extends Scenario {
    private static final int THREADS = 16;
    private static final int CALLS = 2_000;
    private static final long SEED = 7;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public StressInBrief() {
        super("stress", "upcalls under load, some throwing, counted in Java and in C; memory closed under 50 users");
    }

    @Override
    public void run(Report r) {
        FaultPlan faults = new FaultPlan(SEED, 0.01);
        long planned = faults.planned(THREADS, CALLS);
        r.say(THREADS + " native threads each call back " + CALLS + " times through the guard"
                + " (customs_stress_threads), and 1% of the calls,");
        r.say("chosen from seed " + SEED + ", throw. Java records each call it receives; C counts the calls it made"
                + " and the error statuses");
        r.say("it got back. Then 50 threads use 4 shared regions while 2 others close them. ./customs stress is the"
                + " full run.");
        r.columns();
        Map<String, UpcallStress.Result> upcalls = new HashMap<>();
        Map<String, ConcurrentClose.Result> closes = new HashMap<>();
        Function<Customs, UpcallStress.Result> u = c -> upcalls.computeIfAbsent(c.backend(),
                b -> UpcallStress.run(c, THREADS, CALLS, faults, TIMEOUT));
        Function<Customs, ConcurrentClose.Result> x = c -> closes.computeIfAbsent(c.backend(),
                b -> ConcurrentClose.run(c, 50, 2, 4, Duration.ZERO, TIMEOUT, SEED));
        long calls = (long) THREADS * CALLS;
        r.row("upcalls counted in Java / in C", calls + " / " + calls, c -> u.apply(c).javaCalls() + " / "
                + u.apply(c).c().calls());
        r.row("lost, duplicated, out of order", "0, 0, 0", c -> u.apply(c).lost() + ", " + u.apply(c).duplicated()
                + ", " + (u.apply(c).outOfOrder() + u.apply(c).outsideTheRun()));
        r.row("faults thrown", planned, c -> u.apply(c).thrown());
        r.row("faults rethrown + suppressed", planned, c -> u.apply(c).accounted());
        r.row("C got CALLBACK_THREW, times", planned, c -> u.apply(c).c().sawOnly(Customs.CALLBACK_THREW,
                u.apply(c).thrown()) ? u.apply(c).c().failures() : "other statuses: " + u.apply(c).c());
        r.row("close: ISEs per user and region", "1 to 1", c -> x.apply(c).minClosedSeen() + " to "
                + x.apply(c).maxClosedSeen());
        r.row("close: wrong, after close, other", "0, 0, 0", c -> x.apply(c).wrongResults() + ", "
                + x.apply(c).successesAfterClose() + ", " + x.apply(c).otherExceptions());
        r.lesson("a call lost or run twice at the boundary shows only when both sides count, per thread and per call."
                + " The guard turns every throw into C's error status and hands every throwable back, none lost; a"
                + " checked lifetime makes a close under 50 users fail once for each of them, and never wrongly.");
    }
}
