package dev.customs.callbacks;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import dev.customs.bindings.NoLibraryLeaks;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of this module's parity suites: each contract is written once and run on FFM and on JNA by a one-line
 * subclass, on a backend opened for each test. {@link NoLibraryLeaks} fails any test that leaves a libcustoms
 * allocation live.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
abstract class OnBackend {
    /** Bound on every wait in these tests. */
    static final Duration WAIT = Duration.ofSeconds(10);

    Customs customs;

    abstract String backend();

    @BeforeEach
    void open() {
        customs = Customs.open(backend());
    }

    /** Asserts {@code call} throws {@code type} with {@code fragment} in its message; returns it. */
    static <T extends Throwable> T assertMessage(Class<T> type, String fragment, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                () -> type.getSimpleName() + " message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
        return e;
    }

    /** Counts {@code latch} down, then waits at most {@link #WAIT} for the other parties: makes failures coincide. */
    static void arriveAndAwait(CountDownLatch latch) {
        latch.countDown();
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(latch.getCount() + " part(ies) never arrived within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the other parties", e);
        }
    }

    /** Asserts the object behind {@code ref} is collected, asking for GC at most for {@link #WAIT}. */
    static void assertCollected(WeakReference<?> ref, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), what + " is still reachable after " + WAIT.toSeconds() + " s of GC requests");
    }
}
