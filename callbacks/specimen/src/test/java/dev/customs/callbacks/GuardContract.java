package dev.customs.callbacks;

import dev.customs.callbacks.specimen.RawCallbacks;

import dev.customs.api.CustomsGuards;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import dev.customs.api.ErrnoException;
import dev.customs.api.ItemCallback;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import dev.customs.callbacks.UpcallGuard;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guard's contract on each backend: no throwable reaches C, C gets the guard's status and stops, and the
 * throwable comes back on the thread that made the downcall. {@link #rawForEach} calls {@code customs_for_each}
 * through the raw binding, so the status C returned can be seen before anything is rethrown.
 */
abstract class GuardContract extends OnBackend {
    static final int[] FIVE = {10, 20, 30, 40, 50};

    /** {@code customs_for_each(items, guarded)} through the raw binding: C's own return value. */
    int rawForEach(int[] items, ItemCallback guarded) {
        return RawCallbacks.forEach(customs, items, guarded);
    }

    @Test
    void throwingCallbackStopsCWithTheGuardsStatusAndIsRethrownIntactHere() {
        UpcallGuard guard = CustomsGuards.guard();
        AtomicInteger calls = new AtomicInteger();
        int status = rawForEach(FIVE, CustomsGuards.items(guard, (index, item) -> {
            calls.incrementAndGet();
            if (index == 2) {
                throw new IllegalStateException("item " + item + " rejected");
            }
            return 0;
        }));
        assertEquals(Customs.CALLBACK_THREW, status, "C returned the guard's status");
        assertEquals(3, calls.get(), "C stopped at the failing item");
        assertTrue(guard.failed());
        IllegalStateException e = assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertEquals("item 30 rejected", e.getMessage());
        assertEquals(getClass().getSuperclass().getName(), e.getStackTrace()[0].getClassName(),
                "the stack trace still starts in the callback");
        assertFalse(guard.failed(), "taking the failure back empties the guard");
        guard.rethrowIfAny();
    }

    @Test
    void throwablesFromManyNativeThreadsAtOnceAreAllAccountedFor() {
        int threads = 8;
        CountDownLatch allInside = new CountDownLatch(threads);
        RuntimeException first = assertThrows(RuntimeException.class, () -> customs.runThreads(threads, 100, (t, c) -> {
            arriveAndAwait(allInside);
            throw new RuntimeException("thread " + t);
        }));
        Set<String> messages = Stream.concat(Stream.of(first), Arrays.stream(first.getSuppressed()))
                .map(Throwable::getMessage).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(threads - 1, first.getSuppressed().length, "the first rethrown, every other one suppressed");
        assertEquals(Stream.iterate(0, i -> i + 1).limit(threads).map(i -> "thread " + i)
                .collect(Collectors.toCollection(TreeSet::new)), messages);
    }

    @Test
    void anErrorIsNeverHiddenUnderAnException() {
        CountDownLatch bothInside = new CountDownLatch(2);
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> customs.runThreads(2, 1, (t, c) -> {
            arriveAndAwait(bothInside);
            if (t == 0) {
                throw new IllegalArgumentException("an ordinary failure");
            }
            throw new OutOfMemoryError("simulated in an upcall");
        }));
        assertEquals("simulated in an upcall", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("an ordinary failure", e.getSuppressed()[0].getMessage());
    }

    @Test
    void stackOverflowInAnUpcallStopsCAndIsRethrownOnTheCaller() {
        UpcallGuard guard = CustomsGuards.guard();
        AtomicInteger calls = new AtomicInteger();
        int status = rawForEach(FIVE, CustomsGuards.items(guard, (index, item) -> {
            calls.incrementAndGet();
            return recurseForever(item);
        }));
        assertEquals(Customs.CALLBACK_THREW, status);
        assertEquals(1, calls.get());
        assertThrows(StackOverflowError.class, guard::rethrowIfAny);
        assertThrows(StackOverflowError.class, () -> customs.runThreads(2, 3, (t, c) -> recurseForever(c)),
                "on a native thread too");
    }

    @Test
    void outOfMemoryErrorInAnUpcallIsRethrownNotFatal() {
        OutOfMemoryError thrown = new OutOfMemoryError("simulated: heap exhausted in the callback");
        assertSame(thrown, assertThrows(OutOfMemoryError.class, () -> customs.runThreads(1, 5, (t, c) -> {
            throw thrown;
        })));
        assertEquals(5, customs.add(2, 3), "the JVM and the library carry on");
    }

    @Test
    void checkedExceptionComesBackWrapped() {
        IOException hidden = new IOException("disk gone");
        UndeclaredThrowableException e = assertMessage(UndeclaredThrowableException.class,
                "a callback threw a checked exception", () -> customs.forEach(FIVE, (i, v) -> sneakyThrow(hidden)));
        assertSame(hidden, e.getCause());
    }

    @Test
    void everyMappedThrowableReachesCAsItsStatusAndComesBackTyped() throws Exception {
        record Case(Throwable thrown, Status status) {}
        List<Case> cases = List.of(
                new Case(new NullPointerException("no item"), Status.E_NULL),
                new Case(new IndexOutOfBoundsException("index 9"), Status.E_RANGE),
                new Case(new IllegalArgumentException("bad item"), Status.E_FORMAT),
                new Case(new IllegalStateException("closed"), Status.E_STATE),
                new Case(new OutOfMemoryError("simulated"), Status.E_NOMEM),
                new Case(new TimeoutException("too slow"), Status.E_TIMEOUT));
        for (Case c : cases) {
            UpcallGuard guard = CustomsGuards.STATUSES.guard();
            int status = rawForEach(FIVE, CustomsGuards.items(guard, (i, v) -> sneakyThrow(c.thrown())));
            assertEquals(c.status().code(), status, c.thrown() + " reaches C as " + c.status().cName());
            StatusException back = assertThrows(StatusException.class,
                    () -> customs.check("customs_for_each", status, null), "C's status becomes an exception again");
            assertEquals(c.status(), back.status());
            Throwable original = guard.takeFailure();
            assertSame(c.thrown(), original instanceof UndeclaredThrowableException u ? u.getCause() : original);
        }
    }

    @Test
    void everyCStatusMakesTheRoundTripThroughJavaAndBack() {
        for (Status s : Status.values()) {
            if (s == Status.OK) {
                continue;
            }
            StatusException up = assertThrows(StatusException.class, () -> customs.check("customs_any", s.code(), null));
            UpcallGuard guard = CustomsGuards.STATUSES.guard();
            int down = rawForEach(FIVE, CustomsGuards.items(guard, (i, v) -> {
                throw up;
            }));
            assertEquals(s.code(), down, s.cName() + ": C -> StatusException -> C");
            StatusException again = assertThrows(StatusException.class, () -> customs.check("customs_for_each", down,
                    null));
            assertEquals(up.cName(), again.cName());
            assertSame(up, guard.takeFailure());
        }
    }

    @Test
    void errnoFailureInACallbackHasNoCStatusButComesBackWhole() {
        UpcallGuard guard = CustomsGuards.STATUSES.guard();
        int status = rawForEach(FIVE, CustomsGuards.items(guard, (i, v) -> (int) customs.fileSize("/no/such/customs/file")));
        assertEquals(Customs.CALLBACK_THREW, status);
        ErrnoException e = assertThrows(ErrnoException.class, guard::rethrowIfAny);
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void theGuardsStatusChoiceIsConfigurable() {
        UpcallGuard guard = new UpcallGuard(77);
        assertEquals(77, rawForEach(FIVE, CustomsGuards.items(guard, (i, v) -> {
            throw new IllegalStateException("x");
        })));
        assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertNull(guard.takeFailure());
        assertArrayEquals(new int[] {10, 20, 30, 40, 50}, FIVE, "C saw the items unchanged");
    }

    static int recurseForever(int n) {
        return recurseForever(n + 1) + 1;
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> int sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
