package dev.customs.bindings;

import dev.customs.loader.LibraryLoader;
import dev.customs.loader.LibraryLoadException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the loader looks, and what it says when it cannot load: every place tried, with the loader's real reason. */
class LibraryLoaderTest {
    static final Path BUILT = Path.of(System.getProperty(Libcustoms.BUILD_DIR_PROPERTY), "lib",
            Libcustoms.FILE_NAME).toAbsolutePath().normalize();

    @Test
    void sharedLibraryIsTheBuildOutput() {
        LibraryLoader.LoadedLibrary lib = Libcustoms.shared();
        assertEquals(BUILT, lib.path());
        assertTrue(lib.lookup().find("customs_add").isPresent());
    }

    @Test
    void explicitPathWinsAndIsNeverReplaced(@TempDir Path dir) {
        LibraryLoader.LoadedLibrary lib = Libcustoms.withSettings(Map.of(Libcustoms.PATH_PROPERTY,
                BUILT.toString())).load();
        assertEquals(BUILT, lib.path());

        Path missing = dir.resolve("libnothing.so");
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.PATH_PROPERTY, missing.toString(), "java.library.path", BUILT.getParent().toString()))
                .load());
        assertEquals(1, e.attempts().size(), "an explicit path has no fallback");
        assertTrue(e.getMessage().contains("-Dcustoms.library (explicit, no fallback): " + missing + " -> not found"),
                e.getMessage());
        assertTrue(e.getMessage().contains("./customs build"), e.getMessage());
    }

    @Test
    void fileThatIsNotALibraryIsRefusedBeforeDlopen(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("libcustoms.so"), "not an ELF file\n".repeat(100));
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.PATH_PROPERTY, text.toString())).load());
        assertTrue(e.getMessage().contains(text + " -> refused before dlopen: not an ELF file"), e.getMessage());
    }

    @Test
    void unresolvedSymbolShowsTheDynamicLoadersReason() {
        Path unresolved = BUILT.getParent().getParent().resolve("testlibs").resolve("libcustoms_unresolved.so");
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.PATH_PROPERTY, unresolved.toString())).load());
        assertTrue(e.getMessage().contains("cannot be opened (dlopen: " + unresolved
                + ": undefined symbol: customs_symbol_nobody_defines)"), e.getMessage());
    }

    @Test
    void truncatedLibraryIsRefusedBeforeDlopenWhichWouldCrash(@TempDir Path dir) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(BUILT)) {
            head = in.readNBytes(4096);
        }
        Path truncated = Files.write(dir.resolve("libcustoms.so"), head);
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.PATH_PROPERTY, truncated.toString())).load());
        String reason = e.attempts().getFirst().outcome();
        assertTrue(reason.startsWith("refused before dlopen: truncated ELF file: loadable segment "), reason);
    }

    @Test
    void libraryThatIsNotLibcustomsIsNamed() {
        Path other = Path.of(System.getProperty("java.home"), "lib", "libzip.so");
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.PATH_PROPERTY, other.toString())).load());
        assertTrue(e.getMessage().contains("does not export customs_version: not libcustoms"), e.getMessage());
    }

    @Test
    void buildDirThenLibraryPathAreSearchedInOrder(@TempDir Path empty) {
        LibraryLoader.LoadedLibrary lib = Libcustoms.withSettings(Map.of(
                Libcustoms.BUILD_DIR_PROPERTY, empty.toString(),
                "java.library.path", empty + ":" + BUILT.getParent())).load();
        assertEquals(BUILT, lib.path());
        assertEquals("java.library.path", lib.source());
        assertEquals(3, lib.attempts().size(), lib.attempts().toString());
        assertTrue(lib.attempts().get(0).outcome().startsWith("not found (dlopen: "), lib.attempts().toString());
    }

    @Test
    void nothingFoundListsEveryPlace(@TempDir Path empty) {
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> Libcustoms.withSettings(Map.of(
                Libcustoms.BUILD_DIR_PROPERTY, empty.toString(), "java.library.path", empty.toString())).load());
        assertTrue(e.getMessage().startsWith("libcustoms was not found. Places tried, in order:"), e.getMessage());
        assertEquals(2, e.attempts().size());
    }
}
