package dev.customs.fuzz.targets;

import dev.customs.bindings.Libcustoms;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The FFM binding of {@code legacy_parse_name} in {@code libcustoms_planted.so}, the demo library with the planted
 * bug (native/planted/). It is not part of customs.h, so the conformance check does not cover this binding: its
 * descriptor is written here by hand from the C comment, {@code int32_t legacy_parse_name(const uint8_t *, size_t)}.
 *
 * <p>The library is {@value #PATH_PROPERTY} when set (the fuzz runner points it at the instrumented build), else
 * {@code planted/libcustoms_planted.so} in the plain build directory ({@code customs.build.dir}).
 */
public final class PlantedLibrary {
    public static final String PATH_PROPERTY = "customs.planted.library";
    static final String FILE_NAME = "libcustoms_planted.so";

    private static final MethodHandle LEGACY_PARSE_NAME = Linker.nativeLinker().downcallHandle(
            lookup().find("legacy_parse_name").orElseThrow(() -> new IllegalStateException(
                    FILE_NAME + " does not export legacy_parse_name")),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private PlantedLibrary() {}

    /** {@code legacy_parse_name(data, data.length)}, the bytes copied into native memory of exactly that size. */
    public static int legacyParseName(byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, copy, ValueLayout.JAVA_BYTE, 0, data.length);
            return (int) LEGACY_PARSE_NAME.invokeExact(copy, (long) data.length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("legacy_parse_name failed", t);
        }
    }

    /** The library file in use. */
    public static Path path() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String buildDir = System.getProperty(Libcustoms.BUILD_DIR_PROPERTY);
        if (buildDir == null) {
            throw new IllegalStateException("set -D" + PATH_PROPERTY + " (or -D" + Libcustoms.BUILD_DIR_PROPERTY
                    + ") to find " + FILE_NAME);
        }
        return Path.of(buildDir, "planted", FILE_NAME);
    }

    private static SymbolLookup lookup() {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(FILE_NAME + " not found at " + path + ": build it with ./customs build");
        }
        return SymbolLookup.libraryLookup(path, Arena.global());
    }
}
