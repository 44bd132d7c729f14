package dev.customs.loader;

import java.util.List;
import java.util.stream.Collectors;

/** libcustoms could not be loaded. The message lists every place tried and what happened there. */
public final class LibraryLoadException extends RuntimeException {
    private final List<LibraryLoader.Attempt> attempts;

    LibraryLoadException(String summary, List<LibraryLoader.Attempt> attempts) {
        super(message(summary, attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** Every candidate looked at, in order. */
    public List<LibraryLoader.Attempt> attempts() {
        return attempts;
    }

    private static String message(String summary, List<LibraryLoader.Attempt> attempts) {
        String tried = attempts.isEmpty() ? "  (no candidate: set -D" + LibraryLoader.PATH_PROPERTY + " or $"
                + LibraryLoader.PATH_ENV + ")" : attempts.stream().map(a -> "  " + a).collect(Collectors.joining("\n"));
        return summary + ". Places tried, in order:\n" + tried
                + "\nBuild it with `./customs build`, or point -D" + LibraryLoader.PATH_PROPERTY + " / $"
                + LibraryLoader.PATH_ENV + " at a libcustoms.so.";
    }
}
