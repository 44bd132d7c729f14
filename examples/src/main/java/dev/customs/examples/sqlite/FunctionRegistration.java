package dev.customs.examples.sqlite;

import dev.customs.callbacks.UpcallGuard;
import dev.customs.examples.sqlite.ffm.sqlite3_create_function_v2$xFunc;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SQL function SQLite holds: the {@code xFunc} upcall stub in an arena of its own, kept until SQLite calls
 * {@code xDestroy} (when the function is replaced, or the connection closes), and freed only after the SQLite call
 * that destroyed it has returned: never from inside an upcall, never while SQLite can still call it.
 */
public final class FunctionRegistration {
    private final String name;
    private final long id;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stub;
    private final AtomicInteger destroys = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean freed;

    FunctionRegistration(String name, long id, SqlFunction function, UpcallGuard failures) {
        this.name = name;
        this.id = id;
        this.stub = sqlite3_create_function_v2$xFunc.allocate((context, n, values) -> {
            calls.incrementAndGet();
            try {
                SqliteValues.result(context, function.apply(SqliteValues.arguments(values, n)));
            } catch (Throwable t) {
                failures.capture(t);
                resultError(context, t);
            }
        }, arena);
    }

    /** {@code sqlite3_result_error} with the throwable's message; SQLite copies it (length -1: up to the NUL). */
    private static void resultError(MemorySegment context, Throwable t) {
        String text = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        try (Arena scratch = Arena.ofConfined()) {
            sqlite3_h.sqlite3_result_error(context, scratch.allocateFrom(text), -1);
        } catch (Throwable cannotReport) {
            sqlite3_h.sqlite3_result_error_code(context, Sqlite.SQLITE_ERROR);
        }
    }

    public String name() {
        return name;
    }

    long id() {
        return id;
    }

    MemorySegment stub() {
        return stub;
    }

    /** How many times SQLite called the function. */
    public int calls() {
        return calls.get();
    }

    /** How many times SQLite called xDestroy for it: 0 while registered, then exactly 1. */
    public int destroys() {
        return destroys.get();
    }

    /** True once its stub is freed, after SQLite let go of it. */
    public boolean isReleased() {
        return freed;
    }

    void destroyed() {
        destroys.incrementAndGet();
    }

    void free() {
        if (!freed) {
            freed = true;
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "SQL function " + name + (freed ? " (released)" : "");
    }
}
