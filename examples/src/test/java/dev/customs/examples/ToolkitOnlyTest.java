package dev.customs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples stand on the toolkit alone, as a library author's binding would: libcustoms' bindings, the Customs API
 * and the specimen modules are not on the class path (the enforcer's bannedDependencies rule checks the same in the
 * build).
 */
class ToolkitOnlyTest {
    @Test
    void noSpecimenOrBindingsOnTheClassPath() {
        List<String> customs = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("customs-") || p.matches(".*/(loader|callbacks|pinning|lifetime|jna|checker"
                        + "|bindings|native|harness|fuzz|bench|stress)/target/.*"))
                .filter(p -> p.contains("bindings") || p.contains("specimen") || p.contains("harness")
                        || p.contains("fuzz") || p.contains("bench") || p.contains("stress"))
                .toList();
        assertEquals(List.of(), customs);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.customs.api.Customs"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.customs.bindings.ffm.customs_h"));
    }
}
