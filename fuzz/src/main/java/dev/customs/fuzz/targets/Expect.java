package dev.customs.fuzz.targets;

import java.util.Objects;
import java.util.function.Supplier;

/** The checks the targets make; each failure is a {@link BoundaryViolation}, which Jazzer reports as a finding. */
final class Expect {
    private Expect() {}

    static void that(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new BoundaryViolation(message.get());
        }
    }

    static void equal(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new BoundaryViolation(what + ": expected " + expected + " but got " + actual);
        }
    }

    /**
     * Runs {@code call}: it must succeed when {@code expected} is null, and otherwise throw exactly the refusal
     * {@code expected} describes. Returns the result, or null after a refusal.
     */
    static <R> R outcome(String what, Refusal expected, Supplier<R> call) {
        R result;
        try {
            result = call.get();
        } catch (BoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            if (expected == null) {
                throw new BoundaryViolation(what + ": expected success but got " + t, t);
            }
            if (!expected.matches(t)) {
                throw new BoundaryViolation(what + ": expected " + expected + " but got " + t, t);
            }
            return null;
        }
        if (expected != null) {
            throw new BoundaryViolation(what + ": expected " + expected + " but it succeeded with " + result);
        }
        return result;
    }

    /** {@link #outcome} for a call without a result. */
    static void outcome(String what, Refusal expected, Runnable call) {
        outcome(what, expected, () -> {
            call.run();
            return "(no result)";
        });
    }
}
