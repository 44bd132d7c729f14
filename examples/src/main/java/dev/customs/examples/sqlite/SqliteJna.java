package dev.customs.examples.sqlite;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.callbacks.CallbackRegistration;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.jna.JnaCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JNA counterpart of {@link SqliteConnection}'s exec with a row callback and its user functions, on the same
 * libsqlite3 file ({@link SqliteLibrary#loaded()}). The same guard keeps throwables out of SQLite; the callback
 * objects are held strongly ({@link JnaCallbacks}) until SQLite's xDestroy says it let go, else JNA would let the GC
 * take them while SQLite still calls them ("JNA: callback object has been garbage collected", and SQLite gets 0).
 */
public final class SqliteJna implements AutoCloseable {
    /** The functions used, through JNA's interface mapping. */
    public interface SqliteLibraryJna extends Library {
        int sqlite3_open_v2(String filename, PointerByReference db, int flags, String vfs);

        int sqlite3_close(Pointer db);

        int sqlite3_extended_result_codes(Pointer db, int onoff);

        int sqlite3_exec(Pointer db, String sql, ExecCallback callback, Pointer arg, PointerByReference errmsg);

        void sqlite3_free(Pointer p);

        String sqlite3_errmsg(Pointer db);

        int sqlite3_extended_errcode(Pointer db);

        int sqlite3_create_function_v2(Pointer db, String name, int nArg, int eTextRep, Pointer app, XFunc xFunc,
                Callback xStep, Callback xFinal, XDestroy xDestroy);

        int sqlite3_value_type(Pointer value);

        long sqlite3_value_int64(Pointer value);

        double sqlite3_value_double(Pointer value);

        Pointer sqlite3_value_text(Pointer value);

        Pointer sqlite3_value_blob(Pointer value);

        int sqlite3_value_bytes(Pointer value);

        void sqlite3_result_int64(Pointer context, long value);

        void sqlite3_result_double(Pointer context, double value);

        void sqlite3_result_text(Pointer context, byte[] utf8, int length, Pointer destructor);

        void sqlite3_result_null(Pointer context);

        void sqlite3_result_error(Pointer context, String message, int length);
    }

    /** {@code int (*)(void*, int, char**, char**)}. */
    public interface ExecCallback extends Callback {
        int invoke(Pointer arg, int n, Pointer values, Pointer names);
    }

    /** {@code void (*)(sqlite3_context*, int, sqlite3_value**)}. */
    public interface XFunc extends Callback {
        void invoke(Pointer context, int n, Pointer values);
    }

    /** {@code void (*)(void*)}. */
    public interface XDestroy extends Callback {
        void invoke(Pointer app);
    }

    private static final Pointer SQLITE_TRANSIENT = new Pointer(-1);
    private static final SqliteLibraryJna LIB = Native.load(SqliteLibrary.loaded().path().toString(),
            SqliteLibraryJna.class);

    private final UpcallGuard functionFailures = new UpcallGuard(1);
    private final Map<Long, CallbackRegistration<Long>> functions = new ConcurrentHashMap<>();
    private final AtomicInteger destroys = new AtomicInteger();
    private final XDestroy xDestroy = app -> {
        CallbackRegistration<Long> registration = functions.remove(Pointer.nativeValue(app));
        destroys.incrementAndGet();
        if (registration != null) {
            registration.close(); // releases the strong reference to the XFunc: SQLite has let go of it
        }
    };
    private long nextId = 1;
    private Pointer db;

    private SqliteJna(Pointer db) {
        this.db = db;
    }

    /** The raw mapping. */
    public static SqliteLibraryJna raw() {
        return LIB;
    }

    public static SqliteJna open(String filename) {
        PointerByReference out = new PointerByReference();
        int code = LIB.sqlite3_open_v2(filename, out, Sqlite.SQLITE_OPEN_READWRITE | Sqlite.SQLITE_OPEN_CREATE
                | Sqlite.SQLITE_OPEN_URI, null);
        if (code != Sqlite.SQLITE_OK) {
            String message = out.getValue() == null ? SqliteLibrary.errstr(code) : LIB.sqlite3_errmsg(out.getValue());
            LIB.sqlite3_close(out.getValue());
            throw new SqliteException("sqlite3_open_v2", code, message, null);
        }
        LIB.sqlite3_extended_result_codes(out.getValue(), 1);
        return new SqliteJna(out.getValue());
    }

    private synchronized Pointer handle() {
        if (db == null) {
            throw new IllegalStateException("the SQLite connection is closed");
        }
        return db;
    }

    /** {@code sqlite3_exec} with a guarded row callback: as {@link SqliteConnection#exec}. */
    public synchronized void exec(String sql, RowCallback callback) {
        Objects.requireNonNull(sql, "sql");
        Pointer handle = handle();
        UpcallGuard guard = new UpcallGuard(1);
        ExecCallback upcall = callback == null ? null : (arg, n, values, names) -> {
            try {
                callback.row(strings(names, n), strings(values, n));
                return 0;
            } catch (Throwable t) {
                return guard.capture(t);
            }
        };
        PointerByReference errmsg = new PointerByReference();
        int code = LIB.sqlite3_exec(handle, sql, upcall, null, errmsg);
        String message = null;
        Pointer p = errmsg.getValue();
        if (p != null) {
            try {
                message = p.getString(0, StandardCharsets.UTF_8.name());
            } finally {
                LIB.sqlite3_free(p); // by hand: a JNA Pointer has no lifetime to tie the free to
            }
        }
        Throwable thrown = guard.takeFailure();
        if (thrown != null) {
            if (code != Sqlite.SQLITE_ABORT) { // SQLite always aborts on a non-zero return: keep what it said anyway
                thrown.addSuppressed(new SqliteException("sqlite3_exec", code, SqliteLibrary.errstr(code), null));
            }
            throw UpcallGuard.unchecked(thrown);
        }
        if (code != Sqlite.SQLITE_OK) {
            throw new SqliteException("sqlite3_exec", LIB.sqlite3_extended_errcode(handle),
                    message != null ? message : LIB.sqlite3_errmsg(handle), functionFailures.takeFailure());
        }
    }

    private static List<String> strings(Pointer array, int n) {
        List<String> out = new ArrayList<>(n);
        for (Pointer p : array.getPointerArray(0, n)) {
            out.add(p == null ? null : p.getString(0, StandardCharsets.UTF_8.name()));
        }
        return out;
    }

    /** Registers a user function, as {@link SqliteConnection#createFunction}; released by SQLite's xDestroy. */
    public synchronized void createFunction(String name, int nArgs, SqlFunction function) {
        Objects.requireNonNull(function, "function");
        Pointer handle = handle();
        long id = nextId++;
        XFunc xFunc = (context, n, values) -> {
            try {
                result(context, function.apply(arguments(values, n)));
            } catch (Throwable t) {
                functionFailures.capture(t);
                LIB.sqlite3_result_error(context, t.getMessage() != null ? t.getMessage() : t.getClass().getName(), -1);
            }
        };
        CallbackRegistration<Long> registration = JnaCallbacks.register(xFunc, f -> id, ignored -> { });
        functions.put(id, registration);
        int code = LIB.sqlite3_create_function_v2(handle, name, nArgs, Sqlite.SQLITE_UTF8
                | Sqlite.SQLITE_DETERMINISTIC, new Pointer(id), xFunc, null, null, xDestroy);
        if (code != Sqlite.SQLITE_OK) {
            throw new SqliteException("sqlite3_create_function_v2", LIB.sqlite3_extended_errcode(handle),
                    LIB.sqlite3_errmsg(handle), null);
        }
    }

    /** xDestroy calls so far. */
    public int destroys() {
        return destroys.get();
    }

    /** Functions SQLite still holds. */
    public int registeredFunctions() {
        return functions.size();
    }

    private static Object[] arguments(Pointer values, int n) {
        Pointer[] array = n == 0 ? new Pointer[0] : values.getPointerArray(0, n);
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            Pointer v = array[i];
            args[i] = switch (LIB.sqlite3_value_type(v)) {
                case Sqlite.SQLITE_INTEGER -> LIB.sqlite3_value_int64(v);
                case Sqlite.SQLITE_FLOAT -> LIB.sqlite3_value_double(v);
                case Sqlite.SQLITE_TEXT -> {
                    Pointer text = LIB.sqlite3_value_text(v);
                    yield text == null ? "" : new String(text.getByteArray(0, LIB.sqlite3_value_bytes(v)),
                            StandardCharsets.UTF_8);
                }
                case Sqlite.SQLITE_BLOB -> {
                    Pointer blob = LIB.sqlite3_value_blob(v);
                    yield blob == null ? new byte[0] : blob.getByteArray(0, LIB.sqlite3_value_bytes(v));
                }
                default -> null;
            };
        }
        return args;
    }

    private static void result(Pointer context, Object value) {
        switch (value) {
            case null -> LIB.sqlite3_result_null(context);
            case Long l -> LIB.sqlite3_result_int64(context, l);
            case Integer i -> LIB.sqlite3_result_int64(context, i);
            case Boolean b -> LIB.sqlite3_result_int64(context, b ? 1 : 0);
            case Double d -> LIB.sqlite3_result_double(context, d);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                LIB.sqlite3_result_text(context, utf8, utf8.length, SQLITE_TRANSIENT);
            }
            default -> throw new IllegalArgumentException("a SQL function cannot return a "
                    + value.getClass().getName() + " here; return a Long, Double, String or null");
        }
    }

    /** Closes the connection (SQLite calls every function's xDestroy); harmless when already closed. */
    @Override
    public synchronized void close() {
        if (db == null) {
            return;
        }
        int code = LIB.sqlite3_close(db);
        if (code != Sqlite.SQLITE_OK) {
            throw new SqliteException("sqlite3_close", LIB.sqlite3_extended_errcode(db), LIB.sqlite3_errmsg(db), null);
        }
        db = null;
    }

    /** What a row callback saw, in order: for tests and the demo. */
    public static List<List<String>> rows(SqliteJna connection, String sql) {
        List<List<String>> rows = new ArrayList<>();
        connection.exec(sql, (names, values) -> rows.add(new ArrayList<>(values)));
        return rows;
    }
}
