package dev.customs.api;

/**
 * {@code customs_sample} as Java values. {@code tag} and {@code kind} are C {@code uint8_t}: 0..255, checked here so a
 * value that does not fit is refused rather than silently truncated at the boundary.
 */
public record Sample(int tag, double value, short count, int flags, int kind, int weight, long stamp) {
    public Sample {
        checkUnsigned8("tag", tag);
        checkUnsigned8("kind", kind);
    }

    private static void checkUnsigned8(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(field + " is a uint8_t (0..255), got " + value);
        }
    }
}
