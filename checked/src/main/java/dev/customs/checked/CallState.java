package dev.customs.checked;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

/**
 * One thread's crossings: how many checked downcalls it is inside, and the throwables its upcalls raised that wait
 * for the downcall to return. Only its own thread touches it.
 *
 * <p>Each upcall starts with an empty slot (what was pending is set aside) and, when it returns, puts back what was
 * set aside with its own failures after it: a downcall made from inside an upcall rethrows only what its own upcalls
 * raised, and the outer downcall gets the rest.
 */
final class CallState {
    static final ThreadLocal<CallState> CURRENT = ThreadLocal.withInitial(CallState::new);

    int downcallDepth;
    /** Whether this thread was looked at for being a native thread (on its first upcall). */
    boolean classified;
    private Pending pending;
    private Pending[] setAside = new Pending[4];
    private int setAsideTop;

    /** The throwables waiting for the downcall, in arrival order. */
    private static final class Pending {
        final Throwable first;
        List<Throwable> later;

        Pending(Throwable first) {
            this.first = first;
        }

        void add(Throwable t) {
            if (later == null) {
                later = new ArrayList<>(2);
            }
            later.add(t);
        }

        void addAll(Pending other) {
            add(other.first);
            if (other.later != null) {
                for (Throwable t : other.later) {
                    add(t);
                }
            }
        }

        /**
         * The throwable to rethrow: the first, unless an {@code Error} came later, in which case the first
         * {@code Error} (an {@code Error} is never hidden under an {@code Exception}); every other one is suppressed
         * under it, in order, each object once.
         */
        Throwable compose() {
            if (later == null) {
                return first;
            }
            List<Throwable> all = new ArrayList<>(later.size() + 1);
            all.add(first);
            all.addAll(later);
            Throwable primary = first;
            for (Throwable t : all) {
                if (t instanceof Error) {
                    primary = t;
                    break;
                }
            }
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.add(primary);
            for (Throwable t : all) {
                if (seen.add(t)) {
                    primary.addSuppressed(t);
                }
            }
            return primary;
        }
    }

    /** Keeps {@code t} for the downcall in progress. Never throws (if memory runs out, {@code t} may be lost). */
    void capture(Throwable t) {
        if (pending == null) {
            pending = new Pending(t);
        } else {
            pending.add(t);
        }
    }

    static CallState enterDowncall() {
        CallState cs = CURRENT.get();
        cs.downcallDepth++;
        return cs;
    }

    /** Leaves a downcall: rethrows what its upcalls raised (with {@code thrown}, what the call itself threw). */
    void exitDowncall(Throwable thrown) throws Throwable {
        downcallDepth--;
        Pending p = pending;
        if (p == null) {
            return;
        }
        pending = null;
        if (thrown != null) {
            p.add(thrown);
        }
        throw p.compose();
    }

    void enterUpcall() {
        if (setAsideTop == setAside.length) {
            setAside = java.util.Arrays.copyOf(setAside, setAsideTop * 2);
        }
        setAside[setAsideTop++] = pending;
        pending = null;
    }

    void exitUpcall() {
        Pending inner = pending;
        Pending outer = setAside[--setAsideTop];
        setAside[setAsideTop] = null;
        if (inner == null) {
            pending = outer;
        } else if (outer == null) {
            pending = inner;
        } else {
            outer.addAll(inner);
            pending = outer;
        }
    }
}
