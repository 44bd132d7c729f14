package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reduced stress run that {@code ./customs test} makes ({@link StressPlan#reduced()}), one phase per test, on FFM
 * and on JNA: smaller than {@code ./customs stress}, but every check of it still holds. The seed is printed; replay a
 * failure with {@code -Dcustoms.seed=N}, or with {@code ./customs stress --reduced --seed N}.
 */
@Timeout(120)
class ReducedStressTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());
    static final StressPlan PLAN = StressPlan.reduced();

    static long seed(String test, String backend) {
        System.out.println("[" + test + " on " + backend + "] seed " + SEED + " (replay with -Dcustoms.seed=" + SEED
                + ")");
        return SEED;
    }

    static void assertWithinBounds(List<Figure> figures) {
        List<Figure> broken = figures.stream().filter(f -> !f.ok()).toList();
        assertTrue(broken.isEmpty(), () -> "figures out of bounds: " + broken);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void everyUpcallIsCountedOnceInJavaAndInC(String backend) {
        seed("everyUpcallIsCountedOnceInJavaAndInC", backend);
        UpcallStress.Result r = UpcallStress.run(Customs.open(backend), PLAN.threads(), PLAN.callsPerThread(),
                FaultPlan.none(SEED), PLAN.timeout());
        assertEquals(100 * 2_000, r.javaCalls());
        assertEquals(r.javaCalls(), r.c().calls(), "C's count");
        assertEquals(0, r.lost());
        assertEquals(0, r.duplicated());
        assertEquals(0, r.outOfOrder() + r.outsideTheRun());
        assertEquals(100, r.c().threads());
        assertEquals(0, r.c().failures());
        assertWithinBounds(r.figures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void everyInjectedFaultComesBackToTheCallerAndReachesCAsTheGuardsStatus(String backend) {
        FaultPlan faults = new FaultPlan(seed("everyInjectedFault...", backend), PLAN.faultRate());
        UpcallStress.Result r = UpcallStress.run(Customs.open(backend), PLAN.threads(), PLAN.callsPerThread(), faults,
                PLAN.timeout());
        assertTrue(r.planned() > 3_000 && r.planned() < 5_000, "about 2% of 200,000: " + r.planned());
        assertEquals(r.planned(), r.thrown(), "thrown where the plan says");
        assertEquals(r.thrown(), r.delivered(), "the first rethrown plus every other suppressed");
        assertEquals(r.thrown(), r.accounted(), "each one a distinct planned fault");
        assertEquals(r.thrown(), r.c().failures(), "C received a failure status each time");
        assertTrue(r.c().sawOnly(Customs.CALLBACK_THREW, r.thrown()), "and it was CALLBACK_THREW: " + r.c());
        assertEquals(0, r.lost() + r.duplicated() + r.outOfOrder(), "faults do not stop the run");
        assertWithinBounds(r.figures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void memoryClosedUnderFiftyUsersFailsEachOfThemExactlyOnceAndNeverWrongly(String backend) {
        ConcurrentClose.Result r = ConcurrentClose.run(Customs.open(backend), PLAN.accessors(), PLAN.closers(),
                PLAN.regionsPerRound(), PLAN.closeTime(), ConcurrentClose.ROUND_BOUND, seed("memoryClosed...", backend));
        assertTrue(r.rounds() >= 1 && r.accesses() > 0, r.toString());
        assertEquals(0, r.wrongResults(), r.toString());
        assertEquals(0, r.successesAfterClose(), r.toString());
        assertEquals(0, r.otherExceptions(), r.toString());
        assertEquals(1, r.minClosedSeen(), r.toString());
        assertEquals(1, r.maxClosedSeen(), r.toString());
        assertTrue(r.longestRoundNanos() <= ConcurrentClose.ROUND_BOUND.toNanos(), r.toString());
        assertWithinBounds(r.figures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMixedRunOfEveryKindOfCallLeavesNothingBehind(String backend) {
        Customs customs = Customs.open(backend);
        MixedRun.Result r = MixedRun.run(customs, PLAN.mixedCalls(), PLAN.warmupCalls(), PLAN.workers(),
                PLAN.timeout(), seed("aMixedRun...", backend));
        assertTrue(r.calls() >= 100_000, "calls: " + r.calls());
        assertTrue(r.upcalls() > 0, "upcalls: " + r.upcalls());
        assertEquals(MixedOperations.Kind.values().length, r.kindsRun(), "every kind of operation ran");
        assertEquals(0, r.wrong(), () -> "first wrong: " + r.firstWrong());
        assertEquals(r.checkpoint().liveAllocations(), r.end().liveAllocations(), "libcustoms allocations");
        assertEquals(r.asyncStarted(), r.asyncReleased(), "async jobs released");
        assertEquals(r.listenersOpened(), r.listenersReleased(), "listeners released");
        assertTrue(r.end().threads() <= r.checkpoint().threads(), () -> "threads left: "
                + r.end().newThreadsSince(r.checkpoint()));
        assertTrue(r.end().nmt() != null, "NMT is on in this JVM (the module's argLine)");
        assertWithinBounds(r.figures());
    }
}
