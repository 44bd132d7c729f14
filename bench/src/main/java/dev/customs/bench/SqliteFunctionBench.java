package dev.customs.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.examples.sqlite.Sqlite;
import dev.customs.examples.sqlite.SqliteConnection;
import dev.customs.examples.sqlite.SqliteJna;
import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.examples.sqlite.ffm.sqlite3_create_function_v2$xFunc;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 12: one SQLite query calling a user function {@code f(x) = x + 1} 100,000 times, so each score is 100,000
 * upcalls from inside SQL evaluation plus SQLite's own work. FFM and JNA, raw (no try/catch: a throw would end the
 * JVM on FFM, be lost on JNA) and guarded (the guard's try/catch, {@code sqlite3_result_error} on a throw), and the
 * examples' API ({@code SqliteConnection.createFunction}: guarded, arguments converted to Java objects).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SqliteFunctionBench {
    static final int CALLS = 100_000;
    static final String QUERY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT " + CALLS + ")"
            + " SELECT sum(f(x)) FROM c";

    final Arena arena = Arena.ofShared();
    final UpcallGuard ffmGuard = new UpcallGuard(1);
    final UpcallGuard jnaGuard = new UpcallGuard(1);
    MemorySegment ffmRawDb;
    MemorySegment ffmGuardedDb;
    MemorySegment query;
    SqliteConnection api;
    Pointer jnaRawDb;
    Pointer jnaGuardedDb;
    SqliteJna.XFunc jnaRaw;
    SqliteJna.XFunc jnaGuarded;

    @Setup
    @SuppressWarnings("FfmUnguardedUpcall") // ffmRaw is the unguarded baseline the guard is priced against, on purpose
    public void setUp() {
        SqliteLibrary.loaded(); // first: jextract's sqlite3_h finds symbols only in libraries already opened
        query = arena.allocateFrom(QUERY);
        MemorySegment raw = sqlite3_create_function_v2$xFunc.allocate((context, n, values) ->
                sqlite3_h.sqlite3_result_int64(context, sqlite3_h.sqlite3_value_int64(first(values)) + 1), arena);
        MemorySegment guarded = sqlite3_create_function_v2$xFunc.allocate((context, n, values) -> {
            try {
                sqlite3_h.sqlite3_result_int64(context, sqlite3_h.sqlite3_value_int64(first(values)) + 1);
            } catch (Throwable t) {
                ffmGuard.capture(t);
                sqlite3_h.sqlite3_result_error_code(context, Sqlite.SQLITE_ERROR);
            }
        }, arena);
        ffmRawDb = ffmOpen(raw);
        ffmGuardedDb = ffmOpen(guarded);
        api = SqliteConnection.open(":memory:");
        api.createFunction("f", 1, args -> (Long) args[0] + 1);
        SqliteJna.SqliteLibraryJna lib = SqliteJna.raw();
        jnaRaw = (context, n, values) -> lib.sqlite3_result_int64(context,
                lib.sqlite3_value_int64(values.getPointer(0)) + 1);
        jnaGuarded = (context, n, values) -> {
            try {
                lib.sqlite3_result_int64(context, lib.sqlite3_value_int64(values.getPointer(0)) + 1);
            } catch (Throwable t) {
                jnaGuard.capture(t);
                lib.sqlite3_result_error(context, String.valueOf(t.getMessage()), -1);
            }
        };
        jnaRawDb = jnaOpen(jnaRaw);
        jnaGuardedDb = jnaOpen(jnaGuarded);
        if (ffmRawQuery() != expected() || jnaRawQuery() != expected() || apiQuery() != expected()) {
            throw new IllegalStateException("the query's answer is wrong");
        }
    }

    static long expected() {
        return (long) CALLS * (CALLS + 1) / 2 + CALLS;
    }

    private static MemorySegment first(MemorySegment values) {
        return values.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
    }

    private MemorySegment ffmOpen(MemorySegment function) {
        MemorySegment out = arena.allocate(ADDRESS);
        check(sqlite3_h.sqlite3_open_v2(arena.allocateFrom(":memory:"), out, Sqlite.SQLITE_OPEN_READWRITE
                | Sqlite.SQLITE_OPEN_CREATE, MemorySegment.NULL));
        MemorySegment db = out.get(ADDRESS, 0);
        check(sqlite3_h.sqlite3_create_function_v2(db, arena.allocateFrom("f"), 1, Sqlite.SQLITE_UTF8
                | Sqlite.SQLITE_DETERMINISTIC, MemorySegment.NULL, function, MemorySegment.NULL, MemorySegment.NULL,
                MemorySegment.NULL));
        return db;
    }

    private static Pointer jnaOpen(SqliteJna.XFunc function) {
        PointerByReference out = new PointerByReference();
        SqliteJna.SqliteLibraryJna lib = SqliteJna.raw();
        check(lib.sqlite3_open_v2(":memory:", out, Sqlite.SQLITE_OPEN_READWRITE | Sqlite.SQLITE_OPEN_CREATE, null));
        check(lib.sqlite3_create_function_v2(out.getValue(), "f", 1, Sqlite.SQLITE_UTF8 | Sqlite.SQLITE_DETERMINISTIC,
                null, function, null, null, null));
        return out.getValue();
    }

    private static void check(int code) {
        if (code != Sqlite.SQLITE_OK) {
            throw new IllegalStateException("SQLite returned " + code);
        }
    }

    /** Runs the query on an FFM handle and returns its one value. */
    private long ffmQuery(MemorySegment db) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment out = scratch.allocate(ADDRESS);
            check(sqlite3_h.sqlite3_prepare_v2(db, query, -1, out, MemorySegment.NULL));
            MemorySegment stmt = out.get(ADDRESS, 0);
            try {
                if (sqlite3_h.sqlite3_step(stmt) != Sqlite.SQLITE_ROW) {
                    throw new IllegalStateException(SqliteJna.class + ": no row");
                }
                return sqlite3_h.sqlite3_column_int64(stmt, 0);
            } finally {
                sqlite3_h.sqlite3_finalize(stmt);
            }
        }
    }

    private long jnaQuery(Pointer db) {
        long[] sum = new long[1];
        check(SqliteJna.raw().sqlite3_exec(db, QUERY, (arg, n, values, names) -> {
            sum[0] = Long.parseLong(values.getPointer(0).getString(0));
            return 0;
        }, null, null));
        return sum[0];
    }

    @Benchmark
    public long sqliteFunction_ffmRaw() {
        return ffmRawQuery();
    }

    long ffmRawQuery() {
        return ffmQuery(ffmRawDb);
    }

    @Benchmark
    public long sqliteFunction_ffmGuarded() {
        long v = ffmQuery(ffmGuardedDb);
        ffmGuard.rethrowIfAny();
        return v;
    }

    @Benchmark
    public long sqliteFunction_examplesApi() {
        return apiQuery();
    }

    long apiQuery() {
        List<List<Object>> rows = api.query(QUERY);
        return (Long) rows.getFirst().getFirst();
    }

    @Benchmark
    public long sqliteFunction_jnaRaw() {
        return jnaRawQuery();
    }

    long jnaRawQuery() {
        return jnaQuery(jnaRawDb);
    }

    @Benchmark
    public long sqliteFunction_jnaGuarded() {
        long v = jnaQuery(jnaGuardedDb);
        jnaGuard.rethrowIfAny();
        return v;
    }

    @TearDown
    public void tearDown() {
        sqlite3_h.sqlite3_close(ffmRawDb);
        sqlite3_h.sqlite3_close(ffmGuardedDb);
        SqliteJna.raw().sqlite3_close(jnaRawDb);
        SqliteJna.raw().sqlite3_close(jnaGuardedDb);
        api.close();
        arena.close();
    }
}
