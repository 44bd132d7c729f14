package dev.customs.fuzz.targets;

import java.util.Arrays;

/**
 * The planted bug, to show fuzzing at work: {@code legacy_parse_name} in the demo library libcustoms_planted.so has
 * a real off-by-one that writes one byte past a heap buffer for exactly one name length. Its results are always right
 * (checked here against the format, for every input), so no test of results finds it; against the ASan build
 * {@code ./customs fuzz planted-bug} does, and prints ASan's report with the file and line. The checked-in seeds
 * cover every other path of the function, not the bug.
 */
public final class PlantedBugTarget {
    private static final byte[] MAGIC = {'N', 'A', 'M', 'E'};
    private static final int NAME_MAX = 16;

    private PlantedBugTarget() {}

    public static void fuzzerTestOneInput(byte[] input) {
        Expect.equal("legacy_parse_name of " + input.length + " bytes", expected(input),
                PlantedLibrary.legacyParseName(input));
    }

    /** The documented result: the name's length up to its first NUL byte, or -1 if the input is not a name record. */
    static int expected(byte[] input) {
        if (input.length < MAGIC.length + 1 || !Arrays.equals(input, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return -1;
        }
        int length = input[MAGIC.length] & 0xFF;
        if (length > NAME_MAX || input.length - MAGIC.length - 1 < length) {
            return -1;
        }
        int n = 0;
        while (n < length && input[MAGIC.length + 1 + n] != 0) {
            n++;
        }
        return n;
    }
}
