package dev.customs.api;

import dev.customs.callbacks.UpcallGuard;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A running {@code customs_async} job: a native thread calls back after {@code startAsync} has returned. Its callback
 * sits in a {@link CallbackSlots} slot, reached by the backend's long-lived async stub through C's {@code user}
 * pointer, and stays there (with everything it references) until the native side is done with it: until the job is
 * joined, which frees the C job and then gives the slot back.
 *
 * <p>Two ways to get the result, and a throwable from the callback (kept by an {@link UpcallGuard}):
 * <ul>
 *   <li>{@link #join(Duration)} on the caller's thread, bounded;</li>
 *   <li>{@link #completion()}, a {@code CompletableFuture} completed once the callback has returned and the job has
 *       been joined and released, on a short-lived Java thread: its dependent actions never run on the native
 *       thread.</li>
 * </ul>
 */
public abstract sealed class AsyncJob implements AutoCloseable permits FfmCustoms.FfmAsyncJob, JnaCustoms.JnaAsyncJob {
    /** How long {@link #close()} waits beyond the job's own delay before giving up. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final AbstractCustoms owner;
    private final UpcallGuard guard;
    private final AsyncCompletion completion;
    private final int delayMillis;
    private final CallbackSlots.Slot slot;
    private volatile boolean released;
    private boolean joined;
    private Throwable failure;
    private volatile boolean failureDelivered;
    private int result;

    AsyncJob(AbstractCustoms owner, UpcallGuard guard, AsyncCompletion completion, int delayMillis,
            CallbackSlots.Slot slot) {
        this.owner = owner;
        this.slot = slot;
        this.guard = guard;
        this.completion = completion;
        this.delayMillis = delayMillis;
    }

    /** True once the callback has returned, whether it returned a value or threw. Never blocks. */
    public final boolean isDone() {
        return completion.callbackReturned();
    }

    /**
     * Waits at most {@code timeout} for the callback, frees the job and then its upcall, and returns the callback's
     * result. Joining again returns the same result (or throws the same throwable).
     *
     * @throws StatusException {@code CUSTOMS_E_TIMEOUT} if the callback has not returned in time; the job stays
     *                         joinable
     */
    public final synchronized int join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!joined) {
            long millis = Math.min(Math.max(0, timeout.toMillis()), Integer.MAX_VALUE);
            result = join0((int) millis);
            joined = true;
            Throwable escaped = slot.release(); // the native thread has exited: nothing can call the slot any more
            released = true;
            failure = guard.takeFailure();
            if (failure == null) {
                failure = escaped;
            }
        }
        if (failure != null) {
            failureDelivered = true;
            throw UpcallGuard.unchecked(failure);
        }
        return result;
    }

    /**
     * The job as a future: completed with the callback's result, or exceptionally with its throwable, once the
     * callback has returned and the job has been joined and released ({@link #released()} is then true). It completes
     * on a short-lived Java thread named {@code customs-async-completion}, never on the native thread, so its
     * dependent actions cannot block or fail inside the upcall. Asking for it counts as taking delivery of the
     * callback's throwable: {@link #close()} does not throw it again.
     */
    public final CompletableFuture<Integer> completion() {
        failureDelivered = true;
        return completion.request();
    }

    /**
     * True once the native job is freed and its callback's slot given back: nothing the callback references is kept
     * alive by the job after that.
     */
    public final boolean released() {
        return released;
    }

    /**
     * Joins, waiting at most the job's delay plus {@link #CLOSE_GRACE}, and throws the callback's throwable if it has
     * not been delivered already (by {@link #join(Duration)} or {@link #completion()}). If the native thread is still
     * running then, the upcall is deliberately kept alive (leaked) rather than freed under it, and this throws
     * {@code IllegalStateException}.
     */
    @Override
    public final synchronized void close() {
        boolean deliveredBefore = failureDelivered;
        try {
            join(Duration.ofMillis(delayMillis).plus(CLOSE_GRACE));
        } catch (RuntimeException | Error e) {
            if (!joined) {
                throw new IllegalStateException("async job still running after " + (delayMillis
                        + CLOSE_GRACE.toMillis()) + " ms: its upcall is left alive rather than freed under a running"
                        + " native thread", e);
            }
            if (e != failure || !deliveredBefore) {
                throw e;
            }
        }
    }

    /** The job's delay, for {@link AsyncCompletion}'s bounded join. */
    final int delayMillis() {
        return delayMillis;
    }

    /**
     * Joins the native job and frees it; returns the callback's result. C waits at most {@code timeoutMillis} for the
     * callback to return; if it times out, it frees nothing and this throws {@code CUSTOMS_E_TIMEOUT}, leaving the job
     * joinable. One native call: {@code customs_async_join} has a timeout of its own, so the API needs no
     * {@code customs_async_wait} before it (one link fewer for a program that joins).
     */
    abstract int join0(int timeoutMillis);
}
