package dev.customs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.examples.zlib.ZlibLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding zlib and SQLite: the same file for both backends; a missing or broken one named, with what to install. */
class SystemLibraryTest {
    @TempDir
    Path dir;

    static SystemLibrary zlibAt(String path) {
        Map<String, String> props = path == null ? Map.of("java.library.path", "/nowhere")
                : Map.of("customs.zlib.library", path);
        return new SystemLibrary("zlib", List.of("libz.so.1"), "customs.zlib.library", "CUSTOMS_ZLIB_LIBRARY",
                "zlibVersion", "zlib1g-dev", props::get, name -> null);
    }

    @Test
    void bothLibrariesAreFoundByTheirSoname() {
        assertTrue(ZlibLibrary.loaded().path().getFileName().toString().startsWith("libz.so"),
                ZlibLibrary.loaded().toString());
        assertTrue(SqliteLibrary.loaded().path().getFileName().toString().startsWith("libsqlite3.so"),
                SqliteLibrary.loaded().toString());
        assertTrue(SqliteLibrary.version().startsWith("3."), SqliteLibrary.version());
    }

    @Test
    void aMissingLibrarySaysWhichPackageToInstall() {
        MissingLibraryException e = assertThrows(MissingLibraryException.class,
                () -> zlibAt(dir.resolve("libz.so.1").toString()).load());
        assertTrue(e.getMessage().startsWith("zlib was not found (install it: apt-get install -y zlib1g-dev, or point"
                + " -Dcustoms.zlib.library / $CUSTOMS_ZLIB_LIBRARY at the library)"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("libz.so.1") + " -> not found"), e.getMessage());
        assertEquals("zlib1g-dev", e.debianPackage());
        assertEquals(1, e.attempts().size(), "an explicit path is the only candidate");
    }

    @Test
    void aTruncatedLibraryIsRefusedBeforeDlopen() throws IOException {
        byte[] whole = Files.readAllBytes(ZlibLibrary.loaded().path());
        Path truncated = dir.resolve("libz.so.1");
        Files.write(truncated, Arrays.copyOf(whole, 4096));
        MissingLibraryException e = assertThrows(MissingLibraryException.class,
                () -> zlibAt(truncated.toString()).load());
        assertTrue(e.getMessage().contains("refused before dlopen: truncated ELF file"), e.getMessage());
    }

    @Test
    void aFileThatIsNoLibraryGetsTheDynamicLoadersReason() throws IOException {
        Path text = dir.resolve("libz.so.1");
        Files.writeString(text, "not a library");
        MissingLibraryException e = assertThrows(MissingLibraryException.class, () -> zlibAt(text.toString()).load());
        assertTrue(e.getMessage().contains("not an ELF file"), e.getMessage());
    }

    @Test
    void anotherLibraryIsNotTakenForZlib() {
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(libm), "needs Debian's amd64 libm");
        MissingLibraryException e = assertThrows(MissingLibraryException.class, () -> zlibAt(libm.toString()).load());
        assertTrue(e.getMessage().contains("opened, but it does not export zlibVersion: not zlib"), e.getMessage());
    }

    @Test
    void theSearchWithoutAnExplicitPathTriesTheSystemDirectories() {
        SystemLibrary.Loaded loaded = zlibAt(null).load();
        assertEquals("system library directory", loaded.source());
        assertTrue(loaded.attempts().getFirst().path().startsWith("/nowhere"), loaded.attempts().toString());
    }
}
