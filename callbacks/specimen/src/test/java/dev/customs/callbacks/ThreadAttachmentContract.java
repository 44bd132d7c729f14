package dev.customs.callbacks;

import dev.customs.callbacks.specimen.EventListener;
import dev.customs.callbacks.specimen.EventCallback;
import dev.customs.callbacks.specimen.ThreadProbe;
import dev.customs.callbacks.specimen.ThreadSnapshot;

import dev.customs.api.CustomsGuards;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What Java sees when C calls back: on the calling thread, on threads C created, across upcalls and after those threads
 * exit; and what {@link NativeThreadContext} changes. Written once, run on FFM and JNA, whose defaults differ where
 * the subclass says so.
 */
abstract class ThreadAttachmentContract extends OnBackend {
    /** FFM attaches a native thread as a daemon; JNA, by default, not. */
    abstract boolean nativeThreadsAreDaemons();

    /**
     * FFM keeps a native thread attached, as one Java thread, until it exits; JNA by default attaches it afresh for
     * every callback and detaches it after.
     */
    abstract boolean nativeThreadKeepsOneJavaThread();

    int javaThreadsFor(int nativeThreads, int callsEach) {
        return nativeThreadKeepsOneJavaThread() ? nativeThreads : nativeThreads * callsEach;
    }

    @Test
    void upcallOnTheCallingThreadRunsOnTheCallersOwnThread() {
        Thread caller = Thread.currentThread();
        ThreadSnapshot outside = ThreadSnapshot.of(caller);
        List<Thread> threads = new ArrayList<>();
        List<ThreadSnapshot> seen = new ArrayList<>();
        customs.forEach(new int[3], (index, item) -> {
            threads.add(Thread.currentThread());
            seen.add(ThreadSnapshot.of(Thread.currentThread()));
            return 0;
        });
        assertEquals(3, threads.size());
        threads.forEach(t -> assertSame(caller, t, "the upcall ran on the caller's own Thread"));
        seen.forEach(s -> assertEquals(outside, s, "same name, daemon status, group, loader"));
    }

    @Test
    void upcallOnANativeThreadSeesANewPlatformThreadThatInheritsNothing() {
        ThreadProbe.Run run = ThreadProbe.runThreads(customs, 2, 3, null, null);
        assertEquals(6, run.upcalls().size());
        assertTrue(run.neverOnTheCaller());
        ThreadSnapshot first = run.first();
        assertEquals("Thread-N", first.namePattern());
        assertEquals(nativeThreadsAreDaemons(), first.daemon());
        assertEquals("main", first.group());
        assertNull(first.contextClassLoader(), "no context class loader");
        assertFalse(first.virtual());
        assertTrue(run.nothingInherited(), "the caller's InheritableThreadLocal does not reach native threads");
    }

    @Test
    void eachNativeThreadIsOneJavaThreadWithItsThreadLocalsOnlyWhereTheBackendKeepsIt() {
        ThreadProbe.Run run = ThreadProbe.runThreads(customs, 3, 4, null, null);
        assertEquals(javaThreadsFor(3, 4), run.javaThreads());
        assertEquals(nativeThreadKeepsOneJavaThread(), run.oneJavaThreadPerNativeThread());
        assertEquals(nativeThreadKeepsOneJavaThread(), run.threadLocalsKeptAcrossUpcalls());
        assertFalse(run.sawAnotherThreadsLocal(), "a thread-local never crosses to another native thread");
    }

    @Test
    void javaThreadsOfNativeThreadsAreGoneOnceTheyExit() {
        ThreadProbe.runThreads(customs, 1, 1, null, null); // the backend's own helper threads start here, not below
        ThreadProbe.Run run = ThreadProbe.runThreads(customs, 4, 2, null, null);
        assertTrue(run.threadsDuringMax() > run.threadsBefore(),
                "during: " + run.threadsDuringMax() + " live threads, before: " + run.threadsBefore());
        assertTrue(run.allExited(), "every Java thread of a native thread has terminated");
        assertTrue(run.threadsAfter() <= run.threadsBefore(),
                "live threads back to " + run.threadsBefore() + " within " + ThreadProbe.EXIT_WAIT + ", got "
                        + run.threadsAfter());
    }

    @Test
    void newNativeThreadsStartWithFreshJavaThreads() {
        ThreadProbe.Run earlier = ThreadProbe.runThreads(customs, 2, 2, null, null);
        ThreadProbe.Run later = ThreadProbe.runThreads(customs, 2, 2, null, null);
        assertTrue(later.upcalls().stream().filter(u -> u.call() == 0).allMatch(u -> u.localAtEntry() == null),
                "a native thread's first upcall finds no thread-local state");
        Set<Thread> before = Collections.newSetFromMap(new IdentityHashMap<>());
        earlier.upcalls().forEach(u -> before.add(u.thread()));
        assertTrue(later.upcalls().stream().noneMatch(u -> before.contains(u.thread())),
                "no Java thread is reused for a later native thread");
    }

    @Test
    void daemonStatusCannotBeChangedFromInsideTheUpcall() {
        // The exception has no message: where it was thrown is what identifies it.
        IllegalThreadStateException e = assertThrows(IllegalThreadStateException.class,
                () -> customs.runThreads(1, 1, (t, c) -> {
                    Thread.currentThread().setDaemon(!Thread.currentThread().isDaemon());
                    return 0;
                }));
        assertEquals("java.lang.Thread.setDaemon", e.getStackTrace()[0].getClassName() + "."
                + e.getStackTrace()[0].getMethodName());
    }

    @Test
    void contextNamesNativeThreadsAndSetsTheirLoaderAndHandler() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            Thread.UncaughtExceptionHandler handler = (thread, e) -> { };
            NativeThreadContext context = NativeThreadContext.named("decoder").contextClassLoader(loader)
                    .uncaughtExceptionHandler(handler).build();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            Set<String> names = Collections.synchronizedSet(new java.util.HashSet<>());
            customs.runThreads(3, 2, CustomsGuards.inContext(context, (t, c) -> {
                Thread me = Thread.currentThread();
                names.add(me.getName());
                if (!me.getName().matches("decoder-[0-9]+")) {
                    problems.add("name " + me.getName());
                }
                if (me.getContextClassLoader() != loader) {
                    problems.add("loader " + me.getContextClassLoader());
                }
                if (me.getUncaughtExceptionHandler() != handler) {
                    problems.add("handler " + me.getUncaughtExceptionHandler());
                }
                return 0;
            }));
            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(javaThreadsFor(3, 2), context.threadsPrepared());
            assertEquals(javaThreadsFor(3, 2), names.size(), "one name per Java thread: " + names);
        }
    }

    @Test
    void contextDoesNotLetOneEventsThreadLocalReachTheNextOnTheSameNativeThread() {
        ThreadLocal<String> requestId = new ThreadLocal<>();
        EventCallback handler = event -> {
            String leftOver = requestId.get();
            requestId.set("request " + event);
            return leftOver == null ? 0 : 1;
        };
        try (EventListener plain = EventListener.register(customs, handler)) {
            assertEquals(0, plain.post(1, WAIT));
            // FFM keeps the listener's thread attached, so request 1's state is still there for request 2.
            assertEquals(nativeThreadKeepsOneJavaThread() ? 1 : 0, plain.post(2, WAIT));
        }
        NativeThreadContext context = NativeThreadContext.named("listener").clearAfterEachUpcall(requestId).build();
        try (EventListener clean = EventListener.register(customs, EventListener.inContext(context, handler))) {
            assertEquals(Arrays.asList(0, 0), Arrays.asList(clean.post(1, WAIT), clean.post(2, WAIT)));
        }
    }
}
