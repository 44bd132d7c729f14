package dev.customs.lifetime;

import static dev.customs.bindings.ChildJvmAssertions.assertKilled;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.customs.api.Customs;
import dev.customs.api.NativeBuffer;
import dev.customs.bindings.ChildJvm;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import dev.customs.lifetime.specimen.JnaMemoryReadAfterClose;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Memory used after it was freed. FFM refuses every use with {@code IllegalStateException: Already closed}. JNA
 * 5.19.1's {@code Memory.close()} zeroes the address and keeps the size, so C receives NULL, an offset view points
 * just above address 0, and a read from Java kills the JVM (shown in a child JVM).
 */
@Timeout(90)
@ExtendWith(NoLibraryLeaks.class)
class UseAfterCloseTest {
    @Test
    void ffmRefusesJavaAccessSlicesAndDowncallsAfterClose() {
        MemorySegment s;
        try (Arena arena = Arena.ofConfined()) {
            s = arena.allocate(16);
        }
        assertFalse(s.scope().isAlive());
        assertEquals(16, s.byteSize(), "the size survives; the memory does not");
        assertEquals("Already closed",
                assertThrows(IllegalStateException.class, () -> s.get(JAVA_BYTE, 0)).getMessage());
        assertEquals("Already closed", assertThrows(IllegalStateException.class,
                () -> s.asSlice(4).get(JAVA_BYTE, 0)).getMessage());
        assertEquals("Already closed", assertThrows(IllegalStateException.class,
                () -> customs_h.customs_transform(s, 16, (byte) 1)).getMessage());
    }

    @Test
    void jnaClosedMemoryKeepsItsSizeAndReachesCAsNull() {
        CustomsLibrary lib = JnaLibraries.direct();
        Memory memory = new Memory(16);
        memory.close();
        assertFalse(memory.valid());
        assertEquals(16, memory.size(), "size() unchanged: Memory's bounds check still passes");
        assertEquals(0, Pointer.nativeValue(memory));
        assertEquals(-1, lib.customs_transform(memory, 16, (byte) 1), "C saw NULL: CUSTOMS_E_NULL");
        assertEquals(7, lib.customs_crc32(7, memory, 16), "C saw NULL: crc returned unchanged");
        assertEquals(4, Pointer.nativeValue(memory.share(4)), "an offset view of a closed Memory: 0x4, not NULL");
    }

    @Test
    void jnaClosedMemoryReadFromJavaKillsTheJvm() {
        ChildJvm.Result r = ChildJvm.run(JnaMemoryReadAfterClose.class, Duration.ofSeconds(60));
        assertKilled(r, "#  SIGSEGV (0xb)", "Java_com_sun_jna_Native_getByte");
        assertTrue(r.stdout().contains("closed: valid() false, size() 16; reading byte 0"), r.toString());
        assertTrue(r.stdout().contains("# C  [jna"), "the fault is in JNA's native library: " + r);
    }

    @Test
    void customsNativeBufferRefusesUseAfterCloseOnEveryBackend() {
        for (String backend : Customs.BACKENDS) {
            Customs customs = Customs.open(backend);
            NativeBuffer buffer = customs.allocate(16);
            buffer.close();
            var e = assertThrows(IllegalStateException.class, () -> customs.transform(buffer, 0, 16, (byte) 1),
                    backend);
            assertEquals("NativeBuffer of 16 bytes is already closed", e.getMessage(), backend);
        }
    }
}
