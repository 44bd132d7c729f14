package dev.customs.bindings;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@code main} class in a child JVM, for what kills a JVM by design (an unguarded throwing upcall, a freed
 * stub, an upcall inside a critical call): the parent survives and checks the child's exit code and output.
 *
 * <p>Where the evidence lands: a Java-level failure (an uncaught exception in an upcall) is printed on stderr, but
 * HotSpot writes its fatal-error banner ({@code # A fatal error has been detected ...}, the signal or the failed
 * {@code guarantee}, the problematic frame) to <em>stdout</em>, on JDK 25 as before; the full report goes to the crash
 * file ({@link Result#crashLog()}).
 *
 * <p>The child gets this JVM's java binary and class path, native access enabled, the {@code customs.*} and
 * {@code jna.*} system properties, and its own scratch directory for HotSpot's crash files ({@code hs_err_pid*.log}),
 * so none lands in the working tree. Every run is bounded by a timeout; a child that overruns is killed and reported.
 */
public final class ChildJvm {
    /**
     * How a child JVM ended. {@code crashFiles} lists the HotSpot fatal error logs it wrote. A native crash ends with
     * exit code 1 here (core dumps are off), the same code as an uncaught upcall exception: check {@link #crashed()}.
     */
    public record Result(int exitCode, String stdout, String stderr, List<Path> crashFiles, boolean timedOut,
                         Duration took) {
        /** True when HotSpot reported a fatal error (SIGSEGV and the like), as opposed to an orderly exit. */
        public boolean crashed() {
            return !crashFiles.isEmpty();
        }

        /**
         * The first crash file's text, or "" when there is none. Its native and Java frames name the C function that
         * faulted even when stderr only names the library ({@code libc.so.6} for a {@code memcpy}).
         */
        public String crashLog() {
            if (crashFiles.isEmpty()) {
                return "";
            }
            try {
                return Files.readString(crashFiles.getFirst(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + crashFiles.getFirst(), e);
            }
        }

        /** The first line of stderr containing {@code fragment}, or null. */
        public String stderrLine(String fragment) {
            return stderr.lines().filter(l -> l.contains(fragment)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (killed after timeout)" : "") + (crashed() ? " (crashed: "
                    + crashFiles + ")" : "") + " in " + took.toMillis() + " ms\n--- stdout\n" + stdout
                    + "--- stderr\n" + stderr;
        }
    }

    private ChildJvm() {}

    /**
     * The class path with every entry made absolute: the child runs in its scratch directory, where a relative entry
     * (as {@code java -jar harness/target/customs-demo.jar} gives) would name nothing.
     */
    static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Runs {@code main} with {@code args} and no extra JVM options. */
    public static Result run(Class<?> main, Duration timeout, String... args) {
        return run(main, List.of(), timeout, args);
    }

    /**
     * Runs {@code main} with extra JVM options before the class name.
     *
     * @throws IllegalStateException if the child cannot be started
     */
    public static Result run(Class<?> main, List<String> jvmOptions, Duration timeout, String... args) {
        try {
            Path scratch = Files.createTempDirectory("customs-child-");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-XX:ErrorFile=" + scratch.resolve("hs_err_pid%p.log"));
            command.add("-XX:-CreateCoredumpOnCrash");
            command.add("-Xshare:auto");
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith("customs.") || name.startsWith("jna."))
                    .sorted()
                    .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(absolute(System.getProperty("java.class.path")));
            command.add(main.getName());
            command.addAll(List.of(args));

            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(scratch.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<Path> crashes;
            try (Stream<Path> files = Files.list(scratch)) {
                crashes = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid"))
                        .sorted(Comparator.naturalOrder()).toList();
            }
            return new Result(finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), crashes, !finished, took);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run a child JVM for " + main.getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }
}
