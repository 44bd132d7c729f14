package dev.customs.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native tools fuzzing mode needs, found on the PATH, each with exactly what to install when it is missing:
 * clang and its AddressSanitizer runtime (the instrumented build and the preload), cmake, and gcc's gcov (the
 * coverage comparison).
 */
record Toolchain(Path clang, Path asanRuntime, Path cmake, Path gcc, Path gcov) {
    static final String ASAN_RUNTIME = "libclang_rt.asan-x86_64.so";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CLANG_MAJOR = Pattern.compile("clang version (\\d+)");

    /** Something to install before fuzzing can run; the message says what. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /**
     * Finds every tool on {@code path} (a PATH value).
     *
     * @throws Missing naming the first missing tool and the command that installs it
     */
    static Toolchain find(String path) {
        Path clang = Commands.find("clang", path).orElseThrow(() -> new Missing(
                "clang not found: fuzzing mode builds libcustoms with clang's libFuzzer coverage, ASan and UBSan."
                        + " Install it: apt-get install -y clang"));
        Path asan = asanRuntime(clang);
        Path cmake = Commands.find("cmake", path).orElseThrow(() -> new Missing(
                "cmake not found. Install it: apt-get install -y cmake"));
        Path gcc = Commands.find("gcc", path).orElseThrow(() -> new Missing(
                "gcc not found: the plain build and the coverage measurement (gcov) use it. Install it: apt-get install -y gcc"));
        Path gcov = Commands.find("gcov", path).orElseThrow(() -> new Missing(
                "gcov not found: it comes with gcc. Install it: apt-get install -y gcc"));
        return new Toolchain(clang, asan, cmake, gcc, gcov);
    }

    /** The ASan runtime clang links against: what {@code LD_PRELOAD} must load before the JVM starts. */
    private static Path asanRuntime(Path clang) {
        Commands.Result printed = Commands.run(List.of(clang.toString(), "-print-file-name=" + ASAN_RUNTIME),
                null, Map.of(), PROBE_TIMEOUT);
        Path runtime = Path.of(printed.output().trim());
        if (printed.ok() && runtime.isAbsolute() && Files.isRegularFile(runtime)) {
            return runtime;
        }
        String major = clangMajor(Commands.run(List.of(clang.toString(), "--version"), PROBE_TIMEOUT).output());
        throw new Missing(clang + " has no AddressSanitizer runtime (clang -print-file-name=" + ASAN_RUNTIME
                + " found none). Install it: apt-get install -y clang (Debian ships it with clang; on other"
                + " distributions the package is libclang-rt-" + major + "-dev)");
    }

    static String clangMajor(String versionOutput) {
        Matcher m = CLANG_MAJOR.matcher(versionOutput);
        return m.find() ? m.group(1) : "VERSION";
    }
}
