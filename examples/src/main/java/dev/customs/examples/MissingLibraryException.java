package dev.customs.examples;

import dev.customs.loader.LibraryLoader;
import java.util.List;
import java.util.stream.Collectors;

/** A system library could not be opened. The message lists every place tried and names the package to install. */
public final class MissingLibraryException extends RuntimeException {
    private final String debianPackage;
    private final List<LibraryLoader.Attempt> attempts;

    MissingLibraryException(String summary, String debianPackage, List<LibraryLoader.Attempt> attempts) {
        super(summary + ". Places tried, in order:\n" + (attempts.isEmpty() ? "  (none)"
                : attempts.stream().map(a -> "  " + a).collect(Collectors.joining("\n"))));
        this.debianPackage = debianPackage;
        this.attempts = List.copyOf(attempts);
    }

    /** The Debian package to install. */
    public String debianPackage() {
        return debianPackage;
    }

    /** Every candidate looked at, in order. */
    public List<LibraryLoader.Attempt> attempts() {
        return attempts;
    }
}
