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

    /**
     * The record's own format ({@code Sample[tag=7, value=2.5, ...]}), written out: a record's generated
     * {@code toString} is bootstrapped through {@code invokedynamic} ({@code ObjectMethods}) on its first call, about
     * 14 ms of a cold JVM that JDK 25's AOT cache does not keep, and {@code ./customs demo calls} prints a Sample first
     * thing (bench/README.md, "Cold start"). {@code SampleTest} holds it to the record format.
     */
    @Override
    public String toString() {
        return "Sample[tag=" + tag + ", value=" + value + ", count=" + count + ", flags=" + flags + ", kind=" + kind
                + ", weight=" + weight + ", stamp=" + stamp + "]";
    }

    private static void checkUnsigned8(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(field + " is a uint8_t (0..255), got " + value);
        }
    }
}
