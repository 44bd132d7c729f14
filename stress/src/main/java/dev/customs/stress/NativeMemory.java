package dev.customs.stress;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's own native memory, as Native Memory Tracking counts it ({@code jcmd PID VM.native_memory summary}), read
 * in-process through the {@code DiagnosticCommand} MBean. NMT must be switched on when the JVM starts
 * ({@code -XX:NativeMemoryTracking=summary}); {@code ./customs stress} and the stress module's tests do.
 *
 * <p>What NMT sees at this boundary: FFM's native segments ({@code Arena.allocate}, category Other), upcall stubs
 * (Code), the stacks and bookkeeping of attached threads (Thread), JNI handles such as the global references JNA
 * keeps for callbacks (Internal). What it does not see: memory that native libraries allocate with {@code malloc}
 * themselves, libcustoms' and JNA's {@code Memory} alike; libcustoms counts its own
 * ({@code customs_live_allocations}).
 */
public final class NativeMemory {
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB",
            Pattern.MULTILINE);
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB",
            Pattern.MULTILINE);

    /**
     * The NMT categories a leak at the boundary cannot land in, left out of {@link Summary#committedAtTheBoundary()}:
     * the Java heap and the collector's structures that grow with it (both sized by the collector as it sees fit: G1
     * committed 20 MiB more of its own structures after a heap resize here), and the JIT compilers' working memory,
     * which comes and goes with the compilations in flight (swings of 20 MiB between two readings seconds apart).
     */
    public static final Set<String> NOT_AT_THE_BOUNDARY = Set.of("Java Heap", "GC", "Compiler", "Arena Chunk");

    private NativeMemory() {}

    /**
     * One NMT summary.
     *
     * @param committed  committed bytes in all
     * @param byCategory committed bytes per NMT category, in NMT's order
     */
    public record Summary(long committed, Map<String, Long> byCategory) {
        /** Committed bytes outside {@link #NOT_AT_THE_BOUNDARY}: where a leak at the boundary would show. */
        public long committedAtTheBoundary() {
            long excluded = 0;
            for (String category : NOT_AT_THE_BOUNDARY) {
                excluded += byCategory.getOrDefault(category, 0L);
            }
            return committed - excluded;
        }

        /** The categories whose committed bytes changed from {@code before} to this, largest change first. */
        public String largestChanges(Summary before, int n) {
            return byCategory.entrySet().stream()
                    .filter(e -> !NOT_AT_THE_BOUNDARY.contains(e.getKey()))
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.byCategory.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> Math.abs(e.getValue()) >= 1024)
                    .sorted((a, b) -> Long.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                    .limit(n)
                    .map(e -> e.getKey() + " " + Figure.bytes(e.getValue()))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("none");
        }
    }

    /** The summary now, or empty if NMT is off in this JVM. */
    public static Optional<Summary> read() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("could not run VM.native_memory through the DiagnosticCommand MBean", e);
        }
        return text.contains("not enabled") ? Optional.empty() : Optional.of(parse(text));
    }

    /** Parses {@code VM.native_memory summary} output. */
    public static Summary parse(String text) {
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            throw new IllegalArgumentException("no 'Total: reserved=..KB, committed=..KB' line in NMT output:\n"
                    + text);
        }
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Matcher m = CATEGORY.matcher(text);
        while (m.find()) {
            byCategory.put(m.group(1).trim(), Long.parseLong(m.group(3)) * 1024);
        }
        return new Summary(Long.parseLong(total.group(2)) * 1024, byCategory);
    }
}
