package dev.customs.bench;

import dev.customs.bindings.Libcustoms;
import dev.customs.api.Customs;
import dev.customs.loader.LibraryLoader;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.JnaLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
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
 *   <li>{@code linkDowncallFirst}, {@code linkDowncallLater}: the first downcall handle the process links (the FFM
 *       linker's own start-up included), then the median of {@value #LATER} more, each of a shape not linked before
 *       (a handle of a shape already linked reuses its stub and costs almost nothing);</li>
 *   <li>{@code upcallStubFirst}, {@code upcallStubLater}: the same for upcall stubs;</li>
 *   <li>{@code ffmLinkAll}: one downcall handle per function of customs.h (every {@code customs_h.NAME$handle()}),
 *       after the lines above, so the linker is already started;</li>
 *   <li>{@code jnaLoadAndRegister}: JNA's interface mapping ({@code Native.load}) and direct mapping
 *       ({@code Native.register});</li>
 *   <li>{@code firstResult}: the first result through the checked API on each backend (a CRC and an upcall).</li>
 * </ol>
 */
public final class ColdStart {
    /** System property: the instant (ISO-8601) the parent launched this JVM. */
    static final String LAUNCHED_PROPERTY = "customs.bench.launched";

    /** How many handles and stubs of new shapes {@code linkDowncallLater} and {@code upcallStubLater} time. */
    static final int LATER = 6;

    private ColdStart() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        long mainNanos = System.nanoTime();
        // The parent passes the wall-clock instant it launched this JVM; ProcessHandle's start instant is derived
        // from the boot time in whole seconds, too coarse for this.
        Instant launched = Instant.parse(System.getProperty(LAUNCHED_PROPERTY, Instant.now().toString()));
        double jvmToMain = Duration.between(launched, Instant.now()).toNanos() / 1e6;

        long t = System.nanoTime();
        CustomsLookup.load(); // Libcustoms.shared(), then the file loaded where jextract's customs_h looks
        double loadLibrary = millisSince(t);

        Linker linker = Linker.nativeLinker();
        MemorySegment add = Libcustoms.shared().lookup().findOrThrow("customs_add");
        double[] downcalls = new double[LATER + 1];
        double[] upcalls = new double[LATER + 1];
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i <= LATER; i++) {
                FunctionDescriptor shape = shape(i);
                t = System.nanoTime();
                linker.downcallHandle(add, shape);
                downcalls[i] = millisSince(t);
                MethodHandle target = MethodHandles.empty(shape.toMethodType());
                t = System.nanoTime();
                linker.upcallStub(target, shape, arena);
                upcalls[i] = millisSince(t);
            }
        }

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

        System.out.printf(java.util.Locale.ROOT, "{\"jvmToMain\":%.2f,\"loadLibrary\":%.2f,"
                + "\"linkDowncallFirst\":%.2f,\"linkDowncallLater\":%.3f,\"upcallStubFirst\":%.2f,"
                + "\"upcallStubLater\":%.3f,\"ffmLinkAll\":%.2f,\"jnaLoadAndRegister\":%.2f,\"firstResult\":%.2f,"
                + "\"handles\":%d,\"check\":%d,\"inMain\":%.2f}%n",
                jvmToMain, loadLibrary, downcalls[0], laterMedian(downcalls), upcalls[0], laterMedian(upcalls),
                ffmLinkAll, jnaLoad, firstResult, handles, check, millisSince(mainNanos));
    }

    /**
     * The {@code i}-th shape: {@code i + 2} arguments, two doubles then ints, longs and doubles in turn, so every shape
     * differs from the others (and none is linked before it in this process).
     */
    static FunctionDescriptor shape(int i) {
        ValueLayout[] kinds = {ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT};
        MemoryLayout[] args = new MemoryLayout[i + 2];
        for (int a = 0; a < args.length; a++) {
            args[a] = a < 2 ? ValueLayout.JAVA_DOUBLE : kinds[(a + i) % kinds.length];
        }
        return FunctionDescriptor.of(kinds[i % kinds.length], args);
    }

    /** The median of {@code times[1..]}: what linking one more shape costs once the first is done. */
    static double laterMedian(double[] times) {
        double[] later = java.util.Arrays.copyOfRange(times, 1, times.length);
        java.util.Arrays.sort(later);
        return later[later.length / 2];
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }
}
