package dev.customs.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.checker.zlib.gz_header;
import dev.customs.checker.zlib.gz_header_s;
import dev.customs.checker.zlib.z_stream;
import dev.customs.checker.zlib.z_stream_s;
import dev.customs.checker.zlib.zlib_h;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jextract's zlib bindings (checker/jextract/zlib.args) against Debian's zlib.h: a header nobody here wrote. */
class ZlibCheckTest {
    static final Path ZLIB_H = Path.of("/usr/include/zlib.h");

    /** A dozen functions by name, so that none can silently drop out of the check. */
    static final String[] FUNCTIONS = {"zlibVersion", "deflateInit_", "deflate", "deflateEnd", "inflateInit_",
        "inflate", "inflateEnd", "compress2", "compressBound", "uncompress", "crc32", "adler32", "deflateSetHeader",
        "inflateGetHeader", "gzopen", "gzread", "gzwrite", "gzclose"};

    @BeforeAll
    static void zlibHeaderIsInstalled() {
        assertTrue(Files.isRegularFile(ZLIB_H), ZLIB_H + " is missing: apt-get install -y zlib1g-dev");
    }

    @Test
    void zStreamAndGzHeaderAgreeWithTheCompiler() {
        // z_stream and gz_header are typedefs; z_stream_s and gz_header_s their tags: both spellings are resolved.
        List<Mismatch> found = BindingChecker.forHeader(ZLIB_H)
                .structs(z_stream_s.class, gz_header_s.class)
                .struct("z_stream", z_stream.layout())
                .struct("gz_header", gz_header.layout())
                .check();
        assertEquals(List.of(), found);
    }

    @Test
    void namedFunctionsAgreeWithTheCompilerAndAreExportedByLibz() {
        try (Arena arena = Arena.ofConfined()) {
            List<Mismatch> found = BindingChecker.forHeader(ZLIB_H)
                    .functions(zlib_h.class, FUNCTIONS)
                    .exportedBy(SymbolLookup.libraryLookup("libz.so.1", arena))
                    .check();
            assertEquals(List.of(), found);
        }
    }

    @Test
    void everyFunctionJextractBoundAgreesWithTheCompiler() {
        long bound = Arrays.stream(zlib_h.class.getMethods()).map(Method::getName)
                .filter(n -> n.endsWith("$descriptor")).count();
        assertTrue(bound >= 60, "expected zlib_h to bind zlib's functions, found " + bound);
        BindingChecker.forHeader(ZLIB_H).structs(z_stream_s.class, gz_header_s.class).functions(zlib_h.class).verify();
    }

    @Test
    void narrowedReturnIsNamed() throws Exception {
        FunctionDescriptor real = (FunctionDescriptor) zlib_h.class.getMethod("compressBound$descriptor").invoke(null);
        List<Mismatch> found = BindingChecker.forHeader(ZLIB_H)
                .function("compressBound", real.changeReturnLayout(zlib_h.C_INT)).check();
        assertEquals(1, found.size(), found.toString());
        // The C spelling is the compiler's: "unsigned long" (clang) or "long unsigned int" (GCC).
        String message = found.getFirst().toString();
        assertTrue(message.startsWith("compressBound: return is an integer of 8 bytes (") && message.endsWith(
                " in C but an integer of 4 bytes (int) in the binding"), message);
    }
}
