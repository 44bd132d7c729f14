package dev.customs.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./customs script when its prerequisites are missing (it stops and says what to install), how it finds the JDK
 * (from the release file, cached), and the demo's AOT cache (made by build, used by demo, a stale or refused one noted
 * in one line and the demo still run).
 */
@Timeout(120)
class CustomsScriptTest {
    static final Path SCRIPT = Path.of(System.getProperty("customs.root"), "customs");

    record Result(int exit, String output) {}

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(SCRIPT, env, args);
    }

    /** Runs {@code script} (the real one, or a copy in a temporary tree) with bash. */
    static Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", script.toString())));
        pb.command().addAll(List.of(args));
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "script did not finish");
        return new Result(p.exitValue(), output);
    }

    /** A directory that looks like a JDK of the given version to the script. */
    static Path fakeJdk(Path dir, int version) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n";
        for (String tool : List.of("java", "javac")) {
            Path f = Files.writeString(bin.resolve(tool), java);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    @Test
    void missingJdk25SaysWhatToInstall(@TempDir Path tmp) throws Exception {
        Path old = fakeJdk(tmp.resolve("jdk-17"), 17);
        Path eol = fakeJdk(tmp.resolve("jdk-24"), 24);
        Result r = run(Map.of("CUSTOMS_JDK_DIRS", old + " " + eol), "doctor");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("no JDK 25 or newer found (Customs builds with --release 25, the LTS)"), r.output());
        assertTrue(r.output().contains(old + " (Java 17)"), r.output());
        assertTrue(r.output().contains(eol + " (Java 24)"), r.output());
        assertTrue(r.output().contains("Install one, e.g. Temurin 25"), r.output());
    }

    @Test
    void unsuitableJavaHomeIsPassedOver(@TempDir Path tmp) throws Exception {
        Path old = fakeJdk(tmp.resolve("jdk-17"), 17);
        Path good = Path.of(System.getProperty("java.home"));
        Result r = run(Map.of("JAVA_HOME", old.toString(), "CUSTOMS_JDK_DIRS", good.toString()), "doctor");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("JDK:       " + good), r.output());
    }

    @Test
    void doctorReportsZlibAndSqliteForTheExamples() throws Exception {
        Result r = run(Map.of("JAVA_HOME", System.getProperty("java.home")), "doctor");
        assertEquals(0, r.exit(), r.output());
        String zlib = r.output().lines().filter(l -> l.startsWith("zlib:")).findFirst().orElse("");
        String sqlite = r.output().lines().filter(l -> l.startsWith("SQLite:")).findFirst().orElse("");
        assertTrue(zlib.contains("/usr/include/zlib.h") || zlib.contains("apt-get install -y zlib1g-dev"), r.output());
        assertTrue(sqlite.contains("/usr/include/sqlite3.h") || sqlite.contains("apt-get install -y libsqlite3-dev"),
                r.output());
    }

    @Test
    void missingCmakeSaysWhatToInstall(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("sed", "head", "dirname", "readlink", "find", "grep", "cat", "mkdir", "tee")) {
            Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Path wrapper = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Result r = run(Map.of("PATH", bin.toString(), "CUSTOMS_JDK_DIRS", System.getProperty("java.home")), "build");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("cmake not found: install it (apt-get install -y cmake)"), r.output());
    }

    @Test
    void unknownCommandShowsUsage() throws Exception {
        Result r = run(Map.of(), "frobnicate");
        assertEquals(1, r.exit());
        assertTrue(r.output().contains("unknown command 'frobnicate'"), r.output());
        assertTrue(r.output().contains("./customs demo"), r.output());
    }
    /**
     * A scratch copy of the script in a root of its own: a stand-in demo jar ({@link FakeDemo}, JDK classes only, so the
     * JVM can cache it), a placeholder libcustoms, and do-nothing {@code mvnw} and {@code cmake}. {@code build} and
     * {@code demo} run there for real in seconds, and the JDK and AOT caches land in its {@code build/}.
     */
    record ScratchRoot(Path root, Path bin) {
        static ScratchRoot create(Path tmp) throws IOException {
            Path root = Files.createDirectories(tmp.resolve("root"));
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Files.copy(SCRIPT, root.resolve("customs"));
            executable(root.resolve("mvnw"), "#!/bin/sh\nexit 0\n");
            executable(bin.resolve("cmake"), "#!/bin/sh\nexit 0\n");
            Files.createFile(Files.createDirectories(root.resolve("build/native/lib")).resolve("libcustoms.so"));
            Path jar = Files.createDirectories(root.resolve("harness/target")).resolve("customs-demo.jar");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeDemo.class.getName());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                for (Class<?> c : List.of(FakeDemo.class, AotCacheNote.class)) {
                    String entry = c.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (var in = c.getClassLoader().getResourceAsStream(entry)) {
                        in.transferTo(out);
                    }
                }
            }
            return new ScratchRoot(root, bin);
        }

        Result run(String... args) throws IOException, InterruptedException {
            return run(Map.of(), args);
        }

        Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
            Map<String, String> env = new java.util.HashMap<>(extraEnv);
            env.put("PATH", bin + ":" + System.getenv("PATH"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            return CustomsScriptTest.run(root.resolve("customs"), env, args);
        }

        Path cache() {
            return root.resolve("build/aot/customs-demo.aot");
        }

        Path jar() {
            return root.resolve("harness/target/customs-demo.jar");
        }
    }

    static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The line the stand-in demo printed: it ran, with which cache, and java.vm.info. */
    static String ranLine(String output) {
        return output.lines().filter(l -> l.startsWith("fake demo ran: ")).findFirst().orElse("(did not run)");
    }

    static long lines(String output, String fragment) {
        return output.lines().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void buildMakesTheAotCacheAndDemoUsesIt(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        Result build = scratch.run("build");
        assertEquals(0, build.exit(), build.output());
        assertTrue(Files.size(scratch.cache()) > 0, build.output());
        Result demo = scratch.run("demo", "--list");
        assertEquals(0, demo.exit(), demo.output());
        // A cache the JVM refused leaves it without any class sharing, so "sharing" means this cache is in use.
        String ran = ranLine(demo.output());
        assertTrue(ran.startsWith("fake demo ran: --list; cache " + scratch.cache() + "; vm "), demo.output());
        assertTrue(ran.endsWith(", sharing"), demo.output());
        assertEquals(0, lines(demo.output(), "note:"), demo.output());
    }

    @Test
    void buildRunsMavenInTheProjectWhereverTheScriptIsStartedFrom(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        Path cwd = tmp.resolve("mvnw.cwd");
        executable(scratch.root().resolve("mvnw"), "#!/bin/sh\npwd >'" + cwd + "'\n");
        // This test runs in the harness module's folder, which has a pom.xml of its own: Maven started there would
        // build the wrong project, or none.
        assertTrue(!Path.of("").toAbsolutePath().equals(scratch.root().toAbsolutePath()));
        Result build = scratch.run("build");
        assertEquals(0, build.exit(), build.output());
        assertEquals(scratch.root().toRealPath().toString(), Files.readString(cwd).strip(), build.output());
    }

    @Test
    void aStaleAotCacheIsPassedOverWithOneNote(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        assertEquals(0, scratch.run("build").exit());
        // The jar rebuilt after the cache was made (by ./mvnw package rather than ./customs build).
        Files.setLastModifiedTime(scratch.jar(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertRanWithoutCacheAfterOneNote(scratch.run("demo", "--list"), "customs: note: the AOT cache is stale"
                + " (made for another demo jar or JDK), running without it; ./customs build makes a new one");
    }

    /** The demo ran, without the cache, and the script said why in one line. */
    static void assertRanWithoutCacheAfterOneNote(Result demo, String note) {
        assertEquals(0, demo.exit(), demo.output());
        assertEquals(1, lines(demo.output(), "note:"), demo.output());
        assertTrue(demo.output().contains(note), demo.output());
        assertTrue(ranLine(demo.output()).startsWith("fake demo ran: --list; cache null;"), demo.output());
    }

    @Test
    void aDamagedAotCacheIsPassedOverWithOneNote(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        assertEquals(0, scratch.run("build").exit());
        byte[] good = Files.readAllBytes(scratch.cache());
        // Damaged inside (this one, given to the JVM, crashes it in SharedDataRelocationTask), cut short, and not a
        // cache at all: each written after build checked the cache.
        byte[] damaged = good.clone();
        for (int i = 100; i < 116; i++) {
            damaged[i] ^= 0x5a;
        }
        for (byte[] bad : List.of(damaged, java.util.Arrays.copyOf(good, 4096), "not a cache".getBytes())) {
            Files.write(scratch.cache(), bad);
            Files.setLastModifiedTime(scratch.cache(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertRanWithoutCacheAfterOneNote(scratch.run("demo", "--list"), "customs: note: the AOT cache changed"
                    + " after ./customs build checked it, running without it; ./customs build makes a new one");
        }
    }

    @Test
    void anAotCacheTheJvmRefusesIsNotedAndTheDemoStillRuns(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        assertEquals(0, scratch.run("build").exit());
        // A flag the cache was not made with, e.g. from the user's environment: the JVM goes on without the cache.
        Result demo = scratch.run(Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseCompressedOops"), "demo", "--list");
        assertEquals(0, demo.exit(), demo.output());
        assertEquals(1, lines(demo.output(), "note:"), demo.output());
        assertTrue(demo.output().contains("customs: note: the JVM refused the AOT cache " + scratch.cache()
                + ", running without it; ./customs build makes a new one"), demo.output());
        String ran = ranLine(demo.output());
        assertTrue(ran.startsWith("fake demo ran: --list; cache " + scratch.cache() + "; vm "), demo.output());
        assertTrue(!ran.contains("sharing"), demo.output());
    }

    /** A JDK of the given version with a release file, whose java and javac log every start to {@code starts}. */
    static Path jdkWithRelease(Path dir, String version, Path starts) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac")) {
            executable(bin.resolve(tool), "#!/bin/sh\necho \"" + tool + " $*\" >>" + starts + "\nexit 1\n");
        }
        return dir;
    }

    @Test
    void theJdkIsFoundFromItsReleaseFileWithoutStartingAJvm(@TempDir Path tmp) throws Exception {
        ScratchRoot scratch = ScratchRoot.create(tmp);
        Path starts = tmp.resolve("starts.log");
        Path old = jdkWithRelease(tmp.resolve("jdk-21"), "21.0.5", starts);
        Path jdk = jdkWithRelease(tmp.resolve("jdk-25"), "25.0.1", starts);
        Map<String, String> env = Map.of("PATH", scratch.bin() + ":" + System.getenv("PATH"), "CUSTOMS_JDK_DIRS",
                old + " " + jdk);
        Result r = run(scratch.root().resolve("customs"), env, "doctor");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("JDK:       " + jdk + " (Java 25.0.1, Test)"), r.output());
        assertTrue(!Files.exists(starts), () -> "a JVM was started: " + read(starts));
        assertTrue(Files.readString(scratch.root().resolve("build/jdk")).contains("\n" + jdk + "\n"));

        // The same JDK updated in place to a version too old: the cached answer is dropped.
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"24.0.2\"\n");
        Files.setLastModifiedTime(jdk.resolve("release"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        r = run(scratch.root().resolve("customs"), env, "doctor");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("no JDK 25 or newer found"), r.output());
        assertTrue(r.output().contains(jdk + " (Java 24)"), r.output());
        assertTrue(!Files.exists(starts), () -> "a JVM was started: " + read(starts));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
