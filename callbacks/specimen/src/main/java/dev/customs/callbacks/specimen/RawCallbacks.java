package dev.customs.callbacks.specimen;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.ItemCallback;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.Objects;

/**
 * libcustoms' synchronous iteration through the raw binding of either backend, returning C's own status and
 * rethrowing nothing: to show what C sees when a guarded callback fails. Real code calls {@link Customs#forEach},
 * which guards the callback itself and rethrows.
 */
public final class RawCallbacks {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private RawCallbacks() {}

    /**
     * {@code customs_for_each(items, callback)}; {@code callback} must already be guarded, or a throwable ends the JVM
     * (FFM) or is lost (JNA).
     */
    // Raw on purpose, as documented above: the caller guards the callback (the hazard demos pass an unguarded one).
    @SuppressWarnings("FfmUnguardedUpcall")
    public static int forEach(Customs customs, int[] items, ItemCallback callback) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(callback, "callback");
        return switch (customs) {
            case FfmCustoms ffm -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment stub = customs_item_cb.allocate((user, i, v) -> callback.onItem(i, v), arena);
                    yield customs_h.customs_for_each(arena.allocateFrom(JAVA_INT, items), items.length, stub,
                            MemorySegment.NULL);
                }
            }
            case JnaCustoms jna -> {
                dev.customs.bindings.jna.customs_item_cb cb = (user, i, v) -> callback.onItem(i, v);
                try {
                    yield jna.raw().customs_for_each(items, items.length, cb, null);
                } finally {
                    Reference.reachabilityFence(cb);
                }
            }
            default -> throw new IllegalArgumentException("no raw binding for backend '" + customs.backend() + "'");
        };
    }
}
