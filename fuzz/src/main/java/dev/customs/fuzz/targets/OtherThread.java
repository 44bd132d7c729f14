package dev.customs.fuzz.targets;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A second Java thread the lifetime target hands operations to, to check what "any thread" and "owner thread only"
 * mean. Every hand-over is bounded; what the operation throws is rethrown here unchanged.
 */
final class OtherThread {
    private static final long TIMEOUT_SECONDS = 10;
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "customs-fuzz-other-thread");
        t.setDaemon(true);
        return t;
    });

    private OtherThread() {}

    /** Runs {@code call} on the other thread when {@code elsewhere}, else here. */
    static <R> R run(boolean elsewhere, Supplier<R> call) {
        if (!elsewhere) {
            return call.get();
        }
        Future<R> future = THREAD.submit(call::get);
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new BoundaryViolation("the other thread threw a checked exception", e.getCause());
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BoundaryViolation("an operation on the other thread did not finish in " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoundaryViolation("interrupted while waiting for the other thread", e);
        }
    }

    static void run(boolean elsewhere, Runnable call) {
        run(elsewhere, () -> {
            call.run();
            return null;
        });
    }
}
