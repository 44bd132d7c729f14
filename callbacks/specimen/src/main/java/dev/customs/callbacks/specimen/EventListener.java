package dev.customs.callbacks.specimen;

import dev.customs.jna.JnaCallbacks;

import dev.customs.callbacks.CallbackRegistration;

import dev.customs.api.CustomsGuards;
import static dev.customs.bindings.ffm.customs_h.C_POINTER;

import com.sun.jna.ptr.PointerByReference;
import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.JnaCustoms;
import dev.customs.callbacks.NativeThreadContext;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_event_cb;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * libcustoms' registered listener ({@code customs_listener_*}) on either backend, bound the way this module advises
 * for any C API that keeps a callback across calls: the callback is guarded ({@link UpcallGuard}), and one
 * {@link CallbackRegistration} owns the upcall and the native registration and releases them in order.
 *
 * <p>C calls the callback on the listener's own thread, one event at a time. A throwable from the callback becomes the
 * guard's status in C and is rethrown by the {@link #post} that delivered the event. A negative status, which would
 * read as one of libcustoms' own errors, is refused the same way: the post throws an
 * {@code IllegalArgumentException} ({@link Customs#callbackStatus}). If that post timed out, the throwable is rethrown
 * by the next post, or by {@link #close()}.
 */
public final class EventListener implements AutoCloseable {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    /** Posts one event through the registration; returns C's status. */
    @FunctionalInterface
    private interface Poster {
        int post(int event, int timeoutMillis);
    }

    /**
     * How long {@link #close()} lets C wait for an event in progress (and for posts on other threads) to finish
     * before {@code customs_listener_unregister} gives up with {@code CUSTOMS_E_TIMEOUT}.
     */
    public static final Duration UNREGISTER_TIMEOUT = Duration.ofSeconds(10);

    private final Customs customs;
    private final UpcallGuard guard;
    private final CallbackRegistration<?> registration;
    private final Poster poster;

    private EventListener(Customs customs, UpcallGuard guard, CallbackRegistration<?> registration, Poster poster) {
        this.customs = customs;
        this.guard = guard;
        this.registration = registration;
        this.poster = poster;
    }

    /** Registers {@code callback} with a guard that hands C {@link Customs#CALLBACK_THREW}. */
    public static EventListener register(Customs customs, EventCallback callback) {
        return register(customs, callback, CustomsGuards.guard());
    }

    /**
     * Registers {@code callback} on {@code customs}' backend, guarded by {@code guard}.
     *
     * @throws dev.customs.api.StatusException if C refuses ({@code CUSTOMS_E_NOMEM}, {@code CUSTOMS_E_THREAD})
     */
    public static EventListener register(Customs customs, EventCallback callback, UpcallGuard guard) {
        Objects.requireNonNull(customs, "customs");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(guard, "guard");
        if (customs instanceof FfmCustoms) {
            return ffm(customs, callback, guard);
        }
        if (customs instanceof JnaCustoms jna) {
            return jna(customs, jna.raw(), callback, guard);
        }
        throw new IllegalArgumentException("no listener binding for backend '" + customs.backend() + "'");
    }

    private static EventListener ffm(Customs customs, EventCallback callback, UpcallGuard guard) {
        CallbackRegistration<MemorySegment> registration = CallbackRegistration.ffm(
                arena -> customs_event_cb.allocate((user, event) -> {
                    try {
                        return Customs.callbackStatus(callback.onEvent(event));
                    } catch (Throwable t) {
                        return guard.capture(t);
                    }
                }, arena),
                stub -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment out = arena.allocate(C_POINTER);
                        customs.check("customs_listener_register",
                                customs_h.customs_listener_register(stub, MemorySegment.NULL, out), null);
                        return out.get(C_POINTER, 0);
                    }
                },
                listener -> customs.check("customs_listener_unregister",
                        customs_h.customs_listener_unregister(listener, unregisterMillis()), null));
        return new EventListener(customs, guard, registration, (event, timeout) ->
                registration.call(listener -> customs_h.customs_listener_post(listener, event, timeout)));
    }

    private static EventListener jna(Customs customs, CustomsLibrary lib, EventCallback callback, UpcallGuard guard) {
        dev.customs.bindings.jna.customs_event_cb upcall = (user, event) -> {
            try {
                return Customs.callbackStatus(callback.onEvent(event));
            } catch (Throwable t) {
                return guard.capture(t);
            }
        };
        CallbackRegistration<com.sun.jna.Pointer> registration = JnaCallbacks.register(upcall,
                cb -> {
                    PointerByReference out = new PointerByReference();
                    customs.check("customs_listener_register", lib.customs_listener_register(cb, null, out), null);
                    return out.getValue();
                },
                listener -> customs.check("customs_listener_unregister",
                        lib.customs_listener_unregister(listener, unregisterMillis()), null));
        return new EventListener(customs, guard, registration, (event, timeout) ->
                registration.call(listener -> lib.customs_listener_post(listener, event, timeout)));
    }

    private static int unregisterMillis() {
        return (int) UNREGISTER_TIMEOUT.toMillis();
    }

    /**
     * Hands {@code event} to the listener's thread and waits at most {@code timeout} for the callback: returns its
     * status, or rethrows what it threw.
     *
     * @throws dev.customs.api.StatusException {@code CUSTOMS_E_TIMEOUT} if the callback has not returned in time
     *                                         (the event is still delivered later); {@code CUSTOMS_E_STATE} after a
     *                                         {@link #close()} that timed out (C is stopping the listener)
     * @throws IllegalStateException           once the listener is closed
     */
    public int post(int event, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long millis = Math.min(Math.max(0, timeout.toMillis()), Integer.MAX_VALUE);
        int status = poster.post(event, (int) millis);
        guard.rethrowIfAny();
        return customs.check("customs_listener_post", status, "event " + event + ", waited at most " + millis + " ms");
    }

    /** True until {@link #close()} has unregistered the listener and freed its upcall. */
    public boolean isOpen() {
        return registration.isOpen();
    }

    /**
     * Unregisters (C delivers an event already handed over first, waiting at most {@link #UNREGISTER_TIMEOUT}), then
     * frees the upcall, then rethrows a throwable from the callback that no post has delivered.
     *
     * @throws dev.customs.api.StatusException {@code CUSTOMS_E_STATE} from inside the callback: nothing is released;
     *                                         {@code CUSTOMS_E_TIMEOUT} if the event in progress has not finished in
     *                                         time: nothing is released, the listener stops taking events, and
     *                                         closing again finishes
     */
    @Override
    public void close() {
        registration.close();
        guard.rethrowIfAny();
    }

    /** {@code callback}, run inside {@code context}. Guard it as well: a context catches nothing. */
    public static EventCallback inContext(NativeThreadContext context, EventCallback callback) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(callback, "callback");
        return event -> {
            context.enter();
            try {
                return callback.onEvent(event);
            } finally {
                context.exit();
            }
        };
    }
}
