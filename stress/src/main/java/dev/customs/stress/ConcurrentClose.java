package dev.customs.stress;

import dev.customs.api.Customs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * Item 3, after OpenJDK's TestHandshake and TestConcurrentClose: accessor threads use shared native memory (a
 * {@code customs_crc32} downcall over it, or a plain read) while closer threads close it at random moments. Every
 * accessor keeps using a region until it sees it closed, once, as an {@code IllegalStateException}, and then leaves it
 * alone. What must hold: every result computed while the region was alive is right, no access succeeds once a close
 * has returned, every accessor sees every close exactly once and nothing else, and each round ends within its bound.
 *
 * <p>Accessors pause now and then (a random park of up to {@link #MAX_PAUSE_NANOS}): a close is refused while a
 * downcall holds the memory, and with dozens of threads time-sliced on two cores, one of them is almost always
 * preempted in the middle of a downcall; real programs do not spin that way, and the pauses let closes through.
 */
public final class ConcurrentClose {
    /** Bytes per region. */
    static final int REGION_BYTES = 256;
    static final long MAX_PAUSE_NANOS = 200_000;
    /** Closes are scheduled at random within this window after a round starts. */
    static final Duration CLOSE_WINDOW = Duration.ofMillis(100);
    /** Bound on one round: rounds take a tenth of a second or so; one that takes a minute is stuck. */
    public static final Duration ROUND_BOUND = Duration.ofSeconds(60);

    private ConcurrentClose() {}

    /** What the accessors and closers of every round saw, summed. */
    public record Result(String backend, String region, int accessors, int closers, int rounds, int regionsPerRound,
                         long accesses, long wrongResults, long successesAfterClose, long otherExceptions,
                         String firstOtherException, int minClosedSeen, int maxClosedSeen, long closesRefusedInUse,
                         long longestRoundNanos, long roundBoundNanos, long wallNanos) {
        public List<Figure> figures() {
            List<Figure> f = new ArrayList<>();
            f.add(Figure.info("accessors, closers", accessors + ", " + closers).noting("memory: " + region));
            f.add(Figure.info("rounds × regions", Figure.count(rounds) + " × " + regionsPerRound));
            f.add(new Figure("accesses while open", Figure.count(accesses), "> 0", accesses > 0));
            f.add(Figure.zero("wrong results", wrongResults));
            f.add(Figure.zero("accesses that worked after close", successesAfterClose));
            f.add(new Figure("IllegalStateException per accessor and region",
                    minClosedSeen == maxClosedSeen ? String.valueOf(minClosedSeen)
                            : minClosedSeen + " to " + maxClosedSeen, "exactly 1",
                    minClosedSeen == 1 && maxClosedSeen == 1));
            f.add(Figure.zero("other exceptions", otherExceptions)
                    .noting(firstOtherException == null ? null : "first other exception: " + firstOtherException));
            f.add(Figure.info("closes refused while in use", Figure.count(closesRefusedInUse)));
            f.add(new Figure("longest round", Figure.seconds(longestRoundNanos), "≤ " + Figure.seconds(roundBoundNanos),
                    longestRoundNanos <= roundBoundNanos));
            f.add(Figure.info("wall time", Figure.seconds(wallNanos)));
            return f;
        }
    }

    /** One accessor's counts for one round. */
    private record Seen(long accesses, long wrong, long afterClose, long other, String firstOther, int[] closedSeen) {}

    /**
     * Runs rounds of {@code regionsPerRound} regions, {@code accessors} accessor threads and {@code closers} closer
     * threads until {@code duration} has passed (at least one round).
     *
     * @param roundTimeout bound on each round (a round that runs past it fails the phase)
     */
    public static Result run(Customs customs, int accessors, int closers, int regionsPerRound, Duration duration,
            Duration roundTimeout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int rounds = 0;
        long accesses = 0;
        long wrong = 0;
        long afterClose = 0;
        long other = 0;
        String firstOther = null;
        int minSeen = Integer.MAX_VALUE;
        int maxSeen = 0;
        long refused = 0;
        long longestRound = 0;
        String region = "";
        do {
            long roundStart = System.nanoTime();
            Round round = new Round(customs, regionsPerRound, random.split());
            region = round.regionKind();
            List<Callable<Object>> tasks = new ArrayList<>();
            for (int a = 0; a < accessors; a++) {
                SplittableRandom r = random.split();
                tasks.add(() -> round.access(r, roundTimeout));
            }
            for (int c = 0; c < closers; c++) {
                int closer = c;
                SplittableRandom r = random.split();
                tasks.add(() -> round.close(closer, closers, r, roundTimeout));
            }
            List<Object> outcomes;
            try {
                outcomes = Workers.run("close-" + customs.backend(), tasks, roundTimeout);
            } finally {
                round.closeWhatIsLeft();
            }
            for (Object outcome : outcomes) {
                if (outcome instanceof Seen s) {
                    accesses += s.accesses();
                    wrong += s.wrong();
                    afterClose += s.afterClose();
                    other += s.other();
                    firstOther = firstOther != null ? firstOther : s.firstOther();
                    minSeen = Math.min(minSeen, Arrays.stream(s.closedSeen()).min().orElse(0));
                    maxSeen = Math.max(maxSeen, Arrays.stream(s.closedSeen()).max().orElse(0));
                } else {
                    refused += (Long) outcome;
                }
            }
            rounds++;
            longestRound = Math.max(longestRound, System.nanoTime() - roundStart);
        } while (System.nanoTime() < end);
        return new Result(customs.backend(), region, accessors, closers, rounds, regionsPerRound, accesses, wrong,
                afterClose, other, firstOther, minSeen, maxSeen, refused, longestRound, roundTimeout.toNanos(),
                System.nanoTime() - start);
    }

    /** The regions of one round, what they hold, and which closes have returned. */
    private static final class Round {
        private final SharedRegion[] regions;
        private final int[] crcs;
        private final byte[][] contents;
        private final long[] closeAt;
        /** 1 once the close of that region has returned. */
        private final AtomicIntegerArray closed;
        private final long start = System.nanoTime();

        Round(Customs customs, int n, SplittableRandom random) {
            regions = new SharedRegion[n];
            crcs = new int[n];
            contents = new byte[n][];
            closeAt = new long[n];
            closed = new AtomicIntegerArray(n);
            for (int i = 0; i < n; i++) {
                contents[i] = new byte[REGION_BYTES];
                random.nextBytes(contents[i]);
                CRC32 crc = new CRC32();
                crc.update(contents[i]);
                crcs[i] = (int) crc.getValue();
                regions[i] = SharedRegion.open(customs, contents[i]);
                closeAt[i] = start + random.nextLong(CLOSE_WINDOW.toNanos());
            }
        }

        String regionKind() {
            return regions[0] instanceof SharedRegion.SharedArena ? "Arena.ofShared() segments (customs_h)"
                    : "NativeBuffer (Customs API)";
        }

        /** One accessor: uses the regions still open to it until it has seen every one closed. */
        Seen access(SplittableRandom random, Duration timeout) throws TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int[] closedSeen = new int[regions.length];
            int[] open = new int[regions.length];
            for (int i = 0; i < open.length; i++) {
                open[i] = i;
            }
            int openCount = open.length;
            long accesses = 0;
            long wrong = 0;
            long afterClose = 0;
            long other = 0;
            String firstOther = null;
            while (openCount > 0) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("an accessor still saw " + openCount + " region(s) open after "
                            + timeout.toSeconds() + " s");
                }
                int slot = random.nextInt(openCount);
                int i = open[slot];
                boolean closeHadReturned = closed.get(i) == 1;
                try {
                    boolean right;
                    if (random.nextBoolean()) {
                        right = regions[i].crc32() == crcs[i];
                    } else {
                        int offset = random.nextInt(REGION_BYTES / Long.BYTES) * Long.BYTES;
                        long expected = ByteBuffer.wrap(contents[i], offset, Long.BYTES).order(ByteOrder.nativeOrder())
                                .getLong();
                        right = regions[i].readLong(offset) == expected;
                    }
                    accesses++;
                    wrong += right ? 0 : 1;
                    afterClose += closeHadReturned ? 1 : 0;
                } catch (IllegalStateException e) {
                    if (e.getMessage() != null && e.getMessage().contains(regions[i].closedMessage())) {
                        closedSeen[i]++;
                        open[slot] = open[--openCount]; // never touched again by this accessor
                    } else {
                        other++;
                        firstOther = firstOther != null ? firstOther : e.toString();
                    }
                } catch (RuntimeException e) {
                    other++;
                    firstOther = firstOther != null ? firstOther : e.toString();
                }
                if (random.nextInt(8) == 0) {
                    LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
                }
            }
            return new Seen(accesses, wrong, afterClose, other, firstOther, closedSeen);
        }

        /** After a failed round: closes what the closers could not, so the failure leaks nothing. */
        void closeWhatIsLeft() {
            for (int i = 0; i < regions.length; i++) {
                if (closed.get(i) == 0 && regions[i].tryClose()) {
                    closed.set(i, 1);
                }
            }
        }

        /** One closer: closes regions {@code closer}, {@code closer + closers}, ... each at its time. */
        Long close(int closer, int closers, SplittableRandom random, Duration timeout) throws TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long refused = 0;
            List<Integer> mine = new ArrayList<>();
            for (int i = closer; i < regions.length; i += closers) {
                mine.add(i);
            }
            mine.sort((a, b) -> Long.compare(closeAt[a], closeAt[b]));
            for (int i : mine) {
                LockSupport.parkNanos(closeAt[i] - System.nanoTime());
                while (!regions[i].tryClose()) {
                    refused++;
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("region " + i + " still in use after " + timeout.toSeconds()
                                + " s of attempts to close it");
                    }
                    LockSupport.parkNanos(random.nextLong(1, MAX_PAUSE_NANOS / 10));
                }
                closed.set(i, 1);
            }
            return refused;
        }
    }
}
