package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each leak check of the mixed run catches the leak it is there for: each test leaks on purpose, sees the figure
 * move past its bound, then cleans up and sees it come back.
 */
@Timeout(60)
class LeakChecksTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    final Customs ffm = Customs.open("ffm");

    @Test
    void aLibraryAllocationLeftLiveIsCounted() {
        long before = Footprint.now(ffm).liveAllocations();
        MemorySegment leaked;
        try (Arena arena = Arena.ofConfined()) {
            leaked = customs_h.customs_to_upper(arena.allocateFrom("never freed"));
        }
        try {
            assertEquals(before + 1, Footprint.now(ffm).liveAllocations());
        } finally {
            customs_h.customs_string_free(leaked);
        }
        assertEquals(before, Footprint.now(ffm).liveAllocations());
    }

    @Test
    void aThreadLeftRunningIsCountedAndNamed() throws InterruptedException {
        Footprint checkpoint = Footprint.settle(ffm, null, WAIT);
        CountDownLatch release = new CountDownLatch(1);
        Thread leftOver = Thread.ofPlatform().name("left-running-on-purpose").start(() -> {
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Footprint end = Footprint.settle(ffm, checkpoint, Duration.ofMillis(300));
            assertEquals(checkpoint.threads() + 1, end.threads());
            assertEquals("left-running-on-purpose", end.newThreadsSince(checkpoint));
        } finally {
            release.countDown();
            leftOver.join(WAIT);
        }
        assertTrue(Footprint.settle(ffm, checkpoint, WAIT).threads() <= checkpoint.threads());
    }

    @Test
    void upcallStubsOfAnArenaLeftOpenShowInTheStubCodeHeap() {
        long before = Footprint.now(ffm).stubCode();
        Assumptions.assumeTrue(before >= 0, "the code cache is not segmented in this VM mode (-Xint or C2 only): the"
                + " stub code figure is not measured, so there is nothing to check");
        Arena leftOpen = Arena.ofShared();
        try {
            for (int i = 0; i < 1000; i++) {
                customs_item_cb.allocate((user, index, item) -> 0, leftOpen);
            }
            long growth = Footprint.now(ffm).stubCode() - before;
            assertTrue(growth > MixedRun.STUB_CODE_BOUND, "1000 stubs took only " + growth + " bytes");
        } finally {
            leftOpen.close();
        }
        assertTrue(Footprint.now(ffm).stubCode() - before <= MixedRun.STUB_CODE_BOUND, "freed with the arena");
    }

    @Test
    void jnaCallbacksStillReferencedKeepTheirTrampolines() {
        JnaCustoms jna = (JnaCustoms) Customs.open("jna");
        Footprint checkpoint = Footprint.settle(jna, null, WAIT);
        Assumptions.assumeTrue(checkpoint.jnaTrampolines() >= 0, "this JNA does not expose its trampolines");
        List<dev.customs.bindings.jna.customs_item_cb> held = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int status = i % 2; // captured, so that each lambda is an object of its own (and a trampoline of its own)
            dev.customs.bindings.jna.customs_item_cb cb = (user, index, item) -> status;
            held.add(cb);
            jna.raw().customs_for_each(new int[] {1}, 1, cb, null);
        }
        assertTrue(Footprint.now(jna).jnaTrampolines() >= checkpoint.jnaTrampolines() + 50);
        held.clear();
        assertTrue(Footprint.settle(jna, checkpoint, WAIT).jnaTrampolines() <= checkpoint.jnaTrampolines(),
                "freed once the callbacks were collected");
    }

    @Test
    void nativeMemoryKeptPastTheRunShowsInNmt() {
        NativeMemory.Summary before = NativeMemory.read().orElseThrow(
                () -> new AssertionError("NMT is off: the stress module's tests run with -XX:NativeMemoryTracking"));
        Arena kept = Arena.ofShared();
        try {
            for (int i = 0; i < 8192; i++) {
                kept.allocate(4096); // 32 MiB in small pieces, as a per-call leak would add up
            }
            long growth = NativeMemory.read().orElseThrow().committedAtTheBoundary() - before.committedAtTheBoundary();
            assertTrue(growth > MixedRun.NMT_BOUND && growth >= 30L << 20, "32 MiB kept, NMT saw " + growth);
        } finally {
            kept.close();
        }
    }

    @Test
    void nmtSummaryIsRead() {
        NativeMemory.Summary s = NativeMemory.parse("""
                Native Memory Tracking:

                Total: reserved=7754144KB, committed=487704KB
                       malloc: 18748KB #54596, peak=23194KB #50100

                -                 Java Heap (reserved=6184960KB, committed=393216KB)
                                            (mmap: reserved=6184960KB, committed=393216KB, at peak)

                -                     Class (reserved=1048810KB, committed=1898KB)
                -                        GC (reserved=158520KB, committed=45400KB)
                -                  Compiler (reserved=218KB, committed=218KB)
                -                     Other (reserved=34KB, committed=34KB)
                -    Native Memory Tracking (reserved=975KB, committed=975KB)
                -               Arena Chunk (reserved=7504KB, committed=7504KB)
                """);
        assertEquals(487704L * 1024, s.committed());
        assertEquals(393216L * 1024, s.byCategory().get("Java Heap"));
        assertEquals(975L * 1024, s.byCategory().get("Native Memory Tracking"));
        assertEquals((487704L - 393216 - 45400 - 218 - 7504) * 1024, s.committedAtTheBoundary());
    }
}
