package dev.customs.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard without C: which throwable comes back, what is attached to it, and what C would be handed. The guard at
 * work in real upcalls is in {@code CustomsContract} and in the callbacks module's {@code GuardContract}.
 */
@Timeout(60)
class UpcallGuardTest {
    /** The status a callback of some C library returns to say it failed. */
    private static final int FAILED = -7;

    @Test
    void theFirstComesBackItselfWithTheOthersSuppressedInArrivalOrder() {
        UpcallGuard guard = new UpcallGuard(FAILED);
        IllegalStateException first = new IllegalStateException("first");
        assertEquals(FAILED, guard.capture(first));
        guard.capture(new IllegalArgumentException("second"));
        guard.capture(new UnsupportedOperationException("third"));
        assertSame(first, assertThrows(IllegalStateException.class, guard::rethrowIfAny));
        assertEquals(List.of("second", "third"), Arrays.stream(first.getSuppressed()).map(Throwable::getMessage).toList());
        assertFalse(guard.failed());
        assertNull(guard.takeFailure(), "taken back once, then empty");
    }

    @Test
    void anErrorOutranksExceptionsCapturedBeforeIt() {
        UpcallGuard guard = new UpcallGuard(FAILED);
        guard.capture(new IllegalStateException("ordinary"));
        StackOverflowError deep = new StackOverflowError("deep");
        guard.capture(deep);
        guard.capture(new OutOfMemoryError("later error"));
        assertSame(deep, assertThrows(StackOverflowError.class, guard::rethrowIfAny));
        assertEquals(List.of("ordinary", "later error"),
                Arrays.stream(deep.getSuppressed()).map(Throwable::getMessage).toList());
    }

    @Test
    void theSameThrowableCapturedTwiceIsNotMadeToSuppressItself() {
        UpcallGuard guard = new UpcallGuard(FAILED);
        IllegalStateException shared = new IllegalStateException("thrown on two threads");
        guard.capture(shared);
        guard.capture(shared);
        assertSame(shared, assertThrows(IllegalStateException.class, guard::rethrowIfAny));
        assertEquals(0, shared.getSuppressed().length);
    }

    @Test
    void aCheckedExceptionIsWrapped() {
        UpcallGuard guard = new UpcallGuard(FAILED);
        Exception checked = new Exception("checked");
        guard.capture(checked);
        Throwable back = guard.takeFailure();
        assertEquals(java.lang.reflect.UndeclaredThrowableException.class, back.getClass());
        assertEquals("a callback threw a checked exception", back.getMessage());
        assertSame(checked, back.getCause());
    }

    @Test
    void theStatusIsConfigurableOrMappedAndABrokenMappingFallsBack() {
        assertEquals(-42, new UpcallGuard(-42).capture(new RuntimeException()));
        UpcallGuard mapped = new UpcallGuard(t -> t instanceof NullPointerException ? -1 : 9, 5);
        assertEquals(-1, mapped.capture(new NullPointerException()));
        assertEquals(9, mapped.capture(new RuntimeException()));
        UpcallGuard broken = new UpcallGuard(t -> {
            throw new IllegalStateException("mapping failed");
        }, 5);
        assertEquals(5, broken.capture(new RuntimeException("original")));
        RuntimeException back = assertThrows(RuntimeException.class, broken::rethrowIfAny);
        assertEquals("original", back.getMessage());
        assertEquals("mapping failed", back.getSuppressed()[0].getMessage());
    }

    @Test
    void manyThreadsCapturingAtOnceLoseNothing() throws Exception {
        UpcallGuard guard = new UpcallGuard(FAILED);
        int threads = 8;
        int each = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    assertTrue(start.await(10, TimeUnit.SECONDS));
                    for (int i = 0; i < each; i++) {
                        assertEquals(FAILED, guard.capture(new RuntimeException(id + "/" + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        RuntimeException first = assertThrows(RuntimeException.class, guard::rethrowIfAny);
        Set<String> all = new HashSet<>();
        all.add(first.getMessage());
        Arrays.stream(first.getSuppressed()).forEach(s -> all.add(s.getMessage()));
        assertEquals(threads * each, all.size());
    }

    static int throwing(MemorySegment user, long index, int item) {
        throw new IllegalStateException("from the handle");
    }

    static void throwingVoid(int x) {
        throw new IllegalStateException("from a void handle");
    }


    @Test
    void guardHandleCatchesForIntegralAndVoidReturnsAndRefusesOthers() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        UpcallGuard guard = new UpcallGuard(-7);
        MethodHandle intHandle = guard.guardHandle(lookup.findStatic(UpcallGuardTest.class, "throwing",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class)));
        assertEquals(-7, (int) intHandle.invokeExact(MemorySegment.NULL, 0L, 1));
        MethodHandle longHandle = guard.guardHandle(lookup.findStatic(UpcallGuardTest.class, "throwing",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class))
                .asType(MethodType.methodType(long.class, MemorySegment.class, long.class, int.class)));
        assertEquals(-7L, (long) longHandle.invokeExact(MemorySegment.NULL, 0L, 1));
        MethodHandle voidHandle = guard.guardHandle(lookup.findStatic(UpcallGuardTest.class, "throwingVoid",
                MethodType.methodType(void.class, int.class)));
        voidHandle.invokeExact(3);
        IllegalStateException first = assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertEquals("from the handle", first.getMessage());
        assertEquals(2, first.getSuppressed().length);
        MethodHandle bool = MethodHandles.constant(boolean.class, true);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> guard.guardHandle(bool));
        assertTrue(refused.getMessage().contains("needs an integral, pointer or void return"), refused.getMessage());
    }

    /** A handle of {@code type} that throws an {@code IllegalStateException} and counts its calls. */
    static MethodHandle throwingHandle(MethodType type, AtomicInteger calls) {
        MethodHandle count = MethodHandles.dropArguments(MethodHandles.insertArguments(INCREMENT, 0, calls), 0,
                type.parameterList());
        MethodHandle thrower = MethodHandles.dropArguments(MethodHandles.foldArguments(MethodHandles.throwException(
                type.returnType(), IllegalStateException.class), MethodHandles.constant(IllegalStateException.class,
                new IllegalStateException("upcall failed"))), 0, type.parameterList());
        return MethodHandles.foldArguments(thrower, count);
    }

    static final MethodHandle INCREMENT;

    static {
        try {
            INCREMENT = MethodHandles.lookup().findVirtual(AtomicInteger.class, "incrementAndGet",
                    MethodType.methodType(int.class)).asType(MethodType.methodType(void.class, AtomicInteger.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void pointerReturnsGetNullAndFloatingPointReturnsTheCallersFallback() throws Throwable {
        UpcallGuard guard = new UpcallGuard(FAILED);
        AtomicInteger calls = new AtomicInteger();
        MethodHandle pointer = guard.guardHandle(throwingHandle(MethodType.methodType(MemorySegment.class, int.class),
                calls));
        assertEquals(MemorySegment.NULL, (MemorySegment) pointer.invokeExact(1));
        MethodHandle dbl = guard.guardHandle(throwingHandle(MethodType.methodType(double.class, double.class), calls),
                Double.NaN);
        assertTrue(Double.isNaN((double) dbl.invokeExact(2.0)));
        MethodHandle flt = guard.guardHandle(throwingHandle(MethodType.methodType(float.class), calls), -1.5);
        assertEquals(-1.5f, (float) flt.invokeExact());
        assertEquals(3, calls.get());
        IllegalStateException first = assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertEquals(2, first.getSuppressed().length);
    }

    @Test
    void badArgumentsToGuardHandleAreRefused() {
        UpcallGuard guard = new UpcallGuard(FAILED);
        assertThrows(NullPointerException.class, () -> guard.guardHandle(null));
        assertThrows(NullPointerException.class, () -> guard.guardHandle(null, 0.0));
        IllegalArgumentException noFallback = assertThrows(IllegalArgumentException.class,
                () -> guard.guardHandle(MethodHandles.constant(double.class, 1.0)));
        assertTrue(noFallback.getMessage().contains("guardHandle(target, fallback)"), noFallback.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> guard.guardHandle(MethodHandles.constant(int.class, 1), 0.0));
        IllegalArgumentException oversized = assertThrows(IllegalArgumentException.class,
                () -> guard.guardHandle(MethodHandles.constant(float.class, 1f), 1e300));
        assertTrue(oversized.getMessage().contains("beyond a float's range"), oversized.getMessage());
        assertThrows(NullPointerException.class, () -> guard.onFirstFailure(null));
    }

    @Test
    void firstFailureActionRunsOnceGuardedAndAgainAfterTheFailureIsTakenBack() {
        AtomicInteger stops = new AtomicInteger();
        UpcallGuard guard = new UpcallGuard(FAILED).onFirstFailure(() -> {
            stops.incrementAndGet();
            throw new UnsupportedOperationException("the stop call failed too");
        });
        assertEquals(FAILED, guard.capture(new IllegalStateException("first")));
        assertEquals(FAILED, guard.capture(new IllegalStateException("second")));
        assertEquals(1, stops.get(), "once per failure, not per throwable");
        IllegalStateException first = assertThrows(IllegalStateException.class, guard::rethrowIfAny);
        assertEquals(List.of("the stop call failed too", "second"),
                Arrays.stream(first.getSuppressed()).map(Throwable::getMessage).toList());
        guard.capture(new IllegalStateException("next call"));
        assertEquals(2, stops.get(), "the guard is reusable: the next call's first failure stops again");
    }

    @Test
    void skippingIsOptInAndSkipsTheUsersCodeUntilTheFailureIsTakenBack() throws Throwable {
        MethodType type = MethodType.methodType(int.class, MemorySegment.class, int.class);
        AtomicInteger calls = new AtomicInteger();
        UpcallGuard plain = new UpcallGuard(FAILED);
        MethodHandle keepsCalling = plain.guardHandle(throwingHandle(type, calls));
        assertEquals(FAILED, (int) keepsCalling.invokeExact(MemorySegment.NULL, 1));
        assertEquals(FAILED, (int) keepsCalling.invokeExact(MemorySegment.NULL, 2));
        assertEquals(2, calls.get(), "by default every upcall runs the user's code");
        assertFalse(plain.skipping());
        plain.takeFailure();

        calls.set(0);
        ExceptionStatus table = ExceptionStatus.builder().map(IllegalStateException.class, -3).otherwise(FAILED);
        UpcallGuard skipping = new UpcallGuard(table, FAILED).skippingAfterFailure();
        MethodHandle skips = skipping.guardHandle(throwingHandle(type, calls));
        assertEquals(-3, (int) skips.invokeExact(MemorySegment.NULL, 1));
        assertTrue(skipping.skipping());
        assertEquals(-3, (int) skips.invokeExact(MemorySegment.NULL, 2), "the first failure's status, again");
        assertEquals(-3, (int) skips.invokeExact(MemorySegment.NULL, 3));
        assertEquals(1, calls.get(), "later upcalls skip the user's code");
        IllegalStateException first = assertThrows(IllegalStateException.class, skipping::rethrowIfAny);
        assertEquals(0, first.getSuppressed().length, "skipped upcalls threw nothing");
        assertFalse(skipping.skipping());
        assertEquals(-3, (int) skips.invokeExact(MemorySegment.NULL, 4));
        assertEquals(2, calls.get(), "taken back: the next call runs the user's code again");

        calls.set(0);
        UpcallGuard nulls = new UpcallGuard(FAILED).skippingAfterFailure();
        MethodHandle pointer = nulls.guardHandle(throwingHandle(MethodType.methodType(MemorySegment.class), calls));
        assertEquals(MemorySegment.NULL, (MemorySegment) pointer.invokeExact());
        assertEquals(MemorySegment.NULL, (MemorySegment) pointer.invokeExact());
        assertEquals(1, calls.get());
        MethodHandle dbl = nulls.guardHandle(throwingHandle(MethodType.methodType(double.class), calls), -1.0);
        assertEquals(-1.0, (double) dbl.invokeExact(), "skipped before the user's code: the fallback");
        assertEquals(1, calls.get());
    }
}
