package dev.customs.checked;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * What the rewritten call sites call instead of the JDK: one static method per rewritten method, taking the receiver
 * first. Not for direct use; public because application classes in any package call it.
 */
public final class Checked {
    private Checked() {
    }

    /** For {@code linker.downcallHandle(address, descriptor, options)}. */
    public static MethodHandle downcallHandle(Linker linker, MemorySegment address, FunctionDescriptor fd,
                                              Linker.Option... options) {
        MethodHandle raw = linker.downcallHandle(address, fd, options);
        return Downcalls.wrap(raw, address, fd, options);
    }

    /** For {@code linker.downcallHandle(descriptor, options)}: the address is the handle's first argument. */
    public static MethodHandle downcallHandle(Linker linker, FunctionDescriptor fd, Linker.Option... options) {
        MethodHandle raw = linker.downcallHandle(fd, options);
        return Downcalls.wrap(raw, null, fd, options);
    }

    /** For {@code linker.upcallStub(target, descriptor, arena, options)}. */
    public static MemorySegment upcallStub(Linker linker, MethodHandle target, FunctionDescriptor fd, Arena arena,
                                           Linker.Option... options) {
        return Upcalls.stub(linker, target, fd, arena, options);
    }

    /** For {@code Arena.ofConfined()}. */
    public static Arena ofConfined() {
        return new TrackedArena(Arena.ofConfined(), Arenas.Kind.CONFINED);
    }

    /** For {@code Arena.ofShared()}. */
    public static Arena ofShared() {
        return new TrackedArena(Arena.ofShared(), Arenas.Kind.SHARED);
    }

    /** For {@code Arena.ofAuto()}. */
    public static Arena ofAuto() {
        return new TrackedArena(Arena.ofAuto(), Arenas.Kind.AUTO);
    }
}
