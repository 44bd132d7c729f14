package dev.customs.bench;

import dev.customs.api.Customs;
import dev.customs.loader.LibraryLoader;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;

/**
 * Item 5, measured inside a fresh JVM: the cold-start budget line by line. Run as a child process (with and without an
 * AppCDS archive) by {@link BenchMain}; prints one JSON object with milliseconds per line:
 * <ol>
 *   <li>{@code jvmToMain}: process start to the first line of {@code main} (JVM bootstrap);</li>
 *   <li>{@code loadLibrary}: {@link LibraryLoader} finds and opens libcustoms;</li>
 *   <li>{@code ffmLinkAll}: one downcall handle per function of customs.h (every {@code customs_h.NAME$handle()});</li>
 *   <li>{@code jnaLoadAndRegister}: JNA's interface mapping ({@code Native.load}) and direct mapping
 *       ({@code Native.register});</li>
 *   <li>{@code firstResult}: the first result through the checked API on each backend (a CRC and an upcall).</li>
 * </ol>
 */
public final class ColdStart {
    /** System property: the instant (ISO-8601) the parent launched this JVM. */
    static final String LAUNCHED_PROPERTY = "customs.bench.launched";

    private ColdStart() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        long mainNanos = System.nanoTime();
        // The parent passes the wall-clock instant it launched this JVM; ProcessHandle's start instant is derived
        // from the boot time in whole seconds, too coarse for this.
        Instant launched = Instant.parse(System.getProperty(LAUNCHED_PROPERTY, Instant.now().toString()));
        double jvmToMain = Duration.between(launched, Instant.now()).toNanos() / 1e6;

        long t = System.nanoTime();
        LibraryLoader.shared();
        double loadLibrary = millisSince(t);

        t = System.nanoTime();
        int handles = 0;
        for (Method m : customs_h.class.getMethods()) {
            if (m.getName().endsWith("$handle") && Modifier.isStatic(m.getModifiers())) {
                m.invoke(null);
                handles++;
            }
        }
        double ffmLinkAll = millisSince(t);

        t = System.nanoTime();
        JnaLibraries.interfaceMapped();
        JnaLibraries.direct().customs_noop();
        double jnaLoad = millisSince(t);

        t = System.nanoTime();
        long check = 0;
        for (String backend : new String[] {"ffm", "jna"}) {
            Customs c = Customs.open(backend);
            check += c.crc32(new byte[] {1, 2, 3});
            check += c.forEach(new int[] {1, 2, 3}, (i, v) -> 0);
        }
        double firstResult = millisSince(t);

        System.out.printf(java.util.Locale.ROOT, "{\"jvmToMain\":%.2f,\"loadLibrary\":%.2f,\"ffmLinkAll\":%.2f,"
                + "\"jnaLoadAndRegister\":%.2f,\"firstResult\":%.2f,\"handles\":%d,\"check\":%d,\"inMain\":%.2f}%n",
                jvmToMain, loadLibrary, ffmLinkAll, jnaLoad, firstResult, handles, check, millisSince(mainNanos));
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }
}
