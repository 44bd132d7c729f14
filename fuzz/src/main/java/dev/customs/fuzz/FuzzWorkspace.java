package dev.customs.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where fuzzing reads and writes, all below the repository root. Nothing is written into the source tree: seeds are
 * only read from it, and corpora, findings, logs and Jazzer's temporary files stay under {@code build/} (ignored by
 * git).
 *
 * <pre>
 * fuzz/src/test/resources/dev/customs/fuzz/SeedCorpusTestInputs/SEEDS/  checked-in seeds (read only)
 * build/native/        plain gcc build: regression mode, and the baseline of the coverage comparison
 * build/native-fuzz/   clang, -fsanitize=fuzzer-no-link plus ASan and UBSan: fuzzing mode
 * build/native-gcov/   gcc --coverage: measures which C lines a corpus reaches
 * build/fuzz/corpus/TARGET/   the corpus a target grows, kept between runs
 * build/findings/TARGET/      crash-* reproducers, Crash_*.java, minimized inputs
 * build/fuzz/logs/            the full output of every run
 * build/fuzz/tmp/             per-run temporary directories, deleted afterwards
 * </pre>
 */
public record FuzzWorkspace(Path root) {
    /** The seed folders, relative to the root; the resource folder Jazzer's JUnit regression mode reads. */
    public static final String SEEDS = "fuzz/src/test/resources/dev/customs/fuzz/SeedCorpusTestInputs";
    private static final String PRELOAD_RESOURCE =
            "/com/code_intelligence/jazzer/jazzer_preload_linux_x86_64/libjazzer_preload.so";

    public FuzzWorkspace {
        root = root.toAbsolutePath().normalize();
    }

    public Path seeds(FuzzTarget target) {
        return root.resolve(SEEDS).resolve(target.seeds());
    }

    Path build() {
        return root.resolve("build");
    }

    /** The plain build (gcc, as every test uses). */
    public Path plainBuild() {
        return build().resolve("native");
    }

    /** The clang build with libFuzzer coverage, ASan and UBSan. */
    public Path instrumentedBuild() {
        return build().resolve("native-fuzz");
    }

    /** The gcc {@code --coverage} build. */
    public Path gcovBuild() {
        return build().resolve("native-gcov");
    }

    public Path corpus(FuzzTarget target) {
        return build().resolve("fuzz").resolve("corpus").resolve(target.name());
    }

    public Path findings(FuzzTarget target) {
        return build().resolve("findings").resolve(target.name());
    }

    public Path logs() {
        return build().resolve("fuzz").resolve("logs");
    }

    public Path scratch() {
        return build().resolve("fuzz").resolve("tmp");
    }

    /** libcustoms in a build directory. */
    public static Path library(Path buildDir) {
        return buildDir.resolve("lib").resolve("libcustoms.so");
    }

    /** The demo library with the planted bug in a build directory. */
    public static Path plantedLibrary(Path buildDir) {
        return buildDir.resolve("planted").resolve("libcustoms_planted.so");
    }

    /**
     * Jazzer's preload library, copied out of the Jazzer jar on the class path into {@code build/fuzz/}: it must be
     * in {@code LD_PRELOAD} for the instrumented library's coverage hooks to reach Jazzer.
     */
    public Path jazzerPreload() {
        Path target = build().resolve("fuzz").resolve("libjazzer_preload.so");
        try (InputStream in = FuzzWorkspace.class.getResourceAsStream(PRELOAD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Jazzer's preload library " + PRELOAD_RESOURCE
                        + " is not on the class path: is the Jazzer jar missing?");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Jazzer's preload library to " + target, e);
        }
    }
}
