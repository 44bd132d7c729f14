package dev.customs.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A running {@code customs_async} job: a native thread calls back after {@code startAsync} has returned. Its upcall
 * stays valid until the job is joined; a throwable from the callback is delivered by {@link #join(Duration)}.
 */
public abstract sealed class AsyncJob implements AutoCloseable permits FfmCustoms.FfmAsyncJob, JnaCustoms.JnaAsyncJob {
    /** How long {@link #close()} waits beyond the job's own delay before giving up. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final AbstractCustoms owner;
    private final UpcallFailures failures;
    private final int delayMillis;
    private boolean joined;
    private boolean failureDelivered;
    private int result;

    AsyncJob(AbstractCustoms owner, UpcallFailures failures, int delayMillis) {
        this.owner = owner;
        this.failures = failures;
        this.delayMillis = delayMillis;
    }

    /** True once the callback has returned (a zero-timeout wait). */
    public final synchronized boolean isDone() {
        return joined || wait0(0) == Status.OK.code();
    }

    /**
     * Waits at most {@code timeout} for the callback, frees the job and its upcall, and returns the callback's result.
     * Joining again returns the same result (or throws the same throwable).
     *
     * @throws StatusException {@code CUSTOMS_E_TIMEOUT} if the callback has not returned in time; the job stays
     *                         joinable
     */
    public final synchronized int join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!joined) {
            long millis = Math.min(Math.max(0, timeout.toMillis()), Integer.MAX_VALUE);
            owner.check("customs_async_wait", wait0((int) millis), "waited " + millis + " ms");
            result = join0();
            joined = true;
        }
        failureDelivered = failures.any();
        failures.rethrowIfAny();
        return result;
    }

    /**
     * Joins, waiting at most the job's delay plus {@link #CLOSE_GRACE}, and throws the callback's throwable if
     * {@link #join(Duration)} has not already delivered it. If the native thread is still running then, the upcall is
     * deliberately kept alive (leaked) rather than freed under it, and this throws {@code IllegalStateException}.
     */
    @Override
    public final synchronized void close() {
        if (failureDelivered) {
            return;
        }
        try {
            join(Duration.ofMillis(delayMillis).plus(CLOSE_GRACE));
        } catch (StatusException e) {
            if (!joined) {
                throw new IllegalStateException("async job still running after " + (delayMillis
                        + CLOSE_GRACE.toMillis()) + " ms: its upcall is left alive rather than freed under a running"
                        + " native thread", e);
            }
            throw e;
        }
    }

    abstract int wait0(int timeoutMillis);

    /** Joins the native job, frees it and the upcall stub; returns the callback's result. */
    abstract int join0();
}
