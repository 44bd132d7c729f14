package dev.customs.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks at once, each on a platform thread of its own, and collects every task's outcome within one deadline, so
 * that no worker's failure goes unseen and no wait is unbounded. The threads are daemons: a task stuck in native code
 * past the deadline is reported, and cannot keep the JVM alive after the run.
 */
public final class Workers {
    /** How long {@link #run} waits for the threads to end after the deadline or the last result. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private Workers() {}

    /**
     * Runs {@code tasks} on threads named {@code name-0}, {@code name-1}, ... and returns their results in order.
     *
     * @throws WorkerFailure if any task threw or the deadline passed: the first failure is its cause, every other
     *                       one is suppressed under it
     */
    public static <T> List<T> run(String name, List<? extends Callable<T>> tasks, Duration timeout) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()),
                Thread.ofPlatform().name(name + "-", 0).daemon(true).factory());
        List<Future<T>> futures = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<T> results = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                } catch (TimeoutException e) {
                    failures.add(new TimeoutException(name + "-" + i + " still running after " + timeout.toSeconds()
                            + " s"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        } finally {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    failures.add(new TimeoutException(name + ": threads still alive " + SHUTDOWN_GRACE.toSeconds()
                            + " s after being interrupted"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            WorkerFailure failure = new WorkerFailure(failures.size() + " of " + tasks.size() + " " + name
                    + " worker(s) failed; the first: " + failures.getFirst(), failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return results;
    }

    /** One or more workers failed or did not finish in time. */
    public static final class WorkerFailure extends RuntimeException {
        WorkerFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
