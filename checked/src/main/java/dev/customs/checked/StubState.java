package dev.customs.checked;

import java.lang.foreign.FunctionDescriptor;

/**
 * What the guard around one upcall target knows of its stub: where it was created, whether the application's arena
 * is closed (set by a cleanup action on that arena, so an automatic arena is never kept alive by the agent) and where,
 * and what C receives when the upcall fails. It holds neither the stub's code nor its arena: the JDK keeps the guarded
 * target alive as long as the stub, and a reference back would keep the stub alive for ever.
 */
final class StubState {
    final FunctionDescriptor descriptor;
    final Throwable createdAt;
    final String createdWhere;
    /** The address of the stub C calls; set once the stub exists. */
    volatile long address;
    volatile boolean closed;
    volatile Throwable closedAt;
    /** What C receives when the upcall throws, already of the return type's wrapper class (null for void). */
    volatile Object onThrow;

    StubState(FunctionDescriptor descriptor, Throwable createdAt, Object onThrow) {
        this.descriptor = descriptor;
        this.createdAt = createdAt;
        this.createdWhere = Stacks.where(createdAt);
        this.onThrow = onThrow;
    }

    /** Called on the thread that closes the application's arena (the GC's for an automatic arena). */
    void arenaClosed(boolean automatic) {
        closedAt = automatic ? null : Stacks.here("upcall stub's arena closed here");
        closed = true;
        Stubs.quarantine(this);
    }

    StubClosedException afterClose() {
        Throwable closer = closedAt;
        String closedWhere = closer == null ? "by the garbage collector (an automatic arena)"
                : "at " + Stacks.where(closer);
        StubClosedException e = new StubClosedException("upcall into a stub whose arena is closed: the stub "
                + descriptor + " was created at " + createdWhere + " and its arena was closed " + closedWhere
                + "; the target did not run and C received " + (onThrow == null ? "nothing (void)" : onThrow));
        e.addSuppressed(createdAt);
        if (closer != null) {
            e.addSuppressed(closer);
        }
        return e;
    }
}
