package dev.customs.stress;

import java.util.Locale;

/**
 * One figure a stress run prints: its value, the bound it must meet, and whether it does. A run fails when any figure
 * is outside its bound.
 *
 * @param name  what was measured
 * @param value the measurement, formatted
 * @param bound what it must be, formatted ("" for a figure that is only reported)
 * @param ok    whether the value meets the bound
 * @param note  more about the value, printed under the table (null for none): what the first wrong result was,
 *              which threads were left over
 */
public record Figure(String name, String value, String bound, boolean ok, String note) {
    public Figure(String name, String value, String bound, boolean ok) {
        this(name, value, bound, ok, null);
    }

    /** This figure with {@code note} (ignored when null or empty). */
    public Figure noting(String note) {
        return note == null || note.isEmpty() ? this : new Figure(name, value, bound, ok, note);
    }

    /** A count that must equal {@code expected}. */
    public static Figure equal(String name, long value, long expected) {
        return new Figure(name, count(value), "= " + count(expected), value == expected);
    }

    /** A count that must be zero. */
    public static Figure zero(String name, long value) {
        return new Figure(name, count(value), "0", value == 0);
    }

    /** A count that must not exceed {@code max}. */
    public static Figure atMost(String name, long value, long max) {
        return new Figure(name, count(value), "≤ " + count(max), value <= max);
    }

    /** A figure only reported, never failing. */
    public static Figure info(String name, String value) {
        return new Figure(name, value, "", true);
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes as KiB or MiB, signed: {@code +1.5 MiB}. */
    public static String bytes(long n) {
        String sign = n < 0 ? "-" : "+";
        long abs = Math.abs(n);
        return abs < 1024 * 1024 ? String.format(Locale.ROOT, "%s%,d KiB", sign, abs / 1024)
                : String.format(Locale.ROOT, "%s%.1f MiB", sign, abs / (1024.0 * 1024));
    }

    /** Nanoseconds as seconds with one decimal. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
