package dev.customs.loader;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Finds and opens {@code libcustoms}: the one loader both backends use, so FFM and JNA always talk to the same file.
 *
 * <p>Where it looks, in order:
 * <ol>
 *   <li>an explicit path: system property {@value #PATH_PROPERTY}, else environment variable {@value #PATH_ENV}.
 *       When one is given it is the only candidate: a library the user named is never silently replaced by another;</li>
 *   <li>the build output: {@code <dir>/lib/libcustoms.so} for system property {@value #BUILD_DIR_PROPERTY} or environment
 *       variable {@value #BUILD_DIR_ENV}, else {@code build/native/lib/libcustoms.so} in the nearest directory above
 *       this class's jar or classes folder;</li>
 *   <li>each directory of {@code java.library.path}.</li>
 * </ol>
 * A candidate that does not exist is skipped. One that exists but cannot be opened stops the search: the error names
 * it with the dynamic loader's own reason ({@code dlerror()}), which FFM's "Cannot open library" message hides. A file
 * that is not a complete ELF object is refused before {@code dlopen} sees it ({@link ElfCheck}): glibc faults on a
 * truncated one, which would kill the JVM.
 */
public final class LibraryLoader {
    public static final String PATH_PROPERTY = "customs.library";
    public static final String PATH_ENV = "CUSTOMS_LIBRARY";
    public static final String BUILD_DIR_PROPERTY = "customs.build.dir";
    public static final String BUILD_DIR_ENV = "CUSTOMS_BUILD_DIR";
    public static final String FILE_NAME = System.mapLibraryName("customs");
    /** A symbol every libcustoms exports; a file without it is some other library. */
    public static final String MARKER_SYMBOL = "customs_version";

    /** One place looked at, and what was found there. */
    public record Attempt(String source, Path path, String outcome) {
        @Override
        public String toString() {
            return source + ": " + path + " -> " + outcome;
        }
    }

    /** The opened library: where it came from, what was tried first, and the FFM lookup of its symbols. */
    public record LoadedLibrary(Path path, String source, List<Attempt> attempts, SymbolLookup lookup) {}

    private record Candidate(String source, Path path) {}

    private static LoadedLibrary shared;

    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;
    private final Path codeLocation;

    /**
     * A loader reading the given property and environment sources; {@code codeLocation} is where the search for the
     * build output starts (null: none).
     */
    public LibraryLoader(UnaryOperator<String> properties, UnaryOperator<String> environment, Path codeLocation) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.codeLocation = codeLocation;
    }

    /** A loader configured from explicit settings only, for diagnostics and tests: no environment is read. */
    public static LibraryLoader withSettings(Map<String, String> properties) {
        return new LibraryLoader(properties::get, name -> null, null);
    }

    /** The library this process uses, opened once on first use from the real system properties and environment. */
    public static synchronized LoadedLibrary shared() {
        if (shared == null) {
            shared = new LibraryLoader(System::getProperty, System::getenv, codeLocationOf(LibraryLoader.class)).load();
        }
        return shared;
    }

    /**
     * Searches the candidates in order and opens the first that exists.
     *
     * @throws LibraryLoadException listing every place tried and why each failed
     */
    public LoadedLibrary load() {
        List<Attempt> attempts = new ArrayList<>();
        for (Candidate candidate : candidates()) {
            Path path = candidate.path().toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                attempts.add(new Attempt(candidate.source(), path, "not found"));
                continue;
            }
            String notLoadable = ElfCheck.problem(path);
            if (notLoadable != null) {
                attempts.add(new Attempt(candidate.source(), path, "refused before dlopen: " + notLoadable));
                throw new LibraryLoadException("libcustoms was found but is not a loadable library", attempts);
            }
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(path, Arena.global());
            } catch (IllegalArgumentException e) {
                attempts.add(new Attempt(candidate.source(), path, "cannot be opened: " + dlopenReason(path,
                        e.getMessage())));
                throw new LibraryLoadException("libcustoms was found but could not be opened", attempts);
            }
            if (lookup.find(MARKER_SYMBOL).isEmpty()) {
                attempts.add(new Attempt(candidate.source(), path, "opened, but it does not export " + MARKER_SYMBOL
                        + ": not libcustoms"));
                throw new LibraryLoadException("the file found is not libcustoms", attempts);
            }
            attempts.add(new Attempt(candidate.source(), path, "loaded"));
            return new LoadedLibrary(path, candidate.source(), List.copyOf(attempts), lookup);
        }
        throw new LibraryLoadException("libcustoms was not found", attempts);
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        String explicit = firstSet(PATH_PROPERTY, PATH_ENV);
        if (explicit != null) {
            String source = properties.apply(PATH_PROPERTY) != null ? "-D" + PATH_PROPERTY : "$" + PATH_ENV;
            candidates.add(new Candidate(source + " (explicit, no fallback)", Path.of(explicit)));
            return candidates;
        }
        String buildDir = firstSet(BUILD_DIR_PROPERTY, BUILD_DIR_ENV);
        if (buildDir != null) {
            String source = properties.apply(BUILD_DIR_PROPERTY) != null ? "-D" + BUILD_DIR_PROPERTY : "$" + BUILD_DIR_ENV;
            candidates.add(new Candidate("build output (" + source + ")", Path.of(buildDir, "lib", FILE_NAME)));
        } else if (codeLocation != null) {
            for (Path dir = codeLocation; dir != null; dir = dir.getParent()) {
                Path library = dir.resolve("build").resolve("native").resolve("lib").resolve(FILE_NAME);
                if (Files.exists(library) || dir.getParent() == null) {
                    candidates.add(new Candidate("build output (above " + codeLocation + ")", library));
                    break;
                }
            }
        }
        String libraryPath = properties.apply("java.library.path");
        if (libraryPath != null) {
            for (String dir : libraryPath.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(new Candidate("java.library.path", Path.of(dir, FILE_NAME)));
                }
            }
        }
        return candidates;
    }

    private String firstSet(String property, String env) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(env);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** The directory holding the jar or class folder that {@code type} was loaded from, or null. */
    public static Path codeLocationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Asks the dynamic loader itself why {@code path} does not open: FFM's exception says only "Cannot open library".
     * Calls {@code dlopen}/{@code dlerror} from the C library through FFM, closing the handle if it opens after all.
     */
    public static String dlopenReason(Path path, String ffmMessage) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        var dlopenAddr = libc.find("dlopen");
        var dlerrorAddr = libc.find("dlerror");
        var dlcloseAddr = libc.find("dlclose");
        if (dlopenAddr.isEmpty() || dlerrorAddr.isEmpty() || dlcloseAddr.isEmpty()) {
            return ffmMessage + " (dlerror unavailable on this platform)";
        }
        MethodHandle dlopen = linker.downcallHandle(dlopenAddr.get(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle dlerror = linker.downcallHandle(dlerrorAddr.get(),
                FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(
                        java.lang.foreign.MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE))));
        MethodHandle dlclose = linker.downcallHandle(dlcloseAddr.get(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        final int rtldNow = 2;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(path.toString()), rtldNow);
            if (!MemorySegment.NULL.equals(handle)) {
                int ignored = (int) dlclose.invokeExact(handle);
                return ffmMessage + " (dlopen succeeded when retried)";
            }
            MemorySegment message = (MemorySegment) dlerror.invokeExact();
            return MemorySegment.NULL.equals(message) ? ffmMessage : message.getString(0);
        } catch (Throwable t) {
            return ffmMessage + " (dlerror could not be read: " + t + ")";
        }
    }
}
