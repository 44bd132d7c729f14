package dev.customs.loader;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A native library could not be loaded. The message lists every place tried and what happened there, with the
 * dynamic loader's reason, and ends with how to fix it; {@link #attempts()} gives the same as data.
 */
public final class LibraryLoadException extends RuntimeException {
    private final List<LibraryLoader.Attempt> attempts;

    LibraryLoadException(String summary, List<LibraryLoader.Attempt> attempts, String hint) {
        super(message(summary, attempts, hint));
        this.attempts = List.copyOf(attempts);
    }

    /** Every candidate looked at, in order. */
    public List<LibraryLoader.Attempt> attempts() {
        return attempts;
    }

    private static String message(String summary, List<LibraryLoader.Attempt> attempts, String hint) {
        String tried = attempts.isEmpty() ? "  (no candidate)"
                : attempts.stream().map(a -> "  " + a).collect(Collectors.joining("\n"));
        return summary + ". Places tried, in order:\n" + tried + "\n" + hint;
    }
}
