package dev.customs.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.NoLibraryLeaks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Arenas that become unreachable without {@code close()} are reported with the place they were opened; closed ones
 * never are. Each test drives the GC in a bounded loop and prints how many rounds it took.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class ArenaLeakDetectorTest {
    final Queue<ArenaLeakDetector.Leak> reports = new ConcurrentLinkedQueue<>();
    final ArenaLeakDetector detector = new ArenaLeakDetector(reports::add);

    /** Opens a confined arena, uses it, and forgets to close it. */
    private void leakAConfinedArena() {
        Arena arena = detector.ofConfined();
        arena.allocate(64).fill((byte) 1);
    }

    private void leakASharedArena() {
        detector.ofShared().allocate(64);
    }

    private int awaitReports(int n, String test) {
        int rounds = GcRounds.until(() -> reports.size() >= n, GcRounds.DEFAULT_LIMIT);
        System.out.println("[" + test + "] " + reports.size() + " report(s) after " + rounds + " GC round(s)");
        assertNotEquals(-1, rounds, "no leak reported within " + GcRounds.DEFAULT_LIMIT + " GC rounds");
        return rounds;
    }

    @Test
    void unclosedConfinedArenaIsReportedNamingWhereItWasOpened() {
        leakAConfinedArena();
        awaitReports(1, "unclosedConfinedArena");
        ArenaLeakDetector.Leak leak = reports.poll();
        assertEquals("confined", leak.kind());
        assertEquals(Thread.currentThread().getName(), leak.thread());
        StackTraceElement at = leak.openedAt();
        assertEquals(ArenaLeakDetectorTest.class.getName(), at.getClassName());
        assertEquals("leakAConfinedArena", at.getMethodName());
        assertEquals("ArenaLeakDetectorTest.java", at.getFileName());
        assertTrue(leak.describe().startsWith("a confined Arena opened at " + at + " on thread '"
                + Thread.currentThread().getName() + "' became unreachable without close(): its memory is never freed"),
                leak.describe());
        assertTrue(leak.describe().contains("\n\tat " + ArenaLeakDetectorTest.class.getName()
                + ".unclosedConfinedArenaIsReportedNamingWhereItWasOpened("), leak.describe());
        assertEquals(1, detector.leakedArenas());
        assertEquals(0, detector.openArenas());
    }

    @Test
    void unclosedSharedArenaIsReportedToo() {
        leakASharedArena();
        awaitReports(1, "unclosedSharedArena");
        ArenaLeakDetector.Leak leak = reports.poll();
        assertEquals("shared", leak.kind());
        assertEquals("leakASharedArena", leak.openedAt().getMethodName());
    }

    @Test
    void closedArenasAreNeverReported() {
        for (int i = 0; i < 10; i++) {
            try (Arena arena = detector.ofConfined()) {
                arena.allocate(16);
            }
        }
        detector.ofShared().close();
        assertEquals(0, detector.openArenas(), "close() settles an arena at once");
        leakAConfinedArena(); // a marker: once it is reported, the GC has had its chance with the closed ones
        awaitReports(1, "closedArenasAreNeverReported");
        assertEquals(List.of("leakAConfinedArena"), reports.stream().map(l -> l.openedAt().getMethodName()).toList());
    }

    @Test
    void aRefusedCloseDoesNotCountAsClosed() {
        Arena arena = detector.ofConfined();
        var e = assertThrows(WrongThreadException.class, () -> OtherThread.run(arena::close));
        assertEquals("Attempted access outside owning thread", e.getMessage());
        assertEquals(1, detector.openArenas());
        arena.close();
        assertEquals(0, detector.openArenas());
        assertEquals("Already closed", assertThrows(IllegalStateException.class, arena::close).getMessage());
    }

    @Test
    void trackedArenasBehaveLikeTheArenasTheyWrap() {
        try (Arena arena = detector.ofConfined()) {
            MemorySegment s = arena.allocate(8, 8);
            assertEquals(8, s.byteSize());
            assertEquals(0, s.address() % 8);
            assertTrue(s.scope().equals(arena.scope()));
            assertEquals("Attempted access outside owning thread", assertThrows(WrongThreadException.class,
                    () -> OtherThread.run(() -> s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))).getMessage());
        }
        try (Arena shared = detector.ofShared()) {
            MemorySegment s = shared.allocateFrom("x");
            assertEquals("x", OtherThread.call(() -> s.getString(0)));
        }
    }

    @Test
    void standardErrorReporterIsAvailable() {
        ArenaLeakDetector onStderr = ArenaLeakDetector.reportingToStandardError();
        try (Arena arena = onStderr.ofConfined()) {
            assertTrue(arena.toString().startsWith("leak-checked confined Arena opened at "
                    + ArenaLeakDetectorTest.class.getName() + ".standardErrorReporterIsAvailable("), arena.toString());
        }
        assertEquals(0, onStderr.openArenas());
    }
}
