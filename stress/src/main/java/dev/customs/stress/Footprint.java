package dev.customs.stress;

import com.sun.jna.CallbackReference;
import dev.customs.api.Customs;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the process holds at the boundary at one moment: libcustoms' live allocations, live Java threads, the code
 * cache that holds FFM's upcall stubs, JNA's live callback trampolines and the JVM's native memory (NMT). Taken once
 * after a warm-up and once at the end of a run, with the same settling before each, so that the two can be compared.
 *
 * @param liveAllocations {@code customs_live_allocations()}
 * @param threads         live Java threads, native threads attached to the JVM included
 * @param threadNames     their names, to say which are left over
 * @param stubCode        bytes used in the code heap of stubs and adapters ({@code CodeHeap 'non-nmethods'}), where
 *                        FFM puts upcall stubs; -1 when the code cache is not segmented (JIT code shares it)
 * @param jnaTrampolines  JNA callback trampolines not yet freed; -1 if this JNA does not expose the count
 * @param nmt             NMT's summary, or null when NMT is off
 */
public record Footprint(long liveAllocations, int threads, SortedSet<String> threadNames, long stubCode,
                        int jnaTrampolines, NativeMemory.Summary nmt) {
    private static final String STUB_CODE_HEAP = "CodeHeap 'non-nmethods'";
    private static final long POLL_MILLIS = 20;
    /** Polls in a row without change that count as steady: 5 polls of at least 3 collections and 20 ms each. */
    private static final int STEADY_POLLS = 5;

    /** The footprint now, without waiting for anything. */
    public static Footprint now(Customs customs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TreeSet<String> names = new TreeSet<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                names.add(info.getThreadName());
            }
        }
        long stubCode = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals(STUB_CODE_HEAP))
                .mapToLong(p -> p.getUsage().getUsed()).findFirst().orElse(-1);
        return new Footprint(customs.liveAllocations(), mx.getThreadCount(), Collections.unmodifiableSortedSet(names),
                stubCode, liveJnaTrampolines(), NativeMemory.read().orElse(null));
    }

    /**
     * Waits, at most {@code wait}, until the process has given back what it should, then takes the footprint. Before
     * the checkpoint ({@code baseline} null) that means: the thread count has held still for a while (threads a
     * warm-up started are ending) and the JIT has stopped compiling. At the end it means: no more threads than at the
     * checkpoint, no more JNA trampolines than at the checkpoint, and the JIT quiet again.
     *
     * <p>The collector runs between polls: JNA frees a trampoline once its callback object is collected. JNA keeps
     * its callbacks in weak maps that drop stale entries only when they are next used, so each poll also makes one
     * tiny call with a callback ({@code forEach} over no items): without it, the callbacks of the run's last moments
     * stay reachable from the map until some later call.
     */
    public static Footprint settle(Customs customs, Footprint baseline, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Runnable nudge = () -> {
            customs.forEach(new int[0], (index, item) -> 0);
            collect();
        };
        if (baseline == null) {
            until(steady(mx::getThreadCount, nudge), deadline);
        } else {
            until(() -> {
                nudge.run();
                return mx.getThreadCount() <= baseline.threads()
                        && liveJnaTrampolines() <= baseline.jnaTrampolines();
            }, deadline);
        }
        until(steady(Footprint::compilationMillis, () -> {}), deadline);
        return now(customs);
    }

    /** True once {@code value} has been the same for {@link #STEADY_POLLS} polls in a row. */
    private static BooleanSupplier steady(LongSupplier value, Runnable eachPoll) {
        long[] last = {Long.MIN_VALUE};
        int[] same = {0};
        return () -> {
            eachPoll.run();
            long v = value.getAsLong();
            same[0] = v == last[0] ? same[0] + 1 : 0;
            last[0] = v;
            return same[0] >= STEADY_POLLS;
        };
    }

    /** Milliseconds the JIT has spent compiling so far; 0 without a JIT (-Xint). */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Live threads now that were not live in {@code baseline}. */
    public String newThreadsSince(Footprint baseline) {
        TreeSet<String> added = new TreeSet<>(threadNames);
        added.removeAll(baseline.threadNames);
        return added.isEmpty() ? "none" : String.join(", ", added);
    }

    private static void until(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * JNA's live trampolines: the size of {@code CallbackReference.allocatedMemory}, a private map from native
     * trampoline to callback that JNA empties as it frees them. JNA has no public count; if the field is gone in
     * another JNA version this reports -1 and the figure says so rather than failing.
     */
    static int liveJnaTrampolines() {
        try {
            Field f = CallbackReference.class.getDeclaredField("allocatedMemory");
            f.setAccessible(true);
            Map<?, ?> map = (Map<?, ?>) f.get(null);
            synchronized (map) {
                return map.size();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
