package dev.customs.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on how a child JVM ended. Used by other modules through this module's test-jar. */
public final class ChildJvmAssertions {
    private ChildJvmAssertions() {}

    /**
     * The child was killed by the JVM's fatal-error handler, not by an orderly exit: exit code 1, a crash file,
     * {@code banner} in HotSpot's fatal-error banner (printed on stdout), {@code frame} named by the crash file's
     * stack when not null, and it never printed "survived" (the specimens' last line when the mistake goes unpunished).
     */
    public static void assertKilled(ChildJvm.Result r, String banner, String frame) {
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.crashed(), "no crash file: " + r);
        assertTrue(r.stdout().contains("# A fatal error has been detected by the Java Runtime Environment"),
                r.toString());
        assertTrue(r.stdout().contains(banner), "no \"" + banner + "\" in the fatal-error banner: " + r);
        if (frame != null) {
            assertTrue(r.crashLog().contains(frame), "the crash file does not name " + frame + ": " + r.crashFiles());
        }
        assertFalse(r.stdout().contains("survived"), r.toString());
    }
}
