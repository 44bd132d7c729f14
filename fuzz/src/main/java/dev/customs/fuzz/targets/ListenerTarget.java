package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.Customs;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.callbacks.specimen.EventCallback;
import dev.customs.callbacks.specimen.EventListener;
import dev.customs.callbacks.NativeThreadContext;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Target 7, callbacks C keeps across calls: {@link EventListener} (module {@code callbacks}) on every backend, each
 * upcall on the listener's own native thread, optionally inside a {@link NativeThreadContext}. The fuzzer chooses a
 * sequence of registrations, posts and closes, from this thread or another, and what each callback does: return a
 * status (negative ones included, which belong to libcustoms' own errors), or throw a {@code RuntimeException}, an
 * {@code Error} or a checked exception. Every post must return the callback's status or rethrow exactly what it
 * threw (a checked one wrapped in {@code UndeclaredThrowableException}), refuse a negative status with an
 * {@code IllegalArgumentException}, and refuse use after close with an {@code IllegalStateException}. Inside a
 * context the thread carries the context's name and no {@code ThreadLocal} the context clears survives an upcall.
 * At the end every listener is closed and the library's live allocations are back where they started.
 */
public final class ListenerTarget {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private static final int MAX_STEPS = 12;
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);
    private static final String PREFIX = "customs-fuzz-listener";
    /** Set by every upcall; a context must have removed it before the next one. */
    private static final ThreadLocal<Integer> LAST_EVENT = new ThreadLocal<>();
    private static final List<BiConsumer<ListenerTarget, FuzzedDataProvider>> STEPS = List.of(
            ListenerTarget::register, ListenerTarget::post, ListenerTarget::post, ListenerTarget::close);

    /** What the callback does with the next event. */
    private record Plan(int kind, int status) {
        static final int RETURN = 0;
        static final int RETURN_NEGATIVE = 1;
        static final int THROW_RUNTIME = 2;
        static final int THROW_ERROR = 3;
        static final int THROW_CHECKED = 4;

        static Plan choose(FuzzedDataProvider data) {
            int roll = data.consumeInt(0, 7);
            int kind = roll < 4 ? RETURN : roll - 3;
            int status = switch (kind) {
                case RETURN -> data.consumeInt(0, Integer.MAX_VALUE);
                case RETURN_NEGATIVE -> data.consumeInt(Integer.MIN_VALUE, -1);
                default -> 0;
            };
            return new Plan(kind, status);
        }

        Throwable throwable(int event) {
            return switch (kind) {
                case THROW_RUNTIME -> new IllegalStateException("planned for event " + event);
                case THROW_ERROR -> new AssertionError("planned for event " + event);
                case THROW_CHECKED -> new java.io.IOException("planned for event " + event);
                default -> null;
            };
        }
    }

    /** A listener, the plan its callback follows next, and what the callback last threw. */
    private static final class Listener {
        final EventListener listener;
        final String backend;
        final boolean inContext;
        final AtomicReference<Plan> plan = new AtomicReference<>();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean closed;

        Listener(Customs customs, boolean inContext) {
            this.backend = customs.backend();
            this.inContext = inContext;
            EventCallback callback = this::onEvent;
            if (inContext) {
                callback = EventListener.inContext(NativeThreadContext.named(PREFIX).clearAfterEachUpcall(LAST_EVENT).build(),
                        callback);
            }
            this.listener = EventListener.register(customs, callback);
        }

        /** On the listener's own thread. A failed check is a BoundaryViolation, which the post rethrows. */
        private int onEvent(int event) {
            if (inContext) {
                String name = Thread.currentThread().getName();
                Expect.that(name.startsWith(PREFIX + "-"), () -> backend + " listener thread in a context is named "
                        + name);
                Expect.that(LAST_EVENT.get() == null, () -> backend + " event " + event + ": the context let event "
                        + LAST_EVENT.get() + "'s ThreadLocal through");
            }
            LAST_EVENT.set(event);
            Plan p = plan.get();
            Throwable t = p.throwable(event);
            if (t == null) {
                return p.status();
            }
            thrown.set(t);
            throw ListenerTarget.<RuntimeException>sneaky(t);
        }

        @Override
        public String toString() {
            return backend + " listener" + (inContext ? " in a context" : "") + (closed ? ", closed" : "");
        }
    }

    private final List<Listener> listeners = new ArrayList<>();
    private final long liveAtStart = customs_h.customs_live_allocations();

    private ListenerTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        ListenerTarget sequence = new ListenerTarget();
        StepSequence.run(data, MAX_STEPS, STEPS, sequence, sequence::releaseAll);
    }

    private void register(FuzzedDataProvider data) {
        listeners.add(new Listener(Inputs.backend(data), data.consumeBoolean()));
        expectLive("after registering a listener");
    }

    private void post(FuzzedDataProvider data) {
        if (listeners.isEmpty()) {
            return;
        }
        Listener l = data.pickValue(listeners);
        Plan plan = Plan.choose(data);
        int event = data.consumeInt();
        boolean elsewhere = data.consumeBoolean();
        l.plan.set(plan);
        l.thrown.set(null);
        String what = "post of event " + event + " to the " + l + ", planned " + plan;
        Refusal refusal = l.closed ? Refusal.of(IllegalStateException.class, "the callback registration is closed")
                : plan.kind() == Plan.RETURN_NEGATIVE ? Refusal.of(IllegalArgumentException.class, "callback returned "
                        + plan.status() + ": negative statuses are libcustoms' own errors")
                : null;
        if (refusal != null || plan.throwable(event) == null) {
            Integer status = Expect.outcome(what, refusal,
                    () -> OtherThread.run(elsewhere, () -> l.listener.post(event, POST_TIMEOUT)));
            if (refusal == null) {
                Expect.equal(what + ": status", plan.status(), status);
            }
            return;
        }
        Throwable caught = null;
        try {
            OtherThread.run(elsewhere, () -> l.listener.post(event, POST_TIMEOUT));
        } catch (BoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            caught = t;
        }
        Throwable planned = l.thrown.get();
        Expect.that(planned != null, () -> what + ": the callback did not run");
        Throwable delivered = caught instanceof UndeclaredThrowableException u ? u.getCause() : caught;
        String got = String.valueOf(caught);
        Expect.that(delivered == planned, () -> what + ": expected the callback's own " + planned + " but got " + got);
        boolean checked = plan.kind() == Plan.THROW_CHECKED;
        Expect.equal(what + ": wrapped in UndeclaredThrowableException", checked,
                caught instanceof UndeclaredThrowableException);
    }

    private void close(FuzzedDataProvider data) {
        if (!listeners.isEmpty()) {
            close(data.pickValue(listeners), data.consumeBoolean());
        }
    }

    /** Unregisters, then frees the upcall; again, it does nothing. */
    private void close(Listener l, boolean elsewhere) {
        OtherThread.run(elsewhere, l.listener::close);
        l.closed = true;
        Expect.that(!l.listener.isOpen(), () -> l + " still open after close");
        expectLive("after closing the " + l);
    }

    private void releaseAll() {
        for (Listener l : listeners) {
            close(l, false);
        }
        Expect.equal("library allocations after the sequence", liveAtStart, customs_h.customs_live_allocations());
    }

    /** One live allocation per listener not yet closed. */
    private void expectLive(String when) {
        long open = listeners.stream().filter(l -> !l.closed).count();
        Expect.equal("library allocations " + when + " (" + open + " listeners open)", liveAtStart + open,
                customs_h.customs_live_allocations());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
