package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.AsyncJob;
import dev.customs.api.Customs;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Target 5, callbacks: the fuzzer decides, upcall by upcall, whether each one succeeds, returns a status to C, returns
 * a negative status (libcustoms' own errors, which the API refuses with an {@code IllegalArgumentException} that the
 * guard treats like any other throwable), or throws (a {@code RuntimeException}, an {@code Error} or a checked
 * exception), on one Java thread
 * ({@code forEach}), on up to eight native threads ({@code runThreads}) or on a native thread after the call returned
 * ({@code startAsync}). The guard's contract ({@code dev.customs.api.UpcallFailures}) must hold for every input: C
 * stops where its contract says; the first throwable is rethrown on the calling thread (a checked one wrapped in
 * {@code UndeclaredThrowableException}) with every later one suppressed under it, none lost and none twice; without a
 * throwable, C's status comes back; and the library's allocations end at zero.
 */
public final class CallbackTarget {
    private static final int MAX_ITEMS = 16;
    private static final int MAX_THREADS = 8;
    private static final int MAX_CALLS = 8;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    /** What one upcall does; the fuzzer picks one per call, succeeding more often than not. */
    private record Plan(int kind, int status) {
        static final int SUCCEED = 0;
        static final int RETURN = 1;
        static final int THROW_RUNTIME = 2;
        static final int THROW_ERROR = 3;
        static final int THROW_CHECKED = 4;
        static final int RETURN_NEGATIVE = 5;

        static Plan choose(FuzzedDataProvider data) {
            int roll = data.consumeInt(0, 10);
            int kind = roll < 6 ? SUCCEED : roll - 5;
            int status = switch (kind) {
                case RETURN -> data.consumeInt(1, Integer.MAX_VALUE);
                case RETURN_NEGATIVE -> data.consumeInt(Integer.MIN_VALUE, -1);
                default -> 0;
            };
            return new Plan(kind, status);
        }

        /** For a callback that returns a value, not a status: there a negative number is an ordinary result. */
        Plan asValue() {
            return kind == RETURN_NEGATIVE ? new Plan(RETURN, status) : this;
        }

        boolean fails() {
            return kind != SUCCEED;
        }

        /**
         * Runs the plan: returns 0 or the status (a negative one recorded in {@code thrown.negatives}), or throws a new
         * throwable, recorded in {@code thrown.throwables}.
         */
        int run(String where, Failures thrown) {
            if (kind == RETURN_NEGATIVE) {
                thrown.negatives.add(status);
            }
            Throwable t = switch (kind) {
                case SUCCEED, RETURN, RETURN_NEGATIVE -> null;
                case THROW_RUNTIME -> new IllegalStateException("planned at " + where);
                case THROW_ERROR -> new AssertionError("planned at " + where);
                default -> new java.io.IOException("planned at " + where);
            };
            if (t == null) {
                return status;
            }
            thrown.throwables.add(t);
            throw CallbackTarget.<RuntimeException>sneaky(t);
        }
    }

    /**
     * What the upcalls of one call did wrong: the throwables they threw, and the negative statuses they returned (each
     * of which the API turns into an {@code IllegalArgumentException} inside the guard).
     */
    private record Failures(Queue<Throwable> throwables, Queue<Integer> negatives) {
        Failures() {
            this(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
        }

        boolean isEmpty() {
            return throwables.isEmpty() && negatives.isEmpty();
        }

        @Override
        public String toString() {
            return "thrown " + throwables + ", negative statuses returned " + negatives;
        }
    }

    private CallbackTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Customs customs = Inputs.backend(data);
        switch (data.consumeInt(0, 2)) {
            case 0 -> forEach(customs, data);
            case 1 -> runThreads(customs, data);
            default -> async(customs, data);
        }
        Expect.equal("library allocations after the callbacks", 0L, customs.liveAllocations());
    }

    private static void forEach(Customs customs, FuzzedDataProvider data) {
        int n = data.consumeInt(0, MAX_ITEMS);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plans.add(Plan.choose(data));
        }
        List<Long> visited = new ArrayList<>();
        Failures thrown = new Failures();
        int[] items = new int[n];
        Outcome outcome = Outcome.of(() -> customs.forEach(items, (index, item) -> {
            visited.add(index);
            return plans.get((int) index).run("item " + index, thrown);
        }));
        int stop = 0;
        while (stop < n && !plans.get(stop).fails()) {
            stop++;
        }
        int calls = Math.min(stop + 1, n);
        Expect.equal(customs.backend() + " forEach upcalls", java.util.stream.LongStream.range(0, calls).boxed().toList(),
                visited);
        outcome.expect(customs.backend() + " forEach", stop == n ? 0 : plans.get(stop).status(), thrown);
    }

    private static void runThreads(Customs customs, FuzzedDataProvider data) {
        int threads = data.consumeInt(1, MAX_THREADS);
        int calls = data.consumeInt(0, MAX_CALLS);
        Plan[][] plans = new Plan[threads][calls];
        for (Plan[] row : plans) {
            Arrays.setAll(row, c -> Plan.choose(data));
        }
        AtomicIntegerArray made = new AtomicIntegerArray(threads * calls);
        Failures thrown = new Failures();
        Queue<Integer> returned = new ConcurrentLinkedQueue<>();
        Outcome outcome = Outcome.of(() -> customs.runThreads(threads, calls, (t, c) -> {
            made.incrementAndGet(t * calls + c);
            int status = plans[t][c].run("thread " + t + " call " + c, thrown);
            if (status > 0) {
                returned.add(status);
            }
            return status;
        }));
        boolean anyFailed = !thrown.isEmpty() || !returned.isEmpty();
        for (int t = 0; t < threads; t++) {
            int prefix = 0;
            while (prefix < calls && made.get(t * calls + prefix) == 1) {
                prefix++;
            }
            for (int c = prefix; c < calls; c++) {
                Expect.equal("thread " + t + " call " + c + " (after the thread's first missing call)", 0,
                        made.get(t * calls + c));
            }
            int ownStop = 0;
            while (ownStop < calls && !plans[t][ownStop].fails()) {
                ownStop++;
            }
            String thread = "thread " + t + " of " + threads;
            Expect.that(prefix <= Math.min(ownStop + 1, calls), () -> thread + " went on past its own failing call");
            if (!anyFailed) {
                Expect.equal("calls of " + thread + " when nothing failed", calls, prefix);
            }
        }
        if (thrown.isEmpty() && !returned.isEmpty()) {
            Expect.that(outcome.status != null && returned.contains(outcome.status), () -> customs.backend()
                    + " runThreads returned " + outcome + ", not one of the statuses the upcalls returned " + returned);
        } else {
            outcome.expect(customs.backend() + " runThreads", 0, thrown);
        }
    }

    private static void async(Customs customs, FuzzedDataProvider data) {
        Plan plan = Plan.choose(data).asValue();
        int value = data.consumeInt();
        Failures thrown = new Failures();
        AsyncJob job = customs.startAsync(value, data.consumeInt(0, 2), v -> v + plan.run("async", thrown));
        Outcome first = Outcome.of(() -> job.join(JOIN_TIMEOUT));
        first.expect(customs.backend() + " async join", value + plan.status(), thrown);
        // Joining again gives the same result or the same throwable. A checked one comes in a new
        // UndeclaredThrowableException each time (AsyncJob.join wraps on every call): the wrapped one is the same.
        Outcome again = Outcome.of(() -> job.join(JOIN_TIMEOUT));
        Expect.that(again.status == null ? unwrapped(again.caught) == unwrapped(first.caught)
                : again.status.equals(first.status), () -> customs.backend() + " a second join gave " + again + " after "
                + first);
        job.close();
    }

    /** A call's status, or what it threw. */
    private record Outcome(Integer status, Throwable caught) {
        static Outcome of(java.util.function.IntSupplier call) {
            try {
                return new Outcome(call.getAsInt(), null);
            } catch (BoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                return new Outcome(null, t);
            }
        }

        /**
         * Without a failure in {@code thrown}: the call returned {@code status}. With some: it threw the first
         * throwable (a checked one wrapped), with exactly the others suppressed under it; each negative status returned
         * is among them as an {@code IllegalArgumentException} naming that status.
         */
        void expect(String what, int status, Failures thrown) {
            if (thrown.isEmpty()) {
                Expect.equal(what, new Outcome(status, null), this);
                return;
            }
            Expect.that(caught != null, () -> what + " returned " + this.status + " although its upcalls " + thrown);
            Throwable first = unwrapped(caught);
            boolean checked = !(first instanceof RuntimeException) && !(first instanceof Error);
            Expect.that(checked == (caught instanceof UndeclaredThrowableException), () -> what + " delivered " + caught
                    + " for " + first);
            Set<Throwable> delivered = Collections.newSetFromMap(new IdentityHashMap<>());
            delivered.add(first);
            for (Throwable s : first.getSuppressed()) {
                Expect.that(delivered.add(s), () -> what + ": " + s + " delivered twice");
            }
            Set<Throwable> planned = Collections.newSetFromMap(new IdentityHashMap<>());
            planned.addAll(thrown.throwables());
            List<Integer> refused = new ArrayList<>();
            for (Throwable d : delivered) {
                if (planned.contains(d)) {
                    continue;
                }
                Integer negative = refusedStatus(d);
                Expect.that(negative != null, () -> what + " delivered " + d + ", which no upcall threw and which does"
                        + " not refuse a negative status");
                refused.add(negative);
            }
            Expect.that(delivered.containsAll(planned), () -> what + ": every throwable delivered exactly once; thrown "
                    + thrown.throwables() + ", delivered " + delivered);
            List<Integer> negatives = new ArrayList<>(thrown.negatives());
            Collections.sort(negatives);
            Collections.sort(refused);
            Expect.equal(what + ": every negative status refused exactly once", negatives, refused);
        }

        /** The status an API refusal names ("callback returned -5: negative statuses are ..."), or null. */
        private static Integer refusedStatus(Throwable t) {
            String prefix = "callback returned ";
            String message = t.getMessage();
            if (!(t instanceof IllegalArgumentException) || message == null || !message.startsWith(prefix)
                    || !message.contains(": negative statuses are libcustoms' own errors")) {
                return null;
            }
            return Integer.valueOf(message.substring(prefix.length(), message.indexOf(':')));
        }
    }

    /** The throwable an upcall threw, out of the {@code UndeclaredThrowableException} a checked one arrives in. */
    private static Throwable unwrapped(Throwable caught) {
        return caught instanceof UndeclaredThrowableException u ? u.getCause() : caught;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
