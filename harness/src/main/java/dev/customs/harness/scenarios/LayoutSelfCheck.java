package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.api.StructDescription;
import dev.customs.bindings.conformance.Conformance;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_record_info;
import dev.customs.bindings.ffm.customs_sample;
import dev.customs.bindings.ffm.customs_tally;
import dev.customs.checker.BindingChecker;
import dev.customs.checker.Mismatch;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Struct layouts and signatures checked three ways: the header (the C compiler judging jextract's FFM layer), the
 * library's self-description, each binding.
 */
public final class LayoutSelfCheck extends Scenario {
    public LayoutSelfCheck() {
        super("layout", "struct layouts and signatures: header (judged by the C compiler) vs library vs each binding");
    }

    @Override
    public void run(Report r) {
        Customs any = r.backends().getFirst();
        for (String name : Conformance.STRUCTS) {
            StructDescription c = any.describeStruct(name);
            r.say("");
            r.say(name + ": the library says sizeof " + c.size() + ", alignof " + c.alignment() + ", offsets "
                    + c.fields().stream().map(f -> f.name() + "@" + f.offset()).toList());
            r.columns();
            r.row("sizeof / alignof", c.size() + " / " + c.alignment(),
                    b -> b.bindingLayout(name).size() + " / " + b.bindingLayout(name).alignment());
            r.row("field offsets", offsets(c), b -> offsets(b.bindingLayout(name)));
        }
        r.say("");
        List<String> problems = Conformance.check(r.backends());
        problems.forEach(p -> r.say("  drift: " + p));
        r.check("conformance problems (JNA vs FFM, library vs bindings, constants)", 0, problems.size());
        List<Mismatch> header = headerMismatches();
        header.forEach(m -> r.say("  header: " + m));
        r.check("FFM layer vs customs.h, judged by cc and c++ (BindingChecker)", 0, header.size());
        r.lesson("the C compiler judges the bindings against the header (BindingChecker); the library describes what it"
                + " was compiled with; a binding that disagrees fails the build (CustomsHeaderTest, ConformanceTest)"
                + " naming the symbol.");
    }

    /** The bundled customs.h (the jar carries it) checked against jextract's FFM layer. */
    private static List<Mismatch> headerMismatches() {
        try (InputStream in = Conformance.class.getResourceAsStream("customs.h")) {
            if (in == null) {
                throw new IllegalStateException("customs.h is not bundled with the bindings");
            }
            Path dir = Files.createTempDirectory("customs-layout");
            Path header = dir.resolve("customs.h");
            Files.copy(in, header);
            try {
                return BindingChecker.forHeader(header)
                        .structs(customs_sample.class, customs_record_info.class, customs_tally.class)
                        .functions(customs_h.class).check();
            } finally {
                Files.delete(header);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String offsets(StructDescription d) {
        return d.fields().stream().map(f -> String.valueOf(f.offset())).toList().toString();
    }
}
