package dev.customs.stress;

import java.time.Duration;
import java.util.Locale;

/**
 * How big a stress run is. {@link #quick()} is {@code ./customs stress}'s default, {@link #longRun()} its
 * {@code --long}, and {@link #reduced()} the run that {@code ./customs test} makes (and the VM-mode matrix, once per
 * mode): smaller, but each check still meaningful.
 *
 * @param threads         native threads of the upcall phases (at most {@code Customs.MAX_THREADS})
 * @param callsPerThread  upcalls each of them makes
 * @param faultRate       fraction of the fault phase's upcalls that throw
 * @param accessors       threads using shared memory in the concurrent-close phase
 * @param closers         threads closing it
 * @param regionsPerRound regions (arenas, buffers) per round of that phase
 * @param closeTime       how long that phase goes on starting rounds
 * @param mixedCalls      libcustoms calls of the mixed run, per backend
 * @param warmupCalls     calls made before the mixed run's checkpoint
 * @param workers         threads of the mixed run
 * @param timeout         bound on each phase on each backend
 */
public record StressPlan(String name, int threads, int callsPerThread, double faultRate, int accessors, int closers,
                         int regionsPerRound, Duration closeTime, long mixedCalls, long warmupCalls, int workers,
                         Duration timeout) {
    /** {@code ./customs stress}: the figures of the issue, in about a minute and a half on two cores. */
    public static StressPlan quick() {
        return new StressPlan("quick", 100, 10_000, 0.01, 50, 2, 8, Duration.ofSeconds(30), 1_000_000, 100_000, 4,
                Duration.ofMinutes(10));
    }

    /** {@code ./customs stress --long}: ten times the upcalls and the mixed calls, two minutes of closing. */
    public static StressPlan longRun() {
        return new StressPlan("long", 100, 100_000, 0.01, 50, 4, 16, Duration.ofSeconds(120), 10_000_000, 200_000, 4,
                Duration.ofMinutes(60));
    }

    /** What {@code ./customs test} runs: well under a minute on two cores for both backends. */
    public static StressPlan reduced() {
        return new StressPlan("reduced", 100, 2_000, 0.02, 50, 2, 8, Duration.ofSeconds(2), 100_000, 20_000, 4,
                Duration.ofMinutes(2));
    }

    /** One line for the top of the output. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %d threads × %,d upcalls, %.2f%% faults; %d accessors and %d closers"
                + " for %d s; %,d mixed calls on %d workers", name, threads, callsPerThread, faultRate * 100,
                accessors, closers, closeTime.toSeconds(), mixedCalls, workers);
    }
}
