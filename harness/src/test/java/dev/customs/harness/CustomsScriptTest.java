package dev.customs.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ./customs script when its prerequisites are missing: it stops and says what to install. */
@Timeout(60)
class CustomsScriptTest {
    static final Path SCRIPT = Path.of(System.getProperty("customs.root"), "customs");

    record Result(int exit, String output) {}

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", SCRIPT.toString())));
        pb.command().addAll(List.of(args));
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "script did not finish");
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
}
