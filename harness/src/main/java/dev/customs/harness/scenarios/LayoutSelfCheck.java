package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.api.StructDescription;
import dev.customs.bindings.conformance.CHeader;
import dev.customs.bindings.conformance.Conformance;
import dev.customs.bindings.conformance.HeaderReader;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.util.List;

/** Struct layouts and signatures checked three ways: the header, the library's self-description, each binding. */
public final class LayoutSelfCheck extends Scenario {
    public LayoutSelfCheck() {
        super("layout", "struct layouts and signatures: header vs library self-description vs each binding");
    }

    @Override
    public void run(Report r) {
        CHeader header = HeaderReader.bundled();
        Customs any = r.backends().getFirst();
        r.say("customs.h declares " + header.functions().size() + " functions, " + header.structs().size()
                + " structs and " + header.callbacks().size() + " callback types.");
        for (CHeader.Struct s : header.structs().values().stream().sorted(
                java.util.Comparator.comparing(CHeader.Struct::name)).toList()) {
            StructDescription c = any.describeStruct(s.name());
            r.say("");
            r.say(s.name() + ": the library says sizeof " + c.size() + ", alignof " + c.alignment() + ", offsets "
                    + c.fields().stream().map(f -> f.name() + "@" + f.offset()).toList());
            r.columns();
            r.row("sizeof / alignof", c.size() + " / " + c.alignment(),
                    b -> b.bindingLayout(s.name()).size() + " / " + b.bindingLayout(s.name()).alignment());
            r.row("field offsets", offsets(c), b -> offsets(b.bindingLayout(s.name())));
        }
        r.say("");
        List<String> problems = Conformance.check(header, r.backends());
        problems.forEach(p -> r.say("  drift: " + p));
        r.check("conformance problems (functions, callbacks, structs, constants)", 0, problems.size());
        r.lesson("the header is the source of truth; the library describes what it was compiled with, and a binding"
                + " that disagrees fails the build (ConformanceTest) naming the symbol.");
    }

    private static String offsets(StructDescription d) {
        return d.fields().stream().map(f -> String.valueOf(f.offset())).toList().toString();
    }
}
