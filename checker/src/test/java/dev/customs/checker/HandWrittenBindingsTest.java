package dev.customs.checker;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written layouts and descriptors (Shapes) against src/test/c/shapes.h; and what the checker needs to run. */
class HandWrittenBindingsTest {
    @Test
    void correctHandWrittenBindingsPass() {
        assertEquals(List.of(), Shapes.correct().check());
    }

    @Test
    void fieldOfTheWrongKindIsNamed() {
        // stamp_t.ratio is a float; bound as a 4-byte integer it has the right size and offset but the wrong kind.
        var wrong = MemoryLayout.structLayout(JAVA_BYTE.withName("tag"), MemoryLayout.paddingLayout(7),
                JAVA_LONG.withName("stamp"), JAVA_INT.withName("ratio"), MemoryLayout.paddingLayout(4));
        List<String> found = BindingChecker.forHeader(Shapes.HEADER).struct("stamp_t", wrong).check().stream()
                .map(Mismatch::toString).toList();
        assertEquals(List.of("stamp_t.ratio: type is floating of 4 bytes in C but integer of 4 bytes in the binding"),
                found);
    }

    @Test
    void fieldTheStructDoesNotHaveIsNamed() {
        var extra = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y"),
                JAVA_DOUBLE.withName("mass"));
        List<Mismatch> found = BindingChecker.forHeader(Shapes.HEADER).struct("point", extra).check();
        assertEquals(1, found.size(), found.toString());
        assertEquals("point", found.getFirst().symbol());
        assertEquals("mass", found.getFirst().field());
        assertTrue(found.getFirst().toString().startsWith("point.mass: C refuses it ("), found.toString());
    }

    @Test
    void structTheHeaderDoesNotDefineIsNamed() {
        List<Mismatch> found = BindingChecker.forHeader(Shapes.HEADER)
                .struct("polygon", MemoryLayout.structLayout(JAVA_FLOAT.withName("area"))).check();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.getFirst().toString().startsWith("polygon: the header defines no complete struct, union or"
                + " typedef of that name"), found.toString());
    }

    @Test
    void missingCompilerSaysWhatToInstall() {
        CompilerUnavailableException c = assertThrows(CompilerUnavailableException.class,
                () -> Shapes.correct().cCompiler("customs-no-such-cc").check());
        assertTrue(c.getMessage().contains("apt-get install -y gcc"), c.getMessage());
        CompilerUnavailableException cxx = assertThrows(CompilerUnavailableException.class,
                () -> Shapes.correct().cxxCompiler("customs-no-such-c++").check());
        assertTrue(cxx.getMessage().contains("apt-get install -y g++"), cxx.getMessage());
    }

    @Test
    void headerThatDoesNotCompileIsReportedWithTheCompilersOutput() {
        CompilerUnavailableException e = assertThrows(CompilerUnavailableException.class,
                () -> BindingChecker.forSystemHeader("customs-no-such-header.h")
                        .struct("point", Shapes.Point.LAYOUT).check());
        assertTrue(e.getMessage().contains("customs-no-such-header.h"), e.getMessage());
    }
}
