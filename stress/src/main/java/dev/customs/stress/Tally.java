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
    /**
     * True when C saw exactly {@code count} failures and their statuses sum to {@code count × status}. For
     * {@code status == Integer.MAX_VALUE} ({@code Customs.CALLBACK_THREW}) that proves every one of them was
     * {@code status}: no {@code int} is larger, so any other status would make the sum smaller. For a smaller status
     * it is a check of the count and the sum, not a proof about each call.
     */
    public boolean sawOnly(int status, long count) {
        return failures == count && failureSum == (long) status * count;
    }
}
