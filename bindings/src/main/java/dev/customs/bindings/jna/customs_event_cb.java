package dev.customs.bindings.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** {@code typedef int32_t (*customs_event_cb)(void *user, int32_t event)}. */
public interface customs_event_cb extends Callback {
    int invoke(Pointer user, int event);
}
