package dev.customs.bindings.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.Customs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build fails when a binding drifts from customs.h: {@link #bindingsConformToTheHeader()} is the gate, and the
 * other tests break a copy of the header on purpose to show that each kind of drift is caught and named.
 */
class ConformanceTest {
    static String header;
    static List<Customs> backends;

    @BeforeAll
    static void read() throws IOException {
        Path source = Path.of(System.getProperty("customs.root", ".."), "native", "include", "customs.h");
        header = Files.readString(source);
        backends = Customs.BACKENDS.stream().map(Customs::open).toList();
    }

    @Test
    void bindingsConformToTheHeader() {
        List<String> problems = Conformance.check(HeaderReader.bundled(), backends);
        assertTrue(problems.isEmpty(), () -> "bindings drifted from customs.h:\n  " + String.join("\n  ", problems));
    }

    @Test
    void bundledHeaderIsTheSourceHeader() {
        assertEquals(HeaderReader.read(header), HeaderReader.bundled(), "rebuild: the bundled customs.h is stale");
    }

    @Test
    void headerIsReadCompletely() {
        CHeader h = HeaderReader.read(header);
        assertEquals(34, h.functions().size(), h.functions().keySet().toString());
        assertEquals(List.of("customs_item_cb", "customs_thread_cb", "customs_async_cb", "customs_event_cb").stream().sorted().toList(),
                h.callbacks().keySet().stream().sorted().toList());
        assertEquals(40, h.structs().get("customs_sample").naturalSize());
        assertEquals(-8L, h.enums().get("customs_status").get("CUSTOMS_E_TIMEOUT"));
        assertEquals(256L, h.constants().get("CUSTOMS_MAX_THREADS"));
        CHeader.Function greet = h.functions().get("customs_greet");
        assertEquals(List.of(CHeader.Kind.POINTER, CHeader.Kind.POINTER, CHeader.Kind.I64),
                greet.parameters().stream().map(p -> p.type().kind()).toList());
    }

    @Test
    void changedParameterTypeIsNamed() {
        assertDrift(header.replace("customs_add(int32_t a, int32_t b)", "customs_add(int32_t a, int64_t b)"),
                "customs_add: parameter 2 (b) is I64 (int64_t) in customs.h but I32 in FFM customs_h.customs_add$descriptor()",
                "customs_add: parameter 2 (b) is I64 (int64_t) in customs.h but I32 in JNA CustomsLibrary.customs_add(int, int)",
                "customs_add: parameter 2 (b) is I64 (int64_t) in customs.h but I32 in JNA CustomsDirect.customs_add(int, int)");
    }

    @Test
    void changedReturnTypeIsNamed() {
        assertDrift(header.replace("CUSTOMS_API double customs_sample_score", "CUSTOMS_API float customs_sample_score"),
                "customs_sample_score: returns F32 (float) in customs.h but F64 in FFM");
    }

    @Test
    void newFunctionWithoutBindingsIsNamed() {
        assertDrift(header.replace("CUSTOMS_API void customs_noop(void);",
                        "CUSTOMS_API void customs_noop(void);\nCUSTOMS_API int32_t customs_brand_new(void);"),
                "customs_brand_new: declared in customs.h (line", "has no FFM binding", "has no JNA binding in CustomsLibrary",
                "has no JNA binding in CustomsDirect");
    }

    @Test
    void removedFunctionStillBoundIsNamed() {
        assertDrift(header.replace("CUSTOMS_API void customs_noop(void);", ""),
                "customs_noop: FFM binds it but customs.h does not declare it",
                "customs_noop: JNA CustomsLibrary binds it but customs.h does not declare it");
    }

    @Test
    void structLayoutThatNoLongerMatchesTheHeaderIsNamed() {
        assertDrift(header.replace("    int32_t weight;  /* offset 28 */\n", "    int64_t weight;  /* offset 28 */\n"),
                "customs_sample.weight: customs.h puts it at offset 32 on LP64 but the library reports 28",
                "customs_sample: field kinds in customs.h [I8, F64, I16, I32, I8, I64, I64] but ffm binds"
                        + " [I8, F64, I16, I32, I8, I32, I64]");
        assertDrift(header.replace("    int64_t stamp;   /* offset 32 */\n", "    int64_t stamp;\n    int32_t extra;\n"),
                "customs_sample: fields in customs.h [tag, value, count, flags, kind, weight, stamp, extra] but the"
                        + " library was built with [tag, value, count, flags, kind, weight, stamp] (rebuild libcustoms)");
    }

    @Test
    void callbackDriftIsNamed() {
        assertDrift(header.replace("(*customs_async_cb)(void *user, int32_t value)",
                        "(*customs_async_cb)(void *user, int64_t value)"),
                "customs_async_cb: parameter 2 (value) is I64 (int64_t) in customs.h but I32 in FFM customs_async_cb",
                "customs_async_cb: parameter 2 (value) is I64 (int64_t) in customs.h but I32 in JNA customs_async_cb");
    }

    @Test
    void constantDriftIsNamed() {
        assertDrift(header.replace("CUSTOMS_E_TIMEOUT = -8", "CUSTOMS_E_TIMEOUT = -9"),
                "CUSTOMS_E_TIMEOUT: -8 in dev.customs.api.Status but -9 in customs.h",
                "CUSTOMS_E_TIMEOUT: -8 in FFM customs_h but -9 in customs.h");
        assertDrift(header.replace("#define CUSTOMS_MAX_THREADS 256", "#define CUSTOMS_MAX_THREADS 512"),
                "CUSTOMS_MAX_THREADS: 256 in dev.customs.api.Customs but 512 in customs.h");
    }

    @Test
    void unsupportedSyntaxFailsWithTheLine() {
        HeaderReader.HeaderException e = assertThrows(HeaderReader.HeaderException.class,
                () -> HeaderReader.read("#define A 1\nint32_t not_exported(void);\n"));
        assertEquals("customs.h:2: expected a typedef or a CUSTOMS_API function, found 'int32_t' (every exported"
                + " function needs CUSTOMS_API)", e.getMessage());
        assertThrows(HeaderReader.HeaderException.class,
                () -> HeaderReader.read("typedef struct s { int32_t a[4]; } s;"));
        assertThrows(HeaderReader.HeaderException.class, () -> HeaderReader.read("#if FOO > 1\n#endif\n"));
        assertThrows(HeaderReader.HeaderException.class, () -> HeaderReader.read("CUSTOMS_API mystery_t f(void);"));
    }

    private static void assertDrift(String brokenHeader, String... fragments) {
        assertTrue(!brokenHeader.equals(header), "the edit did not apply: fix the test's search text");
        List<String> problems = Conformance.check(HeaderReader.read(brokenHeader), backends);
        String all = String.join("\n", problems);
        for (String fragment : fragments) {
            assertTrue(all.contains(fragment), () -> "expected a problem containing\n  " + fragment + "\nbut got\n  "
                    + String.join("\n  ", problems));
        }
    }
}
