package dev.customs.lifetime;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A confined arena belongs to the thread that opened it: any other thread gets {@code WrongThreadException} for Java
 * access, for a downcall and for {@code close()}, and the owner is unaffected. JNA has no owner thread to check.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class WrongThreadTest {
    static final String OUTSIDE = "Attempted access outside owning thread";

    @Test
    void everyUseFromAnotherThreadIsRefusedAndTheOwnerCarriesOn() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = ArenaKindsTest.digits(arena);
            assertEquals(OUTSIDE, assertThrows(WrongThreadException.class,
                    () -> OtherThread.call(() -> s.get(JAVA_BYTE, 0))).getMessage());
            assertEquals(OUTSIDE, assertThrows(WrongThreadException.class,
                    () -> OtherThread.call(() -> customs_h.customs_crc32(0, s, 9))).getMessage());
            assertEquals(OUTSIDE, assertThrows(WrongThreadException.class,
                    () -> OtherThread.run(arena::close)).getMessage());
            assertEquals(ArenaKindsTest.DIGITS_CRC, ArenaKindsTest.crc(s), "the owner still uses it");
        }
    }

    @Test
    void jnaMemoryHasNoOwnerThread() {
        try (Memory memory = new Memory(4)) {
            memory.setInt(0, 42);
            assertEquals(42, OtherThread.call(() -> memory.getInt(0)));
        }
    }
}
