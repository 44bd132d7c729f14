package dev.customs.checker;

/**
 * The C or C++ compiler the checker needs is missing, or the header does not compile at all. The message says which
 * command was run, what it printed, and what to install.
 */
public final class CompilerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompilerUnavailableException(String message) {
        super(message);
    }
}
