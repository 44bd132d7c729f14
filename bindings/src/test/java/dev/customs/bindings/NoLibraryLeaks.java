package dev.customs.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a libcustoms allocation live: {@code customs_live_allocations()} must be back to what it was
 * before the test. FFM and JNA open the same library file, so the one counter sees both backends. Used by other
 * modules through this module's test-jar: {@code @ExtendWith(NoLibraryLeaks.class)}.
 */
public final class NoLibraryLeaks implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLibraryLeaks.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        CustomsLookup.load();
        context.getStore(NS).put("before", customs_h.customs_live_allocations());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long before = context.getStore(NS).get("before", Long.class);
        assertEquals(before, customs_h.customs_live_allocations(),
                "libcustoms allocations left live by " + context.getDisplayName());
    }
}
