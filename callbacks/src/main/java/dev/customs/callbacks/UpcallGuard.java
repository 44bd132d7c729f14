package dev.customs.callbacks;

import java.lang.foreign.MemorySegment;
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
 * <p>Two options, each giving a new guard ({@link #onFirstFailure}, {@link #skippingAfterFailure}), for libraries
 * that keep calling after an upcall failed:
 * {@snippet :
 * UpcallGuard guard = new UpcallGuard(XML_ERROR_VALUE)
 *         .onFirstFailure(() -> XML_StopParser(parser, XML_FALSE))   // expat stops through a separate call
 *         .skippingAfterFailure();                                    // the event expat still delivers: not run
 * MemorySegment start = Linker.nativeLinker().upcallStub(guard.guardHandle(onStart), START_DESC, arena);
 * }
 * Skipping is opt-in, not the default, because the callbacks that keep being called after a failure are exactly
 * those with no error channel, and for some of them a constant answer is harmful: a comparator that answers 0 (or
 * any constant) from some point on is inconsistent, and glibc's {@code qsort} before 2.39 wrote out of bounds on such
 * a comparator (Qualys, January 2024). A library that stops on the first error status never calls again, so there
 * skipping changes nothing. Turn it on where a later call would run user code against state the failure left behind
 * (a parser's next event); leave it off for comparators and see callbacks/README.md for what to do there.
 *
 * <p>A guard may be filled from any number of threads at once. It is reusable: {@link #rethrowIfAny()} and
 * {@link #takeFailure()} empty it. Use one guard per downcall, or per registered callback whose failures are taken
 * back after each call that could have triggered it, so that a throwable is delivered to the call it belongs to.
 */
public final class UpcallGuard {
    private static final MethodHandle CAPTURE;
    private static final MethodHandle SKIPPING;
    private static final MethodHandle FIRST_STATUS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CAPTURE = lookup.findVirtual(UpcallGuard.class, "capture",
                    MethodType.methodType(int.class, Throwable.class));
            SKIPPING = lookup.findVirtual(UpcallGuard.class, "skipping", MethodType.methodType(boolean.class));
            FIRST_STATUS = lookup.findVirtual(UpcallGuard.class, "firstStatus", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int errorStatus;
    private final ToIntFunction<? super Throwable> statusFor;
    private final Runnable firstFailureAction;
    private final boolean skipAfterFailure;
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final Queue<Throwable> later = new ConcurrentLinkedQueue<>();
    private final AtomicLong unrecorded = new AtomicLong();
    /** The status the first failure was given: what skipped upcalls return. */
    private volatile int firstStatus;

    /** A guard that hands C {@code errorStatus} whatever was thrown. */
    public UpcallGuard(int errorStatus) {
        this(errorStatus, null, null, false);
    }

    /**
     * A guard that hands C the status {@code statusFor} gives the throwable (for example a table from exception type
     * to C status), or {@code fallbackStatus} if {@code statusFor} itself throws.
     */
    public UpcallGuard(ToIntFunction<? super Throwable> statusFor, int fallbackStatus) {
        this(fallbackStatus, Objects.requireNonNull(statusFor, "statusFor"), null, false);
    }

    private UpcallGuard(int errorStatus, ToIntFunction<? super Throwable> statusFor, Runnable firstFailureAction,
            boolean skipAfterFailure) {
        this.errorStatus = errorStatus;
        this.statusFor = statusFor;
        this.firstFailureAction = firstFailureAction;
        this.skipAfterFailure = skipAfterFailure;
        this.firstStatus = errorStatus;
    }

    /**
     * A new, empty guard like this one that also runs {@code action} once on the first failure: for a library whose
     * callbacks cannot stop it by their return value alone, and which stops through a separate call (expat's
     * {@code XML_StopParser}, libcurl's pause). The action runs on the failing upcall's thread, before the upcall
     * returns to C; it is itself guarded: a throwable from it is attached to the first failure, never thrown into C.
     * It runs again only after the failure has been taken back ({@link #takeFailure()}, {@link #rethrowIfAny()}).
     */
    public UpcallGuard onFirstFailure(Runnable action) {
        return new UpcallGuard(errorStatus, statusFor, Objects.requireNonNull(action, "action"), skipAfterFailure);
    }

    /**
     * A new, empty guard like this one whose later upcalls, once one has failed, skip the user's code and return
     * the error value at once: the status the first failure was given, {@code NULL}, or the floating-point fallback
     * ({@link #guardHandle}); in a hand-written upcall, test {@link #skipping()} first. Until the failure is taken
     * back. Opt-in, for the reason in the class comment.
     */
    public UpcallGuard skippingAfterFailure() {
        return new UpcallGuard(errorStatus, statusFor, firstFailureAction, true);
    }

    /**
     * True when this guard skips after a failure and one has been captured and not yet taken back: the upcall should
     * return {@link #firstStatus()} without running the user's code.
     * {@snippet :
     * if (guard.skipping()) {
     *     return guard.firstStatus();
     * }
     * try { ... } catch (Throwable t) { return guard.capture(t); }
     * }
     */
    public boolean skipping() {
        return skipAfterFailure && first.get() != null;
    }

    /** The status the first captured failure was handed (the error status until one was). */
    public int firstStatus() {
        return firstStatus;
    }

    /**
     * Records {@code t} and returns the status to hand C instead of unwinding into it. For the {@code catch} block of
     * an upcall: it never throws.
     */
    public int capture(Throwable t) {
        int status = errorStatus;
        Throwable broken = null;
        if (statusFor != null) {
            try {
                status = statusFor.applyAsInt(t);
            } catch (Throwable b) {
                broken = b;
            }
        }
        record(t, status);
        if (broken != null) {
            record(broken, status);
        }
        return status;
    }

    private void record(Throwable t, int status) {
        boolean isFirst = false;
        try {
            isFirst = first.compareAndSet(null, t);
            if (isFirst) {
                firstStatus = status;
            } else {
                later.add(t);
            }
        } catch (Throwable cannotRecord) {
            unrecorded.incrementAndGet();
        }
        if (isFirst && firstFailureAction != null) {
            try {
                firstFailureAction.run();
            } catch (Throwable actionFailed) {
                try {
                    later.add(actionFailed);
                } catch (Throwable cannotRecord) {
                    unrecorded.incrementAndGet();
                }
            }
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
        Throwable head = first.getAndSet(null); // one taker wins; the downcall has returned, so no upcall races it
        if (head == null) {
            return null;
        }
        firstStatus = errorStatus;
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
     * target's return type; a target that returns a pointer ({@code MemorySegment}) returns {@code NULL}, which is the
     * error value of C functions returning pointers. For a {@code void} target C cannot be told, but the throwable is
     * still kept. With {@link #skippingAfterFailure()} the handle first tests {@link #skipping()} and, if so, returns
     * the same error value without calling {@code target}.
     *
     * @throws NullPointerException     for a null target
     * @throws IllegalArgumentException if the target returns a floating-point value (use
     *                                  {@link #guardHandle(MethodHandle, double)}, C has no universal error value for
     *                                  one) or anything other than an integral type, a pointer or void
     */
    public MethodHandle guardHandle(MethodHandle target) {
        Class<?> returns = Objects.requireNonNull(target, "target").type().returnType();
        if (returns == float.class || returns == double.class) {
            throw new IllegalArgumentException("a floating-point return has no error value C would recognise: give the"
                    + " one your library documents with guardHandle(target, fallback); " + target.type());
        }
        if (returns == MemorySegment.class) {
            return guarded(target, MethodHandles.constant(MemorySegment.class, MemorySegment.NULL));
        }
        if (returns != void.class && returns != int.class && returns != long.class && returns != short.class
                && returns != byte.class) {
            throw new IllegalArgumentException("an upcall guard needs an integral, pointer or void return to tell C"
                    + " that the callback failed, but " + target.type() + " returns " + returns.getName());
        }
        return guarded(target, null);
    }

    /**
     * {@link #guardHandle(MethodHandle)} for a target returning {@code float} or {@code double}: a failed upcall
     * returns {@code fallback}, the value the library documents as "no result" (often {@code NaN}, which poisons
     * later arithmetic visibly rather than passing for a result).
     *
     * @throws NullPointerException     for a null target
     * @throws IllegalArgumentException if the target returns neither {@code float} nor {@code double}, or for a
     *                                  finite {@code fallback} beyond a {@code float}'s range on a {@code float} target
     */
    public MethodHandle guardHandle(MethodHandle target, double fallback) {
        Class<?> returns = Objects.requireNonNull(target, "target").type().returnType();
        if (returns == double.class) {
            return guarded(target, MethodHandles.constant(double.class, fallback));
        }
        if (returns != float.class) {
            throw new IllegalArgumentException("guardHandle(target, fallback) is for float and double returns; "
                    + target.type() + " returns " + returns.getName() + ": use guardHandle(target)");
        }
        if (Double.isFinite(fallback) && Math.abs(fallback) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("fallback " + fallback + " is beyond a float's range");
        }
        return guarded(target, MethodHandles.constant(float.class, (float) fallback));
    }

    /** {@code target} with the catch, and the skip when asked; {@code errorValue} null: the status, cast. */
    private MethodHandle guarded(MethodHandle target, MethodHandle errorValue) {
        MethodType type = target.type();
        Class<?> returns = type.returnType();
        MethodHandle handler;
        MethodHandle skipped;
        if (errorValue == null) {
            handler = MethodHandles.explicitCastArguments(CAPTURE.bindTo(this),
                    MethodType.methodType(returns, Throwable.class));
            skipped = MethodHandles.explicitCastArguments(FIRST_STATUS.bindTo(this), MethodType.methodType(returns));
        } else {
            handler = MethodHandles.filterReturnValue(CAPTURE.bindTo(this),
                    MethodHandles.dropArguments(errorValue, 0, int.class));
            skipped = errorValue;
        }
        handler = MethodHandles.dropArguments(handler, 1, type.parameterList());
        MethodHandle caught = MethodHandles.catchException(target, Throwable.class, handler);
        if (!skipAfterFailure) {
            return caught;
        }
        return MethodHandles.guardWithTest(MethodHandles.dropArguments(SKIPPING.bindTo(this), 0, type.parameterList()),
                MethodHandles.dropArguments(skipped, 0, type.parameterList()), caught);
    }
}
