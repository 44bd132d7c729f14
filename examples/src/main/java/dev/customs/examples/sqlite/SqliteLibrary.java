package dev.customs.examples.sqlite;

import dev.customs.examples.SystemLibrary;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.lifetime.LibraryOwned;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.NativeFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What jextract cannot generate for SQLite, beside its output: opening libsqlite3 through {@link SystemLibrary}
 * (before any generated call), the {@code SQLITE_TRANSIENT} destructor (a function-like cast macro, which jextract
 * skips), a blob bind through the toolkit's checked {@link Downcall}, and memory SQLite hands out freed with
 * {@code sqlite3_free} exactly once through {@link LibraryOwned}.
 */
public final class SqliteLibrary {
    /** How SQLite is found: {@code -Dcustoms.sqlite.library} / {@code $CUSTOMS_SQLITE_LIBRARY}, else its soname. */
    public static final SystemLibrary SQLITE = new SystemLibrary("SQLite", List.of("libsqlite3.so.0",
            "libsqlite3.so"), "customs.sqlite.library", "CUSTOMS_SQLITE_LIBRARY", "sqlite3_libversion",
            "libsqlite3-dev");

    private static final SystemLibrary.Loaded LOADED = SQLITE.load();

    /** {@code #define SQLITE_TRANSIENT ((sqlite3_destructor_type)-1)}: SQLite copies the value before returning. */
    static final MemorySegment SQLITE_TRANSIENT = MemorySegment.ofAddress(-1);

    /**
     * {@code sqlite3_bind_blob} with {@code SQLITE_TRANSIENT} copies the blob during the call and keeps nothing: per-call
     * memory is fine. With {@code SQLITE_STATIC} it would keep the pointer until the statement is finalized:
     * {@link #BIND_BLOB_STATIC}'s description, which the handoff rules refuse any per-call memory for.
     */
    static final NativeFunction BIND_BLOB = NativeFunction.of("sqlite3_bind_blob");
    /** The same function as SQLite sees it with {@code SQLITE_STATIC}: it retains the pointer. */
    public static final NativeFunction BIND_BLOB_STATIC = NativeFunction.of("sqlite3_bind_blob (SQLITE_STATIC)",
            NativeFunction.Trait.RETAINS_POINTER);
    /** Not critical: the bind takes the connection's mutex, which may wait; a critical call must be short. */
    static final Downcall BIND_BLOB_CALL = Downcall.plain(BIND_BLOB, sqlite3_h.sqlite3_bind_blob$address(),
            sqlite3_h.sqlite3_bind_blob$descriptor());

    private static final LongAdder FREES = new LongAdder();

    private SqliteLibrary() {}

    /** The file both backends opened. */
    public static SystemLibrary.Loaded loaded() {
        return LOADED;
    }

    /** {@code sqlite3_libversion()}. */
    public static String version() {
        return cString(sqlite3_h.sqlite3_libversion());
    }

    /** {@code sqlite3_memory_used()}: bytes SQLite has allocated and not freed. */
    public static long memoryUsed() {
        return sqlite3_h.sqlite3_memory_used();
    }

    /** {@code sqlite3_errstr(code)}: SQLite's English text for a result code. */
    public static String errstr(int code) {
        return cString(sqlite3_h.sqlite3_errstr(code));
    }

    /** How many times {@code sqlite3_free} ran for memory adopted through {@link #adoptString}, in this JVM. */
    public static long frees() {
        return FREES.sum();
    }

    /**
     * Takes ownership of a string SQLite allocated ({@code sqlite3_mprintf}, {@code sqlite3_expanded_sql}, an
     * {@code sqlite3_exec} error message): bounded to its length, alive as long as {@code arena}, and freed with
     * {@code sqlite3_free} exactly once when the arena closes. NULL gives NULL and frees nothing.
     */
    public static MemorySegment adoptString(MemorySegment returned, Arena arena) {
        return LibraryOwned.adoptCString(returned, arena, s -> {
            sqlite3_h.sqlite3_free(s);
            FREES.increment();
        });
    }

    /**
     * {@code sqlite3_mprintf("%Q", text)}: {@code text} as an SQL string literal ({@code 'it''s'}, or {@code NULL}),
     * owned by {@code arena} and freed with {@code sqlite3_free} when it closes.
     */
    public static MemorySegment mprintfQuoted(String text, Arena arena) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment format = scratch.allocateFrom("%Q");
            MemorySegment argument = text == null ? MemorySegment.NULL : scratch.allocateFrom(text);
            MemorySegment result = sqlite3_h.sqlite3_mprintf.makeInvoker(sqlite3_h.C_POINTER)
                    .apply(format, argument);
            if (result.address() == 0) {
                throw new OutOfMemoryError("sqlite3_mprintf returned NULL");
            }
            return adoptString(result, arena);
        }
    }

    /** {@link #mprintfQuoted} read into a Java string; SQLite's copy is freed before this returns. */
    public static String quote(String text) {
        try (Arena arena = Arena.ofConfined()) {
            return mprintfQuoted(text, arena).getString(0);
        }
    }

    /** A NUL-terminated string SQLite owns and frees itself (error messages, column text): read, never freed. */
    static String cString(MemorySegment s) {
        return s.address() == 0 ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
