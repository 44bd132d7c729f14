package dev.customs.callbacks;

import dev.customs.callbacks.specimen.ThreadProbe;
import dev.customs.callbacks.specimen.ThreadSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.CallbackThreadInitializer;
import org.junit.jupiter.api.Test;

/**
 * Thread attachment on JNA: by default non-daemon threads, attached for one callback at a time; and what
 * {@code CallbackThreadInitializer} changes.
 */
class JnaThreadAttachmentTest extends ThreadAttachmentContract {
    @Override
    String backend() {
        return "jna";
    }

    @Override
    boolean nativeThreadsAreDaemons() {
        return false;
    }

    @Override
    boolean nativeThreadKeepsOneJavaThread() {
        return false;
    }

    @Test
    void initializerThatKeepsTheThreadAttachedGivesOneNamedDaemonJavaThreadPerNativeThread() {
        ThreadProbe.runThreads(customs, 1, 1, null, null);
        ThreadProbe.Run run = ThreadProbe.runThreads(customs, 2, 3, null,
                new CallbackThreadInitializer(true, false, "jna-worker"));
        assertEquals(new ThreadSnapshot(run.first().id(), "jna-worker", true, "main", null, false), run.first());
        assertTrue(run.nothingInherited());
        assertEquals(2, run.javaThreads());
        assertTrue(run.oneJavaThreadPerNativeThread());
        assertTrue(run.threadLocalsKeptAcrossUpcalls());
        assertTrue(run.allExited(), "detached when the native thread exits");
        assertTrue(run.threadsAfter() <= run.threadsBefore(), run.threadsAfter() + " > " + run.threadsBefore());
    }

    @Test
    void initializerThatDetachesStillAttachesAfreshForEveryCallback() {
        ThreadProbe.Run run = ThreadProbe.runThreads(customs, 2, 3, null,
                new CallbackThreadInitializer(true, true, "jna-detached"));
        assertEquals("jna-detached", run.first().name());
        assertTrue(run.first().daemon());
        assertEquals(6, run.javaThreads());
        assertFalse(run.threadLocalsKeptAcrossUpcalls());
    }
}
