package dev.customs.pinning;

/**
 * The rules for handing Java memory to native code, enforced by {@link Downcall} (every pointer argument of every
 * call) and by each {@link ArrayHandoff} (before anything is copied). Every refusal is an
 * {@code IllegalArgumentException} whose message names the function, the rule (one of the constants here, quoted)
 * and what to do instead.
 */
public final class HandoffRules {
    /** A heap segment has an address only during a critical call, and only with heap access allowed. */
    public static final String HEAP_NEEDS_CRITICAL = "a heap segment only for a function linked critical(true)";

    /** An upcall may run the GC, which moves arrays; and a critical call must not call back at all. */
    public static final String NO_HEAP_IF_CALLING_BACK = "no heap segment for a function that may call back";

    /** A heap array moves after the call, and a per-call copy is freed: either way the retained pointer dangles. */
    public static final String NO_PER_CALL_MEMORY_IF_RETAINED =
            "no per-call memory for a function that retains the pointer";

    /** An upcall from inside a critical call kills the JVM ("wrong thread state for upcall"). */
    public static final String NO_CRITICAL_IF_CALLING_BACK = "no critical link for a function that may call back";

    private static final String COPY_INSTEAD = "copy the array into native memory instead (Handoff.NATIVE_COPY)";
    private static final String OWN_IT_INSTEAD = "give it memory that lives until it lets go (RetainedMemory in"
            + " dev.customs.lifetime)";

    private HandoffRules() {}

    /** At link time: a function that may call back is never linked critical. */
    static void checkLink(NativeFunction f, boolean critical) {
        if (critical && f.callsBack()) {
            throw refusal(f.name() + " cannot be linked critical", NO_CRITICAL_IF_CALLING_BACK,
                    "an upcall from inside a critical call kills the JVM (\"wrong thread state for upcall\"); link it"
                            + " without critical()");
        }
    }

    /** At call time, for a heap segment passed as {@code where} to a function linked {@code critical} or not. */
    static void checkHeapSegment(NativeFunction f, boolean critical, String where) {
        String refused = f.name() + " refuses a heap segment as " + where;
        if (f.retainsPointer()) {
            throw refusal(refused, NO_PER_CALL_MEMORY_IF_RETAINED,
                    "the array moves after the call returns, and the pointer the library kept dangles; "
                            + OWN_IT_INSTEAD);
        }
        if (f.callsBack()) {
            throw refusal(refused, NO_HEAP_IF_CALLING_BACK,
                    "an upcall lets the GC move the array under C, and a critical call must not call back; "
                            + COPY_INSTEAD);
        }
        if (!critical) {
            throw refusal(refused, HEAP_NEEDS_CRITICAL, "without Linker.Option.critical(true) FFM has no address to"
                    + " give C and throws \"Heap segment not allowed\"; link it with Downcall.critical if it is short"
                    + " and never calls back, or " + COPY_INSTEAD);
        }
    }

    /** Before a handoff: memory that lives for one call, given to {@code f}; {@code zeroCopy} when C sees the array. */
    static void checkHandoff(NativeFunction f, Handoff way, boolean zeroCopy) {
        if (f.retainsPointer()) {
            throw refusal(f.name() + " refuses " + way + " memory", NO_PER_CALL_MEMORY_IF_RETAINED,
                    "a handoff lasts one call, but the library keeps the pointer after it returns; " + OWN_IT_INSTEAD);
        }
        if (zeroCopy && f.callsBack()) {
            throw refusal(f.name() + " refuses the array itself", NO_HEAP_IF_CALLING_BACK,
                    "an upcall lets the GC move the array under C, and a critical call must not call back; "
                            + COPY_INSTEAD);
        }
    }

    private static IllegalArgumentException refusal(String what, String rule, String why) {
        return new IllegalArgumentException(what + " (rule: \"" + rule + "\"): " + why);
    }
}
