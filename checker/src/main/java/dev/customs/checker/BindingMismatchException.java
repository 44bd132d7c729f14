package dev.customs.checker;

import java.util.List;

/** Thrown by {@link BindingChecker#verify()} when a binding disagrees with its header; the message has one line each. */
public final class BindingMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Mismatch> mismatches;

    BindingMismatchException(String header, List<Mismatch> mismatches) {
        super(mismatches.size() + " binding mismatch(es) against " + header + ":\n  "
                + String.join("\n  ", mismatches.stream().map(Mismatch::toString).toList()));
        this.mismatches = List.copyOf(mismatches);
    }

    /** Each mismatch found, in the order checked: structs first, then functions. */
    public List<Mismatch> mismatches() {
        return mismatches;
    }
}
