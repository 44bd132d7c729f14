package dev.customs.pinning;

import static dev.customs.bindings.ChildJvmAssertions.assertKilled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.pinning.specimen.UpcallInsideCriticalCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upcall attempted from inside a critical call kills the JVM; it runs only in a child JVM. (The other hazard of
 * item 11, a heap segment given to a non-critical handle, is an exception and is shown in-process by
 * {@code HandoffRulesTest.withoutCustomsFfmItselfSaysHeapSegmentNotAllowed}.)
 */
@Timeout(90)
class CriticalHazardsTest {
    @Test
    void upcallInsideACriticalCallKillsTheJvm() {
        ChildJvm.Result r = ChildJvm.run(UpcallInsideCriticalCall.class, Duration.ofSeconds(60));
        assertKilled(r, "guarantee(thread->thread_state() == _thread_in_native) failed: wrong thread state for upcall",
                "UpcallLinker::on_entry");
        assertTrue(r.stdout().contains("calling customs_for_each through a critical handle"), r.toString());
        assertFalse(r.stdout().contains("inside the upcall"), "the Java target never ran: " + r);
        assertFalse(r.stdout().contains("caught "), "no Java code can catch it: " + r);
    }
}
