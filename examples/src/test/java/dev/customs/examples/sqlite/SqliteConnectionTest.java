package dev.customs.examples.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.pinning.Access;
import dev.customs.pinning.Handoff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connection and its statements: ownership, binds, errors; sqlite3_memory_used() back to baseline each time. */
@Timeout(60)
@ExtendWith(SqliteMemoryBaseline.class)
class SqliteConnectionTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseIsRefused() {
        SqliteConnection db = SqliteConnection.open(":memory:");
        SqliteStatement statement = db.prepare("SELECT 1");
        db.close();
        db.close();
        assertFalse(db.isOpen());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.query("SELECT 1"));
        assertEquals("the SQLite connection is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> db.exec("SELECT 1", null));
        assertThrows(IllegalStateException.class, () -> db.createFunction("f", 0, args -> 1L));
        assertThrows(IllegalStateException.class, () -> db.progressHandler(10, () -> false));
        assertThrows(IllegalStateException.class, statement::step, "its statement was finalized by the close");
        statement.close();
    }

    @Test
    void aStatementClosedTwiceIsHarmlessAndRefusedAfter() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            SqliteStatement statement = db.prepare("SELECT 1");
            statement.close();
            statement.close();
            assertEquals("the SQLite statement is closed",
                    assertThrows(IllegalStateException.class, statement::step).getMessage());
        }
    }

    @Test
    void bindsTextBlobsInt64AndDouble() {
        System.out.println("SqliteConnectionTest seed: " + SEED);
        Random random = new Random(SEED);
        byte[] blob = new byte[100_000];
        random.nextBytes(blob);
        String text = "héllo, wörld ✓ " + random.nextInt();
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            db.exec("CREATE TABLE t (s TEXT, b BLOB, i INTEGER, d REAL, n)", null);
            long copies = SqliteStatement.blobHandoff().copiesIn();
            try (SqliteStatement insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
                insert.bind(1, text);
                insert.bind(2, blob);
                insert.bind(3, Long.MIN_VALUE);
                insert.bind(4, Math.PI);
                insert.bindNull(5);
                blob[0] ^= 1; // SQLite copied it during the bind (SQLITE_TRANSIENT): this change must not reach it
                assertFalse(insert.step());
            }
            blob[0] ^= 1;
            assertEquals(copies + 1, SqliteStatement.blobHandoff().copiesIn(), "one copy in per blob bind");
            assertEquals(0, SqliteStatement.blobHandoff().writeBacks(), "a bind never writes back");
            List<Object> row = db.query("SELECT s, b, i, d, n FROM t").getFirst();
            assertEquals(text, row.get(0));
            assertArrayEquals(blob, (byte[]) row.get(1));
            assertEquals(Long.MIN_VALUE, row.get(2));
            assertEquals(Math.PI, row.get(3));
            assertNull(row.get(4));
            assertEquals(List.of(List.of(1L)), db.query("SELECT count(*) FROM t WHERE s = ? AND i = ?", text,
                    Long.MIN_VALUE));
        }
    }

    @Test
    void anEmptyBlobAndAnEmptyStringRoundTrip() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            List<Object> row = db.query("SELECT ?, ?, typeof(?)", new byte[0], "", new byte[0]).getFirst();
            assertArrayEquals(new byte[0], (byte[]) row.get(0));
            assertEquals("", row.get(1));
            assertEquals("blob", row.get(2));
        }
    }

    @Test
    void errorsCarryTheExtendedCodeAndSqlitesMessage() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            db.exec("CREATE TABLE u (k INTEGER PRIMARY KEY, v TEXT UNIQUE)", null);
            db.query("INSERT INTO u (v) VALUES ('x')");
            SqliteException unique = assertThrows(SqliteException.class,
                    () -> db.query("INSERT INTO u (v) VALUES ('x')"));
            assertEquals(Sqlite.SQLITE_CONSTRAINT, unique.code());
            assertEquals(2067, unique.extendedCode(), "SQLITE_CONSTRAINT_UNIQUE");
            assertTrue(unique.getMessage().contains("UNIQUE constraint failed: u.v"), unique.getMessage());
            SqliteException syntax = assertThrows(SqliteException.class, () -> db.prepare("SELEC 1"));
            assertEquals(Sqlite.SQLITE_ERROR, syntax.code());
            assertTrue(syntax.getMessage().contains("near \"SELEC\": syntax error"), syntax.getMessage());
            SqliteException range = assertThrows(SqliteException.class, () -> {
                try (SqliteStatement s = db.prepare("SELECT ?")) {
                    s.bind(2, 1L);
                }
            });
            assertEquals(Sqlite.SQLITE_RANGE, range.code());
            SqliteException exec = assertThrows(SqliteException.class, () -> db.exec("SELECT * FROM nope", null));
            assertEquals("sqlite3_exec: no such table: nope (SQLITE_ERROR, extended code 1)", exec.getMessage());
        }
    }

    @Test
    void aMissingDatabaseFileIsATypedErrorAndLeaksNothing() {
        SqliteException e = assertThrows(SqliteException.class,
                () -> SqliteConnection.open("file:/no/such/dir/db.sqlite?mode=ro"));
        assertEquals(14, e.code(), "SQLITE_CANTOPEN");
        assertTrue(e.getMessage().contains("unable to open database file"), e.getMessage());
    }

    @Test
    void expandedSqlIsFreedExactlyOnceWithSqliteFree() {
        try (SqliteConnection db = SqliteConnection.open(":memory:");
             SqliteStatement s = db.prepare("SELECT ?, ?")) {
            s.bind(1, 42L);
            s.bind(2, "it's");
            long frees = SqliteLibrary.frees();
            assertEquals("SELECT 42, 'it''s'", s.expandedSql());
            assertEquals(frees + 1, SqliteLibrary.frees());
            long before = SqliteLibrary.memoryUsed();
            MemorySegment owned;
            try (Arena arena = Arena.ofConfined()) {
                owned = s.expandedSql(arena);
                assertTrue(SqliteLibrary.memoryUsed() > before, "SQLite holds the string while the arena is open");
                assertEquals(frees + 1, SqliteLibrary.frees(), "not freed while the arena is open");
                assertEquals("SELECT 42, 'it''s'", owned.getString(0));
            }
            assertEquals(frees + 2, SqliteLibrary.frees(), "freed once when the arena closed");
            assertEquals(before, SqliteLibrary.memoryUsed());
            MemorySegment freed = owned;
            assertThrows(IllegalStateException.class, () -> freed.getString(0), "read after free is refused");
        }
    }

    @Test
    void mprintfIsFreedExactlyOnceWithSqliteFree() {
        long before = SqliteLibrary.memoryUsed();
        long frees = SqliteLibrary.frees();
        assertEquals("'it''s'", SqliteLibrary.quote("it's"));
        assertEquals("NULL", SqliteLibrary.quote(null));
        assertEquals(frees + 2, SqliteLibrary.frees());
        MemorySegment kept;
        try (Arena arena = Arena.ofConfined()) {
            kept = SqliteLibrary.mprintfQuoted("x".repeat(10_000), arena);
            assertTrue(SqliteLibrary.memoryUsed() >= before + 10_000);
        }
        assertEquals(frees + 3, SqliteLibrary.frees());
        assertEquals(before, SqliteLibrary.memoryUsed());
        assertFalse(kept.scope().isAlive());
    }

    @Test
    void theHandoffRulesRefuseAPerCallBlobForAStaticBind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Handoff.NATIVE_COPY.ffm().pass(SqliteLibrary.BIND_BLOB_STATIC, new byte[4], 0, 4, Access.IN,
                        p -> 0));
        assertTrue(e.getMessage().contains("no per-call memory for a function that retains the pointer"),
                e.getMessage());
    }

    @Test
    void aStatementOfAnotherThreadWorksUnderTheConnectionsLock() throws Exception {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            db.exec("CREATE TABLE c (x INTEGER)", null);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            db.query("INSERT INTO c VALUES (?)", (long) i);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(30_000);
                assertFalse(thread.isAlive(), "a worker did not finish within 30 s");
            }
            assertEquals(List.of(), failures);
            assertEquals(List.of(List.of(800L)), db.query("SELECT count(*) FROM c"));
        }
    }

    @Test
    void limitsAreSetAndEnforced() {
        try (SqliteConnection db = SqliteConnection.open(":memory:")) {
            db.limit(sqlite3_h.SQLITE_LIMIT_LENGTH(), 1000);
            assertEquals(1000, db.limit(sqlite3_h.SQLITE_LIMIT_LENGTH(), -1), "a negative value only reads it");
            SqliteException e = assertThrows(SqliteException.class, () -> db.query("SELECT zeroblob(5000)"));
            assertEquals(18, e.code(), "SQLITE_TOOBIG");
            db.limit(sqlite3_h.SQLITE_LIMIT_ATTACHED(), 0);
            assertThrows(SqliteException.class, () -> db.exec("ATTACH ':memory:' AS other", null));
        }
    }

    @Test
    void theConstantsAreSqliteHeadersOwn() {
        assertEquals(sqlite3_h.SQLITE_OK(), Sqlite.SQLITE_OK);
        assertEquals(sqlite3_h.SQLITE_ERROR(), Sqlite.SQLITE_ERROR);
        assertEquals(sqlite3_h.SQLITE_ABORT(), Sqlite.SQLITE_ABORT);
        assertEquals(sqlite3_h.SQLITE_BUSY(), Sqlite.SQLITE_BUSY);
        assertEquals(sqlite3_h.SQLITE_NOMEM(), Sqlite.SQLITE_NOMEM);
        assertEquals(sqlite3_h.SQLITE_INTERRUPT(), Sqlite.SQLITE_INTERRUPT);
        assertEquals(sqlite3_h.SQLITE_CONSTRAINT(), Sqlite.SQLITE_CONSTRAINT);
        assertEquals(sqlite3_h.SQLITE_MISUSE(), Sqlite.SQLITE_MISUSE);
        assertEquals(sqlite3_h.SQLITE_RANGE(), Sqlite.SQLITE_RANGE);
        assertEquals(sqlite3_h.SQLITE_ROW(), Sqlite.SQLITE_ROW);
        assertEquals(sqlite3_h.SQLITE_DONE(), Sqlite.SQLITE_DONE);
        assertEquals(sqlite3_h.SQLITE_INTEGER(), Sqlite.SQLITE_INTEGER);
        assertEquals(sqlite3_h.SQLITE_FLOAT(), Sqlite.SQLITE_FLOAT);
        assertEquals(sqlite3_h.SQLITE_TEXT(), Sqlite.SQLITE_TEXT);
        assertEquals(sqlite3_h.SQLITE_BLOB(), Sqlite.SQLITE_BLOB);
        assertEquals(sqlite3_h.SQLITE_NULL(), Sqlite.SQLITE_NULL);
        assertEquals(sqlite3_h.SQLITE_OPEN_READWRITE(), Sqlite.SQLITE_OPEN_READWRITE);
        assertEquals(sqlite3_h.SQLITE_OPEN_CREATE(), Sqlite.SQLITE_OPEN_CREATE);
        assertEquals(sqlite3_h.SQLITE_OPEN_URI(), Sqlite.SQLITE_OPEN_URI);
        assertEquals(sqlite3_h.SQLITE_UTF8(), Sqlite.SQLITE_UTF8);
        assertEquals(sqlite3_h.SQLITE_DETERMINISTIC(), Sqlite.SQLITE_DETERMINISTIC);
        assertSame(SqliteLibrary.loaded(), SqliteLibrary.loaded());
    }
}
