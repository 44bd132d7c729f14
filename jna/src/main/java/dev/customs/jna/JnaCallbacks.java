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
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(unregister, "unregister");
        T registration = register.register(callback);
        return CallbackRegistration.holding(registration, unregister, callback, () -> {});
    }
}
