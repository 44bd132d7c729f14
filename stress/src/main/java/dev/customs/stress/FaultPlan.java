package dev.customs.stress;

/**
 * Which upcalls of a stress run throw: a fraction {@code rate} of them, chosen from {@code (seed, thread, call)} alone,
 * so the same seed makes the same calls throw on every run and every backend, whatever order the native threads run
 * in. That is what makes a failing run replayable with {@code --seed}.
 */
public record FaultPlan(long seed, double rate) {
    public FaultPlan {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be within [0, 1], got " + rate);
        }
    }

    /** No call throws. */
    public static FaultPlan none(long seed) {
        return new FaultPlan(seed, 0);
    }

    /** Whether call {@code call} of native thread {@code thread} throws. */
    public boolean throwsAt(int thread, int call) {
        if (rate == 0) {
            return false;
        }
        long h = mix(seed ^ mix(((long) thread << 32) | (call & 0xFFFF_FFFFL)));
        return (h >>> 11) * 0x1.0p-53 < rate; // the top 53 bits as a double in [0, 1)
    }

    /** How many of {@code threads × callsPerThread} calls throw. */
    public long planned(int threads, int callsPerThread) {
        long n = 0;
        for (int t = 0; t < threads; t++) {
            for (int c = 0; c < callsPerThread; c++) {
                n += throwsAt(t, c) ? 1 : 0;
            }
        }
        return n;
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
