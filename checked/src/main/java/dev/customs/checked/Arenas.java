package dev.customs.checked;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Arenas opened in checked mode: counted while live (arenas and bytes), and each confined or shared arena that
 * becomes unreachable unclosed reported with the stack that opened it. A daemon thread watches the references; at
 * exit (and when the JUnit extension asks) {@link #collect} runs a GC and takes what it found.
 */
final class Arenas {
    enum Kind { CONFINED, SHARED, AUTO }

    /** What is known of one arena; it must not refer to the arena, or the arena would never become unreachable. */
    static final class Record extends PhantomReference<TrackedArena> {
        final Kind kind;
        final Throwable openedAt;
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean closed;

        Record(TrackedArena arena, Kind kind, Throwable openedAt) {
            super(arena, QUEUE);
            this.kind = kind;
            this.openedAt = openedAt;
        }

        void allocated(long n) {
            bytes.addAndGet(n);
            LIVE_BYTES.add(n);
        }

        void closed() {
            if (!closed) {
                closed = true;
                ended();
            }
        }

        private void ended() {
            LIVE.decrement();
            LIVE_BYTES.add(-bytes.get());
            RECORDS.remove(this);
        }
    }

    private static final ReferenceQueue<TrackedArena> QUEUE = new ReferenceQueue<>();
    private static final Set<Record> RECORDS = ConcurrentHashMap.newKeySet();
    private static final LongAdder LIVE = new LongAdder();
    private static final LongAdder LIVE_BYTES = new LongAdder();
    private static final LongAdder OPENED = new LongAdder();
    private static final AtomicLong LEAKED = new AtomicLong();
    private static final AtomicLong LEAKED_BYTES = new AtomicLong();

    private Arenas() {
    }

    static Record opened(TrackedArena arena, Kind kind) {
        Record r = new Record(arena, kind,
                kind == Kind.AUTO ? null : Stacks.here(kind.name().toLowerCase() + " arena opened here"));
        RECORDS.add(r);
        LIVE.increment();
        OPENED.increment();
        return r;
    }

    /** Starts the daemon thread that reports leaks as the GC finds them. */
    static void watch() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    unreachable((Record) QUEUE.remove());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "customs-checked-arenas");
        t.setDaemon(true);
        t.start();
    }

    private static void unreachable(Record r) {
        if (r.closed) {
            return;
        }
        r.closed = true;
        if (r.kind == Kind.AUTO) {
            r.ended();                     // an automatic arena is freed by the GC: that is its contract
            return;
        }
        LEAKED.incrementAndGet();
        LEAKED_BYTES.addAndGet(r.bytes.get());
        r.ended();
        Hazards.record(Hazard.ARENA_LEAKED, "a " + r.kind.name().toLowerCase() + " arena holding " + r.bytes.get()
                + " bytes became unreachable without being closed (opened at " + Stacks.where(r.openedAt)
                + "); its memory is never freed", r.openedAt);
    }

    /** Runs a GC and reports the arenas it found unreachable, waiting at most {@code millis}. */
    static void collect(long millis) {
        System.gc();
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            for (Reference<? extends TrackedArena> r;
                 (r = QUEUE.remove(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) != null; ) {
                unreachable((Record) r);
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the first {@code n} confined or shared arenas still open were opened (for the report at exit). */
    static java.util.List<String> stillOpen(int n) {
        return RECORDS.stream().filter(r -> r.kind != Kind.AUTO && !r.closed).limit(n)
                .map(r -> r.kind.name().toLowerCase() + " arena of " + r.bytes.get() + " bytes opened at "
                        + Stacks.where(r.openedAt)).toList();
    }

    static long opened() {
        return OPENED.sum();
    }

    static long live() {
        return LIVE.sum();
    }

    static long liveBytes() {
        return LIVE_BYTES.sum();
    }

    static long leaked() {
        return LEAKED.get();
    }

    static long leakedBytes() {
        return LEAKED_BYTES.get();
    }
}
