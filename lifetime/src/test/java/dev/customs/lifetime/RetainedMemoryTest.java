package dev.customs.lifetime;

import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.bindings.ChildJvm;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.lifetime.specimens.FreedBeforeDetach;
import java.lang.foreign.Arena;
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
    /** customs_sink_attach on {@code memory}; the sink pointer. */
    static MemorySegment attachSink(MemorySegment memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sinkOut = arena.allocate(C_POINTER);
            int status = customs_h.customs_sink_attach(memory, memory.byteSize(), sinkOut);
            if (status != 0) {
                throw new IllegalStateException("customs_sink_attach: " + status);
            }
            return sinkOut.get(C_POINTER, 0);
        }
    }

    /** customs_sink_detach; the number of bytes written. */
    static long detachSink(MemorySegment sink) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment written = arena.allocate(JAVA_LONG);
            customs_h.customs_sink_detach(sink, written);
            return written.get(JAVA_LONG, 0);
        }
    }

    static int write(MemorySegment sink, String text) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            return customs_h.customs_sink_write(sink, arena.allocateFrom(text), bytes.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void memoryFreedBeforeDetachIsWrittenByTheLibraryAndKillsTheJvm(String backend) {
        ChildJvm.Result r = ChildJvm.run(FreedBeforeDetach.class, Duration.ofSeconds(60), backend);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.crashed(), r.toString());
        assertTrue(r.stdout().contains("attach: 0\nbuffer freed, sink still attached; writing\n"), r.toString());
        assertTrue(r.stdout().contains("#  SIGSEGV (0xb)"), r.toString());
        assertTrue(r.crashLog().contains("customs_sink_write"), "the fault is inside customs_sink_write");
        assertFalse(r.stdout().contains("survived"), r.toString());
    }

    @Test
    void closeDetachesFirstAndFreesSecond() {
        List<String> events = new ArrayList<>();
        RetainedMemory<MemorySegment> retained = RetainedMemory.attach(64, RetainedMemoryTest::attachSink,
                sink -> events.add("detach: " + detachSink(sink) + " bytes"));
        assertEquals(0, write(retained.handle(), "abc"));
        assertEquals(0, write(retained.handle(), "de"));
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
            return attachSink(m);
        }, sink -> {
            aliveDuringDetach.set(memory.get().scope().isAlive());
            detachSink(sink);
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
        RetainedMemory<MemorySegment> retained = RetainedMemory.attach(8, RetainedMemoryTest::attachSink, sink -> {
            if (++detachCalls[0] == 1) {
                throw new IllegalStateException("detach failed");
            }
            detachSink(sink);
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
                () -> RetainedMemory.attach(0, RetainedMemoryTest::attachSink, sink -> {})).getMessage());
        assertEquals("detach", assertThrows(NullPointerException.class,
                () -> RetainedMemory.attach(8, RetainedMemoryTest::attachSink, null)).getMessage());
        var e = assertThrows(NullPointerException.class, () -> RetainedMemory.attach(8, m -> null, sink -> {}));
        assertEquals("attach returned a null handle", e.getMessage());
    }

    @Test
    void handleIsTheOneAttachReturned() {
        AtomicReference<MemorySegment> sink = new AtomicReference<>();
        try (RetainedMemory<MemorySegment> retained = RetainedMemory.attach(8, m -> {
            sink.set(attachSink(m));
            return sink.get();
        }, RetainedMemoryTest::detachSink)) {
            assertSame(sink.get(), retained.handle());
        }
    }
}
