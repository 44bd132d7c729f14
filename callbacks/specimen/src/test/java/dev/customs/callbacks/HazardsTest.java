package dev.customs.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.callbacks.specimen.hazards.Hazard;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What kills a JVM or loses an error in a callback, each run in a child JVM and asserted by exit code, output and
 * crash file, on each backend.
 */
@Timeout(180)
class HazardsTest {
    static final String UNRECOVERABLE = "Unrecoverable uncaught exception encountered. The VM will now exit";
    static final String THROWN = "java.lang.IllegalStateException: unguarded callback failed on call 1";

    static void assertContains(String text, String fragment, ChildJvm.Result r) {
        assertTrue(text.contains(fragment), () -> "\"" + fragment + "\" not found in the child's output:\n" + r);
    }

    @Test
    void ffmUnguardedThrowOnTheCallingThreadEndsTheJvm() {
        ChildJvm.Result r = Hazard.UNGUARDED_ON_CALLER.run("ffm");
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.crashed(), "an orderly exit, not a crash: " + r);
        assertContains(r.stderr(), UNRECOVERABLE, r);
        assertContains(r.stderr(), THROWN, r);
        assertFalse(r.stdout().contains("result:"), "no Java catch around the downcall ran: " + r);
    }

    @Test
    void ffmUnguardedThrowOnANativeThreadEndsTheJvmWithoutAskingTheThreadsHandler() {
        ChildJvm.Result r = Hazard.UNGUARDED_ON_NATIVE_THREAD.run("ffm");
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.crashed(), r.toString());
        assertContains(r.stderr(), UNRECOVERABLE, r);
        assertContains(r.stderr(), THROWN, r);
        assertFalse(r.stdout().contains("handler called"), r.toString());
        assertFalse(r.stdout().contains("result:"), r.toString());
    }

    @Test
    void jnaUnguardedThrowOnTheCallingThreadIsLoggedAndLost() {
        ChildJvm.Result r = Hazard.UNGUARDED_ON_CALLER.run("jna");
        assertJnaLosesTheError(r);
        assertEquals("exit 0; threw the following exception; result: C returned 0 after 5 calls", Hazard.outcome(r),
                "the one line the demo shows");
    }

    @Test
    void jnaUnguardedThrowOnANativeThreadIsLoggedAndLostWithoutAskingTheThreadsHandler() {
        ChildJvm.Result r = Hazard.UNGUARDED_ON_NATIVE_THREAD.run("jna");
        assertJnaLosesTheError(r);
        assertFalse(r.stdout().contains("handler called"), r.toString());
    }

    private static void assertJnaLosesTheError(ChildJvm.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertContains(r.stderr(), "JNA: Callback", r);
        assertContains(r.stderr(), "threw the following exception", r);
        assertContains(r.stderr(), THROWN, r);
        assertContains(r.stdout(), "result: C returned 0 after 5 calls", r);
    }

    @Test
    void ffmStubCalledAfterItsArenaClosedCrashesTheJvm() throws IOException {
        ChildJvm.Result r = Hazard.UPCALL_FREED_EARLY.run("ffm");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.crashed(), "a HotSpot crash file: " + r);
        assertContains(r.stdout(), "stub arena closed while C still holds the stub", r);
        assertContains(r.stdout(), "SIGSEGV", r);
        assertFalse(r.stdout().contains("callback ran"), r.toString());
        String crash = Files.readString(r.crashFiles().getFirst());
        assertContains(crash, "Current thread is native thread", r);
    }

    @Test
    void jnaCallbackCollectedWhileCHoldsItIsASilentWrongResult() {
        ChildJvm.Result r = Hazard.UPCALL_FREED_EARLY.run("jna");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.crashed(), r.toString());
        assertContains(r.stdout(), "callback collected while C still holds it", r);
        assertContains(r.stderr(), "JNA: callback object has been garbage collected", r);
        assertContains(r.stdout(), "result: C received 0 (the callback returns 42)", r);
        assertFalse(r.stdout().contains("callback ran"), r.toString());
    }

    @Test
    void jnaInterfaceMappingCallbackCollectedWhileCHoldsItIsSilent() {
        ChildJvm.Result r = Hazard.UPCALL_FREED_EARLY.run("jna-interface");
        assertEquals(0, r.exitCode(), r.toString());
        assertContains(r.stdout(), "callback collected while C still holds it", r);
        assertFalse(r.stderr().contains("garbage collected"), "the interface proxy says nothing: " + r);
        assertContains(r.stdout(), "result: C received 0 (the callback returns 42)", r);
    }
}
