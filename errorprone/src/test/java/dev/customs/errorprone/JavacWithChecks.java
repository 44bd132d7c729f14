package dev.customs.errorprone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** javac with Error Prone and the six checks on, as the build runs it: the test JVM's class path is the plugin path. */
final class JavacWithChecks {
    static final List<String> CHECKS = List.of("FfmUnguardedUpcall", "FfmHeapSegmentToPlainHandle",
            "FfmCriticalHandleGivenUpcall", "FfmConfinedSegmentEscapes", "FfmArenaNotClosed", "FfmAutoArenaInLoop");

    /** What javac said, and whether it compiled. */
    record Result(boolean compiled, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> findings(String check) {
            List<String> found = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
                String message = d.getMessage(Locale.ROOT);
                if (message.startsWith("[" + check + "]")) {
                    found.add(d.getLineNumber() + ": " + message);
                }
            }
            return found;
        }
    }

    private JavacWithChecks() {}

    static Result compile(List<Path> sources, List<String> extraOptions) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path out = Files.createTempDirectory("errorprone-out");
            List<String> options = new ArrayList<>(List.of("-d", out.toString(), "--release", "25",
                    "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW",
                    "-processorpath", System.getProperty("java.class.path"),
                    "-Xplugin:ErrorProne -XepDisableAllChecks "
                            + String.join(" ", CHECKS.stream().map(c -> "-Xep:" + c + ":ERROR").toList())));
            options.addAll(extraOptions);
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            return new Result(ok, diagnostics.getDiagnostics());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource of this package, as a file. */
    static Path resource(String name) {
        try {
            return Path.of(JavacWithChecks.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
