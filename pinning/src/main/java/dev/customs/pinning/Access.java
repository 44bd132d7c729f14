package dev.customs.pinning;

/** What a native function does with an array argument: decides which copies a handoff makes. */
public enum Access {
    /** C only reads it ({@code const uint8_t *}): copied in, never back. */
    IN(true, false),
    /** C only writes it (an out-parameter): not copied in (C sees zeros), copied back once after the call. */
    OUT(false, true),
    /** C reads and writes it in place (an in-out buffer): copied in, and back once after the call. */
    IN_OUT(true, true);

    private final boolean readsInput;
    private final boolean writesOutput;

    Access(boolean readsInput, boolean writesOutput) {
        this.readsInput = readsInput;
        this.writesOutput = writesOutput;
    }

    /** True when the array's contents must reach C. */
    public boolean readsInput() {
        return readsInput;
    }

    /** True when what C wrote must reach the array. */
    public boolean writesOutput() {
        return writesOutput;
    }
}
