package dev.customs.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ownership transfer: {@code customs_to_upper} allocates, {@code customs_string_free} must run exactly once. Tied to
 * an arena with {@link LibraryOwned}, it runs when the arena closes (or when the GC frees an auto arena). JNA's
 * counterpart is an explicit free in {@code finally}.
 */
@Timeout(60)
@ExtendWith(NoLibraryLeaks.class)
class LibraryOwnedTest {
    /** customs_string_free, counting its calls. */
    static Consumer<MemorySegment> countingFree(AtomicInteger frees) {
        return s -> {
            customs_h.customs_string_free(s);
            frees.incrementAndGet(); // after the free: a waiter that sees the count sees the free
        };
    }

    static MemorySegment toUpper(String s) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_to_upper(arena.allocateFrom(s));
        }
    }

    @Test
    void adoptedStringIsFreedExactlyOnceWhenItsArenaCloses() {
        long live = customs_h.customs_live_allocations();
        AtomicInteger frees = new AtomicInteger();
        MemorySegment upper;
        try (Arena arena = Arena.ofConfined()) {
            upper = LibraryOwned.adoptCString(toUpper("customs"), arena, countingFree(frees));
            assertEquals(live + 1, customs_h.customs_live_allocations(), "owned by the arena, not yet freed");
            assertEquals(8, upper.byteSize(), "exactly the string and its NUL");
            assertEquals("CUSTOMS", upper.getString(0));
            assertEquals(0, frees.get());
        }
        assertEquals(1, frees.get());
        assertEquals(live, customs_h.customs_live_allocations());
        assertEquals("Already closed", assertThrows(IllegalStateException.class, () -> upper.getString(0)).getMessage(),
                "no use after free through the adopted segment");
    }

    @Test
    void adoptedBySizeIsBoundedToThatSize() {
        AtomicInteger frees = new AtomicInteger();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment upper = LibraryOwned.adopt(toUpper("abc"), 4, arena, countingFree(frees));
            assertEquals(4, upper.byteSize());
            assertThrows(IndexOutOfBoundsException.class, () -> upper.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4));
        }
        assertEquals(1, frees.get());
    }

    @Test
    void adoptedByAnAutoArenaIsFreedByTheGc() {
        long live = customs_h.customs_live_allocations();
        AtomicInteger frees = new AtomicInteger();
        assertEquals("GC", adoptIntoAnAutoArenaAndDrop(frees));
        int rounds = GcRounds.until(() -> frees.get() == 1, GcRounds.DEFAULT_LIMIT);
        System.out.println("[adoptedByAnAutoArena] freed after " + rounds + " GC round(s)");
        assertNotEquals(-1, rounds, "not freed within " + GcRounds.DEFAULT_LIMIT + " GC rounds");
        assertEquals(live, customs_h.customs_live_allocations());
    }

    private static String adoptIntoAnAutoArenaAndDrop(AtomicInteger frees) {
        return LibraryOwned.adoptCString(toUpper("gc"), Arena.ofAuto(), countingFree(frees)).getString(0);
    }

    @Test
    void nullIsGivenBackAndNothingIsRegistered() {
        AtomicInteger frees = new AtomicInteger();
        try (Arena arena = Arena.ofConfined()) {
            assertSame(MemorySegment.NULL, LibraryOwned.adoptCString(MemorySegment.NULL, arena, countingFree(frees)));
            assertSame(MemorySegment.NULL, LibraryOwned.adopt(MemorySegment.NULL, 8, arena, countingFree(frees)));
        }
        assertEquals(0, frees.get());
    }

    @Test
    void onlyNativeMemoryCanBeAdopted() {
        try (Arena arena = Arena.ofConfined()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> LibraryOwned.adopt(MemorySegment.ofArray(new byte[4]), 4, arena, s -> {}));
            assertTrue(e.getMessage().startsWith("not memory a library returned: MemorySegment{ kind: heap"),
                    e.getMessage());
            MemorySegment upper = toUpper("x");
            try {
                assertEquals("byteSize must not be negative, got -1", assertThrows(IllegalArgumentException.class,
                        () -> LibraryOwned.adopt(upper, -1, arena, s -> {})).getMessage());
            } finally {
                customs_h.customs_string_free(upper);
            }
        }
    }

    @Test
    void jnaFreesByHandExactlyOnce() {
        CustomsLibrary lib = JnaLibraries.direct();
        long live = lib.customs_live_allocations();
        Pointer upper = lib.customs_to_upper("customs");
        try {
            assertEquals("CUSTOMS", upper.getString(0, StandardCharsets.UTF_8.name()));
            assertEquals(live + 1, lib.customs_live_allocations());
        } finally {
            lib.customs_string_free(upper);
        }
        assertEquals(live, lib.customs_live_allocations());
    }
}
