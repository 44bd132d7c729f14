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

    static MemorySegment returnsPointer() {
        return MemorySegment.NULL;
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
        MethodHandle pointer = lookup.findStatic(UpcallGuardTest.class, "returnsPointer",
                MethodType.methodType(MemorySegment.class));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> guard.guardHandle(pointer));
        assertTrue(refused.getMessage().contains("needs an integral or void return"), refused.getMessage());
    }
}
