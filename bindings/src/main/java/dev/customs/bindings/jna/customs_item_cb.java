package dev.customs.bindings.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** {@code typedef int32_t (*customs_item_cb)(void *user, int64_t index, int32_t item)}. */
public interface customs_item_cb extends Callback {
    int invoke(Pointer user, long index, int item);
}
