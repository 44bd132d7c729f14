package dev.customs.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two extra builds of libcustoms (and the planted demo library) that fuzzing mode uses, each in its own build
 * directory so the plain build every test loads is never replaced: the instrumented build (clang,
 * {@code -fsanitize=fuzzer-no-link} plus ASan and UBSan, with debug info so reports name file and line), and the gcov
 * build (gcc {@code --coverage}, unoptimised) that measures which C lines a corpus reaches. cmake rebuilds only what
 * changed.
 */
final class NativeBuilds {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final FuzzWorkspace workspace;
    private final Toolchain tools;

    NativeBuilds(FuzzWorkspace workspace, Toolchain tools) {
        this.workspace = workspace;
        this.tools = tools;
    }

    /** Builds the instrumented libraries; returns their build directory. */
    Path instrumented() {
        return build("instrumented (clang, libFuzzer coverage, ASan, UBSan)", workspace.instrumentedBuild(),
                List.of("-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_C_COMPILER=" + tools.clang(),
                        "-DCUSTOMS_FUZZ_COVERAGE=ON", "-DCUSTOMS_SANITIZE=ON"));
    }

    /** Builds the gcov-instrumented libraries; returns their build directory. */
    Path gcov() {
        return build("gcov (gcc --coverage)", workspace.gcovBuild(),
                List.of("-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_C_COMPILER=" + tools.gcc(), "-DCMAKE_C_FLAGS=--coverage",
                        "-DCMAKE_SHARED_LINKER_FLAGS=--coverage"));
    }

    private Path build(String what, Path dir, List<String> options) {
        List<String> configure = new ArrayList<>(List.of(tools.cmake().toString(), "-S", workspace.root().toString(),
                "-B", dir.toString(), "-DBUILD_TESTING=OFF"));
        configure.addAll(options);
        run(what, dir, configure);
        run(what, dir, List.of(tools.cmake().toString(), "--build", dir.toString(), "--parallel", "2"));
        return dir;
    }

    private void run(String what, Path dir, List<String> command) {
        Commands.Result result = Commands.run(command, workspace.root(), Map.of(), BUILD_TIMEOUT);
        if (!result.ok()) {
            Path log = workspace.logs().resolve("build-" + dir.getFileName() + ".log");
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, String.join(" ", command) + "\n" + result.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("the " + what + " build failed (exit " + result.exit() + "); its output is in "
                    + log + ":\n" + tail(result.output(), 20));
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
