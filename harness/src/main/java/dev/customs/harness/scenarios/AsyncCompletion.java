package dev.customs.harness.scenarios;

import dev.customs.api.AsyncCallback;
import dev.customs.api.AsyncJob;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** An upcall after the downcall returned: the result through a future, the upcall alive exactly as long as needed. */
public final class AsyncCompletion extends Scenario {
    private static final Duration WAIT = Duration.ofSeconds(10);

    public AsyncCompletion() {
        super("async", "a native thread calls back after the call returned: a future, and nothing freed too early");
    }

    @Override
    public void run(Report r) {
        r.say("customs_async_start returns at once; its thread calls back later. The FFM stub or JNA callback must live");
        r.say("until that thread is done, and no longer: AsyncJob owns it, and completion() is its future.");
        r.columns();
        r.row("completion(): result, released, thread", "42, released true, on customs-async-completion", c -> {
            AsyncJob job = c.startAsync(21, 50, value -> value * 2);
            return await(job.completion().thenApply(result -> result + ", released " + job.released() + ", on "
                    + Thread.currentThread().getName()));
        });
        r.row("callback throws: the future's cause", "IllegalArgumentException: async failure", c -> {
            AsyncJob job = c.startAsync(1, 0, value -> {
                throw new IllegalArgumentException("async failure");
            });
            return await(job.completion());
        });
        r.row("callback reachable: running, joined", "running true, joined false", c -> {
            int[] step = {1}; // captured: a lambda that captures nothing is a cached singleton, never collected
            AsyncCallback callback = value -> value + step[0];
            WeakReference<AsyncCallback> ref = new WeakReference<>(callback);
            try (AsyncJob job = c.startAsync(1, 200, callback)) {
                callback = null;
                boolean whileRunning = reachableAfterGc(ref, 20);
                job.join(WAIT);
                return "running " + whileRunning + ", joined " + reachableAfterGc(ref, 500);
            }
        });
        r.row("close() before the callback fired", "callback ran true, released true", c -> {
            AtomicBoolean ran = new AtomicBoolean();
            AsyncJob job = c.startAsync(5, 200, value -> {
                ran.set(true);
                return value;
            });
            job.close();
            return "callback ran " + ran.get() + ", released " + job.released();
        });
        r.rowContaining("join that times out frees nothing", "CUSTOMS_E_TIMEOUT (-8)", c -> {
            try (AsyncJob job = c.startAsync(1, 300, value -> value)) {
                try {
                    return job.join(Duration.ofMillis(1));
                } finally {
                    if (job.released()) {
                        throw new IllegalStateException("released by a join that timed out");
                    }
                }
            }
        });
        r.row("live library allocations at the end", 0L, c -> c.liveAllocations());
        r.lesson("an upcall that may run after the call returns needs an owner: free its stub (FFM) or drop its"
                + " callback (JNA) only after the native side is done, which is what joining proves.");
    }

    /** True if the referent survives {@code attempts} GC requests, 10 ms apart. */
    private static boolean reachableAfterGc(WeakReference<?> ref, int attempts) {
        for (int i = 0; i < attempts && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ref.get() != null;
    }

    /** The future's value within {@link #WAIT}; its failure rethrown as it was, so the row shows it. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no completion within " + WAIT, e);
        }
    }
}
