package dev.customs.checked;

/**
 * Raised in checked mode when C calls an upcall stub whose arena is closed (the stub is kept in quarantine instead of
 * freed): the target does not run, C receives zero, and this exception reaches the thread of the downcall in progress
 * or standard error. Its message says where the stub was created and where its arena was closed; the two stacks are
 * attached as suppressed throwables.
 */
public final class StubClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StubClosedException(String message) {
        super(message);
    }
}
