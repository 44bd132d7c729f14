package dev.customs.harness.scenarios;

import dev.customs.api.CustomsGuards;
import static dev.customs.harness.Report.ffmOrJna;

import com.sun.jna.CallbackThreadInitializer;
import dev.customs.api.Customs;
import dev.customs.callbacks.specimen.EventCallback;
import dev.customs.callbacks.specimen.EventListener;
import dev.customs.callbacks.NativeThreadContext;
import dev.customs.callbacks.specimen.ThreadProbe;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What Java sees when C calls back from its own threads, on FFM and JNA, and what a NativeThreadContext changes. */
public final class ThreadAttachment extends Scenario {
    private static final Duration WAIT = Duration.ofSeconds(10);

    public ThreadAttachment() {
        super("threads", "upcalls from threads C created: what Java sees, and giving them a sane context");
    }

    @Override
    public void run(Report r) {
        r.say("customs_for_each calls back on the caller's thread; customs_run_threads from pthreads it creates. Each");
        r.say("native thread becomes a java.lang.Thread the backend attaches; the rows say what it looks like.");
        r.columns();
        r.row("upcall on the caller: same Thread", true, c -> {
            Thread caller = Thread.currentThread();
            boolean[] same = {true};
            c.forEach(new int[3], (i, v) -> {
                same[0] &= Thread.currentThread() == caller;
                return 0;
            });
            return same[0];
        });
        r.rowByBackend("native thread as Java sees it", ffmOrJna("Thread-N, daemon, group main, loader null, platform",
                "Thread-N, non-daemon, group main, loader null, platform"),
                c -> ThreadProbe.runThreads(c, 2, 2, null, null).first().describe());
        r.row("caller's InheritableThreadLocal there", false,
                c -> !ThreadProbe.runThreads(c, 2, 2, null, null).nothingInherited());
        r.rowByBackend("Java threads for 3 native x 4 calls", ffmOrJna(3, 12),
                c -> ThreadProbe.runThreads(c, 3, 4, null, null).javaThreads());
        r.rowByBackend("ThreadLocal kept between its upcalls", ffmOrJna(true, false),
                c -> ThreadProbe.runThreads(c, 3, 4, null, null).threadLocalsKeptAcrossUpcalls());
        r.row("ThreadLocal seen on another thread", false,
                c -> ThreadProbe.runThreads(c, 3, 4, null, null).sawAnotherThreadsLocal());
        r.row("live threads: up during, back after", "up true, back true, all exited true", c -> {
            ThreadProbe.runThreads(c, 1, 1, null, null);
            ThreadProbe.Run run = ThreadProbe.runThreads(c, 4, 2, null, null);
            return "up " + (run.threadsDuringMax() > run.threadsBefore()) + ", back "
                    + (run.threadsAfter() <= run.threadsBefore()) + ", all exited " + run.allExited();
        });
        r.row("setDaemon inside the upcall", "IllegalThreadStateException: null", c -> c.runThreads(1, 1, (t, i) -> {
            Thread.currentThread().setDaemon(!Thread.currentThread().isDaemon());
            return 0;
        }));
        r.rowByBackend("JNA CallbackThreadInitializer(daemon)",
                ffmOrJna("IllegalArgumentException: a CallbackThreadInitializer is JNA's; backend 'ffm' has none",
                        "jna-worker, daemon, group main, loader null, platform; 2 Java threads; ThreadLocal kept"),
                c -> {
                    ThreadProbe.Run run = ThreadProbe.runThreads(c, 2, 3, null,
                            new CallbackThreadInitializer(true, false, "jna-worker"));
                    return run.first().describe() + "; " + run.javaThreads() + " Java threads; ThreadLocal "
                            + (run.threadLocalsKeptAcrossUpcalls() ? "kept" : "lost");
                });
        r.rowByBackend("NativeThreadContext: name, loader", ffmOrJna("decoder-N, loader and handler set, 3 named",
                "decoder-N, loader and handler set, 6 named"), c -> {
                    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
                        Thread.UncaughtExceptionHandler handler = (t, e) -> { };
                        NativeThreadContext context = NativeThreadContext.named("decoder").contextClassLoader(loader)
                                .uncaughtExceptionHandler(handler).build();
                        Set<String> seen = ConcurrentHashMap.newKeySet();
                        c.runThreads(3, 2, CustomsGuards.inContext(context, (t, i) -> {
                            Thread me = Thread.currentThread();
                            seen.add(me.getName().replaceAll("[0-9]+", "N") + ", loader and handler "
                                    + (me.getContextClassLoader() == loader && me.getUncaughtExceptionHandler()
                                    == handler ? "set" : "NOT set"));
                            return 0;
                        }));
                        return String.join(" | ", seen) + ", " + context.threadsPrepared() + " named";
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        ThreadLocal<String> requestId = new ThreadLocal<>();
        r.rowByBackend("listener: event 2 finds event 1's", ffmOrJna("request 1", "null"),
                c -> leftOverSeenBySecondEvent(c, requestId, null));
        r.row("the same inside NativeThreadContext", "null", c -> leftOverSeenBySecondEvent(c, requestId,
                NativeThreadContext.named("listener").clearAfterEachUpcall(requestId).build()));
        r.lesson("a native thread is a Java thread only while attached: FFM keeps it (daemon) until the pthread exits,"
                + " so its ThreadLocals outlive each upcall; JNA attaches it afresh per callback unless told otherwise."
                + " Name it and set its loader in one place (NativeThreadContext), clear what one upcall leaves behind,"
                + " and never rely on setDaemon or on the thread's uncaught-exception handler.");
    }

    /** Posts two unrelated events to one listener; returns what the second found in {@code requestId}. */
    private static String leftOverSeenBySecondEvent(Customs c, ThreadLocal<String> requestId,
            NativeThreadContext context) {
        String[] leftOver = new String[1];
        EventCallback handler = event -> {
            leftOver[0] = requestId.get();
            requestId.set("request " + event);
            return 0;
        };
        try (EventListener listener = EventListener.register(c, context == null ? handler
                : EventListener.inContext(context, handler))) {
            listener.post(1, WAIT);
            listener.post(2, WAIT);
        }
        return String.valueOf(leftOver[0]);
    }
}
