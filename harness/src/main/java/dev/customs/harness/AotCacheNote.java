package dev.customs.harness;

import java.io.PrintStream;
import java.util.Properties;

/**
 * The one line {@code ./customs demo} prints when the JVM refused the AOT cache the script gave it (damaged, or made by
 * another JDK or for another jar). The JVM then runs without any class-data sharing, so {@code java.vm.info} lacks
 * "sharing"; its own messages about the cache are switched off by the script. JDK classes only: the launcher's tests
 * put this class in a stand-in demo jar.
 */
public final class AotCacheNote {
    /** System property: the AOT cache the script passed with {@code -XX:AOTCache}. */
    public static final String CACHE_PROPERTY = "customs.aot.cache";

    private AotCacheNote() {}

    /** The note for these system properties, or null when no cache was asked for or the JVM is using it. */
    static String note(Properties properties) {
        String cache = properties.getProperty(CACHE_PROPERTY);
        if (cache == null || properties.getProperty("java.vm.info", "").contains("sharing")) {
            return null;
        }
        return "customs: note: the JVM refused the AOT cache " + cache
                + ", running without it; ./customs build makes a new one";
    }

    /** Prints the note on {@code err} when the JVM refused the cache. */
    public static void printIfRefused(PrintStream err) {
        String note = note(System.getProperties());
        if (note != null) {
            err.println(note);
        }
    }
}
