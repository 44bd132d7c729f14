package dev.customs.checked;

/** What checked mode reports: each hazard it turned from a dead JVM, a SIGSEGV or silence into a report. */
public enum Hazard {
    /** An upcall threw on a thread inside a checked downcall: C received zero, the downcall rethrew it. */
    UPCALL_THREW("upcall-threw"),
    /**
     * An upcall threw on a thread with no checked downcall in progress (a thread C created): C received zero, the
     * throwable was reported on standard error at once.
     */
    UPCALL_THREW_NO_DOWNCALL("upcall-threw-no-downcall"),
    /** An upcall into a stub whose arena was closed: the target did not run, C received zero. */
    UPCALL_AFTER_CLOSE("upcall-after-close"),
    /** A live upcall stub handed to a downcall linked {@code critical}: refused before the call. */
    CRITICAL_GIVEN_UPCALL_STUB("critical-given-upcall-stub"),
    /** A confined or shared arena became unreachable without being closed. */
    ARENA_LEAKED("arena-leaked"),
    /** A JNA callback threw; JNA would have logged it and handed C zero. */
    JNA_CALLBACK_THREW("jna-callback-threw");

    private final String key;

    Hazard(String key) {
        this.key = key;
    }

    /** The name used in the report and its JSON. */
    public String key() {
        return key;
    }
}
