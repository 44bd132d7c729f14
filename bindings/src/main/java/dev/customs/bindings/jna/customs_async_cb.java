package dev.customs.bindings.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** {@code typedef int32_t (*customs_async_cb)(void *user, int32_t value)}. */
public interface customs_async_cb extends Callback {
    int invoke(Pointer user, int value);
}
