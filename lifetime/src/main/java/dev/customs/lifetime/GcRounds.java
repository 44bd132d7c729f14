package dev.customs.lifetime;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Drives the garbage collector until something that depends on it has happened (a Cleaner ran, a weak reference was
 * cleared), in a bounded number of rounds. {@link System#gc()} is only a request, so one call proves nothing; a round
 * here is a GC request, some garbage to make it worth running, and a short pause for the Cleaner's thread.
 */
public final class GcRounds {
    /** Rounds that tests and the demo allow: far more than the one or two a GC usually needs. */
    public static final int DEFAULT_LIMIT = 200;

    private static final long PAUSE_MILLIS = 10;

    private GcRounds() {}

    /**
     * Runs rounds until {@code done} is true, at most {@code maxRounds} of them.
     *
     * @return the number of rounds it took (0 if it was already true), or -1 if it never became true
     */
    public static int until(BooleanSupplier done, int maxRounds) {
        Objects.requireNonNull(done, "done");
        for (int round = 0; round <= maxRounds; round++) {
            if (done.getAsBoolean()) {
                return round;
            }
            System.gc();
            byte[][] garbage = new byte[64][];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = new byte[16 * 1024];
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }
}
