package dev.customs.checked;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checked upcall stub. The target runs inside a guard built from method handle combinators:
 * <pre>
 *   enter (set aside what the thread has pending)
 *   try { if the stub's arena is closed: throw StubClosedException; return target(args) }
 *   catch (Throwable t) { keep t for the downcall in progress, or report it; return zero }
 *   finally { put back what was set aside, with t after it }
 * </pre>
 * and the stub itself is made in an arena the agent owns (see {@link Stubs}); the application gets a segment of the
 * same address bound to its own arena, whose closing moves the stub into quarantine.
 */
final class Upcalls {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle ENTER = find("enter", MethodType.methodType(CallState.class));
    private static final MethodHandle CHECK_OPEN = find("checkOpen", MethodType.methodType(void.class, StubState.class));
    private static final MethodHandle CAUGHT = find("caught",
            MethodType.methodType(Object.class, StubState.class, Throwable.class));
    private static final MethodHandle EXIT = find("exit", MethodType.methodType(void.class, CallState.class));
    private static final Map<FunctionDescriptor, Object> ON_THROW = new ConcurrentHashMap<>();
    private static final Set<Long> NATIVE_THREADS = ConcurrentHashMap.newKeySet();
    private static final AtomicLong ATTACHED = new AtomicLong();
    private static final AtomicLong UPCALLS_OFF_DOWNCALL = new AtomicLong();

    private Upcalls() {
    }

    private static MethodHandle find(String name, MethodType type) {
        return Handles.find(LOOKUP, name, type);
    }

    static MemorySegment stub(Linker linker, MethodHandle target, FunctionDescriptor fd, Arena arena,
                              Linker.Option... options) {
        StubState state = new StubState(fd, Stacks.here("upcall stub created here"),
                ON_THROW.getOrDefault(fd, zero(fd)));
        Arena owned = Arena.ofAuto();
        MemorySegment code = linker.upcallStub(guard(target, state), fd, owned, options);
        state.address = code.address();
        boolean automatic = arena instanceof TrackedArena t && t.automatic();
        // Bound to the application's arena: same scope as the JDK's stub, and closing it quarantines ours.
        MemorySegment given = MemorySegment.ofAddress(code.address())
                .reinterpret(arena, ignored -> state.arenaClosed(automatic));
        Stubs.register(state, owned, code);
        return given;
    }

    static MethodHandle guard(MethodHandle target, StubState state) {
        MethodType t = target.type();
        Class<?> r = t.returnType();
        MethodHandle checked = MethodHandles.foldArguments(target, CHECK_OPEN.bindTo(state));
        MethodHandle handler = CAUGHT.bindTo(state);
        handler = r == void.class ? handler.asType(MethodType.methodType(void.class, Throwable.class))
                : handler.asType(MethodType.methodType(r, Throwable.class));
        handler = MethodHandles.dropArguments(handler, 1, t.parameterList());
        MethodHandle caught = MethodHandles.catchException(checked, Throwable.class, handler);
        MethodHandle framed = MethodHandles.dropArguments(caught, 0, CallState.class);
        MethodHandle cleanup;
        if (r == void.class) {
            cleanup = MethodHandles.dropArguments(EXIT, 0, Throwable.class);              // (t, cs) -> exit(cs)
        } else {
            // (t, result, cs) -> { exit(cs); return result; }
            MethodHandle result = MethodHandles.dropArguments(
                    MethodHandles.dropArguments(MethodHandles.identity(r), 1, CallState.class), 0, Throwable.class);
            cleanup = MethodHandles.foldArguments(result, 0, MethodHandles.dropArguments(EXIT, 0, Throwable.class, r));
        }
        return MethodHandles.foldArguments(MethodHandles.tryFinally(framed, cleanup), ENTER);
    }

    /**
     * The value C receives when an upcall of descriptor {@code fd} fails: zero, false, NULL, or a zeroed struct for a
     * struct returned by value (the JDK copies it out; a NULL segment would fail inside the upcall's return).
     */
    static Object zero(FunctionDescriptor fd) {
        MemoryLayout layout = fd.returnLayout().orElse(null);
        if (layout == null) {
            return null;
        }
        if (layout instanceof GroupLayout group) {
            return Arena.global().allocate(group);
        }
        Class<?> r = ((ValueLayout) layout).carrier();
        if (r == MemorySegment.class) {
            return MemorySegment.NULL;
        }
        try {
            return MethodHandles.zero(r).invoke();
        } catch (Throwable t) {
            throw new IllegalArgumentException(r.toString(), t);
        }
    }

    private static Class<?> carrier(FunctionDescriptor fd) {
        return fd.returnLayout().<Class<?>>map(l -> l instanceof ValueLayout v ? v.carrier() : MemorySegment.class)
                .orElse(void.class);
    }

    /** {@code value} as the wrapper of {@code r}, or an IllegalArgumentException that says why not. */
    static Object convert(Object value, Class<?> r) {
        if (r == void.class) {
            throw new IllegalArgumentException("a void upcall returns nothing to C");
        }
        try {
            MethodHandle id = MethodHandles.identity(r);
            Object converted = id.invoke(value == null ? null : value);
            if (converted == null && r == MemorySegment.class) {
                return MemorySegment.NULL;
            }
            return converted;
        } catch (Throwable t) {
            if (value instanceof Number n && r.isPrimitive()) {
                return narrow(n, r);
            }
            throw new IllegalArgumentException("cannot return " + value + " to C as " + r, t);
        }
    }

    private static Object narrow(Number n, Class<?> r) {
        if (r == int.class) return n.intValue();
        if (r == long.class) return n.longValue();
        if (r == short.class) return n.shortValue();
        if (r == byte.class) return n.byteValue();
        if (r == double.class) return n.doubleValue();
        if (r == float.class) return n.floatValue();
        throw new IllegalArgumentException("cannot return " + n + " to C as " + r);
    }

    static void onThrow(FunctionDescriptor fd, Object value) {
        ON_THROW.put(fd, convert(value, carrier(fd)));
    }

    static void onThrow(MemorySegment stub, Object value) {
        StubState s = Stubs.state(stub.address());
        if (s == null) {
            throw new IllegalArgumentException("0x" + Long.toHexString(stub.address())
                    + " is not an upcall stub made in checked mode");
        }
        s.onThrow = convert(value, carrier(s.descriptor));
    }

    private static CallState enter() {
        CallState cs = CallState.CURRENT.get();
        if (!cs.classified) {
            classify(cs);
        }
        cs.enterUpcall();
        return cs;
    }

    private static void exit(CallState cs) {
        cs.exitUpcall();
    }

    private static void checkOpen(StubState state) {
        if (state.closed) {
            throw state.afterClose();
        }
    }

    /** Never throws: C is waiting for a value. */
    private static Object caught(StubState state, Throwable t) {
        try {
            CallState cs = CallState.CURRENT.get();
            boolean afterClose = t instanceof StubClosedException;
            Hazard hazard = afterClose ? Hazard.UPCALL_AFTER_CLOSE : Hazard.UPCALL_THREW;
            if (cs.downcallDepth > 0) {
                cs.capture(t);
                Hazards.record(hazard, (afterClose ? "" : "upcall (stub created at " + state.createdWhere
                        + ") threw " + t + "; ") + "rethrown from the downcall on " + Thread.currentThread().getName(),
                        t);
            } else {
                UPCALLS_OFF_DOWNCALL.incrementAndGet();
                Hazards.recordAndPrint(afterClose ? hazard : Hazard.UPCALL_THREW_NO_DOWNCALL,
                        "upcall (stub created at " + state.createdWhere + ") threw on thread "
                                + Thread.currentThread().getName()
                                + ", which has no checked downcall in progress (a thread C created?); C received "
                                + state.onThrow + ": " + t, t);
            }
        } catch (Throwable lost) {
            // Recording failed (memory exhausted): C still gets its value; Hazards counted what it could.
        }
        return state.onThrow;
    }

    /**
     * On a thread's first upcall: if no Java frame lies below the upcall, C created the thread and the JVM attached
     * it for this upcall.
     */
    private static void classify(CallState cs) {
        cs.classified = true;
        try {
            boolean javaBelow = StackWalker.getInstance().walk(frames -> frames
                    .map(StackWalker.StackFrame::getClassName)
                    .anyMatch(c -> !c.startsWith("dev.customs.checked.") && !c.startsWith("java.")
                            && !c.startsWith("jdk.") && !c.startsWith("sun.")));
            // The frames of the target itself run after this point, so any frame seen here is below the upcall.
            if (!javaBelow && cs.downcallDepth == 0) {
                ATTACHED.incrementAndGet();
                NATIVE_THREADS.add(Symbols.nativeThreadId());
            }
        } catch (Throwable ignored) {
            // Counting is best effort; the upcall goes on.
        }
    }

    static long nativeThreads() {
        return NATIVE_THREADS.size();
    }

    static long attached() {
        return ATTACHED.get();
    }
}
