package dev.customs.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fresh file with one instance of each of the six hazards (Hazards.java.txt, beside a jextract-style callback) gets
 * exactly one finding per hazard, each naming its check; the same file with the hazards fixed gets none.
 */
class OneFindingPerHazardTest {
    @Test
    void eachHazardIsFoundOnceUnderItsCheck() {
        JavacWithChecks.Result result = JavacWithChecks.compile(List.of(
                JavacWithChecks.resource("Hazards.java"), JavacWithChecks.resource("hazard_cb.java")), List.of());
        assertFalse(result.compiled(), "the six findings are errors");
        int total = 0;
        for (String check : JavacWithChecks.CHECKS) {
            List<String> found = result.findings(check);
            assertEquals(1, found.size(), check + ": " + found + "\nall: " + result.diagnostics());
            total += found.size();
        }
        assertEquals(6, total);
        assertEquals(6, result.diagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).count(), result.diagnostics().toString());
    }

    @Test
    void theSameFileFixedHasNoFinding() {
        JavacWithChecks.Result result = JavacWithChecks.compile(List.of(
                JavacWithChecks.resource("NoHazards.java"), JavacWithChecks.resource("hazard_cb.java")), List.of());
        assertTrue(result.compiled(), result.diagnostics().toString());
        for (String check : JavacWithChecks.CHECKS) {
            assertEquals(List.of(), result.findings(check), check);
        }
    }
}
