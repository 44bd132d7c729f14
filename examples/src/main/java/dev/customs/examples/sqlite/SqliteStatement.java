package dev.customs.examples.sqlite;

import static dev.customs.examples.sqlite.Sqlite.SQLITE_DONE;
import static dev.customs.examples.sqlite.Sqlite.SQLITE_OK;
import static dev.customs.examples.sqlite.Sqlite.SQLITE_ROW;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.Handoff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A prepared statement ({@code sqlite3_stmt*}), owned by this object and by its connection: {@link #close()}
 * finalizes it once, and closing the connection finalizes it too. Use after either is refused with
 * {@code IllegalStateException}. Binds copy their value into SQLite ({@code SQLITE_TRANSIENT}), so the Java value may
 * change or move as soon as the bind returns; a blob goes from the Java array through a native copy
 * ({@link Handoff#NATIVE_COPY}).
 */
public final class SqliteStatement implements AutoCloseable {
    private static final ArrayHandoff<MemorySegment> BLOBS = Handoff.NATIVE_COPY.ffm();

    private final SqliteConnection connection;
    private MemorySegment stmt;

    SqliteStatement(SqliteConnection connection, MemorySegment stmt) {
        this.connection = connection;
        this.stmt = stmt;
    }

    /** The handoff every blob bind goes through (its counters show one copy per bind, no write-back). */
    public static ArrayHandoff<MemorySegment> blobHandoff() {
        return BLOBS;
    }

    private MemorySegment handle() {
        connection.handle(); // refuses once the connection is closed
        if (stmt == null) {
            throw new IllegalStateException("the SQLite statement is closed");
        }
        return stmt;
    }

    private void check(String function, int code) {
        if (code != SQLITE_OK) {
            throw connection.failure(function, code);
        }
    }

    /** Binds text to the parameter at {@code index} (1-based). */
    public void bind(int index, String text) {
        synchronized (connection) {
            if (text == null) {
                bindNull(index);
                return;
            }
            try (Arena scratch = Arena.ofConfined()) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                check("sqlite3_bind_text", sqlite3_h.sqlite3_bind_text(handle(), index,
                        scratch.allocateFrom(JAVA_BYTE, utf8), utf8.length, SqliteLibrary.SQLITE_TRANSIENT));
            }
        }
    }

    /** Binds a blob from a Java array. */
    public void bind(int index, byte[] blob) {
        synchronized (connection) {
            if (blob == null) {
                bindNull(index);
                return;
            }
            MemorySegment handle = handle();
            int code = BLOBS.pass(SqliteLibrary.BIND_BLOB, blob, 0, blob.length, Access.IN,
                    copy -> (int) SqliteLibrary.BIND_BLOB_CALL.handle().invokeExact(handle, index, copy, blob.length,
                            SqliteLibrary.SQLITE_TRANSIENT));
            check("sqlite3_bind_blob", code);
        }
    }

    /** Binds a 64-bit integer. */
    public void bind(int index, long value) {
        synchronized (connection) {
            check("sqlite3_bind_int64", sqlite3_h.sqlite3_bind_int64(handle(), index, value));
        }
    }

    /** Binds a double. */
    public void bind(int index, double value) {
        synchronized (connection) {
            check("sqlite3_bind_double", sqlite3_h.sqlite3_bind_double(handle(), index, value));
        }
    }

    /** Binds SQL NULL. */
    public void bindNull(int index) {
        synchronized (connection) {
            check("sqlite3_bind_null", sqlite3_h.sqlite3_bind_null(handle(), index));
        }
    }

    /** Binds a Java value by its type: String, byte[], Long/Integer, Double, or null. */
    public void bind(int index, Object value) {
        switch (value) {
            case null -> bindNull(index);
            case String s -> bind(index, s);
            case byte[] b -> bind(index, b);
            case Long l -> bind(index, (long) l);
            case Integer i -> bind(index, (long) i);
            case Double d -> bind(index, (double) d);
            default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getName()
                    + "; bind a String, byte[], Long, Integer, Double or null");
        }
    }

    /**
     * Runs the statement to its next row.
     *
     * @return true when a row is ready, false when the statement is done
     * @throws SqliteException when SQLite fails; caused by what a user function or progress handler threw, if one did
     */
    public boolean step() {
        synchronized (connection) {
            int code = sqlite3_h.sqlite3_step(handle());
            if (code == SQLITE_ROW) {
                connection.registeredCallbacks.rethrowIfAny(); // a function threw, yet the row came: never hide it
                return true;
            }
            if (code == SQLITE_DONE) {
                connection.registeredCallbacks.rethrowIfAny();
                return false;
            }
            SqliteException e = connection.failure("sqlite3_step", code);
            sqlite3_h.sqlite3_reset(stmt); // ready to run again; its own return repeats the error
            throw e;
        }
    }

    /** Resets the statement to run again; bindings are kept. */
    public void reset() {
        synchronized (connection) {
            sqlite3_h.sqlite3_reset(handle());
        }
    }

    public int columnCount() {
        synchronized (connection) {
            return sqlite3_h.sqlite3_column_count(handle());
        }
    }

    /** The value of column {@code i} (0-based) of the current row: Long, Double, String, byte[] or null. */
    public Object column(int i) {
        synchronized (connection) {
            MemorySegment s = handle();
            if (i < 0 || i >= sqlite3_h.sqlite3_column_count(s)) {
                throw new IndexOutOfBoundsException("column " + i + " of " + sqlite3_h.sqlite3_column_count(s));
            }
            return switch (sqlite3_h.sqlite3_column_type(s, i)) {
                case Sqlite.SQLITE_INTEGER -> sqlite3_h.sqlite3_column_int64(s, i);
                case Sqlite.SQLITE_FLOAT -> sqlite3_h.sqlite3_column_double(s, i);
                case Sqlite.SQLITE_TEXT -> SqliteValues.text(sqlite3_h.sqlite3_column_text(s, i),
                        sqlite3_h.sqlite3_column_bytes(s, i));
                case Sqlite.SQLITE_BLOB -> SqliteValues.bytes(sqlite3_h.sqlite3_column_blob(s, i),
                        sqlite3_h.sqlite3_column_bytes(s, i));
                default -> null;
            };
        }
    }

    /**
     * {@code sqlite3_expanded_sql}: the SQL with the bound values in place. SQLite allocates it; it is freed with
     * {@code sqlite3_free} exactly once ({@link SqliteLibrary#adoptString}) before this returns.
     */
    public String expandedSql() {
        synchronized (connection) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sql = SqliteLibrary.adoptString(sqlite3_h.sqlite3_expanded_sql(handle()), arena);
                if (sql.address() == 0) {
                    throw new OutOfMemoryError("sqlite3_expanded_sql returned NULL");
                }
                return sql.getString(0);
            }
        }
    }

    /** {@link #expandedSql()} adopted by {@code arena}: freed with {@code sqlite3_free} when the arena closes. */
    public MemorySegment expandedSql(Arena arena) {
        Objects.requireNonNull(arena, "arena");
        synchronized (connection) {
            return SqliteLibrary.adoptString(sqlite3_h.sqlite3_expanded_sql(handle()), arena);
        }
    }

    /** Finalizes the statement; harmless when already closed (by this or by the connection). */
    @Override
    public void close() {
        synchronized (connection) {
            if (stmt == null) {
                return;
            }
            sqlite3_h.sqlite3_finalize(stmt); // its return repeats the last step's error, already reported
            stmt = null;
            connection.forget(this);
        }
    }
}
