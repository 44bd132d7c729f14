package dev.customs.api;

/** A libcustoms function reported failure through {@code errno}, read right after the call on the calling thread. */
public final class ErrnoException extends CustomsException {
    private final int errno;
    private final String errnoName;
    private final String strerror;

    public ErrnoException(String function, int errno, String errnoName, String strerror, String argument) {
        super(function, errnoName + " (" + errno + "): " + strerror + (argument == null ? "" : " [" + argument + "]"));
        this.errno = errno;
        this.errnoName = errnoName;
        this.strerror = strerror;
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }

    /** Its symbolic name on Linux, e.g. {@code ENOENT}, or {@code errno N} when not a common one. */
    public String errnoName() {
        return errnoName;
    }

    /** The C library's {@code strerror} text. */
    public String strerror() {
        return strerror;
    }
}
