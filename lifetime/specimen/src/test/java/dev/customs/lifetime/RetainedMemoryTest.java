package dev.customs.lifetime;

import dev.customs.lifetime.specimen.CustomsSinks;

import static dev.customs.bindings.ChildJvmAssertions.assertKilled;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.lifetime.specimen.FreedBeforeDetach;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pointer the library keeps after the call ({@code customs_sink_attach}): freeing the memory before the detach kills
 * the JVM on both backends (child JVM); {@link RetainedMemory} makes the order detach-then-free the only one.
 * The neutral API's counterpart, a {@code NativeBuffer} that refuses to close while a {@code Sink} is attached, is
 * tested on every backend by {@code CustomsContract.sinkWritesIntoTheRetainedBufferUntilDetached}.
 */
@Timeout(90)
@ExtendWith(NoLibraryLeaks.class)
class RetainedMemoryTest {
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void memoryFreedBeforeDetachIsWrittenByTheLibraryAndKillsTheJvm(String backend) {
        ChildJvm.Result r = ChildJvm.run(FreedBeforeDetach.class, Duration.ofSeconds(60), backend);
        assertKilled(r, "#  SIGSEGV (0xb)", "customs_sink_write");
        assertTrue(r.stdout().contains("attach: 0\nbuffer freed, sink still attached; writing\n"), r.toString());
        assertFalse(r.stdout().contains("write: "), "the write never returned: " + r);
    }

    @Test
    void closeDetachesFirstAndFreesSecond() {
        List<String> events = new ArrayList<>();
        RetainedMemory<MemorySegment> retained = CustomsSinks.retain(64, n -> events.add("detach: " + n + " bytes"));
        assertEquals(0, CustomsSinks.write(retained.handle(), "abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, CustomsSinks.write(retained.handle(), "de".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-2, CustomsSinks.write(retained.handle(), new byte[60]), "CUSTOMS_E_RANGE: does not fit");
        assertEquals("abcde", retained.memory().getString(0), "the library wrote into the retained memory");
        MemorySegment memory = retained.memory();

        retained.close();
        events.add("memory alive after close: " + memory.scope().isAlive());
        assertEquals(List.of("detach: 5 bytes", "memory alive after close: false"), events);
        assertFalse(retained.isAttached());
        assertEquals("Already closed", assertThrows(IllegalStateException.class,
                () -> memory.get(JAVA_BYTE, 0)).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, retained::handle).getMessage().startsWith("detached"));
        retained.close(); // idempotent: no second detach
        assertEquals(2, events.size());
    }

    @Test
    void memoryIsAliveDuringDetach() {
        AtomicReference<Boolean> aliveDuringDetach = new AtomicReference<>();
        AtomicReference<MemorySegment> memory = new AtomicReference<>();
        RetainedMemory<MemorySegment> retained = RetainedMemory.attach(8, m -> {
            memory.set(m);
            return CustomsSinks.attach(m);
        }, sink -> {
            aliveDuringDetach.set(memory.get().scope().isAlive());
            CustomsSinks.detach(sink);
        });
        retained.close();
        assertEquals(Boolean.TRUE, aliveDuringDetach.get());
    }

    @Test
    void attachThatThrowsFreesTheMemoryAtOnce() {
        AtomicReference<MemorySegment> handedOver = new AtomicReference<>();
        var e = assertThrows(IllegalStateException.class, () -> RetainedMemory.attach(8, m -> {
            handedOver.set(m);
            throw new IllegalStateException("attach refused");
        }, sink -> {}));
        assertEquals("attach refused", e.getMessage());
        assertFalse(handedOver.get().scope().isAlive(), "never attached, so freed");
    }

    @Test
    void detachThatThrowsKeepsTheMemoryAndTheNextCloseRetries() {
        int[] detachCalls = {0};
        RetainedMemory<MemorySegment> retained = RetainedMemory.attach(8, CustomsSinks::attach, sink -> {
            if (++detachCalls[0] == 1) {
                throw new IllegalStateException("detach failed");
            }
            CustomsSinks.detach(sink);
        });
        assertEquals("detach failed", assertThrows(IllegalStateException.class, retained::close).getMessage());
        assertTrue(retained.memory().scope().isAlive(), "still possibly retained: not freed");
        assertTrue(retained.isAttached());
        retained.close();
        assertEquals(2, detachCalls[0]);
        assertFalse(retained.memory().scope().isAlive());
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("byteSize must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> RetainedMemory.attach(0, CustomsSinks::attach, sink -> {})).getMessage());
        assertEquals("detach", assertThrows(NullPointerException.class,
                () -> RetainedMemory.attach(8, CustomsSinks::attach, null)).getMessage());
        var e = assertThrows(NullPointerException.class, () -> RetainedMemory.attach(8, m -> null, sink -> {}));
        assertEquals("attach returned a null handle", e.getMessage());
    }

    @Test
    void sinkErrorsBecomeExceptions() {
        var e = assertThrows(IllegalStateException.class, () -> CustomsSinks.attach(MemorySegment.NULL));
        assertEquals("customs_sink_attach returned status -1", e.getMessage());
        assertEquals("customs_sink_detach returned status -1", assertThrows(IllegalStateException.class,
                () -> CustomsSinks.detach(MemorySegment.NULL)).getMessage());
    }

    @Test
    void handleIsTheOneAttachReturned() {
        AtomicReference<MemorySegment> sink = new AtomicReference<>();
        try (RetainedMemory<MemorySegment> retained = RetainedMemory.attach(8, m -> {
            sink.set(CustomsSinks.attach(m));
            return sink.get();
        }, CustomsSinks::detach)) {
            assertSame(sink.get(), retained.handle());
        }
    }
}
