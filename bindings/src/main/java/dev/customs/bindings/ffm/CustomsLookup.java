package dev.customs.bindings.ffm;

import dev.customs.bindings.Libcustoms;
import dev.customs.loader.LibraryLoader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * Hand-written (not jextract output): puts libcustoms where the generated {@link customs_h} looks for symbols, opened
 * through Customs' own {@link LibraryLoader} rather than a bare {@code dlopen} by name.
 *
 * <p>{@code customs_h} is generated without {@code --library}, so its {@code SYMBOL_LOOKUP} is
 * {@code SymbolLookup.loaderLookup()}: the libraries loaded with {@code System.load} by this class loader.
 * {@link #load()} finds the file with {@link LibraryLoader} (explicit path, build output, {@code java.library.path}; a
 * truncated file refused before {@code dlopen}; {@code dlerror}'s reason on failure) and then loads that very file here,
 * so FFM and JNA always call the same library. Call it before the first call through {@code customs_h};
 * {@code Customs.open("ffm")} does. A function called before it fails with {@code UnsatisfiedLinkError:
 * unresolved symbol}.
 */
public final class CustomsLookup {
    private static Path loaded;

    private CustomsLookup() {}

    /**
     * Loads libcustoms for {@code customs_h}, once; later calls return the same path.
     *
     * @return the file loaded
     * @throws dev.customs.loader.LibraryLoadException listing every place tried when no loadable libcustoms is found
     */
    public static synchronized Path load() {
        if (loaded == null) {
            Path path = Libcustoms.shared().path();
            // Same class loader as customs_h (same package): its loaderLookup() now finds libcustoms' symbols.
            System.load(path.toString());
            loaded = path;
        }
        return loaded;
    }

    /**
     * The address of one of libcustoms' functions, loading the library first: what {@code customs_h.NAME$address()}
     * returns, without initialising the generated holder that also links jextract's own handle for it.
     *
     * @throws java.util.NoSuchElementException when libcustoms has no such symbol
     */
    public static MemorySegment find(String symbol) {
        load();
        return SymbolLookup.loaderLookup().find(symbol).orElseThrow(
                () -> new NoSuchElementException("libcustoms (" + loaded + ") has no symbol " + symbol));
    }
}
