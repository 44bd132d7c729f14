package dev.customs.harness.scenarios;

import dev.customs.bindings.ChildJvm;
import java.time.Duration;

/** Short, stable forms of what the border did, for report cells: a child JVM's death, an exception's first clause. */
final class Evidence {
    /** Child JVMs get this long; they die in well under a second. */
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private Evidence() {}

    /**
     * Runs {@code main} in a child JVM that is expected to die, and describes how it ended: {@code "JVM killed (exit
     * 1): WHAT"} (plus {@code " in FUNCTION"}) when HotSpot's fatal-error banner on stdout names {@code what} and its
     * crash file names {@code function}; otherwise what happened instead, so the row shows a mismatch.
     *
     * @param function the C function the crash file must name, or null
     */
    static String death(Class<?> main, String what, String function, String... args) {
        ChildJvm.Result r = ChildJvm.run(main, CHILD_TIMEOUT, args);
        if (r.timedOut()) {
            return "still running after " + CHILD_TIMEOUT.toSeconds() + " s";
        }
        if (!r.crashed() || !r.stdout().contains(what)) {
            return "exit " + r.exitCode() + (r.crashed() ? ", crashed" : "") + ", no \"" + what + "\" on stdout"
                    + r.stderr().lines().findFirst().map(line -> "; stderr: " + line).orElse("");
        }
        if (function != null && !r.crashLog().contains(function)) {
            return "exit " + r.exitCode() + ", \"" + what + "\" but not in " + function;
        }
        return "JVM killed (exit " + r.exitCode() + "): " + what + (function == null ? "" : " in " + function);
    }

    /** {@code "Type: message"} cut before the first {@code cut}, for messages that go on with addresses or advice. */
    static String firstPart(RuntimeException e, String cut) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf(cut);
        return e.getClass().getSimpleName() + ": " + (at < 0 ? message : message.substring(0, at));
    }

    /** For Customs' rule refusals: the message up to the quoted rule, without the explanation after it. */
    static String rule(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf("\"): ");
        return e.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end + 2));
    }
}
