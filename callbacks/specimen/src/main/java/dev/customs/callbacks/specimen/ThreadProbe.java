package dev.customs.callbacks.specimen;

import dev.customs.callbacks.NativeThreadContext;

import dev.customs.api.CustomsGuards;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import dev.customs.api.ThreadCallback;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.bindings.jna.customs_thread_cb;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what Java sees in the upcalls of {@code customs_run_threads}: which Java {@code Thread} each native thread
 * became, what that thread looks like, which thread-local state it carried in, and how many live threads the JVM
 * counted before, during and after. The observations behind the thread-attachment facts of callbacks/README.md; the
 * tests and {@code ./customs demo threads} assert them.
 */
public final class ThreadProbe {
    /** How long {@link #runThreads} waits for the native threads' Java threads to be gone. */
    public static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** Set by each upcall to its native thread's index, read at the next upcall's entry. */
    private static final ThreadLocal<Integer> LOCAL = new ThreadLocal<>();
    /** Set on the calling thread around a run: a new thread created by Java would inherit it. */
    private static final InheritableThreadLocal<String> INHERITED = new InheritableThreadLocal<>();

    private ThreadProbe() {}

    /**
     * One upcall: C's thread and call index, the Java thread it ran on, and the thread-local values found at entry.
     *
     * @param localAtEntry     the native-thread index an earlier upcall on the same Java thread stored, or null
     * @param inheritedAtEntry the caller's inheritable thread-local, if the thread inherited it, or null
     */
    public record Upcall(int nativeThread, int call, Thread thread, ThreadSnapshot seen, Integer localAtEntry,
                         String inheritedAtEntry) {}

    /** Everything one run observed. */
    public record Run(Thread caller, List<Upcall> upcalls, int threadsBefore, int threadsDuringMax, int threadsAfter,
                      boolean allExited) {
        /** How many distinct Java threads the upcalls ran on. */
        public int javaThreads() {
            Set<Thread> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            upcalls.forEach(u -> distinct.add(u.thread()));
            return distinct.size();
        }

        /** True when every upcall of one native thread ran on one and the same Java thread. */
        public boolean oneJavaThreadPerNativeThread() {
            Map<Integer, Thread> byNative = new HashMap<>();
            return upcalls.stream().allMatch(u -> byNative.computeIfAbsent(u.nativeThread(), k -> u.thread())
                    == u.thread());
        }

        /** True when every upcall after a native thread's first found the value that thread's earlier upcall set. */
        public boolean threadLocalsKeptAcrossUpcalls() {
            return upcalls.stream().filter(u -> u.call() > 0)
                    .allMatch(u -> Objects.equals(u.localAtEntry(), u.nativeThread()));
        }

        /** True when some upcall found a value that another native thread's upcall had set: a leak. */
        public boolean sawAnotherThreadsLocal() {
            return upcalls.stream().anyMatch(u -> u.localAtEntry() != null && u.localAtEntry() != u.nativeThread());
        }

        /** True when no upcall saw the caller's inheritable thread-local. */
        public boolean nothingInherited() {
            return upcalls.stream().allMatch(u -> u.inheritedAtEntry() == null);
        }

        /** True when no upcall ran on the caller's thread. */
        public boolean neverOnTheCaller() {
            return upcalls.stream().noneMatch(u -> u.thread() == caller);
        }

        /** The facts of the first upcall's thread, as it looked then. */
        public ThreadSnapshot first() {
            return upcalls.getFirst().seen();
        }
    }

    /**
     * Runs {@code customs_run_threads(threads, calls)} with a recording callback.
     *
     * @param context        run every upcall inside this context, or null
     * @param jnaInitializer JNA only: the {@code CallbackThreadInitializer} for the callback, or null for JNA's default
     */
    public static Run runThreads(Customs customs, int threads, int calls, NativeThreadContext context,
            CallbackThreadInitializer jnaInitializer) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread caller = Thread.currentThread();
        List<Upcall> upcalls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger peak = new AtomicInteger();
        ThreadCallback record = (t, c) -> {
            Thread thread = Thread.currentThread();
            upcalls.add(new Upcall(t, c, thread, ThreadSnapshot.of(thread), LOCAL.get(), INHERITED.get()));
            LOCAL.set(t);
            peak.accumulateAndGet(mx.getThreadCount(), Math::max);
            return 0;
        };
        ThreadCallback callback = context == null ? record : CustomsGuards.inContext(context, record);
        INHERITED.set("set by the caller");
        int before = mx.getThreadCount();
        try {
            if (jnaInitializer == null) {
                customs.runThreads(threads, calls, callback);
            } else {
                runWithInitializer(customs, threads, calls, callback, jnaInitializer);
            }
        } finally {
            INHERITED.remove();
        }
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while ((mx.getThreadCount() > before || upcalls.stream().anyMatch(u -> u.thread().isAlive()))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean allExited = upcalls.stream().noneMatch(u -> u.thread().isAlive());
        return new Run(caller, List.copyOf(upcalls), before, peak.get(), mx.getThreadCount(), allExited);
    }

    /** The JNA knob FFM has no counterpart for: a thread initializer set on the callback object itself. */
    private static void runWithInitializer(Customs customs, int threads, int calls, ThreadCallback callback,
            CallbackThreadInitializer initializer) {
        if (!(customs instanceof JnaCustoms jna)) {
            throw new IllegalArgumentException("a CallbackThreadInitializer is JNA's; backend '" + customs.backend()
                    + "' has none");
        }
        UpcallGuard guard = CustomsGuards.guard();
        ThreadCallback guarded = CustomsGuards.threads(guard, callback);
        customs_thread_cb upcall = (user, t, c) -> guarded.onCall(t, c);
        Native.setCallbackThreadInitializer(upcall, initializer);
        int status;
        try {
            status = jna.raw().customs_run_threads(threads, calls, upcall, null);
        } finally {
            Reference.reachabilityFence(upcall);
        }
        guard.rethrowIfAny();
        customs.check("customs_run_threads", status, threads + " threads");
    }
}
