package dev.customs.bindings.jna;

import dev.customs.bindings.Libcustoms;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.customs.loader.LibraryLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JNA view of libcustoms, opened from the file {@link LibraryLoader} found, so FFM and JNA always call the same
 * library. Strings cross as UTF-8 whatever the platform's default charset (a POSIX locale would otherwise mangle them).
 */
public final class JnaLibraries {
    /** Options shared by both mappings. */
    public static final Map<String, Object> OPTIONS =
            Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name());

    private static NativeLibrary library;
    private static CustomsLibrary interfaceMapped;
    private static CustomsLibrary direct;

    private JnaLibraries() {}

    /** libcustoms as a JNA {@code NativeLibrary}. */
    public static synchronized NativeLibrary library() {
        if (library == null) {
            library = NativeLibrary.getInstance(Libcustoms.shared().path().toString(), OPTIONS);
        }
        return library;
    }

    /** The interface mapping: a proxy converting every argument per call. */
    public static synchronized CustomsLibrary interfaceMapped() {
        if (interfaceMapped == null) {
            interfaceMapped = Native.load(Libcustoms.shared().path().toString(), CustomsLibrary.class, OPTIONS);
        }
        return interfaceMapped;
    }

    /** The direct mapping: {@code native} methods registered once. */
    public static synchronized CustomsLibrary direct() {
        if (direct == null) {
            direct = new CustomsDirect();
        }
        return direct;
    }
}
