package dev.customs.checked;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every upcall stub checked mode made whose code still exists: the live ones and those in quarantine. A stub's code
 * lives in an automatic arena the agent owns; this registry is what keeps that arena reachable. When the application's
 * arena closes, the stub enters the quarantine: its code stays (an upcall into it returns zero to C instead of jumping
 * into freed memory) until more than {@code bound} stubs are quarantined or it has been there {@code maxAge}; then it
 * is evicted, dropped from here, and the GC frees its code.
 */
final class Stubs {
    private record Entry(StubState state, Arena owned, MemorySegment code) {
    }

    private record Quarantined(Entry entry, long since) {
    }

    private static final ConcurrentHashMap<Long, Entry> WITH_CODE = new ConcurrentHashMap<>();
    private static final ArrayDeque<Quarantined> QUARANTINE = new ArrayDeque<>();
    private static final AtomicLong CREATED = new AtomicLong();
    private static final AtomicLong EVICTED = new AtomicLong();
    private static final AtomicLong QUARANTINED = new AtomicLong();
    static final int DEFAULT_BOUND = 1024;
    static final long DEFAULT_MAX_AGE_SECONDS = 600;
    private static volatile int bound = DEFAULT_BOUND;
    private static volatile long maxAgeNanos = TimeUnit.SECONDS.toNanos(DEFAULT_MAX_AGE_SECONDS);

    private Stubs() {
    }

    static void bound(int stubs, long maxAgeSeconds) {
        bound = stubs;
        maxAgeNanos = TimeUnit.SECONDS.toNanos(maxAgeSeconds);
    }

    static int bound() {
        return bound;
    }

    static long maxAgeSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(maxAgeNanos);
    }

    static void register(StubState state, Arena owned, MemorySegment code) {
        WITH_CODE.put(code.address(), new Entry(state, owned, code));
        CREATED.incrementAndGet();
    }

    static void unregister(long address) {
        WITH_CODE.remove(address);
    }

    /** True if {@code segment} is the address of a stub whose code exists (live or quarantined). */
    static boolean isStub(MemorySegment segment) {
        return !WITH_CODE.isEmpty() && WITH_CODE.containsKey(segment.address());
    }

    static StubState state(long address) {
        Entry e = WITH_CODE.get(address);
        return e == null ? null : e.state();
    }

    static Throwable createdAt(MemorySegment stub) {
        StubState s = state(stub.address());
        return s == null ? null : s.createdAt;
    }

    static void quarantine(StubState state) {
        Entry e = WITH_CODE.get(state.address);
        if (e == null) {
            return;
        }
        QUARANTINED.incrementAndGet();
        long now = System.nanoTime();
        synchronized (QUARANTINE) {
            QUARANTINE.addLast(new Quarantined(e, now));
            evict(now);
        }
    }

    private static void evict(long now) {
        for (Quarantined q; (q = QUARANTINE.peekFirst()) != null; ) {
            if (QUARANTINE.size() <= bound && now - q.since() < maxAgeNanos) {
                return;
            }
            QUARANTINE.removeFirst();
            WITH_CODE.remove(q.entry().state().address);
            EVICTED.incrementAndGet();
        }
    }

    /** Stubs whose code is kept after their arena closed, after evicting those past the bound. */
    static int quarantined() {
        synchronized (QUARANTINE) {
            evict(System.nanoTime());
            return QUARANTINE.size();
        }
    }

    static long created() {
        return CREATED.get();
    }

    static long evicted() {
        return EVICTED.get();
    }

    static long everQuarantined() {
        return QUARANTINED.get();
    }

    static int withCode() {
        return WITH_CODE.size();
    }
}
