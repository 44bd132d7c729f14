package dev.customs.lifetime.specimen;

import static dev.customs.lifetime.specimen.Specimen.UNMAPPED_ON_FREE;
import static dev.customs.lifetime.specimen.Specimen.step;

import com.sun.jna.Memory;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.customs_item_cb;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JNA's counterpart of closing a shared arena during a downcall: {@code customs_for_each} is iterating over a
 * {@code Memory} when another thread closes it. Nothing refuses: the block is freed under C, whose next read of
 * {@code items[1]} dies of SIGSEGV inside {@code customs_for_each}. Argument: {@code jna} or {@code jna-interface}.
 */
public final class JnaMemoryClosedDuringCall {
    private JnaMemoryClosedDuringCall() {}

    public static void main(String[] args) throws Exception {
        CustomsLibrary lib = Specimen.jna(args[0]);
        Memory items = new Memory(UNMAPPED_ON_FREE);
        items.clear(16);
        ExecutorService other = Executors.newSingleThreadExecutor();
        customs_item_cb cb = (user, index, item) -> {
            if (index == 0) {
                try {
                    other.submit(items::close).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                step("another thread closed the Memory during the call");
            }
            step("item " + index + " = " + item);
            return 0;
        };
        step("status: " + lib.customs_for_each(items, UNMAPPED_ON_FREE / Integer.BYTES, cb, null));
        other.shutdown();
        Specimen.survived();
    }
}
