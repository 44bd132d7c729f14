package dev.customs.examples.sqlite;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.customs.examples.sqlite.ffm.sqlite3_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** SQLite values to Java objects and back, for user functions (FFM). */
final class SqliteValues {
    private SqliteValues() {}

    /** The {@code n} arguments at {@code sqlite3_value **values}. */
    static Object[] arguments(MemorySegment values, int n) {
        MemorySegment array = values.reinterpret(ADDRESS.byteSize() * n);
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            MemorySegment v = array.getAtIndex(ADDRESS, i);
            args[i] = switch (sqlite3_h.sqlite3_value_type(v)) {
                case Sqlite.SQLITE_INTEGER -> sqlite3_h.sqlite3_value_int64(v);
                case Sqlite.SQLITE_FLOAT -> sqlite3_h.sqlite3_value_double(v);
                case Sqlite.SQLITE_TEXT -> text(sqlite3_h.sqlite3_value_text(v), sqlite3_h.sqlite3_value_bytes(v));
                case Sqlite.SQLITE_BLOB -> bytes(sqlite3_h.sqlite3_value_blob(v), sqlite3_h.sqlite3_value_bytes(v));
                default -> null;
            };
        }
        return args;
    }

    /** Text of {@code length} bytes (UTF-8) at {@code p}; SQLite owns it. */
    static String text(MemorySegment p, int length) {
        return p.address() == 0 ? "" : new String(bytes(p, length), StandardCharsets.UTF_8);
    }

    /** A copy of {@code length} bytes at {@code p}; SQLite owns them (NULL for an empty blob). */
    static byte[] bytes(MemorySegment p, int length) {
        return p.address() == 0 ? new byte[0] : p.reinterpret(length).toArray(JAVA_BYTE);
    }

    /** Sets a user function's result; SQLite copies text and blobs ({@code SQLITE_TRANSIENT}). */
    static void result(MemorySegment context, Object value) {
        switch (value) {
            case null -> sqlite3_h.sqlite3_result_null(context);
            case Long l -> sqlite3_h.sqlite3_result_int64(context, l);
            case Integer i -> sqlite3_h.sqlite3_result_int64(context, i);
            case Boolean b -> sqlite3_h.sqlite3_result_int64(context, b ? 1 : 0);
            case Double d -> sqlite3_h.sqlite3_result_double(context, d);
            case String s -> {
                try (Arena scratch = Arena.ofConfined()) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    sqlite3_h.sqlite3_result_text(context, scratch.allocateFrom(JAVA_BYTE, utf8), utf8.length,
                            SqliteLibrary.SQLITE_TRANSIENT);
                }
            }
            case byte[] b -> {
                try (Arena scratch = Arena.ofConfined()) {
                    sqlite3_h.sqlite3_result_blob(context, scratch.allocateFrom(JAVA_BYTE, b), b.length,
                            SqliteLibrary.SQLITE_TRANSIENT);
                }
            }
            default -> throw new IllegalArgumentException("a SQL function cannot return a "
                    + value.getClass().getName() + "; return a Long, Double, String, byte[] or null");
        }
    }
}
