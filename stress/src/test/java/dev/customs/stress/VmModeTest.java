package dev.customs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VM-mode matrix ({@code ./customs matrix}) sets {@code -Dcustoms.vm.flags}, which the build appends to every test
 * JVM's command line. This checks, in the test JVM itself, that the mode asked for is the mode it runs in: a matrix
 * whose flags silently fell off the command line would pass every mode while testing only one.
 */
class VmModeTest {
    static final List<String> FLAGS = Arrays.stream(System.getProperty("customs.vm.flags", "").trim().split("\\s+"))
            .filter(f -> !f.isEmpty()).toList();
    static final HotSpotDiagnosticMXBean HOTSPOT = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theJvmRunsInTheModeTheBuildAskedFor() {
        System.out.println("[VmModeTest] customs.vm.flags=" + FLAGS + "; " + System.getProperty("java.vm.info")
                + "; collectors " + collectors());
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : FLAGS) {
            assertTrue(arguments.contains(flag), flag + " is not on this JVM's command line: " + arguments);
        }
        boolean interpreted = FLAGS.contains("-Xint");
        assertEquals(interpreted, System.getProperty("java.vm.info").contains("interpreted mode"),
                System.getProperty("java.vm.info"));
        assertEquals(interpreted ? "false" : "true", option("UseCompiler"));
        if (FLAGS.contains("-XX:TieredStopAtLevel=1")) {
            assertEquals("1", option("TieredStopAtLevel"));
        }
        if (FLAGS.contains("-XX:-TieredCompilation")) {
            assertEquals("false", option("TieredCompilation"));
        }
        for (String gc : List.of("G1", "Parallel", "Serial", "Z")) {
            if (FLAGS.contains("-XX:+Use" + gc + "GC")) {
                assertEquals("true", option("Use" + gc + "GC"));
                assertTrue(collectors().contains(gc), "collectors " + collectors() + " for -XX:+Use" + gc + "GC");
            }
        }
    }

    static String option(String name) {
        return HOTSPOT.getVMOption(name).getValue();
    }

    /** The collectors' MXBean names, e.g. "G1 Young Generation", "ZGC Cycles", "PS Scavenge", "Copy". */
    static String collectors() {
        String names = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .toList().toString();
        // Parallel's and Serial's beans do not carry the collector's name: say which family they belong to.
        return names + (names.contains("PS ") ? " Parallel" : "") + (names.contains("Copy") ? " Serial" : "");
    }
}
