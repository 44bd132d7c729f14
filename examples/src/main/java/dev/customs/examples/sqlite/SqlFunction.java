package dev.customs.examples.sqlite;

/**
 * An application-defined scalar SQL function. Arguments arrive as {@link Long}, {@link Double}, {@link String},
 * {@code byte[]} or null; the result may be any of those (or an {@link Integer} or {@link Boolean}). Whatever it
 * throws becomes {@code sqlite3_result_error} with the throwable's message, and the statement fails with a
 * {@link SqliteException} whose cause is the throwable itself.
 */
@FunctionalInterface
public interface SqlFunction {
    Object apply(Object[] args) throws Exception;
}
