package dev.customs.examples.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upcalls from inside SQLite: exec's row callback, user functions and their xDestroy, the progress handler. */
@Timeout(60)
@ExtendWith(SqliteMemoryBaseline.class)
class SqliteCallbacksTest {
    static final String THREE_ROWS = "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL UNION ALL SELECT 3, 'z'";
    static final String LONG_QUERY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
            + " SELECT count(*) FROM n WHERE i < 1000000000000";

    @Test
    void execCallsTheRowCallbackForEveryRow() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            List<String> seen = new ArrayList<>();
            db.exec(THREE_ROWS, (names, values) -> seen.add(names + "=" + values));
            assertEquals(List.of("[a, b]=[1, x]", "[a, b]=[2, null]", "[a, b]=[3, z]"), seen);
        }
    }

    @Test
    void aThrowingRowCallbackAbortsAndTheOriginalIsRethrown() {
        IllegalStateException thrown = new IllegalStateException("row 2 is bad");
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            AtomicInteger rows = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.exec(THREE_ROWS,
                    (names, values) -> {
                        if (rows.incrementAndGet() == 2) {
                            throw thrown;
                        }
                    }));
            assertSame(thrown, e, "the callback's own exception, not a copy");
            assertEquals(2, rows.get(), "SQLite stopped at the failing row");
            assertEquals(List.of(List.of(1L)), db.query("SELECT 1"), "the connection is still usable");
        }
    }

    @Test
    void anErrorInARowCallbackComesBackAsItself() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            StackOverflowError error = new StackOverflowError("deep");
            assertSame(error, assertThrows(StackOverflowError.class, () -> db.exec(THREE_ROWS, (n, v) -> {
                throw error;
            })));
        }
    }

    @Test
    void aJnaRowCallbackThrowingIsRethrownToo() {
        try (SqliteJna db = SqliteJna.open(":memory:")) {
            assertEquals(List.of(List.of("1", "x"), java.util.Arrays.asList("2", null), List.of("3", "z")),
                    SqliteJna.rows(db, THREE_ROWS));
            IllegalArgumentException thrown = new IllegalArgumentException("no");
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> db.exec(THREE_ROWS, (n, v) -> {
                throw thrown;
            })));
        }
    }

    @Test
    void aUserFunctionIsCalledFromInsideSql() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            FunctionRegistration twice = db.createFunction("twice", 1, args -> switch (args[0]) {
                case Long l -> l * 2;
                case Double d -> d * 2;
                case String s -> s + s;
                case byte[] b -> (long) b.length * 2;
                case null, default -> null;
            });
            assertEquals(List.of(List.of(42L, 3.0, "abab", 8L)),
                    db.query("SELECT twice(21), twice(1.5), twice('ab'), twice(?)", new byte[4]));
            assertNull(db.query("SELECT twice(NULL)").getFirst().getFirst());
            assertEquals(5, twice.calls());
            assertEquals(0, twice.destroys(), "still registered");
        }
    }

    @Test
    void aThrowingUserFunctionBecomesResultErrorThenATypedExceptionCausedByIt() {
        IllegalArgumentException thrown = new IllegalArgumentException("negative input: -1");
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            db.createFunction("checked_sqrt", 1, args -> {
                long x = (Long) args[0];
                if (x < 0) {
                    throw thrown;
                }
                return Math.sqrt(x);
            });
            assertEquals(List.of(List.of(3.0)), db.query("SELECT checked_sqrt(9)"));
            SqliteException e = assertThrows(SqliteException.class, () -> db.query("SELECT checked_sqrt(-1)"));
            assertEquals(Sqlite.SQLITE_ERROR, e.code());
            assertEquals(Sqlite.SQLITE_ERROR, e.extendedCode());
            assertEquals("sqlite3_step: negative input: -1 (SQLITE_ERROR, extended code 1)", e.getMessage());
            assertSame(thrown, e.getCause());
            SqliteException viaExec = assertThrows(SqliteException.class,
                    () -> db.exec("SELECT checked_sqrt(-1)", null));
            assertSame(thrown, viaExec.getCause());
            assertEquals(List.of(List.of(2.0)), db.query("SELECT checked_sqrt(4)"), "nothing left over");
        }
    }

    @Test
    void xDestroyReleasesEachRegistrationExactlyOnce() {
        FunctionRegistration first;
        FunctionRegistration second;
        FunctionRegistration other;
        SqliteConnection db = SqliteConnection.open(":memory:");
        try {
            first = db.createFunction("f", 0, args -> 1L);
            other = db.createFunction("g", 0, args -> 3L);
            assertEquals(List.of(List.of(1L)), db.query("SELECT f()"));
            second = db.createFunction("f", 0, args -> 2L); // replaces the first: SQLite destroys it now
            assertEquals(1, first.destroys());
            assertTrue(first.isReleased(), "its stub is freed once SQLite let go");
            assertEquals(0, second.destroys());
            assertEquals(List.of(List.of(2L, 3L)), db.query("SELECT f(), g()"));
        } finally {
            db.close();
        }
        assertEquals(1, first.destroys(), "not destroyed again by the close");
        assertEquals(1, second.destroys());
        assertEquals(1, other.destroys());
        assertTrue(second.isReleased() && other.isReleased());
        assertEquals(0, db.unknownDestroys());
        db.close();
        assertEquals(1, second.destroys(), "a second close destroys nothing");
    }

    @Test
    void aRefusedRegistrationIsDestroyedOnceBySqlite() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            SqliteException e = assertThrows(SqliteException.class,
                    () -> db.createFunction("too_many", 1000, args -> 1L));
            assertEquals(Sqlite.SQLITE_MISUSE, e.code());
            assertEquals(0, db.unknownDestroys());
        }
    }

    @Test
    void jnaUserFunctionsAndTheirDestroy() {
        SqliteJna db = SqliteJna.open(":memory:");
        IllegalStateException thrown = new IllegalStateException("jna says no");
        try {
            db.createFunction("plus_one", 1, args -> (Long) args[0] + 1);
            db.createFunction("fails", 0, args -> {
                throw thrown;
            });
            assertEquals(List.of(List.of("42")), SqliteJna.rows(db, "SELECT plus_one(41)"));
            SqliteException e = assertThrows(SqliteException.class, () -> db.exec("SELECT fails()", null));
            assertEquals("sqlite3_exec: jna says no (SQLITE_ERROR, extended code 1)", e.getMessage());
            assertSame(thrown, e.getCause());
            assertEquals(2, db.registeredFunctions());
        } finally {
            db.close();
        }
        assertEquals(2, db.destroys(), "one xDestroy per function, at close");
        assertEquals(0, db.registeredFunctions());
    }

    @Test
    void aProgressHandlerInterruptsALongQueryFromAJavaCondition() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            long deadline = System.nanoTime() + 200_000_000L;
            AtomicInteger asked = new AtomicInteger();
            db.progressHandler(1000, () -> asked.incrementAndGet() > 0 && System.nanoTime() > deadline);
            long start = System.nanoTime();
            SqliteException e = assertThrows(SqliteException.class, () -> db.query(LONG_QUERY));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Sqlite.SQLITE_INTERRUPT, e.code());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(ms < 20_000, "interrupted after " + ms + " ms");
            assertTrue(asked.get() > 1, "the condition was asked " + asked.get() + " time(s)");
            db.clearProgressHandler();
            assertEquals(List.of(List.of(10L)), db.query(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10) SELECT count(*) FROM n"));
        }
    }

    @Test
    void aThrowingProgressHandlerInterruptsAndIsTheCause() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            UnsupportedOperationException thrown = new UnsupportedOperationException("stop now");
            db.progressHandler(100, () -> {
                throw thrown;
            });
            SqliteException e = assertThrows(SqliteException.class, () -> db.query(LONG_QUERY));
            assertEquals(Sqlite.SQLITE_INTERRUPT, e.code());
            assertSame(thrown, e.getCause());
        }
    }

    @Test
    void aCallbackCannotCloseItsOwnConnection() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.exec("SELECT 1", (n, v) -> db.close()));
            assertEquals("a SQLite connection cannot be closed from inside one of its callbacks", e.getMessage());
            assertTrue(db.isOpen());
            assertFalse(db.query("SELECT 1").isEmpty());
        }
    }
}
