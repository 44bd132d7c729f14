package dev.customs.harness.scenarios;

import dev.customs.examples.sqlite.FunctionRegistration;
import dev.customs.examples.sqlite.SqliteConnection;
import dev.customs.examples.sqlite.SqliteException;
import dev.customs.examples.sqlite.SqliteJna;
import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Issue 12: SQLite, with upcalls from inside SQL evaluation, through the toolkit (FFM) and through JNA. */
public final class SqliteThroughTheToolkit extends Scenario {
    static final String THREE_ROWS = "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL UNION ALL SELECT 3, 'z'";
    static final String LONG_QUERY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
            + " SELECT count(*) FROM n WHERE i < 1000000000000";

    public SqliteThroughTheToolkit() {
        super("sqlite", "the system's SQLite next to JNA: guarded row callbacks, user functions, xDestroy, interrupts");
    }

    @Override
    public void run(Report r) {
        r.say("SQLite bound by jextract (examples/jextract/sqlite.args); its callbacks are guarded with UpcallGuard, its");
        r.say("returned strings freed once with sqlite3_free through LibraryOwned. JNA opens the same file.");
        if (!SystemLibraries.available(r, "SQLite", "libsqlite3-dev", () -> SqliteLibrary.loaded().path()
                + " (SQLite " + SqliteLibrary.version() + ")")) {
            return;
        }
        long baseline = SqliteLibrary.memoryUsed();
        r.columns();
        String rows = "[1, x] [2, null] [3, z]";
        r.sideBySide("exec: rows the callback saw", rows, () -> ffm(db -> {
            List<String> seen = new ArrayList<>();
            db.exec(THREE_ROWS, (names, values) -> seen.add(values.toString()));
            return String.join(" ", seen);
        }), rows, j -> jna(db -> {
            List<String> seen = new ArrayList<>();
            db.exec(THREE_ROWS, (names, values) -> seen.add(values.toString()));
            return String.join(" ", seen);
        }));
        String aborted = "the callback's own exception, after 2 rows";
        r.sideBySide("exec: the callback throws at row 2", aborted, () -> ffm(db -> {
            AtomicInteger n = new AtomicInteger();
            IllegalStateException thrown = new IllegalStateException("row 2");
            return rethrown(thrown, n, () -> db.exec(THREE_ROWS, (names, values) -> {
                if (n.incrementAndGet() == 2) {
                    throw thrown;
                }
            }));
        }), aborted, j -> jna(db -> {
            AtomicInteger n = new AtomicInteger();
            IllegalStateException thrown = new IllegalStateException("row 2");
            return rethrown(thrown, n, () -> db.exec(THREE_ROWS, (names, values) -> {
                if (n.incrementAndGet() == 2) {
                    throw thrown;
                }
            }));
        }));
        r.sideBySide("user function: twice(21)", "[42]", () -> ffm(db -> {
            db.createFunction("twice", 1, args -> (Long) args[0] * 2);
            List<String> seen = new ArrayList<>();
            db.exec("SELECT twice(21)", (names, values) -> seen.addAll(values));
            return seen.toString();
        }), "[42]", j -> jna(db -> {
            db.createFunction("twice", 1, args -> (Long) args[0] * 2);
            return SqliteJna.rows(db, "SELECT twice(21)").getFirst().toString();
        }));
        String failed = "SqliteException code 1: no negatives; cause: the original";
        r.sideBySide("user function throws", failed, () -> ffm(db -> {
            IllegalArgumentException thrown = new IllegalArgumentException("no negatives");
            db.createFunction("checked", 1, args -> {
                throw thrown;
            });
            return functionFailure(thrown, () -> db.exec("SELECT checked(-1)", null));
        }), failed, j -> jna(db -> {
            IllegalArgumentException thrown = new IllegalArgumentException("no negatives");
            db.createFunction("checked", 1, args -> {
                throw thrown;
            });
            return functionFailure(thrown, () -> db.exec("SELECT checked(-1)", null));
        }));
        r.sideBySide("xDestroy: replaced, then closed", "each released once", () -> {
            SqliteConnection db = SqliteConnection.open(":memory:");
            FunctionRegistration first = db.createFunction("f", 0, args -> 1L);
            FunctionRegistration second = db.createFunction("f", 0, args -> 2L);
            int afterReplace = first.destroys();
            db.close();
            return afterReplace == 1 && first.destroys() == 1 && second.destroys() == 1 && second.isReleased()
                    && db.unknownDestroys() == 0 ? "each released once" : "first " + first.destroys() + ", second "
                    + second.destroys();
        }, "each released once", j -> {
            SqliteJna db = SqliteJna.open(":memory:");
            db.createFunction("f", 0, args -> 1L);
            db.createFunction("f", 0, args -> 2L);
            int afterReplace = db.destroys();
            db.close();
            return afterReplace == 1 && db.destroys() == 2 && db.registeredFunctions() == 0 ? "each released once"
                    : db.destroys() + " destroys";
        });
        r.check("ffm: a progress handler interrupts a long query after 100 ms", "SQLITE_INTERRUPT: interrupted",
                ffm(db -> {
                    long deadline = System.nanoTime() + 100_000_000L;
                    db.progressHandler(1000, () -> System.nanoTime() > deadline);
                    try {
                        db.query(LONG_QUERY);
                        return "ran to the end";
                    } catch (SqliteException e) {
                        return (e.code() == 9 ? "SQLITE_INTERRUPT: " : e.code() + ": ")
                                + (e.getMessage().contains("interrupted") ? "interrupted" : e.getMessage());
                    }
                }));
        long frees = SqliteLibrary.frees();
        r.check("ffm: sqlite3_mprintf(\"%Q\", \"it's\"), then sqlite3_free", "'it''s', freed once",
                SqliteLibrary.quote("it's") + ", freed " + (SqliteLibrary.frees() - frees == 1 ? "once"
                        : SqliteLibrary.frees() - frees + " times"));
        r.check("sqlite3_memory_used() back to where it started", 0L, SqliteLibrary.memoryUsed() - baseline);
        r.lesson("SQLite calls Java from inside SQL evaluation: every upcall is guarded, so a Java exception stops the"
                + " statement the way SQLite expects (SQLITE_ABORT, sqlite3_result_error, an interrupt) and comes back"
                + " itself on the caller; a callback SQLite keeps lives until SQLite's own xDestroy says it let go, and"
                + " is freed only after that call returned; memory SQLite hands out is freed once, by sqlite3_free.");
    }

    private interface Use<C> {
        String apply(C connection);
    }

    private static String ffm(Use<SqliteConnection> use) {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            return use.apply(db);
        }
    }

    private static String jna(Use<SqliteJna> use) {
        try (SqliteJna db = SqliteJna.open(":memory:")) {
            return use.apply(db);
        }
    }

    private static String rethrown(Throwable thrown, AtomicInteger rows, Runnable call) {
        try {
            call.run();
            return "nothing thrown after " + rows + " rows";
        } catch (RuntimeException e) {
            return (e == thrown ? "the callback's own exception" : "another exception: " + e) + ", after " + rows
                    + " rows";
        }
    }

    private static String functionFailure(Throwable thrown, Runnable call) {
        try {
            call.run();
            return "nothing thrown";
        } catch (SqliteException e) {
            String message = e.getMessage().replaceFirst("^sqlite3_exec: ", "").replaceFirst(" \\(SQLITE_ERROR.*", "");
            return "SqliteException code " + e.extendedCode() + ": " + message + "; cause: "
                    + (e.getCause() == thrown ? "the original" : String.valueOf(e.getCause()));
        }
    }
}
