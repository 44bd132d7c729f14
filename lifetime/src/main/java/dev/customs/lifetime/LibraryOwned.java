package dev.customs.lifetime;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ownership transfer: memory a library allocated and returned, with the duty to give it back through the library's
 * own free function (a {@code strdup} result and {@code free}, a {@code sqlite3_mprintf} result and
 * {@code sqlite3_free}), tied to an {@link Arena}.
 *
 * <p>The hazards it removes: a leak (the free is forgotten), a double free (it runs twice), a use after free (the
 * pointer is read after it ran), and the wrong deallocator ({@code free()} instead of the library's own).
 * {@link MemorySegment#reinterpret(long, Arena, Consumer)} gives the returned address a size and the arena's
 * lifetime, and registers the library's free as a cleanup action: it runs exactly once, when the arena is closed
 * (or, for {@link Arena#ofAuto()}, once the GC finds the memory unreachable). After that, every access through the
 * segment fails with {@code IllegalStateException: Already closed}.
 *
 * <p>This is FFM's form. A JNA {@code Pointer} has no lifetime, so with JNA the free is called by hand, once, in a
 * {@code finally} block.
 *
 * <p>{@code reinterpret} is a restricted method: the JVM needs {@code --enable-native-access}.
 */
public final class LibraryOwned {
    private LibraryOwned() {}

    /**
     * Takes ownership of {@code byteSize} bytes at the address the library returned: the result is bounded to that
     * size, lives as long as {@code arena}, and {@code free} runs exactly once when the arena is closed.
     *
     * @param returned the library's result; {@link MemorySegment#NULL} gives NULL back and registers nothing
     * @param free     the library's deallocator; it receives a zero-length segment at the same address and must not
     *                 throw
     * @throws IllegalArgumentException if {@code returned} is not a native segment or {@code byteSize} is negative
     */
    public static MemorySegment adopt(MemorySegment returned, long byteSize, Arena arena,
                                      Consumer<MemorySegment> free) {
        Objects.requireNonNull(returned, "returned");
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(free, "free");
        if (!returned.isNative()) {
            throw new IllegalArgumentException("not memory a library returned: " + returned);
        }
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize must not be negative, got " + byteSize);
        }
        if (returned.address() == 0) {
            return MemorySegment.NULL;
        }
        return returned.reinterpret(byteSize, arena, free);
    }

    /**
     * {@link #adopt} for a NUL-terminated string: the size is its length plus the NUL, so
     * {@code getString(0)} reads exactly the string and nothing past it.
     */
    public static MemorySegment adoptCString(MemorySegment returned, Arena arena, Consumer<MemorySegment> free) {
        Objects.requireNonNull(returned, "returned");
        if (returned.address() == 0) {
            return adopt(returned, 0, arena, free);
        }
        return adopt(returned, strlen(returned) + 1, arena, free);
    }

    /** The length of the NUL-terminated string at {@code s}, read through an unbounded view of its address. */
    private static long strlen(MemorySegment s) {
        MemorySegment unbounded = s.reinterpret(Long.MAX_VALUE);
        long n = 0;
        while (unbounded.get(JAVA_BYTE, n) != 0) {
            n++;
        }
        return n;
    }
}
