package dev.customs.examples.checked;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.customs.examples.sqlite.Sqlite;
import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.examples.sqlite.ffm.sqlite3_create_function_v2$xFunc;
import dev.customs.examples.sqlite.ffm.sqlite3_exec$callback;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.examples.sqlite.ffm.sqlite3_progress_handler$x0;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A test copy of the SQLite example's three upcalls with their guards removed: a row callback, a user function and a
 * progress handler that throw straight into C. Without checked mode each of them ends the JVM ("Unrecoverable
 * uncaught exception", exit 1). Under the agent each throwable is caught at the upcall's entry and rethrown from the
 * {@code sqlite3_exec} that led to it; this program prints what it caught around each call, then "completed".
 * {@link CheckedModeOnExamplesTest} runs it in a child JVM, with and without the agent.
 */
public final class UnguardedExamples {
    private UnguardedExamples() {}

    // Deliberately unguarded: these upcalls are the hazard checked mode must turn into a report.
    @SuppressWarnings("FfmUnguardedUpcall")
    public static void main(String[] args) {
        SqliteLibrary.loaded(); // the generated sqlite3_h looks SQLite up where the toolkit's loader put it
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int open = sqlite3_h.sqlite3_open_v2(arena.allocateFrom(":memory:"), out,
                    Sqlite.SQLITE_OPEN_READWRITE | Sqlite.SQLITE_OPEN_CREATE, MemorySegment.NULL);
            if (open != 0) {
                throw new IllegalStateException("sqlite3_open returned " + open);
            }
            MemorySegment db = out.get(ADDRESS, 0);

            MemorySegment row = sqlite3_exec$callback.allocate((user, n, values, names) -> {
                throw new IllegalStateException("row callback threw");
            }, arena);
            exec("row callback", db, "select 1", row, arena);

            MemorySegment function = sqlite3_create_function_v2$xFunc.allocate((context, argc, argv) -> {
                throw new IllegalArgumentException("user function threw");
            }, arena);
            int created = sqlite3_h.sqlite3_create_function_v2(db, arena.allocateFrom("boom"), 0,
                    sqlite3_h.SQLITE_UTF8(), MemorySegment.NULL, function, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.NULL);
            if (created != 0) {
                throw new IllegalStateException("sqlite3_create_function_v2 returned " + created);
            }
            exec("user function", db, "select boom()", MemorySegment.NULL, arena);

            MemorySegment progress = sqlite3_progress_handler$x0.allocate(user -> {
                throw new UnsupportedOperationException("progress handler threw");
            }, arena);
            sqlite3_h.sqlite3_progress_handler(db, 1, progress, MemorySegment.NULL);
            exec("progress handler", db, "with recursive c(x) as (select 1 union all select x + 1 from c"
                    + " where x < 10000) select count(*) from c", MemorySegment.NULL, arena);
            sqlite3_h.sqlite3_progress_handler(db, 0, MemorySegment.NULL, MemorySegment.NULL);

            sqlite3_h.sqlite3_close(db);
        }
        System.out.println("completed");
    }

    private static void exec(String what, MemorySegment db, String sql, MemorySegment callback, Arena arena) {
        try {
            int code = sqlite3_h.sqlite3_exec(db, arena.allocateFrom(sql), callback, MemorySegment.NULL,
                    MemorySegment.NULL);
            System.out.println(what + ": no throwable, sqlite3_exec returned " + code);
        } catch (RuntimeException e) {
            System.out.println(what + ": caught around sqlite3_exec: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }
}
