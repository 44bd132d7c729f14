package dev.customs.stress;

import dev.customs.api.CustomsGuards;
import dev.customs.api.Customs;
import dev.customs.api.ThreadCallback;
import dev.customs.callbacks.UpcallGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * Items 1 and 2: native threads call back through the guard, and the calls are counted on both sides. C counts the
 * calls it made and the failure statuses it received ({@code customs_stress_threads}); Java records every call it
 * received in a {@link CallLedger}. With a {@link FaultPlan}, some upcalls throw: each throwable must come back to the
 * caller (the first rethrown, the rest suppressed under it), and C must have received the guard's status for each.
 */
public final class UpcallStress {
    private UpcallStress() {}

    /**
     * What one run counted.
     *
     * @param javaCalls upcalls Java received (duplicates and strays included)
     * @param c         what C counted
     * @param planned   upcalls the fault plan makes throw
     * @param thrown    throwables the upcalls actually threw
     * @param delivered throwables that came back to the caller: the rethrown one plus those suppressed under it
     * @param accounted of those, distinct injected faults of planned calls; the rest are strays (a throwable no plan
     *                  explains, or the same call twice)
     */
    public record Result(String backend, int threads, int callsPerThread, double faultRate, long javaCalls, Tally c,
                         long lost, long duplicated, long outOfOrder, long outsideTheRun, long planned, long thrown,
                         long delivered, long accounted, long wallNanos) {
        public long expectedCalls() {
            return (long) threads * callsPerThread;
        }

        public List<Figure> figures() {
            List<Figure> f = new ArrayList<>();
            f.add(Figure.info("threads × upcalls", threads + " × " + Figure.count(callsPerThread)));
            f.add(Figure.equal("upcalls counted in Java", javaCalls, expectedCalls()));
            f.add(Figure.equal("upcalls counted in C", c.calls(), javaCalls));
            f.add(Figure.zero("lost", lost));
            f.add(Figure.zero("duplicated", duplicated));
            f.add(Figure.zero("out of their thread's order", outOfOrder + outsideTheRun));
            f.add(Figure.equal("native threads started (C)", c.threads(), threads));
            if (faultRate > 0) {
                f.add(Figure.info("fault rate", String.format(Locale.ROOT, "%.2f%%", faultRate * 100)));
                f.add(Figure.equal("faults thrown", thrown, planned));
                f.add(Figure.equal("faults accounted (1 + suppressed)", accounted, thrown));
                f.add(Figure.zero("throwables back that no fault explains", delivered - accounted));
                f.add(new Figure("C received CALLBACK_THREW", Figure.count(c.failures()) + " times",
                        "= " + Figure.count(thrown), c.sawOnly(Customs.CALLBACK_THREW, thrown)));
            } else {
                f.add(Figure.zero("failure statuses C received", c.failures()));
            }
            f.add(Figure.info("wall time", Figure.seconds(wallNanos)));
            return f;
        }
    }

    /**
     * Runs {@code threads × callsPerThread} guarded upcalls on {@code customs}, throwing where {@code faults} says.
     *
     * @param timeout how long the caller waits for the native call to return before reporting it as hung
     */
    public static Result run(Customs customs, int threads, int callsPerThread, FaultPlan faults, Duration timeout) {
        CallLedger ledger = new CallLedger(threads, callsPerThread);
        LongAdder thrown = new LongAdder();
        ThreadCallback body = (t, c) -> {
            ledger.record(t, c);
            if (faults.throwsAt(t, c)) {
                thrown.increment();
                throw new InjectedFault(t, c);
            }
            return 0;
        };
        UpcallGuard guard = CustomsGuards.guard();
        ThreadCallback guarded = CustomsGuards.threads(guard, body);
        long planned = faults.planned(threads, callsPerThread);

        long start = System.nanoTime();
        Tally tally = Workers.run("upcalls-" + customs.backend(),
                List.<Callable<Tally>>of(() -> StressThreads.run(customs, threads, callsPerThread, guarded)), timeout)
                .getFirst();
        long wall = System.nanoTime() - start;

        long delivered = 0;
        long accounted = 0;
        Throwable failure = guard.takeFailure();
        if (failure != null) {
            List<Throwable> all = new ArrayList<>(List.of(failure.getSuppressed()));
            all.addFirst(failure);
            delivered = all.size();
            Set<Long> calls = new HashSet<>();
            for (Throwable t : all) {
                if (t instanceof InjectedFault f && faults.throwsAt(f.thread(), f.call())
                        && calls.add((long) f.thread() * callsPerThread + f.call())) {
                    accounted++;
                }
            }
        }
        return new Result(customs.backend(), threads, callsPerThread, faults.rate(), ledger.recorded(), tally,
                ledger.lost(), ledger.duplicated(), ledger.outOfOrder(), ledger.outsideTheRun(), planned, thrown.sum(),
                delivered, accounted, wall);
    }
}
