package dev.customs.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader on a real system library, the C library itself: each way to find it, and each bad
 * file refused with every place tried and the dynamic loader's reason, never a crash. A copy of libc is never loaded
 * (a second libc in one process would be a disaster): files that must load are symlinks to the one already mapped.
 */
class LibraryLoaderTest {
    static final String LIBC = "libc.so.6";
    static Path libc;

    @BeforeAll
    static void findLibc() throws IOException {
        // The file this process already maps: the one a symlink or an explicit path may safely name again.
        libc = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                .filter(path -> path.endsWith("/" + LIBC)).findFirst().map(Path::of)
                .orElseThrow(() -> new AssertionError("no " + LIBC + " in /proc/self/maps"));
    }

    static LibraryLoader.Builder libc(Map<String, String> settings) {
        return LibraryLoader.forLibrary(LIBC).pathProperty("test.libc.path").pathEnvironment("TEST_LIBC_PATH")
                .markerSymbol("qsort").settingsOnly(settings);
    }

    @Test
    void sonameIsFoundByTheDynamicLoadersOwnSearch() {
        LibraryLoader.LoadedLibrary lib = libc(Map.of()).load();
        assertEquals("the dynamic loader's search", lib.source());
        assertTrue(lib.lookup().find("qsort").isPresent());
        assertTrue(lib.lookup().find("strlen").isPresent());
    }

    @Test
    void aNameIsMappedToItsFileName() {
        LibraryLoader loader = LibraryLoader.forLibrary("expat").build();
        assertEquals(System.mapLibraryName("expat"), loader.fileName());
        assertEquals(LIBC, LibraryLoader.forLibrary(LIBC).build().fileName());
    }

    @Test
    void explicitPathFromThePropertyTheCallerNamed() {
        LibraryLoader.LoadedLibrary lib = libc(Map.of("test.libc.path", libc.toString())).load();
        assertEquals(libc.toAbsolutePath().normalize(), lib.path());
        assertEquals("-Dtest.libc.path (explicit, no fallback)", lib.source());
    }

    @Test
    void explicitPathFromTheEnvironmentVariableTheCallerNamed() {
        LibraryLoader.LoadedLibrary lib = LibraryLoader.forLibrary(LIBC).pathProperty("test.libc.path")
                .pathEnvironment("TEST_LIBC_PATH").properties(name -> null)
                .environment(Map.of("TEST_LIBC_PATH", libc.toString())::get).load();
        assertEquals("$TEST_LIBC_PATH (explicit, no fallback)", lib.source());
    }

    @Test
    void searchDirectoriesThenLibraryPathInOrder(@TempDir Path empty, @TempDir Path linked) throws IOException {
        Path link = Files.createSymbolicLink(linked.resolve(LIBC), libc);
        LibraryLoader.LoadedLibrary lib;
        try {
            lib = libc(Map.of("java.library.path", empty + ":" + linked)).searchDirectory("bundle", empty).load();
        } finally {
            Files.delete(link);
        }
        assertEquals("java.library.path", lib.source());
        assertEquals(3, lib.attempts().size(), lib.attempts().toString());
        assertEquals("bundle", lib.attempts().get(0).source());
        assertTrue(lib.attempts().get(0).outcome().startsWith("not found (dlopen: "), lib.attempts().toString());
        assertTrue(lib.attempts().get(0).outcome().contains("No such file or directory"), lib.attempts().toString());
    }

    @Test
    void missingFileListsEveryPlaceWithTheLoadersReason(@TempDir Path empty) {
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> LibraryLoader
                .forLibrary("libexample_absent.so.9").pathProperty("test.lib").searchDirectory("bundle", empty)
                .settingsOnly(Map.of("java.library.path", empty.toString())).load());
        assertTrue(e.getMessage().startsWith("libexample_absent.so.9 was not found. Places tried, in order:"),
                e.getMessage());
        assertEquals(3, e.attempts().size(), e.getMessage());
        assertTrue(e.attempts().get(2).outcome().startsWith("not found by the dynamic loader (dlopen: "
                + "libexample_absent.so.9: cannot open shared object file"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Point -Dtest.lib at libexample_absent.so.9, or install it where the"
                + " dynamic loader finds it."), e.getMessage());
    }

    @Test
    void missingExplicitPathHasNoFallback(@TempDir Path dir) {
        Path missing = dir.resolve(LIBC);
        LibraryLoadException e = assertThrows(LibraryLoadException.class,
                () -> libc(Map.of("test.libc.path", missing.toString())).load());
        assertEquals(1, e.attempts().size(), "an explicit path has no fallback: " + e.getMessage());
        assertTrue(e.getMessage().contains("-Dtest.libc.path (explicit, no fallback): " + missing
                + " -> not found (dlopen: " + missing + ": cannot open shared object file: No such file or directory)"),
                e.getMessage());
    }

    @Test
    void nonLibraryIsRefusedBeforeDlopen(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve(LIBC), "GROUP ( /lib/libc.so.6 )\n".repeat(10));
        LibraryLoadException e = assertThrows(LibraryLoadException.class,
                () -> libc(Map.of("test.libc.path", text.toString())).load());
        assertTrue(e.getMessage().contains(text + " -> refused before dlopen: not an ELF file"), e.getMessage());
    }

    @Test
    void truncatedLibraryIsRefusedBeforeDlopenWhichWouldCrash(@TempDir Path dir) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(libc)) {
            head = in.readNBytes(4096);
        }
        Path truncated = Files.write(dir.resolve(LIBC), head);
        LibraryLoadException e = assertThrows(LibraryLoadException.class,
                () -> libc(Map.of("test.libc.path", truncated.toString())).load());
        assertTrue(e.attempts().getFirst().outcome().startsWith("refused before dlopen: truncated ELF file: "),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("libc.so.6 was found but is not a loadable library"), e.getMessage());
    }

    @Test
    void directoryIsRefusedWithTheLoadersReason(@TempDir Path dir) {
        LibraryLoadException e = assertThrows(LibraryLoadException.class,
                () -> libc(Map.of("test.libc.path", dir.toString())).load());
        String outcome = e.attempts().getFirst().outcome();
        assertTrue(outcome.startsWith("a directory, not a library file (dlopen: "), outcome);
        assertTrue(e.getMessage().startsWith("libc.so.6 was found but is a directory"), e.getMessage());
    }

    @Test
    void libraryWithoutTheMarkerSymbolIsAnotherLibrary() {
        LibraryLoadException e = assertThrows(LibraryLoadException.class, () -> LibraryLoader.forLibrary(LIBC)
                .markerSymbol("no_such_marker_symbol").settingsOnly(Map.of()).load());
        assertTrue(e.getMessage().startsWith("the file found is not libc.so.6"), e.getMessage());
        assertTrue(e.getMessage().contains("opened, but it does not export no_such_marker_symbol"), e.getMessage());
    }

    @Test
    void badConfigurationIsRefusedBeforeAnythingIsOpened() {
        assertThrows(NullPointerException.class, () -> LibraryLoader.forLibrary(null));
        assertThrows(IllegalArgumentException.class, () -> LibraryLoader.forLibrary(" "));
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> LibraryLoader.forLibrary("/usr/lib/libc.so.6"));
        assertTrue(path.getMessage().contains("without a path"), path.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LibraryLoader.forLibrary("c\0x"));
        LibraryLoader.Builder b = LibraryLoader.forLibrary(LIBC);
        assertThrows(NullPointerException.class, () -> b.pathProperty(null));
        assertThrows(IllegalArgumentException.class, () -> b.pathEnvironment(""));
        assertThrows(NullPointerException.class, () -> b.markerSymbol(null));
        assertThrows(NullPointerException.class, () -> b.searchDirectory("bundle", null));
        assertThrows(IllegalArgumentException.class, () -> b.searchDirectory(" ", Path.of("/")));
        assertThrows(NullPointerException.class, () -> b.properties(null));
        assertThrows(NullPointerException.class, () -> ElfCheck.problem(null));
        assertThrows(NullPointerException.class, () -> LibraryLoader.dlopenReason(null, "x"));
    }

    @Test
    void elfCheckPassesTheRealLibraryAndDlopenReasonExplainsAFailure(@TempDir Path dir) {
        assertNull(ElfCheck.problem(libc));
        String reason = LibraryLoader.dlopenReason(dir.resolve("absent.so"), "ffm says nothing");
        assertTrue(reason.startsWith("dlopen: " + dir.resolve("absent.so") + ": cannot open shared object file"),
                reason);
    }
}
