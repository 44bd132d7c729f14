package dev.customs.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The headline API/raw ratios, measured in pairs: each invocation times a batch of {@link ApiBench}'s
 * {@code METHOD_api} calls, a batch of its {@code METHOD_raw} calls, another raw batch and another API batch (A B B A,
 * so that a drift within the invocation falls on both sides alike), about {@value #BATCH_NANOS} ns each, and keeps the
 * quadruple's ratio. An iteration reports the median of its quadruples' ratios as the secondary result {@code ratio}.
 *
 * <p>Why: on a shared machine the speed of a core changes from one second to the next (other tenants, frequency),
 * and a preemption costs milliseconds. Two benchmarks run seconds apart (ApiBench's {@code _api} and {@code _raw}) see
 * different machines, so the ratio of their means carries both sides' noise: ± 8–20 % for calls of a few
 * nanoseconds, which no number of rounds in an hour brings under a 10 % margin. Batches microseconds apart see the
 * same machine, and a preemption lands in one batch of thousands, which the median leaves out. What the median also
 * leaves out is a rare cost the code itself causes (a GC pause); the API paths priced here allocate no more than
 * their raw twins (the results table shows ApiBench's means beside them for that reason).
 *
 * <p>The calls are ApiBench's own methods on ApiBench's own state, so both measurements time the same code, and each
 * batch is a method of its own, never inlined into the benchmark ({@code @CompilerControl(DONT_INLINE)}), that calls
 * the ApiBench method straight from its loop: the JIT compiles each side on its own, with the ApiBench method one
 * call deep, as in JMH's own loop around {@code METHOD_api}. (A first version passed lambdas to a shared loop; the
 * two extra levels pushed the API's {@code getString} past C2's inlining depth, and {@code libraryVersion} read
 * 1.15.) The batch size is found in the warm-up iterations (doubled until a batch of API calls takes
 * {@value #BATCH_NANOS} ns) and kept for the measured ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PairedApiBench {
    /** How long one batch of API calls should take once calibrated. */
    static final long BATCH_NANOS = 20_000;

    /** The quadruples of one iteration, and the median of their ratios as JMH's secondary result {@code ratio}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Pairs {
        /** The median API/raw ratio of this iteration's quadruples (0 until the iteration ends). */
        public double ratio;
        /** How many quadruples it took. */
        public long pairs;
        /** Calls per batch. */
        public long batch;

        private int calls = 1;
        private boolean warmup;
        private double[] ratios = new double[4096];
        private int count;

        @Setup(Level.Iteration)
        public void start(IterationParams iteration) {
            warmup = iteration.getType() == IterationType.WARMUP;
            count = 0;
            ratio = 0;
            pairs = 0;
            batch = calls;
        }

        @TearDown(Level.Iteration)
        public void finish() {
            pairs = count;
            batch = calls;
            ratio = count == 0 ? 0 : median(Arrays.copyOf(ratios, count));
        }

        /** Calls per batch, for all four batches of the next quadruple. */
        int calls() {
            return calls;
        }

        /**
         * Takes one quadruple's batch times, in the order they ran: while warming up, grows the batch until the API's
         * takes {@link #BATCH_NANOS}; while measuring, keeps (API + API) / (raw + raw).
         */
        void record(Control control, long apiFirst, long rawFirst, long rawSecond, long apiSecond) {
            if (warmup) {
                if (apiFirst < BATCH_NANOS && calls < 1 << 20) {
                    calls *= 2;
                }
            } else if (control.startMeasurement && !control.stopMeasurement) {
                if (count == ratios.length) {
                    ratios = Arrays.copyOf(ratios, count * 2);
                }
                ratios[count++] = (double) (apiFirst + apiSecond) / Math.max(1, rawFirst + rawSecond);
            }
        }

        static double median(double[] values) {
            Arrays.sort(values);
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    // --- scalars and static strings ---

    @Benchmark
    public void libraryVersion_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, libraryVersionApi(b, bh, n), libraryVersionRaw(b, bh, n),
                libraryVersionRaw(b, bh, n), libraryVersionApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long libraryVersionApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.libraryVersion_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long libraryVersionRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.libraryVersion_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void add_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, addApi(b, bh, n), addRaw(b, bh, n),
                addRaw(b, bh, n), addApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long addApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.add_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long addRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.add_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void noop_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, noopApi(b, bh, n), noopRaw(b, bh, n),
                noopRaw(b, bh, n), noopApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long noopApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            b.noop_api();
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long noopRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            b.noop_raw();
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void statusName_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, statusNameApi(b, bh, n), statusNameRaw(b, bh, n),
                statusNameRaw(b, bh, n), statusNameApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long statusNameApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.statusName_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long statusNameRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.statusName_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void statusMessage_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, statusMessageApi(b, bh, n), statusMessageRaw(b, bh, n),
                statusMessageRaw(b, bh, n), statusMessageApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long statusMessageApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.statusMessage_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long statusMessageRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.statusMessage_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void liveAllocations_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, liveAllocationsApi(b, bh, n), liveAllocationsRaw(b, bh, n),
                liveAllocationsRaw(b, bh, n), liveAllocationsApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long liveAllocationsApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.liveAllocations_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long liveAllocationsRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.liveAllocations_raw());
        }
        return System.nanoTime() - start;
    }

    // --- arrays and native buffers ---

    @Benchmark
    public void crc32Array_paired(ApiBench b, ApiBench.Sized s, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, crc32ArrayApi(b, s, bh, n), crc32ArrayRaw(b, s, bh, n),
                crc32ArrayRaw(b, s, bh, n), crc32ArrayApi(b, s, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long crc32ArrayApi(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.crc32Array_api(s));
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long crc32ArrayRaw(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.crc32Array_raw(s));
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void crc32Buffer_paired(ApiBench b, ApiBench.Sized s, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, crc32BufferApi(b, s, bh, n), crc32BufferRaw(b, s, bh, n),
                crc32BufferRaw(b, s, bh, n), crc32BufferApi(b, s, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long crc32BufferApi(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.crc32Buffer_api(s));
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long crc32BufferRaw(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.crc32Buffer_raw(s));
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void transformArray_paired(ApiBench b, ApiBench.Sized s, Pairs p, Control c, Blackhole bh)
            throws Throwable {
        int n = p.calls();
        p.record(c, transformArrayApi(b, s, bh, n), transformArrayRaw(b, s, bh, n),
                transformArrayRaw(b, s, bh, n), transformArrayApi(b, s, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long transformArrayApi(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            b.transformArray_api(s);
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long transformArrayRaw(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.transformArray_raw(s));
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void transformBuffer_paired(ApiBench b, ApiBench.Sized s, Pairs p, Control c, Blackhole bh)
            throws Throwable {
        int n = p.calls();
        p.record(c, transformBufferApi(b, s, bh, n), transformBufferRaw(b, s, bh, n),
                transformBufferRaw(b, s, bh, n), transformBufferApi(b, s, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long transformBufferApi(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            b.transformBuffer_api(s);
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long transformBufferRaw(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.transformBuffer_raw(s));
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void sum_paired(ApiBench b, ApiBench.Sized s, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, sumApi(b, s, bh, n), sumRaw(b, s, bh, n),
                sumRaw(b, s, bh, n), sumApi(b, s, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long sumApi(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.sum_api(s));
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long sumRaw(ApiBench b, ApiBench.Sized s, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.sum_raw(s));
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void parseRecord_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, parseRecordApi(b, bh, n), parseRecordRaw(b, bh, n),
                parseRecordRaw(b, bh, n), parseRecordApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long parseRecordApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.parseRecord_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long parseRecordRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.parseRecord_raw());
        }
        return System.nanoTime() - start;
    }

    // --- callbacks ---

    @Benchmark
    public void forEach_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, forEachApi(b, bh, n), forEachRaw(b, bh, n),
                forEachRaw(b, bh, n), forEachApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long forEachApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.forEach_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long forEachRaw(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.forEach_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void runThreads_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, runThreadsApi(b, bh, n), runThreadsRaw(b, bh, n),
                runThreadsRaw(b, bh, n), runThreadsApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long runThreadsApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.runThreads_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long runThreadsRaw(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.runThreads_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void startAsync_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, startAsyncApi(b, bh, n), startAsyncRaw(b, bh, n),
                startAsyncRaw(b, bh, n), startAsyncApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long startAsyncApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.startAsync_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long startAsyncRaw(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.startAsync_raw());
        }
        return System.nanoTime() - start;
    }

    // --- structs ---

    @Benchmark
    public void makeSample_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, makeSampleApi(b, bh, n), makeSampleRaw(b, bh, n),
                makeSampleRaw(b, bh, n), makeSampleApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long makeSampleApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.makeSample_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long makeSampleRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.makeSample_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void score_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, scoreApi(b, bh, n), scoreRaw(b, bh, n),
                scoreRaw(b, bh, n), scoreApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long scoreApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.score_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long scoreRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.score_raw());
        }
        return System.nanoTime() - start;
    }

    @Benchmark
    public void scale_paired(ApiBench b, Pairs p, Control c, Blackhole bh) throws Throwable {
        int n = p.calls();
        p.record(c, scaleApi(b, bh, n), scaleRaw(b, bh, n),
                scaleRaw(b, bh, n), scaleApi(b, bh, n));
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long scaleApi(ApiBench b, Blackhole bh, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.scale_api());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long scaleRaw(ApiBench b, Blackhole bh, int n) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bh.consume(b.scale_raw());
        }
        return System.nanoTime() - start;
    }
}
