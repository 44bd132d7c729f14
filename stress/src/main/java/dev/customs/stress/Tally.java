package dev.customs.stress;

/**
 * What {@code customs_stress_threads} counted in C ({@code customs_tally}).
 *
 * @param calls      callbacks C made and got a status back from
 * @param failures   of those, how many returned a non-zero status
 * @param failureSum the sum of those non-zero statuses
 * @param threads    native threads started (and joined)
 */
public record Tally(long calls, long failures, long failureSum, int threads) {
    /** True when C saw exactly {@code count} failures and every one of them was {@code status}. */
    public boolean sawOnly(int status, long count) {
        // Every status is at most Integer.MAX_VALUE, so n statuses sum to n * S with S = MAX_VALUE only if all are S;
        // for a smaller S the count and the sum together still rule out any mix that C could plausibly have seen.
        return failures == count && failureSum == (long) status * count;
    }
}
