package dev.customs.lifetime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Native memory that a library keeps a pointer to after the call that handed it over (an attach/detach API: a
 * parser's input buffer, a sink a library writes into later), owned together with the library's handle so that {@link #close()} always
 * <em>detaches first and frees second</em>.
 *
 * <p>The hazard it removes: memory freed while the library still holds its address. The library's next write lands
 * in freed memory: heap corruption, or a SIGSEGV that kills the JVM when the pages were returned to the system
 * (shown in a child JVM by the lifetime specimen's {@code FreedBeforeDetach}). FFM cannot see it coming: once the pointer has crossed into C,
 * no arena knows it is still in use.
 *
 * <p>How the order is kept:
 * <ul>
 *   <li>The memory comes from a shared arena that only this object can close; its users get the segment and the
 *       handle, never the arena.</li>
 *   <li>{@link #close()} runs the detach action, and only once it has returned normally closes the arena. If detach
 *       throws, the memory is deliberately kept (a leak is recoverable, a write into freed memory is not) and the next
 *       {@code close()} tries again.</li>
 *   <li>After detach, {@link #handle()} throws; after the memory is freed, every access to {@link #memory()} throws
 *       FFM's {@code IllegalStateException: Already closed} instead of touching freed memory.</li>
 * </ul>
 * This class is the raw-FFM form, for code that binds a retaining library directly.
 *
 * @param <H> the library's handle for the attachment
 */
public final class RetainedMemory<H> implements AutoCloseable {
    /** Hands the memory to the library and returns the library's handle for the attachment. */
    @FunctionalInterface
    public interface Attach<H> {
        H attach(MemorySegment memory);
    }

    private enum State { ATTACHED, DETACHED, FREED }

    private final Arena arena;
    private final MemorySegment memory;
    private final H handle;
    private final Consumer<? super H> detach;
    private State state = State.ATTACHED;

    private RetainedMemory(Arena arena, MemorySegment memory, H handle, Consumer<? super H> detach) {
        this.arena = arena;
        this.memory = memory;
        this.handle = handle;
        this.detach = detach;
    }

    /**
     * Allocates {@code byteSize} zeroed bytes, hands them to the library with {@code attach}, and keeps the handle it
     * returns. If {@code attach} throws, nothing is retained and the memory is freed at once.
     *
     * @param detach ends the attachment; after it returns the library must no longer touch the memory
     */
    public static <H> RetainedMemory<H> attach(long byteSize, Attach<H> attach, Consumer<? super H> detach) {
        if (byteSize <= 0) {
            throw new IllegalArgumentException("byteSize must be positive, got " + byteSize);
        }
        Objects.requireNonNull(attach, "attach");
        Objects.requireNonNull(detach, "detach");
        Arena arena = Arena.ofShared();
        try {
            MemorySegment memory = arena.allocate(byteSize, 16);
            H handle = Objects.requireNonNull(attach.attach(memory), "attach returned a null handle");
            return new RetainedMemory<>(arena, memory, handle, detach);
        } catch (RuntimeException | Error e) {
            arena.close(); // never attached: nothing can hold the address
            throw e;
        }
    }

    /** The retained memory, to read what the library wrote. Every access fails once it has been freed. */
    public MemorySegment memory() {
        return memory;
    }

    /**
     * The library's handle, for calls on the attachment.
     *
     * @throws IllegalStateException once detached
     */
    public synchronized H handle() {
        if (state != State.ATTACHED) {
            throw new IllegalStateException("detached: the library no longer holds this memory, and its handle is"
                    + " gone");
        }
        return handle;
    }

    /** True until the detach action has returned. */
    public synchronized boolean isAttached() {
        return state == State.ATTACHED;
    }

    /**
     * Detaches, then frees. Idempotent once it has succeeded.
     *
     * @throws RuntimeException what detach threw (the memory is then kept), or FFM's {@code IllegalStateException}
     *                          when a downcall is still using the memory (it is then freed by a later close)
     */
    @Override
    public synchronized void close() {
        if (state == State.ATTACHED) {
            detach.accept(handle);
            state = State.DETACHED;
        }
        if (state == State.DETACHED) {
            arena.close();
            state = State.FREED;
        }
    }

    @Override
    public synchronized String toString() {
        return "RetainedMemory[" + memory.byteSize() + " bytes, " + state.name().toLowerCase() + "]";
    }
}
