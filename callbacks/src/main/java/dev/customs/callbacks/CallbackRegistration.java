package dev.customs.callbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Owns the callbacks that native code keeps across calls (one, or several registered together with
 * {@link #ffmGroup}): the upcall (an FFM stub in an arena of its own, or a JNA
 * {@code Callback} object held strongly) and the native registration that holds it. {@link #close()} releases them in
 * the one safe order:
 * <ol>
 *   <li>unregister, so that C lets go of the callback and will not call it again;</li>
 *   <li>only then free the upcall: close the stub's arena (FFM), or drop the callback object (JNA).</li>
 * </ol>
 * The other order is a crash or a silent error. An FFM stub called after its arena closed is freed code: the JVM dies
 * of SIGSEGV. A JNA callback collected while C holds it prints "JNA: callback object has been garbage collected" and
 * C receives 0, as if the callback had succeeded.
 *
 * <p>Every native call that uses the registration goes through {@link #call}, which refuses once closed, and
 * {@link #close()} refuses while such a call is in flight, so C is never handed a freed registration. If unregistering
 * fails (for example from inside the callback, where C refuses to join its own thread), nothing is released: the
 * registration stays usable and can be closed again later.
 *
 * @param <T> the native registration, as the binding sees it ({@code MemorySegment} on FFM, {@code Pointer} on JNA)
 */
public final class CallbackRegistration<T> implements AutoCloseable {
    /** Hands the upcall to C and returns C's registration; throws if C refuses. */
    @FunctionalInterface
    public interface Register<U, T> {
        T register(U upcall);
    }

    /** Asks C to let go of the registration; throws if C refuses, in which case C still holds the upcall. */
    @FunctionalInterface
    public interface Unregister<T> {
        void unregister(T registration);
    }

    private static final long CLOSED = -1;

    private final T registration;
    private final Unregister<T> unregister;
    private final Runnable freeUpcall;
    /** CLOSED, or the number of native calls using the registration right now. */
    private final AtomicLong users = new AtomicLong();
    /** The FFM arena or the JNA callback object: held strongly until released. */
    private volatile Object upcall;

    private CallbackRegistration(T registration, Unregister<T> unregister, Object upcall, Runnable freeUpcall) {
        this.registration = registration;
        this.unregister = unregister;
        this.upcall = upcall;
        this.freeUpcall = freeUpcall;
    }

    /**
     * Allocates the stub with {@code stub} in a shared arena of its own (C calls it from its own threads), then
     * registers it. If registering throws, the arena is closed at once: C never got the stub.
     */
    public static <T> CallbackRegistration<T> ffm(Function<Arena, MemorySegment> stub,
            Register<MemorySegment, T> register, Unregister<T> unregister) {
        return ffmGroup(stub, register, unregister);
    }

    /**
     * Several stubs that C holds together, released together: a parser's start, end and text handlers, say. All are
     * allocated by {@code stubs} in one shared arena of the registration's own, then {@code register} hands them to C
     * (in as many native calls as it needs) and returns the registration; {@link #close()} runs {@code unregister}
     * (which must make C let go of every one) and only then closes the arena, freeing all of them at once. If
     * {@code stubs} or {@code register} throws, the arena is closed at once.
     * {@snippet :
     * record Handlers(MemorySegment start, MemorySegment end, MemorySegment text) {}
     * CallbackRegistration<MemorySegment> handlers = CallbackRegistration.ffmGroup(
     *         arena -> new Handlers(upcall(onStart, START, arena), upcall(onEnd, END, arena), upcall(onText, TEXT, arena)),
     *         h -> { XML_SetElementHandler(parser, h.start(), h.end());
     *                XML_SetCharacterDataHandler(parser, h.text()); return parser; },
     *         p -> { XML_SetElementHandler(p, NULL, NULL); XML_SetCharacterDataHandler(p, NULL); });
     * }
     *
     * @param <S> what {@code stubs} makes: a record of stubs, a list, a single segment
     */
    public static <S, T> CallbackRegistration<T> ffmGroup(Function<Arena, S> stubs, Register<? super S, T> register,
            Unregister<T> unregister) {
        Objects.requireNonNull(stubs, "stubs");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(unregister, "unregister");
        Arena arena = Arena.ofShared();
        try {
            S made = Objects.requireNonNull(stubs.apply(arena), "the stubs made");
            T registration = register.register(made);
            return new CallbackRegistration<>(registration, unregister, arena, arena::close);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Takes ownership of an upcall that C already holds through {@code registration}: {@code upcall} (the object that
     * keeps the upcall alive, such as a JNA {@code Callback}) is held strongly until {@link #close()} has unregistered,
     * then {@code freeUpcall} runs. For backends other than FFM; {@code dev.customs.jna.JnaCallbacks} uses it.
     */
    public static <T> CallbackRegistration<T> holding(T registration, Unregister<T> unregister, Object upcall,
            Runnable freeUpcall) {
        Objects.requireNonNull(unregister, "unregister");
        Objects.requireNonNull(upcall, "upcall");
        Objects.requireNonNull(freeUpcall, "freeUpcall");
        return new CallbackRegistration<>(registration, unregister, upcall, freeUpcall);
    }

    /**
     * Runs a native call that uses the registration and returns its result.
     *
     * @throws IllegalStateException once the registration is closed
     */
    public int call(ToIntFunction<? super T> nativeCall) {
        Objects.requireNonNull(nativeCall, "nativeCall");
        long n;
        do {
            n = users.get();
            if (n == CLOSED) {
                throw new IllegalStateException("the callback registration is closed");
            }
        } while (!users.compareAndSet(n, n + 1));
        try {
            return nativeCall.applyAsInt(registration);
        } finally {
            users.decrementAndGet();
        }
    }

    /** True until {@link #close()} has unregistered and released the upcall. */
    public boolean isOpen() {
        return upcall != null;
    }

    /**
     * Unregisters, then frees the upcall. Idempotent once it has succeeded.
     *
     * @throws IllegalStateException while a {@link #call} is in flight
     */
    @Override
    public synchronized void close() {
        if (upcall == null) {
            return;
        }
        if (!users.compareAndSet(0, CLOSED)) {
            throw new IllegalStateException("the callback registration is in use by " + users.get()
                    + " native call(s) in flight: close it once they have returned");
        }
        try {
            unregister.unregister(registration);
        } catch (RuntimeException | Error e) {
            users.set(0); // C still holds the upcall: keep it, and the registration usable
            throw e;
        }
        freeUpcall.run();
        upcall = null;
    }
}
