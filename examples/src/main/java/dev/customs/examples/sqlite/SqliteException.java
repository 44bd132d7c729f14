package dev.customs.examples.sqlite;

/**
 * An SQLite call failed. Carries the primary result code ({@code SQLITE_ERROR}, {@code SQLITE_ABORT},
 * {@code SQLITE_INTERRUPT}, ...), the extended code ({@code sqlite3_extended_errcode}, e.g.
 * {@code SQLITE_CONSTRAINT_UNIQUE} 2067) and SQLite's message ({@code sqlite3_errmsg}). When a Java callback caused it
 * (a user function that threw, a progress handler that threw), the original throwable is the cause.
 */
public class SqliteException extends RuntimeException {
    private final int extendedCode;

    SqliteException(String function, int extendedCode, String message, Throwable cause) {
        super(function + ": " + message + " (" + Sqlite.codeName(extendedCode & 0xff) + ", extended code "
                + extendedCode + ")", cause);
        this.extendedCode = extendedCode;
    }

    /** The primary result code: the low 8 bits of the extended one. */
    public int code() {
        return extendedCode & 0xff;
    }

    /** The extended result code. */
    public int extendedCode() {
        return extendedCode;
    }
}
