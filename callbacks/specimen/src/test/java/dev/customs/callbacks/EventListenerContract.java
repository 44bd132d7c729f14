package dev.customs.callbacks;

import dev.customs.callbacks.specimen.EventListener;
import dev.customs.callbacks.specimen.EventCallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Status;
import dev.customs.api.StatusException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A callback C keeps across calls, bound the safe way ({@link EventListener}): guarded, owned by one
 * {@link CallbackRegistration}, released in order. Run on FFM and JNA.
 */
abstract class EventListenerContract extends OnBackend {
    @Test
    void eachPostReachesTheCallbackOnTheListenersThreadAndReturnsItsStatus() {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (EventListener listener = EventListener.register(customs, event -> {
            threads.add(Thread.currentThread());
            return event * 10;
        })) {
            assertEquals(List.of(10, 20, 30), List.of(listener.post(1, WAIT), listener.post(2, WAIT),
                    listener.post(3, WAIT)));
        }
        assertEquals(3, threads.size());
        assertTrue(threads.stream().noneMatch(t -> t == Thread.currentThread()), "never on the posting thread");
    }

    @Test
    void aNegativeStatusIsRefusedNotMistakenForALibraryError() {
        // Found by fuzz's listener target: -4 came back from the post as CUSTOMS_E_FORMAT, a library error.
        try (EventListener listener = EventListener.register(customs, event -> event)) {
            var e = assertThrows(IllegalArgumentException.class, () -> listener.post(-4, WAIT));
            assertEquals("callback returned -4: negative statuses are libcustoms' own errors; return 0 to go on or a"
                    + " positive status to stop", e.getMessage());
            assertEquals(0, listener.post(0, WAIT), "the listener carries on");
        }
    }

    @Test
    void aThrowingCallbackIsRethrownByItsPostAndTheListenerCarriesOn() {
        IllegalStateException boom = new IllegalStateException("event 2 rejected");
        try (EventListener listener = EventListener.register(customs, event -> {
            if (event == 2) {
                throw boom;
            }
            return event;
        })) {
            assertEquals(1, listener.post(1, WAIT));
            assertSame(boom, assertThrows(IllegalStateException.class, () -> listener.post(2, WAIT)));
            assertEquals(3, listener.post(3, WAIT));
        }
    }

    @Test
    void closeUnregistersThenReleasesTheUpcall() throws InterruptedException {
        byte[][] payload = {new byte[1 << 20]};
        EventCallback callback = event -> payload[0].length;
        WeakReference<EventCallback> ref = new WeakReference<>(callback);
        EventListener listener = EventListener.register(customs, callback);
        callback = null;
        System.gc();
        assertEquals(1 << 20, listener.post(0, WAIT), "held while registered");
        listener.close();
        assertFalse(listener.isOpen());
        assertMessage(IllegalStateException.class, "the callback registration is closed", () -> listener.post(1, WAIT));
        listener.close(); // idempotent
        assertCollected(ref, "the callback after close");
    }

    @Test
    void closingFromInsideTheCallbackIsRefusedAndChangesNothing() {
        EventListener[] self = new EventListener[1];
        try (EventListener listener = EventListener.register(customs, event -> {
            if (event == 1) {
                self[0].close();
            }
            return event;
        })) {
            self[0] = listener;
            assertMessage(IllegalStateException.class, "in use by 1 native call(s) in flight",
                    () -> listener.post(1, WAIT));
            assertTrue(listener.isOpen());
            assertEquals(2, listener.post(2, WAIT));
        }
    }

    @Test
    void aTimedOutPostLeavesItsEventToBeDeliveredAndTheNextPostWaitsForIt() {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (EventListener listener = EventListener.register(customs, event -> {
            if (event == 1) {
                sleep(300);
            }
            delivered.add(event);
            return event;
        })) {
            StatusException timeout = assertThrows(StatusException.class, () -> listener.post(1, Duration.ofMillis(10)));
            assertEquals(Status.E_TIMEOUT, timeout.status());
            assertEquals(2, listener.post(2, WAIT));
        }
        assertEquals(List.of(1, 2), delivered);
    }

    @Test
    void theThrowableOfATimedOutPostIsDeliveredByClose() {
        IllegalArgumentException late = new IllegalArgumentException("failed after its post gave up");
        EventListener listener = EventListener.register(customs, event -> {
            sleep(200);
            throw late;
        });
        assertThrows(StatusException.class, () -> listener.post(1, Duration.ofMillis(10)));
        assertSame(late, assertThrows(IllegalArgumentException.class, listener::close),
                "unregister lets the event finish; close then hands over its throwable");
        assertFalse(listener.isOpen());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
