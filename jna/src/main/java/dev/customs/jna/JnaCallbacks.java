package dev.customs.jna;

import com.sun.jna.Callback;
import dev.customs.callbacks.CallbackRegistration;
import java.util.Objects;

/**
 * JNA's form of {@link CallbackRegistration}: a {@link Callback} that C keeps across calls, held strongly until C has
 * let go of it. Dropped early, JNA prints "JNA: callback object has been garbage collected" and C receives 0, as if
 * the callback had succeeded.
 */
public final class JnaCallbacks {
    private JnaCallbacks() {}

    /** Registers {@code callback} and holds it strongly until {@link CallbackRegistration#close()} has unregistered it. */
    public static <C extends Callback, T> CallbackRegistration<T> register(C callback,
            CallbackRegistration.Register<? super C, T> register, CallbackRegistration.Unregister<T> unregister) {
        return registerGroup(callback, register, unregister);
    }

    /**
     * Several callbacks C holds together (a parser's start, end and text handlers), registered by {@code register} and
     * all held strongly until {@link CallbackRegistration#close()} has run {@code unregister}, which must make C let go
     * of every one.
     *
     * @param <S> the callbacks, as a record or a list: every {@link Callback} reachable from it stays alive
     */
    public static <S, T> CallbackRegistration<T> registerGroup(S callbacks,
            CallbackRegistration.Register<? super S, T> register, CallbackRegistration.Unregister<T> unregister) {
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(unregister, "unregister");
        T registration = register.register(callbacks);
        return CallbackRegistration.holding(registration, unregister, callbacks, () -> {});
    }
}
