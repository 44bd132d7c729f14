package dev.customs.harness.scenarios;

import dev.customs.api.CustomsGuards;
import dev.customs.api.Customs;
import dev.customs.api.ErrnoException;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.callbacks.ExceptionStatus;
import dev.customs.callbacks.specimen.RawCallbacks;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The guard: a throwing callback becomes a C status, and the throwable comes back on the Java caller. */
public final class ExceptionsToStatus extends Scenario {
    private static final int[] FIVE = {10, 20, 30, 40, 50};

    public ExceptionsToStatus() {
        super("guard", "a throwing callback: C gets an error code and stops, Java gets the throwable back");
    }

    @Override
    public void run(Report r) {
        r.say("Every callback Customs hands to C runs inside an UpcallGuard. The first rows call customs_for_each");
        r.say("through the raw binding to show C's own return value; the rest go through the Customs API.");
        r.columns();
        r.row("C's status when item 30 throws", Customs.CALLBACK_THREW + " after 3 calls", c -> {
            AtomicInteger calls = new AtomicInteger();
            UpcallGuard guard = CustomsGuards.guard();
            int status = RawCallbacks.forEach(c, FIVE, CustomsGuards.items(guard, (i, v) -> {
                calls.incrementAndGet();
                if (v == 30) {
                    throw new IllegalStateException("item 30 rejected");
                }
                return 0;
            }));
            return status + " after " + calls + " calls";
        });
        r.row("...and on the Java caller", "IllegalStateException: item 30 rejected", c -> c.forEach(FIVE, (i, v) -> {
            if (v == 30) {
                throw new IllegalStateException("item 30 rejected");
            }
            return 0;
        }));
        r.row("8 native threads fail at once", "RuntimeException first, 7 suppressed", c -> {
            CountDownLatch all = new CountDownLatch(8);
            try {
                c.runThreads(8, 10, (t, i) -> {
                    arriveAndAwait(all);
                    throw new RuntimeException("thread " + t);
                });
                return "nothing thrown";
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName() + " first, " + e.getSuppressed().length + " suppressed";
            }
        });
        r.row("an Error and an exception at once", "OutOfMemoryError first, IllegalArgumentException suppressed",
                c -> {
                    CountDownLatch both = new CountDownLatch(2);
                    try {
                        c.runThreads(2, 1, (t, i) -> {
                            arriveAndAwait(both);
                            if (t == 0) {
                                throw new IllegalArgumentException("ordinary");
                            }
                            throw new OutOfMemoryError("simulated");
                        });
                        return "nothing thrown";
                    } catch (OutOfMemoryError e) {
                        return "OutOfMemoryError first, " + Arrays.stream(e.getSuppressed())
                                .map(s -> s.getClass().getSimpleName()).toList().getFirst() + " suppressed";
                    }
                });
        r.row("StackOverflowError in an upcall", "StackOverflowError: null", c -> c.runThreads(1, 1, (t, i) -> deep(i)));
        r.row("OutOfMemoryError in an upcall", "OutOfMemoryError: simulated", c -> c.forEach(FIVE, (i, v) -> {
            throw new OutOfMemoryError("simulated");
        }));
        r.say("Java -> C: CustomsGuards.STATUSES gives C a status per exception type; Customs.check turns it back.");
        for (Throwable t : new Throwable[] {new NullPointerException("no item"),
                new IndexOutOfBoundsException("index 9"), new IllegalArgumentException("bad item"),
                new IllegalStateException("closed"), new OutOfMemoryError("simulated"),
                new TimeoutException("too slow")}) {
            Status status = Status.fromCode(CustomsGuards.STATUSES.statusOf(t));
            r.rowContaining(t.getClass().getSimpleName() + " -> C -> Java", "StatusException: customs_for_each: "
                    + status.cName() + " (" + status.code() + ")", c -> c.check("customs_for_each",
                    throughC(c, t), null));
        }
        r.row("C status -> Java -> C, all " + (Status.values().length - 1), "each came back as itself", c -> {
            for (Status s : Status.values()) {
                if (s != Status.OK) {
                    try {
                        c.check("customs_parse_record", s.code(), null);
                    } catch (StatusException up) {
                        if (throughC(c, up) != s.code()) {
                            return s.cName() + " came back as " + throughC(c, up);
                        }
                    }
                }
            }
            return "each came back as itself";
        });
        r.row("ErrnoException -> C -> Java", Customs.CALLBACK_THREW + ", then ErrnoException ENOENT", c -> {
            UpcallGuard guard = CustomsGuards.STATUSES.guard();
            int status = RawCallbacks.forEach(c, FIVE, CustomsGuards.items(guard, (i, v) -> (int) c.fileSize("/no/such/file")));
            return status + ", then " + (guard.takeFailure() instanceof ErrnoException e
                    ? "ErrnoException " + e.errnoName() : "something else");
        });
        r.lesson("no throwable may unwind into C. Catch it at the upcall's entry, hand C the status its contract"
                + " understands, keep the throwable, and rethrow it on the Java thread that made the call; Errors too,"
                + " and an Error is never hidden under an Exception.");
    }

    /** The status C returned when a callback guarded by {@link ExceptionStatus#CUSTOMS} threw {@code t}. */
    private static int throughC(Customs c, Throwable t) {
        UpcallGuard guard = CustomsGuards.STATUSES.guard();
        int status = RawCallbacks.forEach(c, FIVE, CustomsGuards.items(guard, (i, v) -> {
            throw sneaky(t);
        }));
        guard.takeFailure();
        return status;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** Makes the native threads fail together: each waits, at most 10 s, until all have called. */
    private static void arriveAndAwait(CountDownLatch latch) {
        latch.countDown();
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every native thread called within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int deep(int n) {
        return deep(n + 1) + 1;
    }
}
