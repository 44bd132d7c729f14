package dev.customs.api;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throwables caught in upcalls of one downcall, kept until that downcall returns: the first is rethrown on the calling
 * thread with its own stack trace, every later one attached to it as suppressed. Safe to fill from many native threads.
 */
final class UpcallFailures {
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final Queue<Throwable> later = new ConcurrentLinkedQueue<>();

    /** Records {@code t} and returns the status the upcall hands to C instead of unwinding into it. */
    int capture(Throwable t) {
        if (!first.compareAndSet(null, t)) {
            later.add(t);
        }
        return Customs.CALLBACK_THREW;
    }

    boolean any() {
        return first.get() != null;
    }

    /** Rethrows the first throwable, if any, with every later one suppressed under it. */
    void rethrowIfAny() {
        Throwable t = first.get();
        if (t == null) {
            return;
        }
        for (Throwable next; (next = later.poll()) != null; ) {
            t.addSuppressed(next);
        }
        switch (t) {
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new UndeclaredThrowableException(t, "a callback threw a checked exception");
        }
    }

    // One wrapper per callback type rather than one generic one: the try/catch sits directly in the upcall, with no
    // extra lambda allocated per call on this hot path.

    ItemCallback guardItems(ItemCallback callback) {
        return (index, item) -> {
            try {
                return callback.onItem(index, item);
            } catch (Throwable t) {
                return capture(t);
            }
        };
    }

    ThreadCallback guardThreads(ThreadCallback callback) {
        return (thread, call) -> {
            try {
                return callback.onCall(thread, call);
            } catch (Throwable t) {
                return capture(t);
            }
        };
    }

    AsyncCallback guardAsync(AsyncCallback callback) {
        return value -> {
            try {
                return callback.onComplete(value);
            } catch (Throwable t) {
                return capture(t);
            }
        };
    }
}
