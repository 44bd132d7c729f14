package dev.customs.stress;

import dev.customs.api.Customs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Item 4: a long mixed run over one backend, several workers at once, every kind of call in the header through the
 * {@link Customs} API with every result checked ({@link MixedOperations}), then the leak checks. Between a checkpoint
 * taken after a warm-up and the end of the run:
 * <ul>
 *   <li>libcustoms' live allocations are back to the checkpoint's (strings, async jobs, listeners, sinks);</li>
 *   <li>every async job was released (its upcall freed) and every listener closed and released;</li>
 *   <li>the live Java threads are back to the checkpoint's within a bounded wait: every native thread that called back
 *       has been detached;</li>
 *   <li>the upcall stubs are gone: FFM's stub code heap has not grown by more than {@link #STUB_CODE_BOUND}, and JNA's
 *       live trampolines are back to the checkpoint's;</li>
 *   <li>the JVM's native memory (NMT, committed, without the heap, the collector and the JIT's scratch memory) has
 *       not grown by more than {@link #NMT_BOUND}.</li>
 * </ul>
 */
public final class MixedRun {
    /**
     * How much the JVM's committed native memory may grow between the checkpoint and the end, not counting what the
     * VM sizes by itself ({@link NativeMemory#NOT_AT_THE_BOUNDARY}). Not zero: the JIT keeps adding compiled code and
     * classes keep loading. stress/README.md says why this number.
     */
    public static final long NMT_BOUND = 16L << 20;

    /**
     * How much the code heap of stubs may grow: an FFM upcall stub takes about 400 to 700 bytes there, so this is far
     * below what even a few hundred leaked stubs would take, and far above the adapters the JIT may still add.
     */
    public static final long STUB_CODE_BOUND = 256L << 10;

    /** Bound on the wait for threads and trampolines to be given back at the end. */
    public static final Duration SETTLE = Duration.ofSeconds(10);

    private MixedRun() {}

    /** What one backend's run did and what it left behind. */
    public record Result(String backend, int workers, long calls, long upcalls, long kindsRun, long wrong,
                         String firstWrong, long asyncStarted, long asyncReleased, long listenersOpened,
                         long listenersReleased, Footprint checkpoint, Footprint end, long wallNanos) {
        public List<Figure> figures() {
            List<Figure> f = new ArrayList<>();
            f.add(Figure.info("workers", String.valueOf(workers)));
            f.add(Figure.info("libcustoms calls through the API", Figure.count(calls)));
            f.add(Figure.info("upcalls", Figure.count(upcalls)));
            int kinds = MixedOperations.Kind.values().length;
            f.add(new Figure("kinds of operation run", kindsRun + " of " + kinds, "all", kindsRun == kinds));
            f.add(Figure.zero("wrong results, unexpected exceptions", wrong)
                    .noting(firstWrong == null ? null : "first wrong: " + firstWrong));
            f.add(new Figure("live allocations (checkpoint → end)", checkpoint.liveAllocations() + " → "
                    + end.liveAllocations(), "back to checkpoint", end.liveAllocations() == checkpoint.liveAllocations()));
            f.add(new Figure("async jobs released", Figure.count(asyncReleased) + " of " + Figure.count(asyncStarted),
                    "all", asyncReleased == asyncStarted));
            f.add(new Figure("listeners closed and released", Figure.count(listenersReleased) + " of "
                    + Figure.count(listenersOpened), "all",
                    listenersReleased == listenersOpened));
            f.add(new Figure("live threads (checkpoint → end)", checkpoint.threads() + " → " + end.threads(),
                    "≤ checkpoint in " + SETTLE.toSeconds() + " s", end.threads() <= checkpoint.threads())
                    .noting(end.threads() > checkpoint.threads() ? "new threads: " + end.newThreadsSince(checkpoint)
                            : null));
            if (checkpoint.stubCode() >= 0 && end.stubCode() >= 0) {
                long growth = end.stubCode() - checkpoint.stubCode();
                f.add(new Figure("FFM stub code heap growth", Figure.bytes(growth), "≤ " + Figure.bytes(STUB_CODE_BOUND),
                        growth <= STUB_CODE_BOUND));
            } else {
                f.add(Figure.info("FFM stub code heap growth", "not measured: the code cache is not segmented"));
            }
            if (checkpoint.jnaTrampolines() >= 0) {
                f.add(new Figure("JNA live callback trampolines", checkpoint.jnaTrampolines() + " → "
                        + end.jnaTrampolines(), "≤ checkpoint", end.jnaTrampolines() <= checkpoint.jnaTrampolines()));
            }
            if (checkpoint.nmt() != null && end.nmt() != null) {
                long growth = end.nmt().committedAtTheBoundary() - checkpoint.nmt().committedAtTheBoundary();
                f.add(new Figure("NMT committed growth", Figure.bytes(growth),
                        "≤ " + Figure.bytes(NMT_BOUND), growth <= NMT_BOUND)
                        .noting("NMT, largest changes: " + end.nmt().largestChanges(checkpoint.nmt(), 4)));
            } else {
                f.add(new Figure("NMT committed growth", "NMT is off", "measured", false));
            }
            f.add(Figure.info("wall time", Figure.seconds(wallNanos)));
            return f;
        }
    }

    /**
     * Runs {@code warmupCalls} calls, takes the checkpoint, runs {@code calls} calls on {@code workers} threads, and
     * takes the end footprint.
     *
     * @param timeout bound on the warm-up and on the run, each
     */
    public static Result run(Customs customs, long calls, long warmupCalls, int workers, Duration timeout, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("customs-stress");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path existing = Files.write(dir.resolve("sized"), new byte[1234]);
            Path missing = dir.resolve("missing");
            SplittableRandom random = new SplittableRandom(seed);

            MixedOperations.Counters warmup = MixedOperations.Counters.create();
            work(customs, "warmup", warmupCalls, workers, timeout, random.split(), warmup, existing, missing);
            if (warmup.wrong().sum() > 0) {
                throw new IllegalStateException("the warm-up already saw wrong results; the first: "
                        + warmup.firstWrong()[0]);
            }
            Footprint checkpoint = Footprint.settle(customs, null, SETTLE);

            MixedOperations.Counters counters = MixedOperations.Counters.create();
            long start = System.nanoTime();
            work(customs, "mixed", calls, workers, timeout, random.split(), counters, existing, missing);
            long wall = System.nanoTime() - start;
            Footprint end = Footprint.settle(customs, checkpoint, SETTLE);

            return new Result(customs.backend(), workers, counters.calls().sum(), counters.upcalls().sum(),
                    counters.kindsRun(), counters.wrong().sum(), counters.firstWrong()[0],
                    counters.asyncStarted().sum(), counters.asyncReleased().sum(), counters.listenersOpened().sum(),
                    counters.listenersReleased().sum(), checkpoint, end, wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
                Files.delete(dir);
            } catch (IOException e) {
                System.err.println("stress: could not delete " + dir + ": " + e);
            }
        }
    }

    private static void work(Customs customs, String name, long calls, int workers, Duration timeout,
            SplittableRandom random, MixedOperations.Counters counters, Path existing, Path missing) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long share = calls / workers + (w < calls % workers ? 1 : 0);
            MixedOperations ops = new MixedOperations(customs, random.split(), counters, existing, 1234, missing);
            tasks.add(() -> {
                ops.run(share);
                return null;
            });
        }
        Workers.run(name + "-" + customs.backend(), tasks, timeout);
    }
}
