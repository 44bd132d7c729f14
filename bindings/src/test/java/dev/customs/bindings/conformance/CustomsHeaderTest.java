package dev.customs.bindings.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_record_info;
import dev.customs.bindings.ffm.customs_sample;
import dev.customs.bindings.ffm.customs_tally;
import dev.customs.checker.BindingChecker;
import dev.customs.bindings.Libcustoms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * libcustoms' FFM layer (jextract's output) against customs.h, with the C compiler as the judge: every struct's size,
 * alignment and field offsets, every function's arity and ABI classes, and every function exported by the library that
 * was built. The JNA layer and the library's self-description are held to this FFM layer by {@link ConformanceTest}.
 */
class CustomsHeaderTest {
    static final Path ROOT = Path.of(System.getProperty("customs.root", ".."));
    static final Path HEADER = ROOT.resolve("native/include/customs.h");
    static final Path ARGS = ROOT.resolve("bindings/jextract/customs.args");

    @Test
    void ffmLayerAgreesWithTheCompilerOnCustomsH() {
        CustomsLookup.load();
        BindingChecker.forHeader(HEADER)
                .structs(customs_sample.class, customs_record_info.class, customs_tally.class)
                .functions(customs_h.class, symbols("--include-function").toArray(String[]::new))
                .functions(customs_h.class)
                .exportedBy(Libcustoms.shared().lookup())
                .verify();
    }

    @Test
    void everyStructOfTheHeaderIsCheckedAtRunTimeToo() {
        assertEquals(symbols("--include-struct"), Conformance.STRUCTS,
                "Conformance.STRUCTS must list the --include-struct lines of " + ARGS);
    }

    /** The names jextract was told to generate, of one kind: customs.h's own symbols. */
    static List<String> symbols(String option) {
        try {
            return Files.readAllLines(ARGS).stream().filter(l -> l.startsWith(option + " "))
                    .map(l -> l.substring(option.length()).strip()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
