package dev.customs.lifetime;

import static dev.customs.bindings.ChildJvmAssertions.assertKilled;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.lifetime.specimen.JnaMemoryClosedDuringCall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing an arena while a downcall is using one of its segments. A downcall keeps the arenas of its arguments
 * acquired until it returns, so FFM refuses the close ({@code IllegalStateException}) and the call finishes with its
 * data intact. JNA refuses nothing: the memory is freed under C (shown in a child JVM).
 */
@Timeout(90)
@ExtendWith(NoLibraryLeaks.class)
class CloseDuringCallTest {
    static final int[] ITEMS = {10, 11, 12, 13};

    /** What the callback saw, and how each attempt to close the arena mid-call ended. */
    record Run(List<Integer> seen, List<String> closeAttempts, int status) {}

    /**
     * Iterates {@link #ITEMS}, held in {@code arena}, with {@code customs_for_each}; while C is at item 1, runs
     * {@code closeAttempt} and records its outcome.
     */
    // A true hazard kept in a test: closeAttempt is outcome(...), which turns close's RuntimeException into text; any
    // other throwable there is a test bug, and ending the test JVM on it is acceptable.
    @SuppressWarnings("FfmUnguardedUpcall")
    static Run iterateWhileClosing(Arena arena, Supplier<String> closeAttempt) {
        MemorySegment items = arena.allocate(JAVA_INT, ITEMS.length);
        MemorySegment.copy(ITEMS, 0, items, JAVA_INT, 0, ITEMS.length);
        List<Integer> seen = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        try (Arena stubs = Arena.ofConfined()) {
            MemorySegment cb = customs_item_cb.allocate((user, index, item) -> {
                if (index == 1) {
                    attempts.add(closeAttempt.get());
                }
                seen.add(item);
                return 0;
            }, stubs);
            int status = customs_h.customs_for_each(items, ITEMS.length, cb, MemorySegment.NULL);
            return new Run(seen, attempts, status);
        }
    }

    static String outcome(Runnable r) {
        try {
            r.run();
            return "closed";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void sharedArenaClosedFromAnotherThreadDuringTheCallIsRefusedAndTheCallCompletes() {
        Arena shared = Arena.ofShared();
        Run run = iterateWhileClosing(shared, () -> outcome(() -> OtherThread.run(shared::close)));
        assertEquals(List.of("IllegalStateException: Session is acquired by 1 clients"), run.closeAttempts());
        assertEquals(List.of(10, 11, 12, 13), run.seen(), "C read every item intact");
        assertEquals(0, run.status());
        shared.close(); // the call has returned: now it may close
        assertFalse(shared.scope().isAlive());
    }

    @Test
    void confinedArenaClosedByItsOwnerFromInsideTheCallbackIsRefusedToo() {
        Arena confined = Arena.ofConfined();
        Run run = iterateWhileClosing(confined, () -> outcome(confined::close));
        assertEquals(List.of("IllegalStateException: Session is acquired by 1 clients"), run.closeAttempts());
        assertEquals(List.of(10, 11, 12, 13), run.seen());
        confined.close();
    }

    @Test
    void jnaMemoryClosedDuringTheCallIsFreedUnderC() {
        ChildJvm.Result r = ChildJvm.run(JnaMemoryClosedDuringCall.class, Duration.ofSeconds(60), "jna");
        assertKilled(r, "#  SIGSEGV (0xb)", "customs_for_each");
        assertTrue(r.stdout().contains("another thread closed the Memory during the call\nitem 0 = 0\n"), r.toString());
        assertFalse(r.stdout().contains("item 1 = "), "C faulted reading item 1: " + r);
    }
}
