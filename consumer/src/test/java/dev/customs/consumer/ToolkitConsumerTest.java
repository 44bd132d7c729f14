package dev.customs.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof from outside, as a library author would do it:
 * <ol>
 *   <li>a fresh copy of the repository's sources (the poms, the wrapper, the toolkit's {@code src/main}; no
 *       {@code build/}, no libcustoms), and a {@code PATH} with no cmake and no C compiler on it;</li>
 *   <li>{@code ./customs install} into a private Maven repository ({@code build/consumer-m2}, with {@code ~/.m2} as a
 *       read-only tail, so nothing is installed where other builds resolve snapshots);</li>
 *   <li>a separate Maven project, generated in a temporary directory, that depends on the installed toolkit
 *       coordinates only (no libcustoms, no JNA) and binds libc's {@code qsort}: its tests run with the committed
 *       {@code ./mvnw -f};</li>
 *   <li>its main class once more on the module path, with {@code --enable-native-access} naming the modules that call
 *       restricted methods, and no "restricted method" warning.</li>
 * </ol>
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolkitConsumerTest {
    static final Path ROOT = Path.of(System.getProperty("customs.root")).toAbsolutePath().normalize();
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    static final Path REPO = ROOT.resolve("build").resolve("consumer-m2");
    static final Path TAIL = Path.of(System.getProperty("user.home"), ".m2", "repository");
    static final Pattern COMPILERS = Pattern.compile("cmake|ctest|cpack|ccmake|cc|c\\+\\+|c89|c99|cpp|gcc.*|g\\+\\+.*"
            + "|clang.*|.*-gcc(-[0-9.]+)?|.*-g\\+\\+(-[0-9.]+)?|.*-cc|tcc|icx|icc");
    static final String NATIVE_ACCESS = "dev.customs.loader,dev.customs.pinning,dev.customs.lifetime,example.qsort";

    @TempDir
    static Path work;
    static String version;

    record Run(int exit, String output) {}

    static Run run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(work, "run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        System.out.println("$ " + String.join(" ", command) + "\n" + out);
        return new Run(p.exitValue(), out);
    }

    /** The repository's sources as a fresh clone would have them, minus everything built. */
    static Path freshCopy() throws IOException {
        Path copy = work.resolve("customs");
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        List<Path> files = new ArrayList<>(List.of(Path.of("pom.xml"), Path.of("mvnw"), Path.of("customs")));
        try (Stream<Path> mvn = Files.walk(ROOT.resolve(".mvn"))) {
            mvn.filter(Files::isRegularFile).forEach(f -> files.add(ROOT.relativize(f)));
        }
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        while (module.find()) {
            Path dir = Path.of(module.group(1));
            files.add(dir.resolve("pom.xml"));
            Path main = ROOT.resolve(dir).resolve("src").resolve("main");
            if (Files.isDirectory(main) && !dir.toString().contains("/")) {
                try (Stream<Path> src = Files.walk(main)) {
                    src.filter(Files::isRegularFile).forEach(f -> files.add(ROOT.relativize(f)));
                }
            }
        }
        for (Path f : files) {
            Path to = copy.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(ROOT.resolve(f), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    /** Every program on the current PATH except cmake and the C compilers, as symlinks in one directory. */
    static Path pathWithoutCompilers() throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin-no-cc"));
        for (String dir : System.getenv("PATH").split(":")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(d)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    String name = p.getFileName().toString();
                    Path link = bin.resolve(name);
                    if (!COMPILERS.matcher(name).matches() && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.isExecutable(p) && !Files.isDirectory(p)) {
                        Files.createSymbolicLink(link, p.toAbsolutePath());
                    }
                }
            }
        }
        return bin;
    }

    static List<String> maven(Path pom, String... goals) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "--no-transfer-progress",
                "-f", pom.toString(), "-Dmaven.repo.local=" + REPO, "-Dmaven.repo.local.tail=" + TAIL));
        if (Files.isDirectory(REPO.resolve("org/apache/maven/plugins/maven-javadoc-plugin"))
                || Files.isDirectory(TAIL.resolve("org/apache/maven/plugins/maven-javadoc-plugin"))) {
            cmd.add("-o"); // everything needed was fetched before: offline
        }
        cmd.addAll(List.of(goals));
        return cmd;
    }

    /** The symlinks are removed here: JUnit would warn about each one it deletes. */
    @org.junit.jupiter.api.AfterAll
    static void removeLinks() throws IOException {
        Path bin = work.resolve("bin-no-cc");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> links = Files.list(bin)) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
            }
        }
    }

    @Test
    @Order(1)
    void installNeedsNeitherCmakeNorACompiler() throws Exception {
        Path copy = freshCopy();
        Path bin = pathWithoutCompilers();
        Map<String, String> env = Map.of("PATH", bin.toString(), "JAVA_HOME", JAVA_HOME.toString());
        Run which = run(copy, env, List.of("/bin/sh", "-c", "command -v cmake cc gcc clang || true"));
        assertEquals("", which.output().strip(), "the PATH given to ./customs install has no cmake and no compiler");

        List<String> install = new ArrayList<>(List.of(copy.resolve("customs").toString(), "install",
                "-Dmaven.repo.local=" + REPO, "-Dmaven.repo.local.tail=" + TAIL));
        if (maven(copy).contains("-o")) {
            install.add("-o");
        }
        Run installed = run(copy, env, install);
        assertEquals(0, installed.exit(), installed.output());
        assertFalse(Files.exists(copy.resolve("build").resolve("native")), "nothing native was built");
        assertFalse(Files.exists(copy.resolve("bindings").resolve("target")), "the specimen was not built");
        for (String module : List.of("loader", "callbacks", "pinning", "lifetime")) {
            assertTrue(installed.output().contains("dev.customs." + module + ": customs-" + module + "-"),
                    "jar --describe-module names dev.customs." + module);
            assertTrue(Pattern.compile("dev\\.customs\\." + module + ": \\S+ -> java\\.base\\s*$", Pattern.MULTILINE)
                    .matcher(installed.output()).find(), "jdeps: java.base only for " + module);
        }
        assertTrue(installed.output().contains("dev.customs.jna: customs-jna-"), installed.output());
        assertTrue(installed.output().contains("<artifactId>customs-loader</artifactId>"), "the block to paste");
        Matcher v = Pattern.compile("<version>([^<]+)</version>").matcher(installed.output());
        assertTrue(v.find());
        version = v.group(1);
        Path installedDir = REPO.resolve("dev/customs/customs-pinning").resolve(version);
        for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
            assertTrue(Files.exists(installedDir.resolve("customs-pinning-" + version + suffix)), suffix);
        }
        assertFalse(Files.exists(REPO.resolve("dev/customs/customs-bindings")), "only the toolkit is installed");
    }

    @Test
    @Order(2)
    void aSeparateProjectBindsLibcThroughTheInstalledToolkit() throws Exception {
        assertTrue(version != null, "the install test ran first");
        Path project = generate();
        Run tests = run(project, Map.of("JAVA_HOME", JAVA_HOME.toString()), maven(project.resolve("pom.xml"),
                "verify"));
        assertEquals(0, tests.exit(), tests.output());
        assertTrue(tests.output().contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), tests.output());
        assertFalse(tests.output().contains("WARNING: A restricted method"), tests.output());

        // Once on the module path: the toolkit jars are named modules; --enable-native-access names who needs it.
        List<String> modulePath = new ArrayList<>(List.of(project.resolve("target/qsort-binding-1.0.jar").toString()));
        for (String module : List.of("loader", "callbacks", "pinning", "lifetime")) {
            modulePath.add(REPO.resolve("dev/customs/customs-" + module).resolve(version)
                    .resolve("customs-" + module + "-" + version + ".jar").toString());
        }
        Run onModulePath = run(project, Map.of(), List.of(JAVA_HOME.resolve("bin/java").toString(),
                "--enable-native-access=" + NATIVE_ACCESS, "--module-path", String.join(":", modulePath),
                "-m", "example.qsort/example.qsort.Main"));
        assertEquals(0, onModulePath.exit(), onModulePath.output());
        assertTrue(onModulePath.output().contains("sorted [8, 5, 0, -1, -3, 13, 13] then rethrown: no key for 13"),
                onModulePath.output());
        assertTrue(onModulePath.output().contains("strdup: module path"), onModulePath.output());
        assertFalse(onModulePath.output().contains("WARNING"), onModulePath.output());
    }

    /** The consumer project from src/test/resources, with the installed version filled in. */
    static Path generate() throws IOException {
        Path template = Path.of(System.getProperty("customs.consumer.template",
                ROOT.resolve("consumer/src/test/resources/consumer-project").toString()));
        Path project = work.resolve("qsort-binding");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = project.resolve(template.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(f).replace("@CUSTOMS_VERSION@", version)
                        .replace("@JUNIT_VERSION@", System.getProperty("junit.version")), StandardCharsets.UTF_8);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return project;
    }
}
