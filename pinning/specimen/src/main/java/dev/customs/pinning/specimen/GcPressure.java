package dev.customs.pinning.specimen;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * Correctness under GC pressure: worker threads hand arrays to C (checksums and in-place transforms, through any
 * {@link CustomsArrayCalls}) while other threads allocate heavily and one of them also requests full collections, so
 * collections, compacting ones included, run while native code holds heap arrays (critical calls) or copies of them.
 * Every result is checked against Java's own; the run is bounded in time, every worker's future is collected, and a
 * worker's exception fails the run.
 */
public final class GcPressure {
    /** How often the first allocator asks for a full collection. */
    public static final long FULL_GC_EVERY_MILLIS = 100;

    /** Sizes the workers use, 0 and 1 MiB included. */
    static final int[] SIZES = {0, 1, 7, 100, 4096, 65_536, 1 << 20};

    /** How a run went. {@code firstWrong} describes the first wrong result, or is null. */
    public record Outcome(long calls, long wrong, String firstWrong, long collections, Duration took) {
        public boolean allRight() {
            return wrong == 0 && calls > 0;
        }
    }

    private GcPressure() {}

    /**
     * Runs {@code workers} calling threads and {@code allocators} allocating threads for {@code duration}.
     *
     * @throws IllegalStateException if a thread failed (its exception is the cause) or did not stop in time
     */
    public static Outcome run(List<? extends CustomsArrayCalls<?>> calls, int workers, int allocators,
                              Duration duration, long seed) {
        Objects.requireNonNull(calls, "calls");
        if (calls.isEmpty() || workers < 1 || allocators < 0) {
            throw new IllegalArgumentException("need calls, at least one worker and no negative allocator count");
        }
        long collectionsBefore = collections();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicReference<String> firstWrong = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers + allocators);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                Random random = new Random(seed + w);
                futures.add(pool.submit(() -> work(calls, random, deadline, done, wrong, firstWrong)));
            }
            for (int a = 0; a < allocators; a++) {
                Random random = new Random(seed - 1 - a);
                boolean requestsFullGcs = a == 0;
                futures.add(pool.submit(() -> allocate(random, deadline, requestsFullGcs)));
            }
            long waitNanos = duration.toNanos() + TimeUnit.SECONDS.toNanos(60);
            for (Future<?> f : futures) {
                f.get(Math.max(1, waitNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a GC-pressure thread failed (seed " + seed + ")", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("GC-pressure threads did not stop in time (seed " + seed + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(done.get(), wrong.get(), firstWrong.get(), collections() - collectionsBefore,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void work(List<? extends CustomsArrayCalls<?>> calls, Random random, long deadline,
                             AtomicLong done, AtomicLong wrong, AtomicReference<String> firstWrong) {
        for (long i = 0; System.nanoTime() < deadline; i++) {
            CustomsArrayCalls<?> c = calls.get(random.nextInt(calls.size()));
            int size = SIZES[random.nextInt(SIZES.length)];
            byte[] data = new byte[size + 8];
            random.nextBytes(data);
            int offset = random.nextInt(9);
            int length = Math.min(size, data.length - offset);
            String problem;
            if (i % 2 == 0) {
                CRC32 expected = new CRC32();
                expected.update(data, offset, length);
                int got = c.crc32(0, data, offset, length);
                problem = got == (int) expected.getValue() ? null : c + ": crc32 of " + length + " bytes was " + got
                        + ", expected " + (int) expected.getValue();
            } else {
                byte key = (byte) random.nextInt();
                byte[] before = data.clone();
                c.transform(data, offset, length, key);
                problem = Arrays.equals(data, CustomsArrayCalls.javaTransform(before, offset, length, key)) ? null
                        : c + ": transform of " + length + " bytes at " + offset + " differs from Java's";
            }
            done.incrementAndGet();
            if (problem != null) {
                wrong.incrementAndGet();
                firstWrong.compareAndSet(null, problem);
            }
        }
    }

    /**
     * Allocates arrays of up to 256 KiB, keeping the last 256 so some survive into older generations; with
     * {@code requestsFullGcs}, also asks for a full (compacting) collection every {@link #FULL_GC_EVERY_MILLIS} ms, so
     * collections that move objects certainly run while workers are inside native calls.
     */
    private static void allocate(Random random, long deadline, boolean requestsFullGcs) {
        byte[][] kept = new byte[256][];
        long nextFullGc = System.nanoTime();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            kept[i & 255] = new byte[random.nextInt(256 * 1024)];
            if (requestsFullGcs && System.nanoTime() >= nextFullGc) {
                System.gc();
                nextFullGc = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FULL_GC_EVERY_MILLIS);
            }
        }
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
