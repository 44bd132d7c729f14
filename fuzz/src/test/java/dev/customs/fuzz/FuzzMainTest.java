package dev.customs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ./customs fuzz before any fuzzing: usage errors, and what to install when a tool is missing. */
@Timeout(60)
class FuzzMainTest {
    record Run(int exit, String out, String err) {}

    static Run run(String path, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = FuzzMain.run(new PrintStream(out, true), new PrintStream(err, true), path, args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void unknownTargetIsAUsageErrorNamingTheTargets() {
        Run r = run("", "nope");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown target 'nope'; known: [parser, differential, safe-api, lifetime,"
                + " callbacks, handoff, listener, zlib-inflate, sqlite-exec, planted-bug]"), r.err());
    }

    @Test
    void noTargetIsAUsageError() {
        Run r = run("");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("name one target or give --all"), r.err());
    }

    @Test
    void badDurationIsAUsageError() {
        Run r = run("", "parser", "--time", "5x");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("'5x' is not a duration: use e.g. 60s, 5m, 1h or 90"), r.err());
    }

    @Test
    void missingClangSaysWhatToInstall(@TempDir Path emptyPath) {
        Run r = run(emptyPath.toString(), "parser", "--root", emptyPath.toString());
        assertEquals(FuzzMain.SETUP_FAILED, r.exit(), r.toString());
        assertTrue(r.out().contains("fuzz: clang not found: fuzzing mode builds libcustoms with clang's libFuzzer"
                + " coverage, ASan and UBSan. Install it: apt-get install -y clang"), r.out());
    }

    @Test
    void missingAsanRuntimeNamesThePackage(@TempDir Path bin) throws IOException {
        // A clang that works but has no sanitizer runtimes: -print-file-name echoes the bare name back, as clang does.
        script(bin.resolve("clang"), """
                case "$1" in
                  -print-file-name=*) echo "${1#-print-file-name=}" ;;
                  --version) echo "Debian clang version 14.0.6" ;;
                esac
                """);
        Run r = run(bin.toString(), "parser", "--root", bin.toString());
        assertEquals(FuzzMain.SETUP_FAILED, r.exit(), r.toString());
        assertTrue(r.out().contains("has no AddressSanitizer runtime (clang -print-file-name=libclang_rt.asan-x86_64.so"
                + " found none). Install it: apt-get install -y clang"), r.out());
        assertTrue(r.out().contains("the package is libclang-rt-14-dev"), r.out());
    }

    @Test
    void durationsReadAsLibFuzzerUsersWriteThem() {
        assertEquals(java.time.Duration.ofSeconds(60), Durations.parse("60s"));
        assertEquals(java.time.Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(java.time.Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(java.time.Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(java.time.Duration.ZERO, Durations.parse("0"));
    }

    static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
