package dev.customs.pinning;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A downcall handle that knows what its function does with pointers ({@link NativeFunction}) and how it was linked
 * (critical or not), and checks every pointer argument of every call against {@link HandoffRules} before C is
 * reached: a heap segment is accepted only by a function linked {@code critical(true)} that neither calls back nor
 * retains the pointer. Linking a function that may call back as critical is refused outright.
 *
 * <p>{@link #handle()} has exactly the type of the raw handle, so it drops into {@code invokeExact} call sites; the
 * check is a {@code MethodHandles.filterArguments} on each {@code MemorySegment} parameter and costs one
 * {@code isNative()} test when the segment is native.
 */
public final class Downcall {
    private static final MethodHandle CHECK;

    static {
        try {
            CHECK = MethodHandles.lookup().findStatic(Downcall.class, "check", MethodType.methodType(
                    MemorySegment.class, NativeFunction.class, boolean.class, String.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final NativeFunction function;
    private final boolean critical;
    private final MethodHandle handle;

    private Downcall(NativeFunction function, boolean critical, MethodHandle raw) {
        this.function = function;
        this.critical = critical;
        MethodHandle checked = raw;
        MethodType type = raw.type();
        boolean heapAllowed = critical && !function.callsBack() && !function.retainsPointer();
        for (int i = 0; !heapAllowed && i < type.parameterCount(); i++) {
            if (type.parameterType(i) == MemorySegment.class) {
                checked = MethodHandles.filterArguments(checked, i,
                        MethodHandles.insertArguments(CHECK, 0, function, critical, "argument " + i));
            }
        }
        this.handle = checked;
    }

    /**
     * Links {@code function} with {@code Linker.Option.critical(true)}: no thread-state transition, and heap segments
     * allowed (the GC is kept from moving them for the duration of the call). Only for short, bounded functions.
     *
     * @throws IllegalArgumentException if the function may call back
     *                                  (rule {@link HandoffRules#NO_CRITICAL_IF_CALLING_BACK})
     */
    public static Downcall critical(NativeFunction function, MemorySegment address, FunctionDescriptor descriptor) {
        HandoffRules.checkLink(function, true);
        return new Downcall(function, true, Linker.nativeLinker().downcallHandle(address, descriptor,
                Linker.Option.critical(true)));
    }

    /** Links {@code function} as an ordinary downcall: heap segments are refused. */
    public static Downcall plain(NativeFunction function, MemorySegment address, FunctionDescriptor descriptor) {
        HandoffRules.checkLink(function, false);
        return new Downcall(function, false, Linker.nativeLinker().downcallHandle(address, descriptor));
    }

    public NativeFunction function() {
        return function;
    }

    /** True when linked {@code critical(true)}. */
    public boolean isCritical() {
        return critical;
    }

    /** The checked handle, of the same type as the raw one. */
    public MethodHandle handle() {
        return handle;
    }

    @Override
    public String toString() {
        return function.name() + (critical ? " (critical)" : "") + " " + handle.type();
    }

    @SuppressWarnings("unused") // called through CHECK
    private static MemorySegment check(NativeFunction function, boolean critical, String where, MemorySegment s) {
        if (s != null && !s.isNative()) {
            HandoffRules.checkHeapSegment(function, critical, where);
        }
        return s;
    }
}
