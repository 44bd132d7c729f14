package dev.customs.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.AsyncCallback;
import dev.customs.api.AsyncJob;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Async completion on each backend: a native thread calls back after the downcall returned, the result reaches Java
 * through the job's future, and the upcall with everything it references stays alive exactly until the native side
 * is done.
 */
abstract class AsyncCompletionContract extends OnBackend {
    @Test
    void completionDeliversTheResultOnlyAfterTheUpcallIsReleasedAndNeverOnTheNativeThread() throws Exception {
        CountDownLatch dependentRegistered = new CountDownLatch(2); // the callback and this thread
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        AsyncJob job = customs.startAsync(21, 0, value -> {
            callbackThread.set(Thread.currentThread());
            arriveAndAwait(dependentRegistered); // holds the callback until the dependent below is in place
            return value * 2;
        });
        CompletableFuture<String> seen = job.completion().thenApply(result -> result + ", released "
                + job.released() + ", on " + Thread.currentThread().getName());
        dependentRegistered.countDown();
        assertEquals("42, released true, on customs-async-completion", seen.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(job.isDone());
        assertNotNull(callbackThread.get());
        assertFalse(callbackThread.get().getName().equals("customs-async-completion"));
        job.close();
        assertEquals(42, job.join(Duration.ZERO), "joining after completion gives the same result");
    }

    @Test
    void completionCarriesTheCallbacksThrowableAndCloseDoesNotThrowItAgain() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("async callback failed");
        AsyncJob job = customs.startAsync(1, 0, value -> {
            throw boom;
        });
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> job.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
        assertTrue(job.released());
        job.close();
    }

    @Test
    void theCallbackAndWhatItReferencesLiveUntilTheJobIsJoinedAndNoLonger() throws Exception {
        byte[][] payload = {new byte[1 << 20]};
        AsyncCallback callback = value -> value + payload[0].length;
        WeakReference<AsyncCallback> ref = new WeakReference<>(callback);
        AsyncJob job = customs.startAsync(1, 300, callback);
        callback = null;
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertNotNull(ref.get(), "kept alive while C may still call it");
        assertFalse(job.released());
        assertEquals(1 + (1 << 20), job.join(WAIT));
        assertTrue(job.released());
        assertCollected(ref, "the callback after the job was joined");
    }

    @Test
    void closingBeforeTheCallbackFiredWaitsForItThenFrees() {
        AtomicBoolean ran = new AtomicBoolean();
        AsyncJob job = customs.startAsync(5, 200, value -> {
            ran.set(true);
            return value;
        });
        job.close();
        assertTrue(ran.get(), "close waited for the callback rather than freeing the upcall under it");
        assertTrue(job.released());
    }

    @Test
    void aJoinThatTimesOutFreesNothing() {
        try (AsyncJob job = customs.startAsync(7, 300, value -> value)) {
            StatusException timeout = assertThrows(StatusException.class, () -> job.join(Duration.ofMillis(1)));
            assertEquals(Status.E_TIMEOUT, timeout.status());
            assertTrue(timeout.getMessage().startsWith("customs_async_join: CUSTOMS_E_TIMEOUT"), timeout.getMessage());
            assertTrue(timeout.getMessage().endsWith("[timeout 1 ms]"), timeout.getMessage());
            assertFalse(job.released());
            assertEquals(7, job.join(WAIT));
            assertTrue(job.released());
        }
    }
}
