package dev.customs.examples.sqlite;

import static dev.customs.examples.sqlite.Sqlite.SQLITE_OK;
import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.customs.callbacks.UpcallGuard;
import dev.customs.examples.sqlite.ffm.sqlite3_create_function_v2$xDestroy;
import dev.customs.examples.sqlite.ffm.sqlite3_create_function_v2$xFunc;
import dev.customs.examples.sqlite.ffm.sqlite3_exec$callback;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.examples.sqlite.ffm.sqlite3_progress_handler$x0;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * One SQLite database connection ({@code sqlite3*}), owned by this object:
 * <ul>
 *   <li>{@link #close()} finalizes the statements still open, closes the connection, then frees every upcall stub
 *       SQLite held; closing again does nothing; every use after close is refused with
 *       {@code IllegalStateException}, never a dangling {@code sqlite3*};</li>
 *   <li>{@link #exec}'s row callback is guarded: a throw stops the statement ({@code SQLITE_ABORT}) and the original
 *       throwable is rethrown here;</li>
 *   <li>{@link #createFunction} registers an SQL function through {@code sqlite3_create_function_v2}: a throw becomes
 *       {@code sqlite3_result_error}, then a {@link SqliteException} caused by the throwable; SQLite's
 *       {@code xDestroy} upcall releases the registration exactly once ({@link FunctionRegistration});</li>
 *   <li>{@link #progressHandler} lets a Java condition interrupt a long statement ({@code SQLITE_INTERRUPT}).</li>
 * </ul>
 * Every native call on the handle holds this object's monitor, so a connection may be shared between threads; a
 * callback may use its own connection (nested queries), but may not close it.
 */
public final class SqliteConnection implements AutoCloseable {
    private static final int OPEN_FLAGS = Sqlite.SQLITE_OPEN_READWRITE | Sqlite.SQLITE_OPEN_CREATE
            | Sqlite.SQLITE_OPEN_URI;

    /** Lives until the connection is closed: the xDestroy stub, which SQLite calls from inside sqlite3_close. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment xDestroy;
    private final List<SqliteStatement> statements = new ArrayList<>();
    private final Map<Long, FunctionRegistration> functions = new ConcurrentHashMap<>();
    /** Registrations SQLite let go of (xDestroy ran): their stubs are freed once the call that let go returns. */
    private final List<FunctionRegistration> released = new ArrayList<>();
    /** Throwables of the callbacks SQLite keeps (functions, progress handler), taken back after each call. */
    final UpcallGuard registeredCallbacks = new UpcallGuard(1);
    private MemorySegment db;
    private long nextFunctionId = 1;
    private int callbacksInFlight;
    private int unknownDestroys;
    private Arena progressArena;

    private SqliteConnection(MemorySegment db) {
        this.db = db;
        this.xDestroy = sqlite3_create_function_v2$xDestroy.allocate(this::destroyed, arena);
    }

    /** Opens (creating if needed) the database at {@code filename}; {@code ":memory:"} for a private in-memory one. */
    public static SqliteConnection open(String filename) {
        Objects.requireNonNull(filename, "filename");
        SqliteLibrary.loaded();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ADDRESS);
            int code = sqlite3_h.sqlite3_open_v2(scratch.allocateFrom(filename), out, OPEN_FLAGS, MemorySegment.NULL);
            MemorySegment db = out.get(ADDRESS, 0);
            if (code != SQLITE_OK) {
                String message = db.address() == 0 ? SqliteLibrary.errstr(code)
                        : SqliteLibrary.cString(sqlite3_h.sqlite3_errmsg(db));
                int extended = db.address() == 0 ? code : sqlite3_h.sqlite3_extended_errcode(db);
                sqlite3_h.sqlite3_close(db); // a handle is returned even on failure; NULL is harmless
                throw new SqliteException("sqlite3_open_v2", extended, message + " [" + filename + "]", null);
            }
            sqlite3_h.sqlite3_extended_result_codes(db, 1);
            return new SqliteConnection(db);
        }
    }

    /** The handle, for a native call made while holding the monitor. */
    synchronized MemorySegment handle() {
        if (db == null) {
            throw new IllegalStateException("the SQLite connection is closed");
        }
        return db;
    }

    /** True until {@link #close()}. */
    public synchronized boolean isOpen() {
        return db != null;
    }

    /** The failure of {@code function} as SQLite reports it, caused by what a registered callback threw, if any. */
    synchronized SqliteException failure(String function, int code) {
        Throwable cause = registeredCallbacks.takeFailure();
        int extended = db == null ? code : sqlite3_h.sqlite3_extended_errcode(db);
        if ((extended & 0xff) != (code & 0xff)) {
            // The call failed without recording it on the connection (SQLITE_MISUSE does that): trust its return.
            return new SqliteException(function, code, SqliteLibrary.errstr(code), cause);
        }
        return new SqliteException(function, extended, SqliteLibrary.cString(sqlite3_h.sqlite3_errmsg(db)), cause);
    }

    /** Prepares one statement; the connection finalizes it on close if the caller did not. */
    public synchronized SqliteStatement prepare(String sql) {
        Objects.requireNonNull(sql, "sql");
        MemorySegment handle = handle();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment text = scratch.allocateFrom(sql);
            MemorySegment out = scratch.allocate(ADDRESS);
            int code = sqlite3_h.sqlite3_prepare_v2(handle, text, (int) text.byteSize(), out, MemorySegment.NULL);
            if (code != SQLITE_OK) {
                throw failure("sqlite3_prepare_v2", code);
            }
            MemorySegment stmt = out.get(ADDRESS, 0);
            if (stmt.address() == 0) {
                throw new IllegalArgumentException("no SQL statement in \"" + sql + "\"");
            }
            SqliteStatement statement = new SqliteStatement(this, stmt);
            statements.add(statement);
            return statement;
        }
    }

    synchronized void forget(SqliteStatement statement) {
        statements.remove(statement);
    }

    /** Runs {@code sql} with {@code params} bound in order, and returns every row (column values as Java objects). */
    public synchronized List<List<Object>> query(String sql, Object... params) {
        try (SqliteStatement statement = prepare(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.bind(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            while (statement.step()) {
                Object[] row = new Object[statement.columnCount()];
                Arrays.setAll(row, statement::column);
                rows.add(Arrays.asList(row));
            }
            return rows;
        }
    }

    /**
     * {@code sqlite3_exec}: runs every statement in {@code sql}, calling {@code callback} (null: none) for each row.
     *
     * @throws SqliteException if SQLite fails; its message is SQLite's ({@code errmsg}, freed with sqlite3_free)
     * @throws RuntimeException or {@link Error}: what the callback threw, itself (SQLite stopped with SQLITE_ABORT)
     */
    public synchronized void exec(String sql, RowCallback callback) {
        Objects.requireNonNull(sql, "sql");
        MemorySegment handle = handle();
        UpcallGuard guard = new UpcallGuard(1);
        int code;
        String message;
        callbacksInFlight++;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment stub = callback == null ? MemorySegment.NULL
                    : sqlite3_exec$callback.allocate((unused, n, values, names) -> {
                        try {
                            callback.row(strings(names, n), strings(values, n));
                            return 0;
                        } catch (Throwable t) {
                            return guard.capture(t);
                        }
                    }, call);
            MemorySegment errmsg = call.allocate(ADDRESS);
            code = sqlite3_h.sqlite3_exec(handle, call.allocateFrom(sql), stub, MemorySegment.NULL, errmsg);
            MemorySegment owned = SqliteLibrary.adoptString(errmsg.get(ADDRESS, 0), call);
            message = owned.address() == 0 ? null : owned.getString(0);
        } finally {
            callbacksInFlight--;
        }
        Throwable thrown = guard.takeFailure();
        if (thrown != null) {
            if (code != Sqlite.SQLITE_ABORT) { // SQLite always aborts on a non-zero return: keep what it said anyway
                thrown.addSuppressed(new SqliteException("sqlite3_exec", code, SqliteLibrary.errstr(code), null));
            }
            throw UpcallGuard.unchecked(thrown);
        }
        if (code != SQLITE_OK) {
            SqliteException e = failure("sqlite3_exec", code);
            throw new SqliteException("sqlite3_exec", e.extendedCode(), message == null ? e.getMessage() : message,
                    e.getCause());
        }
    }

    private static List<String> strings(MemorySegment array, int n) {
        MemorySegment pointers = array.reinterpret(ADDRESS.byteSize() * n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(SqliteLibrary.cString(pointers.getAtIndex(ADDRESS, i)));
        }
        return out;
    }

    /**
     * Registers {@code function} as the SQL function {@code name} taking {@code nArgs} arguments (-1: any number),
     * deterministic. Registering the same name and arity again replaces it: SQLite calls the old one's xDestroy.
     *
     * @throws SqliteException if SQLite refuses (it has then already called xDestroy: the registration is released)
     */
    public synchronized FunctionRegistration createFunction(String name, int nArgs, SqlFunction function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        MemorySegment handle = handle();
        FunctionRegistration registration = new FunctionRegistration(name, nextFunctionId++, function,
                registeredCallbacks);
        functions.put(registration.id(), registration);
        int code;
        callbacksInFlight++;
        try (Arena scratch = Arena.ofConfined()) {
            code = sqlite3_h.sqlite3_create_function_v2(handle, scratch.allocateFrom(name), nArgs,
                    Sqlite.SQLITE_UTF8 | Sqlite.SQLITE_DETERMINISTIC, MemorySegment.ofAddress(registration.id()),
                    registration.stub(), MemorySegment.NULL, MemorySegment.NULL, xDestroy);
        } finally {
            callbacksInFlight--;
            freeReleased();
        }
        if (code != SQLITE_OK) {
            throw failure("sqlite3_create_function_v2", code);
        }
        return registration;
    }

    /** SQLite's xDestroy: it let go of a registration. Runs inside sqlite3_create_function_v2 or sqlite3_close. */
    private void destroyed(MemorySegment pApp) {
        try {
            FunctionRegistration registration = functions.remove(pApp.address());
            if (registration == null) {
                unknownDestroys++; // would be a second destroy: counted, never acted on
                return;
            }
            registration.destroyed();
            released.add(registration);
        } catch (Throwable t) {
            registeredCallbacks.capture(t); // xDestroy returns void: SQLite cannot be told, the caller is
        }
    }

    /** Frees the stubs of registrations SQLite let go of, now that no call SQLite makes can reach them. */
    private void freeReleased() {
        released.forEach(FunctionRegistration::free);
        released.clear();
    }

    /** xDestroy calls for a registration already released or never made: always 0 unless SQLite misbehaved. */
    public synchronized int unknownDestroys() {
        return unknownDestroys;
    }

    /**
     * {@code sqlite3_limit}: sets the run-time limit {@code id} ({@code SQLITE_LIMIT_LENGTH},
     * {@code SQLITE_LIMIT_ATTACHED}, ... from {@code sqlite3_h}) and returns the previous value.
     */
    public synchronized int limit(int id, int value) {
        return sqlite3_h.sqlite3_limit(handle(), id, value);
    }

    /**
     * Installs a progress handler: every {@code instructions} virtual machine instructions SQLite asks
     * {@code interrupt}; true stops the running statement with {@code SQLITE_INTERRUPT}. A throw stops it too, and
     * is the cause of the {@link SqliteException}. Replaces the previous handler.
     */
    public synchronized void progressHandler(int instructions, BooleanSupplier interrupt) {
        Objects.requireNonNull(interrupt, "interrupt");
        if (instructions < 1) {
            throw new IllegalArgumentException("instructions must be at least 1, got " + instructions);
        }
        MemorySegment handle = handle();
        Arena next = Arena.ofShared();
        MemorySegment stub = sqlite3_progress_handler$x0.allocate(unused -> {
            try {
                return interrupt.getAsBoolean() ? 1 : 0;
            } catch (Throwable t) {
                return registeredCallbacks.capture(t);
            }
        }, next);
        sqlite3_h.sqlite3_progress_handler(handle, instructions, stub, MemorySegment.NULL);
        replaceProgressArena(next);
    }

    /** Removes the progress handler. */
    public synchronized void clearProgressHandler() {
        sqlite3_h.sqlite3_progress_handler(handle(), 0, MemorySegment.NULL, MemorySegment.NULL);
        replaceProgressArena(null);
    }

    private void replaceProgressArena(Arena next) {
        if (progressArena != null) {
            progressArena.close(); // SQLite holds the new stub (or none) now
        }
        progressArena = next;
    }

    /**
     * Finalizes open statements, closes the connection (SQLite calls every function's xDestroy), then frees the
     * upcall stubs. Harmless when already closed.
     *
     * @throws IllegalStateException from inside one of this connection's callbacks
     */
    @Override
    public synchronized void close() {
        if (db == null) {
            return;
        }
        if (callbacksInFlight > 0) {
            throw new IllegalStateException("a SQLite connection cannot be closed from inside one of its callbacks");
        }
        for (SqliteStatement statement : List.copyOf(statements)) {
            statement.close();
        }
        int code = sqlite3_h.sqlite3_close(db);
        if (code != SQLITE_OK) {
            throw failure("sqlite3_close", code);
        }
        db = null;
        freeReleased();
        replaceProgressArena(null);
        arena.close();
    }
}
