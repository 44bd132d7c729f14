package dev.customs.callbacks;

import dev.customs.api.ItemCallback;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.jna.customs_item_cb;
import java.lang.ref.Reference;

/** The guard on JNA: the same guard, in a JNA {@code Callback}, instead of JNA's global exception handler. */
class JnaGuardTest extends GuardContract {
    @Override
    String backend() {
        return "jna";
    }

    @Override
    int rawForEach(int[] items, ItemCallback guarded) {
        customs_item_cb cb = (user, index, item) -> guarded.onItem(index, item);
        try {
            return ((JnaCustoms) customs).raw().customs_for_each(items, items.length, cb, null);
        } finally {
            Reference.reachabilityFence(cb);
        }
    }
}
