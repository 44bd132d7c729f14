package dev.customs.checked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.checkedprograms.ClosedArenaStub;
import dev.customs.checkedprograms.ConfiguredAndNested;
import dev.customs.checkedprograms.CriticalWithStub;
import dev.customs.checkedprograms.LeakedArena;
import dev.customs.checkedprograms.NativeThreadUpcalls;
import dev.customs.checkedprograms.ThrowingComparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each hazard of the issue, in a child JVM running raw FFM code under the agent: exit code and output checked. */
class CheckedModeTest {
    @Test
    void withoutTheAgentAThrowingComparatorEndsTheJvm() {
        ChildJvm.Result r = Agent.runWithout(ThrowingComparator.class);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Unrecoverable uncaught exception encountered"), r.toString());
    }

    @Test
    void aThrowingComparatorIsRethrownFromQsortItself() {
        ChildJvm.Result r = Agent.run(ThrowingComparator.class, null);
        Agent.completed(r);
        String caught = Agent.line(r, "caught ");
        assertTrue(caught.startsWith("caught same=true"), caught);
        Matcher m = Pattern.compile("upcalls-threw=(\\d+) suppressed=(\\d+)").matcher(caught);
        assertTrue(m.find(), caught);
        // Every later throwable is attached to the first; none is lost.
        assertEquals(Integer.parseInt(m.group(1)) - 1, Integer.parseInt(m.group(2)), caught);
        assertTrue(caught.contains("stack-top=dev.customs.checkedprograms.ThrowingComparator.refuseThree"), caught);
        assertEquals("error-first same=true exception-suppressed=true", Agent.line(r, "error-first"));
        assertEquals("afterwards sorted [7, 8, 9]", Agent.line(r, "afterwards"));
        assertTrue(r.stderr().contains("upcall-threw: "), r.stderr());
    }

    @Test
    void anUpcallIntoAStubWhoseArenaClosedReturnsZeroAndNamesBothPlaces() {
        ChildJvm.Result r = Agent.run(ClosedArenaStub.class, null);
        Agent.completed(r);
        String caught = Agent.line(r, "caught ");
        assertTrue(caught.startsWith("caught StubClosedException: upcall into a stub whose arena is closed"), caught);
        // The first application frame: the helper that called Linker.upcallStub.
        assertTrue(caught.contains("was created at dev.customs.checkedprograms.Libc.comparator(Libc.java:"), caught);
        assertTrue(caught.contains("its arena was closed at dev.customs.checkedprograms.ClosedArenaStub.main("
                + "ClosedArenaStub.java:"), caught);
        assertEquals("target ran 0 times", Agent.line(r, "target ran"));
        assertTrue(r.stderr().contains("upcall-after-close: "), r.stderr());
        assertTrue(r.stderr().matches("(?s).*upcall stubs: created 1, quarantined 1 now \\(bound 1024 stubs, 600 s\\),"
                + " evicted 0.*"), r.stderr());
    }

    @Test
    void theQuarantineIsBounded() {
        ChildJvm.Result r = Agent.run(ClosedArenaStub.class, "quarantine=0");
        Agent.completed(r);
        // Bound 0: the stub is evicted at once; its code is left to the GC, as without the agent, and the report says so.
        assertTrue(r.stderr().contains("quarantined 0 now (bound 0 stubs, 600 s), evicted 1"), r.stderr());
    }

    @Test
    void aCriticalDowncallRefusesAnUpcallStub() {
        ChildJvm.Result r = Agent.run(CriticalWithStub.class, null);
        Agent.completed(r);
        String refused = Agent.line(r, "refused: ");
        assertTrue(refused.startsWith("refused: critical downcall qsort was given upcall stub"), refused);
        assertTrue(refused.contains("Linker.Option.critical must not upcall"), refused);
        assertEquals("array untouched [3, 1, 2]", Agent.line(r, "array untouched"));
        assertTrue(r.stderr().contains("critical-given-upcall-stub: 1"), r.stderr());
    }

    @Test
    void anArenaNobodyClosedIsReportedWithTheStackThatOpenedIt() {
        ChildJvm.Result r = Agent.run(LeakedArena.class, null);
        Agent.completed(r);
        assertTrue(r.stderr().contains("arena-leaked: 1"), r.stderr());
        assertTrue(r.stderr().contains("a confined arena holding 100 bytes became unreachable without being closed"
                + " (opened at dev.customs.checkedprograms.LeakedArena.openAndForget(LeakedArena.java:"), r.stderr());
        assertTrue(r.stderr().contains("arenas: opened 2, live 0 (0 bytes), leaked 1 (100 bytes)"), r.stderr());
    }

    @Test
    void upcallsThatThrowOnNativeThreadsAreReportedAtOnceAndCounted() {
        ChildJvm.Result r = Agent.run(NativeThreadUpcalls.class, null, "4", "3");
        Agent.completed(r);
        // C received zero each time and went on: every thread made all its calls.
        assertEquals("status 0 upcalls 12", Agent.line(r, "status"));
        long reported = r.stderr().lines()
                .filter(l -> l.startsWith("customs-checked: [upcall-threw-no-downcall]")).count();
        assertEquals(4, reported, r.stderr());
        assertTrue(r.stderr().contains("java.lang.IllegalStateException: native thread"), r.stderr());
        assertTrue(r.stderr().contains("upcall-threw-no-downcall: 4"), r.stderr());
        assertTrue(r.stderr().contains("native threads: 4 distinct upcalled, attached anew 4 time(s)"), r.stderr());
    }

    @Test
    void whatCReceivesIsConfigurableAndNestedDowncallsRethrowOnlyTheirOwn() {
        ChildJvm.Result r = Agent.run(ConfiguredAndNested.class, null);
        Agent.completed(r);
        // customs_for_each goes on after a zero status and stops at any other: the number of calls shows what C got.
        assertEquals("default calls 3; rethrown item 0 with 2 suppressed", Agent.line(r, "default"));
        assertEquals("per descriptor calls 1; rethrown item 0 with 0 suppressed", Agent.line(r, "per descriptor"));
        assertEquals("per stub calls 1; rethrown item 0 with 0 suppressed", Agent.line(r, "per stub"));
        assertTrue(Agent.line(r, "refused ").startsWith("refused cannot return seven to C as int"), r.toString());
        assertTrue(Agent.line(r, "inner caught ").startsWith("inner caught comparator refused"), r.toString());
        assertEquals("nested recovers: C returned 0", Agent.line(r, "nested recovers"));
        assertEquals("nested outer caught outer after a clean inner sort suppressed 0", Agent.line(r, "nested outer"));
        assertEquals("critical refused critical downcall customs_for_each was given upcall stub",
                Agent.line(r, "critical refused"));
    }
}
