package dev.customs.callbacks;

import dev.customs.callbacks.specimen.ThreadProbe;

import com.sun.jna.CallbackThreadInitializer;
import org.junit.jupiter.api.Test;

/** Thread attachment on FFM: daemon threads, attached until the native thread exits. */
class FfmThreadAttachmentTest extends ThreadAttachmentContract {
    @Override
    String backend() {
        return "ffm";
    }

    @Override
    boolean nativeThreadsAreDaemons() {
        return true;
    }

    @Override
    boolean nativeThreadKeepsOneJavaThread() {
        return true;
    }

    @Test
    void ffmHasNoThreadInitializer() {
        assertMessage(IllegalArgumentException.class, "a CallbackThreadInitializer is JNA's; backend 'ffm' has none",
                () -> ThreadProbe.runThreads(customs, 1, 1, null, new CallbackThreadInitializer()));
    }
}
