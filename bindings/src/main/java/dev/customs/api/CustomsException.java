package dev.customs.api;

/** A libcustoms function reported failure: through a status code ({@link StatusException}) or errno ({@link ErrnoException}). */
public abstract sealed class CustomsException extends RuntimeException permits StatusException, ErrnoException {
    private final String function;

    CustomsException(String function, String message) {
        super(function + ": " + message);
        this.function = function;
    }

    /** The C function that reported the failure. */
    public String function() {
        return function;
    }
}
