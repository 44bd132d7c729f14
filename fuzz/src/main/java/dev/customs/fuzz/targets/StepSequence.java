package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs a fuzzer-chosen sequence of steps on one model, then releases everything the sequence holds. When a step fails,
 * the release still runs, so the next input starts clean, but the step's failure is the finding: a failure of the
 * release is attached to it as suppressed.
 */
final class StepSequence {
    private StepSequence() {}

    /**
     * @param releaseAll releases what {@code sequence} holds and checks nothing was left behind
     */
    static <T> void run(FuzzedDataProvider data, int maxSteps, List<BiConsumer<T, FuzzedDataProvider>> steps,
            T sequence, Runnable releaseAll) {
        try {
            int n = data.consumeInt(1, maxSteps);
            for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
                data.pickValue(steps).accept(sequence, data);
            }
        } catch (RuntimeException | Error e) {
            try {
                releaseAll.run();
            } catch (RuntimeException | Error r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        releaseAll.run();
    }
}
