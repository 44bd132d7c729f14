package dev.customs.loader;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Finds and opens one native library, and when it cannot, says where it looked and why each place failed, in the
 * dynamic loader's own words. Configure it once per library:
 * {@snippet :
 * LibraryLoader.LoadedLibrary expat = LibraryLoader.forLibrary("libexpat.so.1")  // a soname, or a name: "expat"
 *         .pathProperty("myapp.expat.path")         // -Dmyapp.expat.path=/opt/expat/lib/libexpat.so.1
 *         .pathEnvironment("MYAPP_EXPAT_PATH")      // or $MYAPP_EXPAT_PATH
 *         .markerSymbol("XML_ParserCreate")         // a file without it is some other library
 *         .load();
 * MemorySegment create = expat.lookup().findOrThrow("XML_ParserCreate");
 * }
 *
 * <p>Where it looks, in order:
 * <ol>
 *   <li>an explicit path: the system property named with {@link Builder#pathProperty}, else the environment variable
 *       named with {@link Builder#pathEnvironment}. When one is set it is the only candidate: a library the user named
 *       is never silently replaced by another;</li>
 *   <li>each directory given with {@link Builder#searchDirectory}, in the order given (a build output, a bundle);</li>
 *   <li>each directory of {@code java.library.path};</li>
 *   <li>unless {@link Builder#systemSearch systemSearch(false)}: the dynamic loader's own search for the file name
 *       ({@code LD_LIBRARY_PATH}, the {@code ld.so} cache, {@code /lib}, {@code /usr/lib}), as
 *       {@code dlopen("libexpat.so.1")} does.</li>
 * </ol>
 * A candidate file that does not exist is skipped, with the loader's reason noted. One that exists but cannot be
 * opened stops the search: the error names it with the dynamic loader's reason ({@code dlerror()}, see
 * {@link #dlopenReason}), which FFM's "Cannot open library" hides. A file that is not a complete ELF object is refused
 * before {@code dlopen} sees it ({@link ElfCheck}): glibc faults on a truncated one, which would kill the JVM. A library
 * that opens but lacks the marker symbol is unloaded again and refused.
 *
 * <p>Every failure is a {@link LibraryLoadException} listing every place tried with what happened there; invalid
 * configuration (a null, blank, or a name with a path in it) is an {@link IllegalArgumentException} or
 * {@link NullPointerException} from the builder, before anything is opened. A loader is immutable and thread-safe;
 * each {@link #load()} searches again and opens the library in an arena of its own that is never closed.
 */
public final class LibraryLoader {
    private static final String JAVA_LIBRARY_PATH = "java.library.path";

    /** One place looked at, and what was found there. */
    public record Attempt(String source, Path path, String outcome) {
        @Override
        public String toString() {
            return source + ": " + path + " -> " + outcome;
        }
    }

    /** The opened library: where it came from, what was tried first, and the FFM lookup of its symbols. */
    public record LoadedLibrary(Path path, String source, List<Attempt> attempts, SymbolLookup lookup) {}

    private record Candidate(String source, Path path, boolean bySearch) {}

    private final String displayName;
    private final String fileName;
    private final String pathProperty;
    private final String pathEnvironment;
    private final List<Candidate> directories;
    private final boolean systemSearch;
    private final String markerSymbol;
    private final String hint;
    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;

    private LibraryLoader(Builder b) {
        this.displayName = b.displayName;
        this.fileName = b.fileName;
        this.pathProperty = b.pathProperty;
        this.pathEnvironment = b.pathEnvironment;
        this.directories = List.copyOf(b.directories);
        this.systemSearch = b.systemSearch;
        this.markerSymbol = b.markerSymbol;
        this.hint = b.hint;
        this.properties = b.properties;
        this.environment = b.environment;
    }

    /**
     * A loader for the library {@code name}: either a name that {@link System#mapLibraryName} turns into a file name
     * ({@code "expat"} becomes {@code libexpat.so}), or a file name or soname as it is ({@code "libexpat.so.1"}: any
     * name that starts with {@code lib} and contains {@code .so}, or ends with {@code .dylib} or {@code .dll}).
     *
     * @throws NullPointerException     for a null name
     * @throws IllegalArgumentException for a blank name or one with a path separator in it (an explicit path is given
     *                                  through {@link Builder#pathProperty} or {@link Builder#pathEnvironment})
     */
    public static Builder forLibrary(String name) {
        return new Builder(name);
    }

    /** The file name searched for in each directory (for {@code "expat"}: {@code libexpat.so}). */
    public String fileName() {
        return fileName;
    }

    /** The system property that names an explicit path, or null. */
    public String pathProperty() {
        return pathProperty;
    }

    /** The environment variable that names an explicit path, or null. */
    public String pathEnvironment() {
        return pathEnvironment;
    }

    /**
     * Searches the candidates in order and opens the first that exists.
     *
     * @throws LibraryLoadException listing every place tried and why each failed
     */
    public LoadedLibrary load() {
        List<Attempt> attempts = new ArrayList<>();
        for (Candidate candidate : candidates()) {
            if (candidate.bySearch()) {
                LoadedLibrary loaded = open(candidate, candidate.path(), attempts);
                if (loaded != null) {
                    return loaded;
                }
                continue;
            }
            Path path = candidate.path().toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                attempts.add(new Attempt(candidate.source(), path, "a directory, not a library file ("
                        + Dlopen.reason(path.toString(), "is a directory") + ")"));
                throw failure(displayName + " was found but is a directory", attempts);
            }
            if (!Files.exists(path)) {
                attempts.add(new Attempt(candidate.source(), path, "not found (" + Dlopen.reason(path.toString(),
                        "no such file") + ")"));
                continue;
            }
            String notLoadable = ElfCheck.problem(path);
            if (notLoadable != null) {
                attempts.add(new Attempt(candidate.source(), path, "refused before dlopen: " + notLoadable));
                throw failure(displayName + " was found but is not a loadable library", attempts);
            }
            LoadedLibrary loaded = open(candidate, path, attempts);
            if (loaded == null) {
                throw failure(displayName + " was found but could not be opened", attempts);
            }
            return loaded;
        }
        throw failure(displayName + " was not found", attempts);
    }

    /**
     * Opens {@code path} (or, for the system search, the file name) and checks the marker. Returns null after noting
     * why in {@code attempts} if it does not open; throws if it opens but is another library.
     */
    private LoadedLibrary open(Candidate candidate, Path path, List<Attempt> attempts) {
        Arena arena = Arena.ofShared();
        SymbolLookup lookup;
        try {
            lookup = candidate.bySearch() ? SymbolLookup.libraryLookup(fileName, arena)
                    : SymbolLookup.libraryLookup(path, arena);
        } catch (IllegalArgumentException e) {
            arena.close();
            String what = candidate.bySearch() ? "not found by the dynamic loader (" : "cannot be opened (";
            attempts.add(new Attempt(candidate.source(), path, what
                    + Dlopen.reason(candidate.bySearch() ? fileName : path.toString(), e.getMessage()) + ")"));
            return null;
        }
        if (markerSymbol != null && lookup.find(markerSymbol).isEmpty()) {
            arena.close(); // unloads it again
            attempts.add(new Attempt(candidate.source(), path, "opened, but it does not export " + markerSymbol
                    + ": not " + displayName));
            throw failure("the file found is not " + displayName, attempts);
        }
        attempts.add(new Attempt(candidate.source(), path, "loaded"));
        return new LoadedLibrary(path, candidate.source(), List.copyOf(attempts), lookup);
    }

    private LibraryLoadException failure(String summary, List<Attempt> attempts) {
        return new LibraryLoadException(summary, attempts, hint != null ? hint : defaultHint());
    }

    private String defaultHint() {
        String explicit = (pathProperty != null ? "-D" + pathProperty : "")
                + (pathProperty != null && pathEnvironment != null ? " or " : "")
                + (pathEnvironment != null ? "$" + pathEnvironment : "");
        return explicit.isEmpty() ? "Install " + fileName + " where the dynamic loader finds it, or add its directory"
                + " to java.library.path." : "Point " + explicit + " at " + fileName + ", or install it where the"
                + " dynamic loader finds it.";
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        String fromProperty = nonBlank(pathProperty == null ? null : properties.apply(pathProperty));
        String fromEnv = nonBlank(pathEnvironment == null ? null : environment.apply(pathEnvironment));
        if (fromProperty != null || fromEnv != null) {
            String source = fromProperty != null ? "-D" + pathProperty : "$" + pathEnvironment;
            candidates.add(new Candidate(source + " (explicit, no fallback)",
                    Path.of(fromProperty != null ? fromProperty : fromEnv), false));
            return candidates;
        }
        candidates.addAll(directories);
        String libraryPath = properties.apply(JAVA_LIBRARY_PATH);
        if (libraryPath != null) {
            for (String dir : libraryPath.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(new Candidate(JAVA_LIBRARY_PATH, Path.of(dir, fileName), false));
                }
            }
        }
        if (systemSearch) {
            candidates.add(new Candidate("the dynamic loader's search", Path.of(fileName), true));
        }
        return candidates;
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Asks the dynamic loader itself why {@code path} does not open: FFM's exception says only "Cannot open library".
     * Calls {@code dlopen}/{@code dlerror} from the C library through FFM, closing the handle if it opens after all.
     * Never call it on a file {@link ElfCheck#problem} refuses: {@code dlopen} of a truncated file can fault.
     *
     * @param path       the path or file name given to {@code dlopen}
     * @param ffmMessage what to say if the dynamic loader cannot be asked (on a platform without {@code dlerror})
     */
    public static String dlopenReason(Path path, String ffmMessage) {
        Objects.requireNonNull(path, "path");
        return Dlopen.reason(path.toString(), ffmMessage);
    }

    /** Configures a {@link LibraryLoader}; every setter checks its argument at once. */
    public static final class Builder {
        private final String displayName;
        private final String fileName;
        private String pathProperty;
        private String pathEnvironment;
        private final List<Candidate> directories = new ArrayList<>();
        private boolean systemSearch = true;
        private String markerSymbol;
        private String hint;
        private UnaryOperator<String> properties = System::getProperty;
        private UnaryOperator<String> environment = System::getenv;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a library name is a name (\"expat\") or a file name"
                        + " (\"libexpat.so.1\"), without a path: got \"" + name + "\"; give a path through"
                        + " pathProperty/pathEnvironment");
            }
            boolean fileNameAlready = (name.startsWith("lib") && name.contains(".so")) || name.endsWith(".dylib")
                    || name.endsWith(".dll");
            this.fileName = fileNameAlready ? name : System.mapLibraryName(name);
            this.displayName = fileNameAlready ? name : "lib" + name;
        }

        /** The system property whose value, when set, is the library's path and the only candidate. */
        public Builder pathProperty(String property) {
            this.pathProperty = checkedName(property, "property");
            return this;
        }

        /** The environment variable whose value, when set (and the property is not), is the only candidate. */
        public Builder pathEnvironment(String variable) {
            this.pathEnvironment = checkedName(variable, "variable");
            return this;
        }

        /** A directory searched for the file name before {@code java.library.path}; {@code source} names it in errors. */
        public Builder searchDirectory(String source, Path directory) {
            checkedName(source, "source");
            Objects.requireNonNull(directory, "directory");
            directories.add(new Candidate(source, directory.resolve(fileName), false));
            return this;
        }

        /** Whether the dynamic loader's own search by file name comes last (default: yes). */
        public Builder systemSearch(boolean enabled) {
            this.systemSearch = enabled;
            return this;
        }

        /** A symbol the library must export: a file without it is some other library, and is refused. */
        public Builder markerSymbol(String symbol) {
            this.markerSymbol = checkedName(symbol, "symbol");
            return this;
        }

        /** The last line of every failure message: how to fix it (default: which property or variable to set). */
        public Builder hint(String text) {
            this.hint = checkedName(text, "hint");
            return this;
        }

        /**
         * Where property values come from (default: {@link System#getProperty}); {@code java.library.path} is read
         * through it too. For tests and diagnostics.
         */
        public Builder properties(UnaryOperator<String> source) {
            this.properties = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Where environment values come from (default: {@link System#getenv}). For tests and diagnostics. */
        public Builder environment(UnaryOperator<String> source) {
            this.environment = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Settings only from {@code settings}, no real property or environment variable read: for tests. */
        public Builder settingsOnly(Map<String, String> settings) {
            Map<String, String> copy = Map.copyOf(settings);
            return properties(copy::get).environment(name -> null);
        }

        public LibraryLoader build() {
            return new LibraryLoader(this);
        }

        /** Shorthand for {@code build().load()}. */
        public LoadedLibrary load() {
            return build().load();
        }

        private static String checkedName(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException("a blank " + what);
            }
            return value;
        }
    }
}
