package dev.customs.callbacks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sane Java context for upcalls that arrive on threads C created. Such a thread enters Java with whatever the
 * backend gave it: on FFM a daemon {@code Thread-N} in group {@code main} with a {@code null} context class loader,
 * attached until the native thread exits; on JNA the same but non-daemon, and by default attached afresh for every
 * callback. A context gives those threads:
 * <ul>
 *   <li>a name, {@code PREFIX-N}, set once per thread (renaming is a system call, so it is not repeated);</li>
 *   <li>a context class loader, so that {@code ServiceLoader}, JNDI or a logging framework used in the callback find
 *       the application's classes; set again on every upcall, so a callback that changed it cannot leak the change
 *       into the next, unrelated upcall on the same thread;</li>
 *   <li>an {@link Thread.UncaughtExceptionHandler}, for code in the callback that reports through the current
 *       thread's handler; also set on every upcall;</li>
 *   <li>the {@code ThreadLocal}s named with {@link Builder#clearAfterEachUpcall} removed after every upcall, so state
 *       one upcall leaves behind cannot reach the next one that the same long-lived native thread runs for an
 *       unrelated caller.</li>
 * </ul>
 *
 * <p>Use it only for callbacks that C calls from threads it creates (the header says which): on a Java thread, such
 * as the caller of a synchronous iteration, it would rename that thread. In an upcall, call {@link #enter()} first and
 * {@link #exit()} in a {@code finally}; or let the context wrap the upcall, whatever its type:
 * {@snippet :
 * NativeThreadContext context = NativeThreadContext.named("pool-callback").build();
 * MethodHandle inContext = context.wrap(guard.guardHandle(onEvent));           // a raw upcall handle
 * MemorySegment stub = Linker.nativeLinker().upcallStub(inContext, EVENT_DESC, arena);
 * MyCallback jna = context.wrap(MyCallback.class, (user, event) -> handle(event)); // any functional interface
 * }
 *
 * <p>What no context can do, and why (see callbacks/README.md, "Thread attachment"):
 * <ul>
 *   <li>Daemon status: FFM and JNA attach the thread before Java code runs, and {@code setDaemon} on a started
 *       thread throws {@code IllegalThreadStateException}. On JNA a {@code CallbackThreadInitializer} chooses it.</li>
 *   <li>Where an escaping exception goes: neither backend consults the thread's handler. FFM prints the stack trace
 *       and ends the JVM; JNA hands it to its own {@code Callback.UncaughtExceptionHandler}. The place for failures is
 *       an {@link dev.customs.callbacks.UpcallGuard}, which keeps them for the Java caller.</li>
 *   <li>Removing every {@code ThreadLocal}: Java has no API for another thread's or all of one's own thread-locals
 *       (only reflection into {@code java.lang.Thread}, closed by the module system). Name the ones your callbacks
 *       set, or pass per-call state through the callback's arguments instead.</li>
 * </ul>
 *
 * <p>Cost on the upcall path: one {@code ThreadLocal} read and two field writes per upcall, plus one removal per
 * named {@code ThreadLocal}; nothing is allocated after a thread's first upcall.
 */
public final class NativeThreadContext {
    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENTER = lookup.findVirtual(NativeThreadContext.class, "enter", MethodType.methodType(void.class));
            EXIT = lookup.findVirtual(NativeThreadContext.class, "exit", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String namePrefix;
    private final ClassLoader contextClassLoader;
    private final Thread.UncaughtExceptionHandler uncaughtExceptionHandler;
    private final List<ThreadLocal<?>> clearAfterEachUpcall;
    private final AtomicInteger threadsPrepared = new AtomicInteger();
    /** Marks the threads this context has named. Its entry dies with the thread. */
    private final ThreadLocal<Boolean> named = new ThreadLocal<>();

    private NativeThreadContext(Builder b) {
        this.namePrefix = b.namePrefix;
        this.contextClassLoader = b.contextClassLoader;
        this.uncaughtExceptionHandler = b.uncaughtExceptionHandler;
        this.clearAfterEachUpcall = List.copyOf(b.clearAfterEachUpcall);
    }

    /**
     * A context whose threads are named {@code namePrefix-1}, {@code namePrefix-2}, ... in the order they first call
     * back, with the caller's class loader as context class loader unless {@link Builder#contextClassLoader} says
     * otherwise.
     */
    public static Builder named(String namePrefix) {
        return new Builder(Objects.requireNonNull(namePrefix, "namePrefix"));
    }

    /** First thing in an upcall on a native thread: names the thread on its first upcall, sets loader and handler. */
    public void enter() {
        Thread thread = Thread.currentThread();
        if (named.get() == null) {
            named.set(Boolean.TRUE);
            thread.setName(namePrefix + "-" + threadsPrepared.incrementAndGet());
        }
        thread.setContextClassLoader(contextClassLoader);
        if (uncaughtExceptionHandler != null) {
            thread.setUncaughtExceptionHandler(uncaughtExceptionHandler);
        }
    }

    /** Last thing in an upcall (in a {@code finally}): removes the named {@code ThreadLocal}s. */
    public void exit() {
        for (ThreadLocal<?> local : clearAfterEachUpcall) {
            local.remove();
        }
    }

    /**
     * {@code upcall} run inside this context: {@link #enter()} before it, {@link #exit()} after it however it ends
     * ({@link MethodHandles#tryFinally}). Same type as {@code upcall}, so it goes to {@code Linker.upcallStub} as is.
     * Put the guard inside ({@code context.wrap(guard.guardHandle(target))}): nothing must escape into C.
     *
     * @throws NullPointerException for a null handle
     */
    public MethodHandle wrap(MethodHandle upcall) {
        MethodType type = Objects.requireNonNull(upcall, "upcall").type();
        MethodHandle entered = MethodHandles.foldArguments(upcall, ENTER.bindTo(this));
        Class<?> returns = type.returnType();
        MethodHandle cleanup = returns == void.class
                ? MethodHandles.dropArguments(EXIT.bindTo(this), 0, Throwable.class)
                : MethodHandles.dropArguments(MethodHandles.foldArguments(MethodHandles.identity(returns),
                        EXIT.bindTo(this)), 0, Throwable.class);
        return MethodHandles.tryFinally(entered, cleanup);
    }

    /**
     * {@code callback}, an instance of the functional interface {@code type} (a JNA {@code Callback}, a
     * {@code Runnable}, your own), as a new instance whose one abstract method runs inside this context.
     *
     * @throws NullPointerException     for a null type or callback
     * @throws IllegalArgumentException if {@code type} is not an interface with exactly one abstract method
     */
    public <T> T wrap(Class<T> type, T callback) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callback, "callback");
        Method[] abstracts = type.isInterface() ? Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers())).toArray(Method[]::new) : new Method[0];
        if (abstracts.length != 1) {
            throw new IllegalArgumentException(type.getName() + " is not a functional interface (an interface with"
                    + " exactly one abstract method)");
        }
        MethodHandle target;
        try {
            target = MethodHandles.publicLookup().unreflect(abstracts[0]).bindTo(callback);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(type.getName() + " is not public: " + e.getMessage(), e);
        }
        return MethodHandleProxies.asInterfaceInstance(type, wrap(target));
    }

    /** How many threads this context has named so far. */
    public int threadsPrepared() {
        return threadsPrepared.get();
    }

    /** Builds a {@link NativeThreadContext}. */
    public static final class Builder {
        private final String namePrefix;
        private ClassLoader contextClassLoader = Thread.currentThread().getContextClassLoader();
        private Thread.UncaughtExceptionHandler uncaughtExceptionHandler;
        private List<ThreadLocal<?>> clearAfterEachUpcall = List.of();

        private Builder(String namePrefix) {
            this.namePrefix = namePrefix;
        }

        /** The context class loader of every upcall (default: the one of the thread that built the context). */
        public Builder contextClassLoader(ClassLoader loader) {
            this.contextClassLoader = loader;
            return this;
        }

        /** The handler set on every upcall's thread (default: the thread's own is left alone). */
        public Builder uncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            this.uncaughtExceptionHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Thread-locals removed after every upcall. */
        public Builder clearAfterEachUpcall(ThreadLocal<?>... locals) {
            this.clearAfterEachUpcall = List.of(locals);
            return this;
        }

        public NativeThreadContext build() {
            return new NativeThreadContext(this);
        }
    }
}
