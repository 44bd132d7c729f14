package dev.customs.bindings.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import dev.customs.api.Customs;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsDirect;
import dev.customs.bindings.jna.CustomsLibrary;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNA layer and the library's self-description held to the FFM layer, which {@link CustomsHeaderTest} holds to
 * customs.h. {@link #bindingsConformToEachOther()} is the gate; the others break a binding on purpose.
 */
class ConformanceTest {
    static List<Customs> backends;

    @BeforeAll
    static void open() {
        CustomsLookup.load();
        backends = Customs.BACKENDS.stream().map(Customs::open).toList();
    }

    @Test
    void bindingsConformToEachOther() {
        List<String> problems = Conformance.check(backends);
        assertTrue(problems.isEmpty(), () -> "bindings drifted apart:\n  " + String.join("\n  ", problems));
    }

    /** customs_add with a 64-bit second parameter, and a function customs.h does not have. */
    interface DriftedLibrary extends Library {
        int customs_add(int a, long b);

        int customs_brand_new();
    }

    @Test
    void jnaParameterKindThatDiffersFromFfmIsNamed() {
        List<String> problems = Conformance.functions(customs_h.class, DriftedLibrary.class, CustomsDirect.class);
        assertTrue(problems.contains("customs_add: parameter 2 is I32 in FFM customs_h.customs_add$descriptor() but"
                + " I64 in JNA DriftedLibrary.customs_add(int, long)"), String.join("\n", problems));
        assertTrue(problems.contains("customs_brand_new: JNA DriftedLibrary binds it but FFM customs_h (jextract's"
                + " output of customs.h) does not"), String.join("\n", problems));
        assertTrue(problems.contains("customs_noop: bound by FFM customs_h.customs_noop$descriptor() but has no JNA"
                + " binding in DriftedLibrary"), String.join("\n", problems));
    }

    @Test
    void everyJnaCallbackHasAMatchingFfmClass() {
        assertEquals(List.of(), Conformance.callbacks(CustomsLibrary.class));
    }

    @Test
    void structsAgreeWithTheLibrarysSelfDescriptionOnEveryBackend() {
        for (Customs backend : backends) {
            assertEquals(List.of(), Conformance.structs(backend), backend.backend());
        }
    }
}
