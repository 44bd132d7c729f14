package dev.customs.fuzz;

/** A target with a Java-level bug for the runner's own tests: it throws on any input that starts with "BUG!". */
public final class JavaBugTarget {
    private JavaBugTarget() {}

    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length >= 4 && input[0] == 'B' && input[1] == 'U' && input[2] == 'G' && input[3] == '!') {
            throw new IllegalStateException("planted Java bug");
        }
    }
}
