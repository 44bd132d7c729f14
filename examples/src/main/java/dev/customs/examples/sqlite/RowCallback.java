package dev.customs.examples.sqlite;

import java.util.List;

/**
 * {@code sqlite3_exec}'s row callback: column names and values (text, or null) of one row. Whatever it throws stops
 * the statement ({@code SQLITE_ABORT}) and is rethrown, itself, by {@link SqliteConnection#exec}.
 */
@FunctionalInterface
public interface RowCallback {
    void row(List<String> names, List<String> values) throws Exception;
}
