package dev.customs.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context wraps any upcall: a raw {@code MethodHandle} or any functional interface. Run on fresh threads standing in
 * for native ones (a context renames the thread it runs on), checking the name, the loader and the cleared
 * thread-local inside and after each upcall, also when the upcall throws.
 */
@Timeout(60)
class NativeThreadContextTest {
    static final ThreadLocal<String> LEFT_BEHIND = new ThreadLocal<>();
    static final ClassLoader LOADER = new ClassLoader(null) {};

    /** A callback type of some library: one abstract method. */
    @FunctionalInterface
    public interface OnEvent {
        int onEvent(int code, String detail);
    }

    static final List<String> SEEN = new ArrayList<>();

    static int record(int code, String detail) {
        SEEN.add(Thread.currentThread().getName() + " " + (Thread.currentThread().getContextClassLoader() == LOADER)
                + " " + detail);
        LEFT_BEHIND.set("state of " + code);
        if (code < 0) {
            throw new IllegalStateException("failed upcall " + code);
        }
        return code * 2;
    }

    interface Body<T> {
        T call() throws Throwable;
    }

    static <T> T onFreshThread(Body<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "Thread-0");
        t.start();
        return result.get(30, TimeUnit.SECONDS);
    }

    NativeThreadContext context() {
        return NativeThreadContext.named("lib-callback").contextClassLoader(LOADER).clearAfterEachUpcall(LEFT_BEHIND)
                .build();
    }

    @Test
    void aMethodHandleRunsInsideTheContextAndLeavesNothingBehindEvenWhenItThrows() throws Exception {
        SEEN.clear();
        NativeThreadContext context = context();
        MethodHandle upcall = context.wrap(MethodHandles.lookup().findStatic(NativeThreadContextTest.class, "record",
                MethodType.methodType(int.class, int.class, String.class)));
        assertEquals(MethodType.methodType(int.class, int.class, String.class), upcall.type(), "same type");
        String after = onFreshThread(() -> {
            int doubled = (int) upcall.invokeExact(21, "ok");
            assertEquals(42, doubled);
            assertNull(LEFT_BEHIND.get(), "cleared after the upcall");
            assertThrows(IllegalStateException.class, () -> {
                int ignored = (int) upcall.invokeExact(-1, "throws");
            });
            assertNull(LEFT_BEHIND.get(), "cleared after a throwing upcall too");
            return Thread.currentThread().getName();
        });
        assertEquals("lib-callback-1", after);
        assertEquals(List.of("lib-callback-1 true ok", "lib-callback-1 true throws"), SEEN);
        assertEquals(1, context.threadsPrepared());
    }

    @Test
    void anyFunctionalInterfaceIsWrapped() throws Exception {
        SEEN.clear();
        NativeThreadContext context = context();
        OnEvent wrapped = context.wrap(OnEvent.class, NativeThreadContextTest::record);
        assertEquals(10, (int) onFreshThread(() -> {
            int r = wrapped.onEvent(5, "iface");
            assertNull(LEFT_BEHIND.get());
            return r;
        }));
        assertEquals(List.of("lib-callback-1 true iface"), SEEN);
        IntBinaryOperator jdkType = context.wrap(IntBinaryOperator.class, Integer::sum);
        assertEquals(7, (int) onFreshThread(() -> jdkType.applyAsInt(3, 4)));
    }

    @Test
    void badArgumentsAreRefused() {
        NativeThreadContext context = context();
        assertThrows(NullPointerException.class, () -> context.wrap(null));
        assertThrows(NullPointerException.class, () -> context.wrap(OnEvent.class, null));
        assertThrows(NullPointerException.class, () -> context.wrap(null, (OnEvent) (c, d) -> 0));
        IllegalArgumentException notFunctional = assertThrows(IllegalArgumentException.class,
                () -> context.wrap(List.class, List.of()));
        assertTrue(notFunctional.getMessage().contains("not a functional interface"), notFunctional.getMessage());
        assertThrows(IllegalArgumentException.class, () -> context.wrap(String.class, "x"));
        assertThrows(NullPointerException.class, () -> NativeThreadContext.named(null));
    }
}
