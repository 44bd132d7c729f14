package dev.customs.callbacks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libc's {@code qsort} with a Java comparator whose user code fails: a comparator has no error channel, so the guard
 * cannot tell C to stop, and answering a constant from the failure on is inconsistent (glibc's qsort before 2.39 wrote
 * out of bounds on inconsistent comparators: Qualys, January 2024). The safe pattern, as callbacks/README.md
 * describes: the code that can fail runs once per element (its key), never per pair; a failed element gets a fixed
 * place (last), and pairs are compared on fixed values with the element id as tie-break, so every answer qsort ever
 * gets belongs to one total order. The failure is captured and rethrown once qsort has returned.
 */
@Timeout(60)
class QsortComparatorTest {
    static final Linker LINKER = Linker.nativeLinker();
    static final MethodHandle QSORT = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("qsort"),
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    static final FunctionDescriptor COMPARE = FunctionDescriptor.of(JAVA_INT, ADDRESS.withTargetLayout(JAVA_INT),
            ADDRESS.withTargetLayout(JAVA_INT));

    /** Element ids ordered by a key computed at most once per id; an id whose key failed goes last. */
    static final class KeyOrder {
        private final UpcallGuard guard;
        private final IntUnaryOperator key;
        private final long[] keys;
        private final boolean[] known;
        final List<int[]> answers = new ArrayList<>();

        KeyOrder(UpcallGuard guard, int n, IntUnaryOperator key) {
            this.guard = guard;
            this.key = key;
            this.keys = new long[n];
            this.known = new boolean[n];
        }

        private long keyOf(int id) {
            if (!known[id]) {
                try {
                    keys[id] = key.applyAsInt(id);
                } catch (Throwable t) {
                    guard.capture(t);
                    keys[id] = Long.MAX_VALUE; // failed: last, and fixed from now on
                }
                known[id] = true;
            }
            return keys[id];
        }

        int compare(int a, int b) {
            int c = Long.compare(keyOf(a), keyOf(b));
            return c != 0 ? c : Integer.compare(a, b); // total: ties broken by id
        }

        /**
         * The upcall: never throws (keyOf catches everything the user's code throws; the rest reads two ints and
         * compares longs), and never answers anything but this one order. A catch here would have to answer something
         * for the pair, and any constant is the inconsistency this test is about.
         */
        int compare(MemorySegment a, MemorySegment b) {
            int ia = a.get(JAVA_INT, 0);
            int ib = b.get(JAVA_INT, 0);
            int answer = compare(ia, ib);
            answers.add(new int[] {ia, ib, Integer.signum(answer)});
            return answer;
        }
    }

    /** The comparator's upcall has no catch on purpose (FfmUnguardedUpcall): see {@link KeyOrder#compare}. */
    @SuppressWarnings("FfmUnguardedUpcall")
    static int[] sort(int[] ids, KeyOrder order) throws Throwable {
        MethodHandle target = MethodHandles.lookup().findVirtual(KeyOrder.class, "compare",
                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class)).bindTo(order);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = LINKER.upcallStub(target, COMPARE, arena);
            MemorySegment base = arena.allocateFrom(JAVA_INT, ids);
            QSORT.invokeExact(base, (long) ids.length, JAVA_INT.byteSize(), stub);
            return base.toArray(JAVA_INT);
        }
    }

    @Test
    void aFailingKeyKeepsTheOrderTotalAndTheFailureComesBackAfterQsort() throws Throwable {
        long seed = new Random().nextLong();
        System.out.println("QsortComparatorTest seed: " + seed);
        Random random = new Random(seed);
        int n = 500;
        int[] values = random.ints(n, -1000, 1000).toArray();
        int failing = random.nextInt(n);
        IllegalArgumentException thrown = new IllegalArgumentException("no key for element " + failing);
        UpcallGuard guard = new UpcallGuard(0);
        KeyOrder order = new KeyOrder(guard, n, id -> {
            if (id == failing) {
                throw thrown;
            }
            return values[id];
        });
        int[] ids = IntStream.range(0, n).toArray();
        int[] sorted = sort(ids, order);

        assertSame(thrown, assertThrows(IllegalArgumentException.class, guard::rethrowIfAny),
                "the failure comes back itself, once qsort has returned");
        assertArrayEquals(ids, Arrays.stream(sorted).sorted().toArray(), "a permutation: nothing lost or duplicated");
        assertEquals(failing, sorted[n - 1], "the failed element sorts last");
        for (int i = 1; i < n; i++) {
            assertTrue(order.compare(sorted[i - 1], sorted[i]) < 0, "sorted at " + i + " (seed " + seed + ")");
        }
        for (int[] answer : order.answers) {
            assertEquals(Integer.signum(order.compare(answer[0], answer[1])), answer[2],
                    "every answer qsort got belongs to the final total order");
        }
        assertTrue(order.answers.size() >= n - 1, "qsort called the comparator: " + order.answers.size());
    }

    @Test
    void aConstantAnswerAfterTheFailureContradictsEarlierAnswers() {
        // What a guard returning its error value would do to a comparator: 0 ("equal") once anything failed.
        UpcallGuard guard = new UpcallGuard(0);
        int[] values = {3, 1, 2};
        IntUnaryOperator naive = id -> guard.failed() ? 0 : values[id];
        int before = Integer.compare(naive.applyAsInt(1), naive.applyAsInt(0)); // 1 < 3
        guard.capture(new IllegalStateException("some later comparison failed"));
        int after = Integer.compare(naive.applyAsInt(1), naive.applyAsInt(0));
        assertEquals(-1, before);
        assertEquals(0, after, "the same pair, a different answer: no total order has both; qsort may run off the"
                + " array's end on such a comparator (glibc < 2.39)");
        assertThrows(IllegalStateException.class, guard::rethrowIfAny);
    }
}
