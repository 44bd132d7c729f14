package dev.customs.examples;

import dev.customs.loader.ElfCheck;
import dev.customs.loader.LibraryLoader;
import java.io.File;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Opens a system library (zlib, SQLite) so that jextract's output finds its symbols, with the toolkit loader's
 * diagnostics: every place tried, the ELF check before {@code dlopen} ({@link ElfCheck}), the dynamic loader's own
 * reason ({@link LibraryLoader#dlopenReason}), and, when the library is missing, the Debian package to install.
 *
 * <p>Bindings generated without {@code --library} look their symbols up in their class loader's libraries
 * ({@code SymbolLookup.loaderLookup()}); {@link #load()} puts the library there with {@code System.load}, so it must
 * run before the first generated call ({@code ZlibLibrary} and {@code SqliteLibrary} do it in their static
 * initialisers). The JNA counterparts open the same file ({@link Loaded#path()}).
 *
 * <p>Where it looks, in order: an explicit path (a system property, else an environment variable; when set it is the
 * only candidate), then each soname in each directory of {@code java.library.path} and of the system's library
 * directories (Debian's multiarch ones included, which {@code java.library.path} lacks).
 *
 * <p>(The toolkit's {@code LibraryLoader} on main still opens only libcustoms; once it takes any library by name, this
 * class becomes one configuration of it.)
 */
public final class SystemLibrary {
    /** Library directories searched after {@code java.library.path}: Debian multiarch first. */
    static final List<String> SYSTEM_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/lib");

    /** An opened library: the file and where it was found. */
    public record Loaded(String name, Path path, String source, List<LibraryLoader.Attempt> attempts) {}

    private final String name;
    private final List<String> sonames;
    private final String property;
    private final String environment;
    private final String markerSymbol;
    private final String debianPackage;
    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> env;

    /**
     * @param name          what the library is called in messages ("zlib")
     * @param sonames       file names to look for, most specific first ("libz.so.1", "libz.so")
     * @param property      the system property naming an explicit path
     * @param environment   the environment variable naming an explicit path
     * @param markerSymbol  a symbol the library must export, else the file found is some other library
     * @param debianPackage what to install when it is missing
     */
    public SystemLibrary(String name, List<String> sonames, String property, String environment, String markerSymbol,
                         String debianPackage) {
        this(name, sonames, property, environment, markerSymbol, debianPackage, System::getProperty, System::getenv);
    }

    /** The same, with the property and environment sources given (for tests). */
    public SystemLibrary(String name, List<String> sonames, String property, String environment, String markerSymbol,
                         String debianPackage, UnaryOperator<String> properties, UnaryOperator<String> env) {
        this.name = Objects.requireNonNull(name, "name");
        this.sonames = List.copyOf(sonames);
        this.property = Objects.requireNonNull(property, "property");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.markerSymbol = Objects.requireNonNull(markerSymbol, "markerSymbol");
        this.debianPackage = Objects.requireNonNull(debianPackage, "debianPackage");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The Debian package that provides the library and its header. */
    public String debianPackage() {
        return debianPackage;
    }

    /**
     * Opens the first candidate that exists, into this class loader's libraries.
     *
     * @throws MissingLibraryException listing every place tried, the reason for each, and what to install
     */
    public Loaded load() {
        List<LibraryLoader.Attempt> attempts = new ArrayList<>();
        for (var candidate : candidates()) {
            Path path = candidate.path().toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                attempts.add(new LibraryLoader.Attempt(candidate.source(), path, "not found"));
                continue;
            }
            String notLoadable = ElfCheck.problem(path);
            if (notLoadable != null) {
                attempts.add(new LibraryLoader.Attempt(candidate.source(), path, "refused before dlopen: "
                        + notLoadable));
                throw missing("was found but is not a loadable library", attempts);
            }
            try {
                System.load(path.toString());
            } catch (UnsatisfiedLinkError e) {
                attempts.add(new LibraryLoader.Attempt(candidate.source(), path, "cannot be opened: "
                        + LibraryLoader.dlopenReason(path, e.getMessage())));
                throw missing("was found but could not be opened", attempts);
            }
            if (SymbolLookup.loaderLookup().find(markerSymbol).isEmpty()) {
                attempts.add(new LibraryLoader.Attempt(candidate.source(), path, "opened, but it does not export "
                        + markerSymbol + ": not " + name));
                throw missing("was found but is some other library", attempts);
            }
            attempts.add(new LibraryLoader.Attempt(candidate.source(), path, "loaded"));
            return new Loaded(name, path, candidate.source(), List.copyOf(attempts));
        }
        throw missing("was not found", attempts);
    }

    private MissingLibraryException missing(String what, List<LibraryLoader.Attempt> attempts) {
        return new MissingLibraryException(name + " " + what + " (install it: apt-get install -y " + debianPackage
                + ", or point -D" + property + " / $" + environment + " at the library)", debianPackage, attempts);
    }

    private record Candidate(String source, Path path) {}

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        String explicit = properties.apply(property);
        String source = "-D" + property;
        if (explicit == null || explicit.isBlank()) {
            explicit = env.apply(environment);
            source = "$" + environment;
        }
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(new Candidate(source + " (explicit, no fallback)", Path.of(explicit)));
            return candidates;
        }
        List<String> dirs = new ArrayList<>();
        String libraryPath = properties.apply("java.library.path");
        if (libraryPath != null) {
            for (String dir : libraryPath.split(File.pathSeparator)) {
                if (!dir.isBlank() && !dirs.contains(dir)) {
                    dirs.add(dir);
                }
            }
        }
        for (String dir : SYSTEM_DIRS) {
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
        }
        for (String soname : sonames) {
            for (String dir : dirs) {
                candidates.add(new Candidate(SYSTEM_DIRS.contains(dir) ? "system library directory"
                        : "java.library.path", Path.of(dir, soname)));
            }
        }
        return candidates;
    }
}
