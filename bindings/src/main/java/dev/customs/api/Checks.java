package dev.customs.api;

import java.util.Objects;

/** Argument checks made in Java before a call reaches C. Messages name the argument and the rule it broke. */
final class Checks {
    private Checks() {}

    /** {@code [offset, offset + length)} must lie inside {@code [0, size)}. */
    static void range(String what, long offset, long length, long size) {
        if (offset < 0) {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " is negative");
        }
        if (length < 0) {
            throw new IndexOutOfBoundsException(what + ": length " + length + " is negative");
        }
        if (offset > size || length > size - offset) {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " + length " + length
                    + " is beyond its size " + size);
        }
    }

    /** A string that becomes a C string: not null, and no NUL byte that C would silently stop at. */
    static String cString(String what, String s) {
        Objects.requireNonNull(s, what);
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character at index " + nul
                    + ": C would silently cut the string there");
        }
        return s;
    }

    static void between(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
