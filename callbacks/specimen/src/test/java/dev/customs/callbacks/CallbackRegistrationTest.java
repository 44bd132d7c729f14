package dev.customs.callbacks;

import dev.customs.jna.JnaCallbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.jna.customs_event_cb;
import java.lang.foreign.Arena;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order {@link CallbackRegistration} releases things in, and what it does when a step fails. */
class CallbackRegistrationTest {
    private final List<String> events = new ArrayList<>();
    private final AtomicReference<Arena> stubArena = new AtomicReference<>();

    private CallbackRegistration<String> ffm(CallbackRegistration.Register<java.lang.foreign.MemorySegment, String>
            register, CallbackRegistration.Unregister<String> unregister) {
        return CallbackRegistration.ffm(arena -> {
            stubArena.set(arena);
            return customs_item_cb.allocate((user, index, item) -> 0, arena);
        }, register, unregister);
    }

    private String arenaState() {
        return stubArena.get().scope().isAlive() ? "alive" : "closed";
    }

    @Test
    void ffmUnregistersWhileTheStubIsAliveAndOnlyThenClosesItsArena() {
        CallbackRegistration<String> registration = ffm(stub -> "registration of a stub at " + (stub.address() != 0
                ? "an address" : "NULL"), r -> events.add("unregister " + r + " with the stub's arena " + arenaState()));
        assertEquals("registration of a stub at an address".length(), registration.call(String::length),
                "a native call sees the registration C returned");
        registration.close();
        assertEquals(List.of("unregister registration of a stub at an address with the stub's arena alive"), events);
        assertEquals("closed", arenaState());
        assertFalse(registration.isOpen());
        OnBackend.assertMessage(IllegalStateException.class, "the callback registration is closed",
                () -> registration.call(String::length));
        registration.close(); // idempotent
        assertEquals(1, events.size());
    }

    @Test
    void ffmRegistrationThatFailsClosesTheArenaAtOnce() {
        IllegalStateException refused = new IllegalStateException("C refused the registration");
        assertSame(refused, assertThrows(IllegalStateException.class, () -> ffm(stub -> {
            throw refused;
        }, r -> events.add("unregister"))));
        assertEquals("closed", arenaState());
        assertEquals(List.of(), events);
    }

    @Test
    void anUnregisterThatFailsKeepsTheUpcallAndTheRegistrationUsable() {
        int[] attempts = {0};
        CallbackRegistration<String> registration = ffm(stub -> "r", r -> {
            if (attempts[0]++ == 0) {
                throw new IllegalStateException("C still uses it");
            }
        });
        OnBackend.assertMessage(IllegalStateException.class, "C still uses it", registration::close);
        assertTrue(registration.isOpen());
        assertEquals("alive", arenaState());
        assertEquals(1, registration.call(String::length));
        registration.close();
        assertEquals("closed", arenaState());
    }

    @Test
    void closeIsRefusedWhileANativeCallUsesTheRegistration() {
        CallbackRegistration<String> registration = ffm(stub -> "r", r -> events.add("unregister"));
        registration.call(r -> {
            OnBackend.assertMessage(IllegalStateException.class, "in use by 1 native call(s) in flight",
                    registration::close);
            return 0;
        });
        assertEquals(List.of(), events);
        registration.close();
        assertEquals(List.of("unregister"), events);
    }

    @Test
    void jnaHoldsTheCallbackUntilUnregisteredAndLetsGoAfter() throws InterruptedException {
        int[] captured = {7};
        customs_event_cb callback = (user, event) -> event + captured[0];
        WeakReference<customs_event_cb> ref = new WeakReference<>(callback);
        CallbackRegistration<String> registration = JnaCallbacks.register(callback, cb -> "r",
                r -> events.add("unregister " + (ref.get() == null ? "after" : "before") + " the callback was let go"));
        callback = null;
        System.gc();
        assertNotNull(ref.get(), "held while registered");
        registration.close();
        assertEquals(List.of("unregister before the callback was let go"), events);
        OnBackend.assertCollected(ref, "the JNA callback after close");
    }
}
