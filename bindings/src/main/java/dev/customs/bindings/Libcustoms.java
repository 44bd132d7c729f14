package dev.customs.bindings;

import dev.customs.loader.LibraryLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * libcustoms' configuration of the toolkit's {@link LibraryLoader}: the one loader both backends use, so FFM and JNA
 * always talk to the same file.
 *
 * <p>Where it looks, in order:
 * <ol>
 *   <li>an explicit path: system property {@value #PATH_PROPERTY}, else environment variable {@value #PATH_ENV}, the
 *       only candidate when set;</li>
 *   <li>the build output: {@code <dir>/lib/libcustoms.so} for system property {@value #BUILD_DIR_PROPERTY} or
 *       environment variable {@value #BUILD_DIR_ENV}, else {@code build/native/lib/libcustoms.so} in the nearest
 *       directory above this class's jar or classes folder;</li>
 *   <li>each directory of {@code java.library.path}.</li>
 * </ol>
 * No system-wide search: a libcustoms installed elsewhere is never picked up by accident. A file found must export
 * {@value #MARKER_SYMBOL}.
 */
public final class Libcustoms {
    public static final String PATH_PROPERTY = "customs.library";
    public static final String PATH_ENV = "CUSTOMS_LIBRARY";
    public static final String BUILD_DIR_PROPERTY = "customs.build.dir";
    public static final String BUILD_DIR_ENV = "CUSTOMS_BUILD_DIR";
    public static final String FILE_NAME = System.mapLibraryName("customs");
    /** A symbol every libcustoms exports; a file without it is some other library. */
    public static final String MARKER_SYMBOL = "customs_version";

    private static LibraryLoader.LoadedLibrary shared;

    private Libcustoms() {}

    /** The library this process uses, opened once on first use from the real system properties and environment. */
    public static synchronized LibraryLoader.LoadedLibrary shared() {
        if (shared == null) {
            shared = loader(System::getProperty, System::getenv, codeLocationOf(Libcustoms.class)).load();
        }
        return shared;
    }

    /** A loader configured from explicit settings only, for diagnostics and tests: no environment is read. */
    public static LibraryLoader withSettings(Map<String, String> settings) {
        Map<String, String> copy = Map.copyOf(settings);
        return loader(copy::get, name -> null, null);
    }

    /**
     * libcustoms' loader reading the given property and environment sources; {@code codeLocation} is where the search
     * for the build output starts (null: none).
     */
    public static LibraryLoader loader(UnaryOperator<String> properties, UnaryOperator<String> environment,
            Path codeLocation) {
        LibraryLoader.Builder builder = LibraryLoader.forLibrary("customs")
                .pathProperty(PATH_PROPERTY)
                .pathEnvironment(PATH_ENV)
                .markerSymbol(MARKER_SYMBOL)
                .systemSearch(false)
                .properties(properties)
                .environment(environment)
                .hint("Build it with `./customs build`, or point -D" + PATH_PROPERTY + " / $" + PATH_ENV
                        + " at a libcustoms.so.");
        String buildDir = firstSet(properties.apply(BUILD_DIR_PROPERTY), environment.apply(BUILD_DIR_ENV));
        if (buildDir != null) {
            String source = nonBlank(properties.apply(BUILD_DIR_PROPERTY)) != null ? "-D" + BUILD_DIR_PROPERTY
                    : "$" + BUILD_DIR_ENV;
            builder.searchDirectory("build output (" + source + ")", Path.of(buildDir, "lib"));
        } else if (codeLocation != null) {
            for (Path dir = codeLocation; dir != null; dir = dir.getParent()) {
                Path lib = dir.resolve("build").resolve("native").resolve("lib");
                if (Files.exists(lib.resolve(FILE_NAME)) || dir.getParent() == null) {
                    builder.searchDirectory("build output (above " + codeLocation + ")", lib);
                    break;
                }
            }
        }
        return builder.build();
    }

    private static String firstSet(String property, String env) {
        String value = nonBlank(property);
        return value != null ? value : nonBlank(env);
    }

    private static String nonBlank(String value) {
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
}
