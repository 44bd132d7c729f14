package dev.customs.fuzz.targets;

/**
 * A fuzz target saw the boundary break its documented contract: a wrong result, an undocumented exception, a
 * documented one with the wrong message, or a leaked allocation. Jazzer reports it as a finding, with the input.
 */
public final class BoundaryViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    BoundaryViolation(String message) {
        super(message);
    }

    BoundaryViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
