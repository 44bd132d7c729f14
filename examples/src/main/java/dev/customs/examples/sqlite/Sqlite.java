package dev.customs.examples.sqlite;

/** SQLite's result codes and column types used here (sqlite3.h; SqliteConstantsTest holds them to the header). */
public final class Sqlite {
    public static final int SQLITE_OK = 0;
    public static final int SQLITE_ERROR = 1;
    public static final int SQLITE_ABORT = 4;
    public static final int SQLITE_BUSY = 5;
    public static final int SQLITE_NOMEM = 7;
    public static final int SQLITE_INTERRUPT = 9;
    public static final int SQLITE_CONSTRAINT = 19;
    public static final int SQLITE_MISUSE = 21;
    public static final int SQLITE_RANGE = 25;
    public static final int SQLITE_ROW = 100;
    public static final int SQLITE_DONE = 101;

    public static final int SQLITE_INTEGER = 1;
    public static final int SQLITE_FLOAT = 2;
    public static final int SQLITE_TEXT = 3;
    public static final int SQLITE_BLOB = 4;
    public static final int SQLITE_NULL = 5;

    public static final int SQLITE_OPEN_READWRITE = 0x2;
    public static final int SQLITE_OPEN_CREATE = 0x4;
    public static final int SQLITE_OPEN_URI = 0x40;
    public static final int SQLITE_UTF8 = 1;
    public static final int SQLITE_DETERMINISTIC = 0x800;

    private Sqlite() {}

    /** The symbolic name of a primary result code. */
    public static String codeName(int code) {
        return switch (code) {
            case SQLITE_OK -> "SQLITE_OK";
            case SQLITE_ERROR -> "SQLITE_ERROR";
            case SQLITE_ABORT -> "SQLITE_ABORT";
            case SQLITE_BUSY -> "SQLITE_BUSY";
            case SQLITE_NOMEM -> "SQLITE_NOMEM";
            case SQLITE_INTERRUPT -> "SQLITE_INTERRUPT";
            case SQLITE_CONSTRAINT -> "SQLITE_CONSTRAINT";
            case SQLITE_MISUSE -> "SQLITE_MISUSE";
            case SQLITE_RANGE -> "SQLITE_RANGE";
            case SQLITE_ROW -> "SQLITE_ROW";
            case SQLITE_DONE -> "SQLITE_DONE";
            default -> "SQLite code " + code;
        };
    }
}
