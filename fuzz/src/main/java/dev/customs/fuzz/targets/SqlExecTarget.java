package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.examples.sqlite.FunctionRegistration;
import dev.customs.examples.sqlite.SqliteConnection;
import dev.customs.examples.sqlite.SqliteException;
import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SQL built from fuzzer bytes, run through {@code sqlite3_exec} on the system's SQLite with a guarded row callback
 * that throws at a row the fuzzer picks, a user function {@code fz(...)} that throws for some arguments, and a
 * progress handler that bounds the run. The contract: no crash; the call returns, or throws a {@link SqliteException}
 * or one of the exceptions planted here, itself; the function's registration is destroyed exactly once at close; and
 * {@code sqlite3_memory_used()} is back to where it was.
 *
 * <p>Statements that would write files ({@code ATTACH}, {@code VACUUM INTO}) are dropped before SQLite sees them,
 * and the connection's limits keep values and attachments small.
 */
public final class SqlExecTarget {
    /** What the row callback throws. */
    static final class RowRefused extends RuntimeException {
        RowRefused(int row) {
            super("row " + row + " refused by the fuzz target");
        }
    }

    /** What the user function throws. */
    static final class FunctionRefused extends RuntimeException {
        FunctionRefused(Object argument) {
            super("fz refused " + argument);
        }
    }

    private SqlExecTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int throwAtRow = data.consumeInt(0, 20);
        int functionThrowsEvery = data.consumeInt(0, 5);
        String sql = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("attach") || lower.contains("vacuum")) {
            return; // would create files; nothing else is filtered
        }
        long baseline = SqliteLibrary.memoryUsed();
        FunctionRegistration fz;
        SqliteConnection db = SqliteConnection.open(":memory:");
        try {
            db.limit(sqlite3_h.SQLITE_LIMIT_LENGTH(), 100_000);
            db.limit(sqlite3_h.SQLITE_LIMIT_ATTACHED(), 0);
            AtomicInteger progress = new AtomicInteger();
            db.progressHandler(1000, () -> progress.incrementAndGet() > 2000);
            AtomicInteger calls = new AtomicInteger();
            fz = db.createFunction("fz", -1, args -> {
                if (functionThrowsEvery > 0 && calls.incrementAndGet() % functionThrowsEvery == 0) {
                    throw new FunctionRefused(args.length == 0 ? null : args[0]);
                }
                return args.length == 0 ? null : args[0];
            });
            AtomicInteger rows = new AtomicInteger();
            try {
                db.exec(sql, (names, values) -> {
                    Expect.equal("names and values of a row", names.size(), values.size());
                    int row = rows.incrementAndGet();
                    if (row == throwAtRow) {
                        throw new RowRefused(row);
                    }
                });
            } catch (SqliteException e) {
                Expect.that(e.getCause() == null || e.getCause() instanceof FunctionRefused,
                        () -> "a SqliteException caused by something not planted: " + e.getCause());
            } catch (RowRefused e) {
                Expect.equal("the row the callback threw at", throwAtRow, rows.get());
            }
        } finally {
            db.close();
        }
        Expect.equal("xDestroy calls for fz after close", 1, fz.destroys());
        Expect.that(fz.isReleased(), () -> "fz's stub is still held after close");
        Expect.equal("xDestroy calls for unknown registrations", 0, db.unknownDestroys());
        Expect.equal("sqlite3_memory_used() after close, relative to before", 0L,
                SqliteLibrary.memoryUsed() - baseline);
    }
}
