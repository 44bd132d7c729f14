package dev.customs.lifetime;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one action on a new platform thread and waits, bounded, for its outcome: what the action threw is rethrown
 * here unchanged, so {@code WrongThreadException} and friends can be asserted from the thread that owns the arena.
 */
public final class OtherThread {
    /** How long {@link #call} waits by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OtherThread() {}

    /**
     * The value {@code action} returns on another thread.
     *
     * @throws IllegalStateException if it does not finish within {@link #TIMEOUT} (the thread is interrupted)
     */
    public static <T> T call(Callable<T> action) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "customs-other-thread"));
        try {
            Future<T> future = thread.submit(action);
            try {
                return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new IllegalStateException("the other thread did not finish within " + TIMEOUT, e);
            }
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new UndeclaredThrowableException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other thread", e);
        } finally {
            thread.shutdownNow();
        }
    }

    /** {@link #call} for an action with no result. */
    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
