package dev.customs.harness.scenarios;

import dev.customs.bindings.Libcustoms;
import dev.customs.loader.LibraryLoadException;
import dev.customs.loader.LibraryLoader;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where libcustoms came from, and what a failed load says: every place tried, with the dynamic loader's reason. */
public final class LoaderDiagnostics extends Scenario {
    public LoaderDiagnostics() {
        super("loader", "one loader for both backends; a failed load names every place tried and the real reason");
    }

    @Override
    public void run(Report r) {
        LibraryLoader.LoadedLibrary lib = Libcustoms.shared();
        r.say("Loaded from " + lib.path() + " (" + lib.source() + "). Places tried:");
        lib.attempts().forEach(a -> r.say("  " + a));
        r.columns();
        r.row("library file each backend uses", lib.path(), c -> c.libraryPath());
        r.row("customs_version()", "0.1.0", c -> c.libraryVersion());

        r.say("");
        r.say("A wrong explicit path (-D" + Libcustoms.PATH_PROPERTY + "): no silent fallback to another copy.");
        Path missing = Path.of("/nonexistent/libcustoms.so");
        String wrongPath = failure(Map.of(Libcustoms.PATH_PROPERTY, missing.toString()));
        wrongPath.lines().forEach(line -> r.say("  | " + line));
        r.check("wrong path: names the place and the fix", true,
                wrongPath.contains(missing + " -> not found") && wrongPath.contains("./customs build"));

        Path unresolved = lib.path().getParent().resolveSibling("testlibs").resolve("libcustoms_unresolved.so");
        r.say("");
        r.say("A library that needs a symbol nobody defines (as an instrumented build does without its preload).");
        String ffmSays = ffmMessage(unresolved);
        r.say("What FFM alone says:");
        r.say("  | " + ffmSays);
        String loaderSays = failure(Map.of(Libcustoms.PATH_PROPERTY, unresolved.toString()));
        r.say("What the Customs loader says (dlerror, read through FFM):");
        loaderSays.lines().forEach(line -> r.say("  | " + line));
        r.check("FFM's message names no reason", "IllegalArgumentException: Cannot open library: " + unresolved,
                ffmSays);
        r.check("the loader gives dlerror's reason", true,
                loaderSays.contains("undefined symbol: customs_symbol_nobody_defines"));

        Path truncated = truncatedCopy(lib.path());
        try {
            r.say("");
            r.say("A truncated copy of libcustoms: glibc's dlopen faults on it and would take the JVM down.");
            String refused = failure(Map.of(Libcustoms.PATH_PROPERTY, truncated.toString()));
            refused.lines().skip(1).limit(1).forEach(line -> r.say("  | " + line));
            r.check("refused before dlopen", true, refused.contains("refused before dlopen: truncated ELF file"));
        } finally {
            delete(truncated);
        }
        r.lesson("load through one place, and when it fails ask the dynamic loader why: \"Cannot open library\" is"
                + " not a diagnosis.");
    }

    private static String failure(Map<String, String> settings) {
        try {
            Libcustoms.withSettings(settings).load();
            return "(loaded, unexpectedly)";
        } catch (LibraryLoadException e) {
            return e.getMessage();
        }
    }

    private static String ffmMessage(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(path, arena);
            return "(loaded, unexpectedly)";
        } catch (IllegalArgumentException e) {
            return "IllegalArgumentException: " + e.getMessage();
        }
    }

    /** The first 4 KiB of the real library: a valid ELF header, the rest missing. */
    static Path truncatedCopy(Path library) {
        try {
            Path file = Files.createTempFile("libcustoms-truncated", ".so");
            byte[] head;
            try (var in = Files.newInputStream(library)) {
                head = in.readNBytes(4096);
            }
            return Files.write(file, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
