package dev.customs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.checker.BindingChecker;
import dev.customs.checker.Mismatch;
import dev.customs.examples.sqlite.SqliteLibrary;
import dev.customs.examples.sqlite.ffm.sqlite3_h;
import dev.customs.examples.zlib.ZlibLibrary;
import dev.customs.examples.zlib.ffm.gz_header_s;
import dev.customs.examples.zlib.ffm.z_stream;
import dev.customs.examples.zlib.ffm.z_stream_s;
import dev.customs.examples.zlib.ffm.zlib_h;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples' jextract output held to the system headers by the toolkit's binding checker (issue 11), with the C
 * compiler as the judge: {@code z_stream}'s size, alignment and every field's offset (ZStream allocates it in an
 * arena and zlib writes into it), every function either library's binding declares, and that the opened library
 * exports each of them.
 */
class BindingsAgreeWithTheHeadersTest {
    static final Path ZLIB_H = Path.of("/usr/include/zlib.h");
    static final Path SQLITE3_H = Path.of("/usr/include/sqlite3.h");

    @Test
    void zStreamAndEveryZlibFunctionAgreeWithZlibH() {
        assertTrue(Files.isRegularFile(ZLIB_H), ZLIB_H + " is missing: apt-get install -y zlib1g-dev");
        ZlibLibrary.loaded();
        List<Mismatch> found = BindingChecker.forHeader(ZLIB_H)
                .structs(z_stream_s.class, gz_header_s.class)
                .struct("z_stream", z_stream.layout())
                .functions(zlib_h.class)
                .exportedBy(SymbolLookup.loaderLookup())
                .check();
        assertEquals(List.of(), found);
    }

    @Test
    void everySqliteFunctionAgreesWithSqlite3H() {
        assertTrue(Files.isRegularFile(SQLITE3_H), SQLITE3_H + " is missing: apt-get install -y libsqlite3-dev");
        SqliteLibrary.loaded();
        List<Mismatch> found = BindingChecker.forHeader(SQLITE3_H)
                .functions(sqlite3_h.class)
                .exportedBy(SymbolLookup.loaderLookup())
                .check();
        assertEquals(List.of(), found);
    }
}
