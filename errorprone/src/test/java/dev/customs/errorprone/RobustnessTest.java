package dev.customs.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The checks never crash javac: unusual code (generics, records, sealed types, record patterns, method-handle
 * combinators, labelled loops) and jextract's generated bindings (the project's own, in bindings/) compile with all six
 * on. A crash would show as an error "An unhandled exception was thrown by the Error Prone static analysis plugin".
 * (The whole project compiling with them on, in the ordinary build, is the larger form of this test.)
 */
class RobustnessTest {
    @Test
    void unusualCodeCompilesWithOnlyTheOneTrueFinding() {
        JavacWithChecks.Result result = JavacWithChecks.compile(
                List.of(JavacWithChecks.resource("Unusual.java")), List.of());
        assertNoCrash(result);
        // The only hazard in it: the confined arena opened for the conditional and closed by try (a) — none; and
        // the Runnable's Arena.ofAuto() is not in a loop. So nothing at all.
        for (String check : JavacWithChecks.CHECKS) {
            assertEquals(List.of(), result.findings(check), check);
        }
        assertTrue(result.compiled(), result.diagnostics().toString());
    }

    @Test
    void jextractBindingsCompileWithNoFinding() throws IOException {
        Path ffm = generatedBindings();
        List<Path> sources;
        try (Stream<Path> files = Files.list(ffm)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no generated sources in " + ffm);
        // What the generated code refers to in the project (the library loader) is found on the source path.
        JavacWithChecks.Result result = JavacWithChecks.compile(sources, List.of("-implicit:none",
                "-sourcepath", projectSourceRoots()));
        assertNoCrash(result);
        assertTrue(result.compiled(), result.diagnostics().toString());
        for (String check : JavacWithChecks.CHECKS) {
            assertEquals(List.of(), result.findings(check), check);
        }
    }

    /** The jextract output in the repository: the folder holding customs_h.java, under bindings/. */
    private static Path generatedBindings() throws IOException {
        Path bindings = Path.of("..", "bindings", "src", "main", "java").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(bindings)) {
            return files.filter(p -> p.getFileName().toString().equals("customs_h.java")).findFirst()
                    .orElseThrow(() -> new AssertionError("no customs_h.java under " + bindings))
                    .getParent();
        }
    }

    private static String projectSourceRoots() throws IOException {
        try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            // bindings/ and the library loader's module: all the generated code refers to.
            return String.join(java.io.File.pathSeparator, modules
                    .filter(m -> List.of("bindings", "loader").contains(m.getFileName().toString()))
                    .map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory).map(Path::toString).sorted().toList());
        }
    }

    private static void assertNoCrash(JavacWithChecks.Result result) {
        for (Diagnostic<?> d : result.diagnostics()) {
            String message = d.getMessage(java.util.Locale.ROOT);
            assertFalse(message.contains("unhandled exception"), message);
        }
    }
}
