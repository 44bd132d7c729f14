package dev.customs.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Java's side of the count: every upcall {@code (thread, call)} of a run of {@code threads × callsPerThread} is
 * recorded as it arrives. Afterwards it says which never arrived (lost), which arrived more than once (duplicated),
 * which arrived out of their thread's order, and which named a thread or call outside the run. Safe for any number of
 * threads at once, and it allocates nothing per call: one bit per call, set atomically.
 */
public final class CallLedger {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int threads;
    private final int callsPerThread;
    private final long[] seen;
    /** Per thread, the call index expected next. */
    private final AtomicIntegerArray next;
    private final LongAdder recorded = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder outsideTheRun = new LongAdder();

    public CallLedger(int threads, int callsPerThread) {
        if (threads < 0 || callsPerThread < 0) {
            throw new IllegalArgumentException("threads and calls must be >= 0, got " + threads + " x " + callsPerThread);
        }
        this.threads = threads;
        this.callsPerThread = callsPerThread;
        if (total() > 64L * (Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("a run of " + total() + " calls is too large to record");
        }
        this.seen = new long[(int) ((total() + 63) / 64)];
        this.next = new AtomicIntegerArray(threads);
    }

    /** Records that call {@code call} of thread {@code thread} arrived. */
    public void record(int thread, int call) {
        recorded.increment();
        if (thread < 0 || thread >= threads || call < 0 || call >= callsPerThread) {
            outsideTheRun.increment();
            return;
        }
        long index = (long) thread * callsPerThread + call;
        long bit = 1L << (index & 63);
        long before = (long) WORDS.getAndBitwiseOr(seen, (int) (index >>> 6), bit);
        if ((before & bit) != 0) {
            duplicated.increment();
        }
        if (next.getAndSet(thread, call + 1) != call) {
            outOfOrder.increment();
        }
    }

    /** The calls the run should make. */
    public long total() {
        return (long) threads * callsPerThread;
    }

    /** What was recorded, duplicates and strays included. */
    public long recorded() {
        return recorded.sum();
    }

    /** Calls of the run that never arrived. Call it once the run is over. */
    public long lost() {
        long arrived = 0;
        for (int i = 0; i < seen.length; i++) {
            arrived += Long.bitCount((long) WORDS.getVolatile(seen, i));
        }
        return total() - arrived;
    }

    /** Arrivals of a call that had already arrived. */
    public long duplicated() {
        return duplicated.sum();
    }

    /** Arrivals that did not come right after the previous call of their thread. */
    public long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Arrivals naming a thread or call that is not part of the run. */
    public long outsideTheRun() {
        return outsideTheRun.sum();
    }
}
