package dev.customs.examples.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test, {@code sqlite3_memory_used()} must be back at what it was before it: every connection closed,
 * every statement finalized, every string SQLite handed out freed. A test that leaks fails, naming the bytes.
 */
public final class SqliteMemoryBaseline implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SqliteMemoryBaseline.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        // SQLite's first use allocates once for good (mutexes, the default VFS): open and close a connection first.
        long open;
        try (SqliteConnection warmUp = SqliteConnection.open(":memory:")) {
            open = SqliteLibrary.memoryUsed();
        }
        long used = SqliteLibrary.memoryUsed();
        assertTrue(open > used, "sqlite3_memory_used() does not grow with an open connection: this SQLite was built"
                + " without memory statistics (SQLITE_DEFAULT_MEMSTATUS=0), so the baseline check cannot work");
        context.getStore(NS).put("baseline", used);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long baseline = context.getStore(NS).get("baseline", Long.class);
        long used = SqliteLibrary.memoryUsed();
        assertEquals(baseline, used, "sqlite3_memory_used() after " + context.getDisplayName() + ": "
                + (used - baseline) + " byte(s) not freed");
    }
}
