package dev.customs.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four arena kinds, each used by a real downcall ({@code customs_crc32}) from its own thread and from another:
 * how long the memory lives, who may close it, which threads may use it. JNA's {@code Memory}, the one kind it has,
 * for comparison.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class ArenaKindsTest {
    static final int DIGITS_CRC = 0xCBF43926;

    static MemorySegment digits(Arena arena) {
        return arena.allocateFrom("123456789").asSlice(0, 9);
    }

    static int crc(MemorySegment nineBytes) {
        return customs_h.customs_crc32(0, nineBytes, 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"global", "auto"})
    void globalAndAutoArenasServeEveryThreadAndCannotBeClosed(String kind) {
        Arena arena = kind.equals("global") ? Arena.global() : Arena.ofAuto();
        MemorySegment s = digits(arena);
        assertEquals(DIGITS_CRC, crc(s));
        assertEquals(DIGITS_CRC, OtherThread.call(() -> crc(s)));
        var e = assertThrows(UnsupportedOperationException.class, arena::close);
        assertEquals("Attempted to close a non-closeable session", e.getMessage());
        assertTrue(s.scope().isAlive());
    }

    @Test
    void autoArenaIsFreedByTheGcOnceUnreachable() {
        AtomicInteger freed = new AtomicInteger();
        dropAnAutoArenaCountingItsFree(freed);
        int rounds = GcRounds.until(() -> freed.get() == 1, GcRounds.DEFAULT_LIMIT);
        System.out.println("[autoArena] freed by the GC after " + rounds + " round(s)");
        assertNotEquals(-1, rounds, "not freed within " + GcRounds.DEFAULT_LIMIT + " GC rounds");
        assertEquals(1, freed.get());
    }

    /** An auto arena whose cleanup counts; nothing refers to it once this returns. */
    private static void dropAnAutoArenaCountingItsFree(AtomicInteger freed) {
        Arena auto = Arena.ofAuto();
        MemorySegment s = digits(auto);
        MemorySegment.ofAddress(s.address()).reinterpret(9, auto, unused -> freed.incrementAndGet());
        assertEquals(DIGITS_CRC, crc(s));
    }

    @Test
    void confinedArenaServesOnlyItsOwnerWhichAloneMayCloseIt() {
        Arena confined = Arena.ofConfined();
        MemorySegment s = digits(confined);
        assertEquals(DIGITS_CRC, crc(s));
        var call = assertThrows(WrongThreadException.class, () -> OtherThread.call(() -> crc(s)));
        assertEquals("Attempted access outside owning thread", call.getMessage());
        var close = assertThrows(WrongThreadException.class, () -> OtherThread.run(confined::close));
        assertEquals("Attempted access outside owning thread", close.getMessage());
        assertTrue(s.scope().isAlive(), "a refused close leaves the memory alive");
        confined.close();
        assertFalse(s.scope().isAlive());
    }

    @Test
    void sharedArenaServesEveryThreadAndAnyThreadMayCloseIt() {
        Arena shared = Arena.ofShared();
        MemorySegment s = digits(shared);
        assertEquals(DIGITS_CRC, OtherThread.call(() -> crc(s)));
        OtherThread.run(shared::close);
        assertFalse(s.scope().isAlive());
        var e = assertThrows(IllegalStateException.class, () -> crc(s));
        assertEquals("Already closed", e.getMessage());
    }

    @Test
    void closingTwiceIsRefusedOnPurposeByFfmAndIgnoredByJna() {
        Arena arena = Arena.ofConfined();
        arena.close();
        var e = assertThrows(IllegalStateException.class, arena::close);
        assertEquals("Already closed", e.getMessage());

        Memory memory = new Memory(8);
        memory.close();
        memory.close(); // JNA: a second close() does nothing, and says nothing
        assertFalse(memory.valid());
    }

    @Test
    void jnaMemoryIsOneKindThatAnyThreadMayUseAndFree() {
        CustomsLibrary lib = JnaLibraries.direct();
        Memory memory = new Memory(9);
        memory.write(0, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertEquals(DIGITS_CRC, lib.customs_crc32(0, memory, 9));
        assertEquals(DIGITS_CRC, OtherThread.call(() -> lib.customs_crc32(0, memory, 9)), "no owner thread");
        OtherThread.run(memory::close);
        assertFalse(memory.valid(), "freed by a thread that did not allocate it: nothing refused");
    }
}
