package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.Customs;
import java.util.List;

/** How the targets turn fuzzer bytes into arguments: which backend, null or not, and offsets near and far. */
final class Inputs {
    /** Every backend, opened once per JVM. */
    static final List<Customs> BACKENDS = Customs.BACKENDS.stream().map(Customs::open).toList();

    private Inputs() {}

    static Customs backend(FuzzedDataProvider data) {
        return data.pickValue(BACKENDS);
    }

    /** Null one time in eight: the fuzzer decides the null-ness of every reference argument. */
    static boolean chooseNull(FuzzedDataProvider data) {
        return data.consumeInt(0, 7) == 0;
    }

    static byte[] bytesOrNull(FuzzedDataProvider data, int maxLength) {
        return chooseNull(data) ? null : data.consumeBytes(maxLength);
    }

    static int[] intsOrNull(FuzzedDataProvider data, int maxLength) {
        return chooseNull(data) ? null : data.consumeInts(maxLength);
    }

    static String stringOrNull(FuzzedDataProvider data, int maxLength) {
        return chooseNull(data) ? null : data.consumeString(maxLength);
    }

    /** An offset or a length for something of {@code size}: usually near its valid range, sometimes any int. */
    static int index(FuzzedDataProvider data, long size) {
        return data.consumeBoolean() ? data.consumeInt(-2, (int) Math.min(size + 2, Integer.MAX_VALUE))
                : data.consumeInt();
    }

    /**
     * The refusal the API documents for {@code [offset, offset + length)} in something of {@code size}, or null when
     * the range is valid (messages as {@code dev.customs.api.Checks} words them).
     */
    static Refusal rangeRefusal(String what, long offset, long length, long size) {
        if (offset < 0) {
            return Refusal.of(IndexOutOfBoundsException.class, what + ": offset " + offset + " is negative");
        }
        if (length < 0) {
            return Refusal.of(IndexOutOfBoundsException.class, what + ": length " + length + " is negative");
        }
        if (offset > size || length > size - offset) {
            return Refusal.of(IndexOutOfBoundsException.class, what + ": offset " + offset + " + length " + length
                    + " is beyond its size " + size);
        }
        return null;
    }

    /** The refusal for {@code array[offset, offset + length)}: null-ness first, then the range; null when valid. */
    static Refusal sliceRefusal(String what, Object array, long offset, long length) {
        return array == null ? Refusal.of(NullPointerException.class, what)
                : rangeRefusal(what, offset, length, java.lang.reflect.Array.getLength(array));
    }

    /** The refusal for a string bound for C: null, or a NUL character C would silently stop at. */
    static Refusal cStringRefusal(String what, String s) {
        if (s == null) {
            return Refusal.of(NullPointerException.class, what);
        }
        int nul = s.indexOf('\0');
        return nul < 0 ? null
                : Refusal.of(IllegalArgumentException.class, what + " contains a NUL character at index " + nul);
    }

    static Refusal between(String what, long value, long min, long max) {
        return value >= min && value <= max ? null
                : Refusal.of(IllegalArgumentException.class, what + " must be in [" + min + ", " + max + "], got " + value);
    }
}
