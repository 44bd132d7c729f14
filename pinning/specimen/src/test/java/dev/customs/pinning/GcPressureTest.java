package dev.customs.pinning;

import dev.customs.pinning.specimen.CustomsArrayCalls;
import dev.customs.pinning.specimen.GcPressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Critical calls on heap arrays and copies, on worker threads, while other threads allocate heavily: every checksum
 * and transform right, collections observed during the run, bounded in time. The seed is printed.
 */
@Timeout(90)
@ExtendWith(NoLibraryLeaks.class)
class GcPressureTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    @Test
    void everyResultIsRightWhileTheGcRuns() {
        System.out.println("[GcPressureTest] seed " + SEED + " (replay with -Dcustoms.seed=" + SEED + ")");
        List<CustomsArrayCalls<?>> calls = List.of(CustomsArrayCalls.ffm(Handoff.HEAP),
                CustomsArrayCalls.ffm(Handoff.NATIVE_COPY), CustomsArrayCalls.jna(Handoff.HEAP, JnaLibraries.direct()),
                CustomsArrayCalls.jna(Handoff.NATIVE_COPY, JnaLibraries.direct()));
        GcPressure.Outcome outcome = GcPressure.run(calls, 2, 2, Duration.ofSeconds(3), SEED);
        System.out.println("[GcPressureTest] " + outcome);
        assertNull(outcome.firstWrong());
        assertEquals(0, outcome.wrong());
        assertTrue(outcome.calls() > 0, "no call was made");
        assertTrue(outcome.collections() > 0, "no collection ran during the calls: no pressure");
        assertTrue(outcome.took().compareTo(Duration.ofSeconds(30)) < 0, "bounded: " + outcome.took());
        assertEquals(0, calls.get(0).handoff().copiesIn(), "the heap way never copied");
        assertTrue(calls.get(1).handoff().writeBacks() > 0, "the copy way wrote back transforms");
    }

    @Test
    void aWorkerFailureFailsTheRun() {
        CustomsLibrary broken = (CustomsLibrary) Proxy.newProxyInstance(CustomsLibrary.class.getClassLoader(),
                new Class<?>[] {CustomsLibrary.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("broken " + method.getName());
                });
        var e = assertThrows(IllegalStateException.class, () -> GcPressure.run(
                List.of(CustomsArrayCalls.jna(Handoff.NATIVE_COPY, broken)), 1, 1, Duration.ofSeconds(1), SEED));
        assertEquals("a GC-pressure thread failed (seed " + SEED + ")", e.getMessage());
        assertTrue(e.getCause().getMessage().startsWith("broken customs_"), e.getCause().toString());
    }

    @Test
    void badSettingsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GcPressure.run(List.of(CustomsArrayCalls.ffm(Handoff.HEAP)), 0, 0, Duration.ofMillis(10), SEED));
        assertEquals("need calls, at least one worker and no negative allocator count", e.getMessage());
    }
}
