package dev.customs.bindings.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** {@code typedef int32_t (*customs_thread_cb)(void *user, int32_t thread_index, int32_t call_index)}. */
public interface customs_thread_cb extends Callback {
    int invoke(Pointer user, int threadIndex, int callIndex);
}
