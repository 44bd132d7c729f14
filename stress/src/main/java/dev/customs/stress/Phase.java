package dev.customs.stress;

import dev.customs.api.Customs;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The phases of a stress run, in the order they run; each gives its figures for one backend. */
public enum Phase {
    /** Item 1: every upcall counted in Java and in C. */
    UPCALLS {
        @Override
        String title(StressPlan p) {
            return String.format(Locale.ROOT, "upcalls: %d native threads × %,d upcalls each through the guard, counted"
                    + " in Java and in C", p.threads(), p.callsPerThread());
        }

        @Override
        List<Figure> run(Customs customs, StressPlan p, long seed) {
            return UpcallStress.run(customs, p.threads(), p.callsPerThread(), FaultPlan.none(seed), p.timeout())
                    .figures();
        }
    },
    /** Item 2: the same load with a fraction of the upcalls throwing. */
    FAULTS {
        @Override
        String title(StressPlan p) {
            return String.format(Locale.ROOT, "faults: the same load with %.2f%% of the upcalls throwing, chosen from"
                    + " the seed; every throwable accounted for, C told each time", p.faultRate() * 100);
        }

        @Override
        List<Figure> run(Customs customs, StressPlan p, long seed) {
            return UpcallStress.run(customs, p.threads(), p.callsPerThread(), new FaultPlan(seed, p.faultRate()),
                    p.timeout()).figures();
        }
    },
    /** Item 3: shared memory closed under its users. */
    CLOSE {
        @Override
        String title(StressPlan p) {
            return String.format(Locale.ROOT, "close: %d threads use shared native memory while %d others close it,"
                    + " for %d s", p.accessors(), p.closers(), p.closeTime().toSeconds());
        }

        @Override
        List<Figure> run(Customs customs, StressPlan p, long seed) {
            Duration roundBound = p.timeout().compareTo(ConcurrentClose.ROUND_BOUND) < 0 ? p.timeout()
                    : ConcurrentClose.ROUND_BOUND;
            return ConcurrentClose.run(customs, p.accessors(), p.closers(), p.regionsPerRound(), p.closeTime(),
                    roundBound, seed).figures();
        }
    },
    /** Item 4: a long mixed run, then the leak checks. */
    MIXED {
        @Override
        String title(StressPlan p) {
            return String.format(Locale.ROOT, "mixed: %,d libcustoms calls of every kind on %d threads, then what they"
                    + " left behind", p.mixedCalls(), p.workers());
        }

        @Override
        List<Figure> run(Customs customs, StressPlan p, long seed) {
            return MixedRun.run(customs, p.mixedCalls(), p.warmupCalls(), p.workers(), p.timeout(), seed).figures();
        }
    };

    abstract String title(StressPlan plan);

    abstract List<Figure> run(Customs customs, StressPlan plan, long seed);

    /** The name {@code --phases} takes. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
