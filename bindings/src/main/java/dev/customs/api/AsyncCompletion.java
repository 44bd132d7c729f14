package dev.customs.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upcall's side of an {@link AsyncJob}: it learns when the callback has returned, and completes the job's future
 * once three things have happened, in any order: the callback has returned, the job exists, and someone asked for
 * the future. Lock-free on purpose: the upcall must never wait for a lock that a thread joining the job may hold
 * while it waits for that very upcall.
 */
final class AsyncCompletion {
    private static final int RETURNED = 1;
    private static final int STARTED = 2;
    private static final int REQUESTED = 4;
    private static final int ALL = RETURNED | STARTED | REQUESTED;

    private final AtomicInteger state = new AtomicInteger();
    private final CompletableFuture<Integer> future = new CompletableFuture<>();
    private volatile AsyncJob job;

    /** {@code guarded}, telling this completion when it has returned. It must already be guarded: this adds no catch. */
    AsyncCallback signalling(AsyncCallback guarded) {
        return value -> {
            try {
                return guarded.onComplete(value);
            } finally {
                set(RETURNED);
            }
        };
    }

    boolean callbackReturned() {
        return (state.get() & RETURNED) != 0;
    }

    void started(AsyncJob job) {
        this.job = job;
        set(STARTED);
    }

    CompletableFuture<Integer> request() {
        set(REQUESTED);
        return future;
    }

    /** Never throws: it runs in the upcall, after the callback. */
    private void set(int bit) {
        int before;
        do {
            before = state.get();
        } while (!state.compareAndSet(before, before | bit));
        if (before != ALL && (before | bit) == ALL) {
            try {
                Thread.ofPlatform().daemon().name("customs-async-completion").start(this::complete);
            } catch (Throwable t) {
                future.completeExceptionally(new IllegalStateException("could not start the thread that completes"
                        + " this async job: join or close it instead", t));
            }
        }
    }

    /** The callback has returned, so the join only waits for the native thread to leave it. */
    private void complete() {
        try {
            future.complete(job.join(Duration.ofMillis(job.delayMillis()).plus(AsyncJob.CLOSE_GRACE)));
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }
}
