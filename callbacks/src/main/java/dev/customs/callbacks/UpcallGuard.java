package dev.customs.callbacks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * Keeps every {@link Throwable} out of native frames. An upcall that lets a throwable escape kills the JVM on FFM
 * ("Unrecoverable uncaught exception encountered", exit code 1) and is logged and lost on JNA, where C carries on
 * with a zero result. Wrapped in a guard, the upcall instead hands C an error status (so C stops, as its contract
 * says), and the throwable is kept until the Java thread that made the downcall takes it back once the downcall has
 * returned.
 *
 * <p>The pattern, for any C callback type with an integral return, written directly in the upcall so that the hot
 * path is one {@code try} and allocates nothing:
 * {@snippet :
 * UpcallGuard guard = new UpcallGuard(MY_CALLBACK_FAILED);          // one guard per downcall
 * MemorySegment stub = my_cb.allocate((user, x) -> {
 *     try {
 *         return handler.apply(x);
 *     } catch (Throwable t) {
 *         return guard.capture(t);                                    // C sees MY_CALLBACK_FAILED and stops
 *     }
 * }, arena);
 * int status = my_function(stub, MemorySegment.NULL);                 // C returns after the upcall
 * guard.rethrowIfAny();                                               // the original throwable, here
 * }
 * {@link #guardHandle(MethodHandle)} does the same for a raw upcall {@code MethodHandle}, as the {@code Linker}
 * javadoc advises.
 *
 * <p>What the caller gets back:
 * <ul>
 *   <li>The first throwable, itself: same object, stack trace intact. Every later one (many native threads may fail
 *       at once) is attached to it with {@link Throwable#addSuppressed}, in arrival order: none is lost.</li>
 *   <li>{@link Error}s are caught too, deliberately. An {@code OutOfMemoryError} or {@code StackOverflowError} in an
 *       upcall is caught where the upcall entered Java: the stack has unwound and the failed allocation is gone, so
 *       the guard can still run, and recording the first failure allocates nothing. Letting the error escape would
 *       end the JVM on FFM and lose it on JNA; rethrown on the caller's thread it reaches the code that can judge
 *       it. The one exception to "first wins": an {@code Error} is never hidden under an {@code Exception}. If any
 *       captured throwable is an {@code Error}, the first {@code Error} is rethrown and the rest are suppressed under
 *       it, so a caller's {@code catch (RuntimeException e)} cannot swallow an {@code OutOfMemoryError}.</li>
 *   <li>A checked exception (which Java code can only throw past these interfaces by stealth) comes back wrapped in
 *       {@link UndeclaredThrowableException}.</li>
 *   <li>If recording a later throwable fails (memory exhausted), {@link #capture} still returns the error status and
 *       counts it; the rethrown throwable then carries a suppressed {@code IllegalStateException} with the count.</li>
 * </ul>
 *
 * <p>A guard may be filled from any number of threads at once. It is reusable: {@link #rethrowIfAny()} and
 * {@link #takeFailure()} empty it. Use one guard per downcall, or per registered callback whose failures are taken
 * back after each call that could have triggered it, so that a throwable is delivered to the call it belongs to.
 */
public final class UpcallGuard {
    private static final MethodHandle CAPTURE;

    static {
        try {
            CAPTURE = MethodHandles.lookup().findVirtual(UpcallGuard.class, "capture",
                    MethodType.methodType(int.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int errorStatus;
    private final ToIntFunction<? super Throwable> statusFor;
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final Queue<Throwable> later = new ConcurrentLinkedQueue<>();
    private final AtomicLong unrecorded = new AtomicLong();

    /** A guard that hands C {@code errorStatus} whatever was thrown. */
    public UpcallGuard(int errorStatus) {
        this.errorStatus = errorStatus;
        this.statusFor = null;
    }

    /**
     * A guard that hands C the status {@code statusFor} gives the throwable (for example a table from exception type
     * to C status), or {@code fallbackStatus} if {@code statusFor} itself throws.
     */
    public UpcallGuard(ToIntFunction<? super Throwable> statusFor, int fallbackStatus) {
        this.errorStatus = fallbackStatus;
        this.statusFor = Objects.requireNonNull(statusFor, "statusFor");
    }

    /**
     * Records {@code t} and returns the status to hand C instead of unwinding into it. For the {@code catch} block of
     * an upcall: it never throws.
     */
    public int capture(Throwable t) {
        record(t);
        if (statusFor == null) {
            return errorStatus;
        }
        try {
            return statusFor.applyAsInt(t);
        } catch (Throwable broken) {
            record(broken);
            return errorStatus;
        }
    }

    private void record(Throwable t) {
        try {
            if (!first.compareAndSet(null, t)) {
                later.add(t);
            }
        } catch (Throwable cannotRecord) {
            unrecorded.incrementAndGet();
        }
    }

    /** True while a captured throwable has not been taken back. */
    public boolean failed() {
        return first.get() != null;
    }

    /**
     * Takes back everything captured so far and empties the guard: the throwable to rethrow (see the class comment for
     * which one, and how the others are attached), or null if nothing was captured. It is always unchecked: a
     * {@link RuntimeException} or an {@link Error}.
     */
    public Throwable takeFailure() {
        Throwable head = first.getAndSet(null);
        if (head == null) {
            return null;
        }
        List<Throwable> all = new ArrayList<>();
        all.add(head);
        for (Throwable next; (next = later.poll()) != null; ) {
            all.add(next);
        }
        Throwable primary = all.stream().filter(Error.class::isInstance).findFirst().orElse(head);
        // The same object may be thrown on several threads; a throwable cannot suppress itself. An identity set keeps
        // this linear when thousands of upcalls fail under one guard.
        Set<Throwable> attached = Collections.newSetFromMap(new IdentityHashMap<>());
        attached.add(primary);
        for (Throwable t : all) {
            if (attached.add(t)) {
                primary.addSuppressed(t);
            }
        }
        long lost = unrecorded.getAndSet(0);
        if (lost > 0) {
            primary.addSuppressed(new IllegalStateException(lost + " more throwable(s) were caught in upcalls but"
                    + " could not be recorded"));
        }
        return switch (primary) {
            case RuntimeException e -> e;
            case Error e -> e;
            default -> new UndeclaredThrowableException(primary, "a callback threw a checked exception");
        };
    }

    /** Rethrows what {@link #takeFailure()} takes back, if anything. Call it once the downcall has returned. */
    public void rethrowIfAny() {
        Throwable t = takeFailure();
        if (t != null) {
            throw unchecked(t);
        }
    }

    /**
     * {@code t}, which {@link #takeFailure()} gave, typed for a {@code throw} statement: {@code throw
     * UpcallGuard.unchecked(t)}. An {@link Error} is thrown from here rather than returned.
     */
    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    /**
     * {@code target}, guarded with {@link MethodHandles#catchException}: for a raw upcall handle passed to
     * {@code Linker.upcallStub}. A throwable is captured and the handle returns the error status, converted to the
     * target's return type; for a {@code void} target C cannot be told, but the throwable is still kept.
     *
     * @throws IllegalArgumentException if the target returns something other than an integral type or void
     */
    public MethodHandle guardHandle(MethodHandle target) {
        MethodType type = target.type();
        Class<?> returns = type.returnType();
        MethodHandle handler = CAPTURE.bindTo(this);
        if (returns == void.class || returns == int.class || returns == long.class || returns == short.class
                || returns == byte.class) {
            handler = MethodHandles.explicitCastArguments(handler, MethodType.methodType(returns, Throwable.class));
        } else {
            throw new IllegalArgumentException("an upcall guard needs an integral or void return to tell C that the"
                    + " callback failed, but " + type + " returns " + returns.getName());
        }
        handler = MethodHandles.dropArguments(handler, 1, type.parameterList());
        return MethodHandles.catchException(target, Throwable.class, handler);
    }
}
