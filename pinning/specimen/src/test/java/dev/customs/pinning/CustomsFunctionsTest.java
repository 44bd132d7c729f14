package dev.customs.pinning;

import dev.customs.pinning.specimen.CustomsFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one place that describes libcustoms' functions agrees with {@code customs.h}: a function calls back exactly when
 * its comment says "Calls back: yes", retains a pointer exactly when its comment says so, and is linked critical only
 * where the comment says it is safe. A function the header says calls back or retains must be described.
 */
class CustomsFunctionsTest {
    private static final Pattern DECLARATION = Pattern.compile("CUSTOMS_API[^;(]*?\\b(customs_\\w+)\\s*\\(");

    /** Each function's doc comment, by name, from the header bundled with the bindings. */
    static Map<String, String> headerComments() throws IOException {
        String header;
        try (InputStream in = CustomsFunctionsTest.class.getResourceAsStream(
                "/dev/customs/bindings/conformance/customs.h")) {
            header = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> comments = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(header);
        while (m.find()) {
            int open = header.lastIndexOf("/**", m.start());
            int close = header.indexOf("*/", open);
            comments.put(m.group(1), header.substring(open, close));
        }
        return comments;
    }

    static boolean saysCallsBack(String comment) {
        return comment.contains("Calls back: yes");
    }

    static boolean saysRetains(String comment) {
        return comment.contains("RETAINS") || comment.contains("must stay valid until");
    }

    @Test
    void everyDescriptionMatchesItsHeaderComment() throws IOException {
        Map<String, String> comments = headerComments();
        assertTrue(comments.size() >= 30, "read " + comments.size() + " declarations");
        for (NativeFunction f : CustomsFunctions.described()) {
            String comment = comments.get(f.name());
            assertTrue(comment != null, f.name() + " is not declared in customs.h");
            assertEquals(saysCallsBack(comment), f.callsBack(), f.name() + ": calls back?");
            assertEquals(saysRetains(comment), f.retainsPointer(), f.name() + ": retains a pointer?");
        }
    }

    @Test
    void everyFunctionThatCallsBackOrRetainsIsDescribed() throws IOException {
        List<String> described = CustomsFunctions.described().stream().map(NativeFunction::name).toList();
        List<String> missing = new ArrayList<>();
        headerComments().forEach((name, comment) -> {
            if ((saysCallsBack(comment) || saysRetains(comment)) && !described.contains(name)) {
                missing.add(name);
            }
        });
        assertEquals(List.of(), missing, "describe these in CustomsFunctions: the rules depend on it");
    }

    @Test
    void criticalLinksOnlyWhereTheHeaderSaysItIsSafe() throws IOException {
        Map<String, String> comments = headerComments();
        for (Downcall d : List.of(CustomsFunctions.CRC32_CRITICAL, CustomsFunctions.TRANSFORM_CRITICAL)) {
            assertTrue(d.isCritical());
            assertTrue(comments.get(d.function().name()).toLowerCase().contains("safe to link as a critical call"),
                    d + " is linked critical but its header comment does not say that is safe");
        }
        assertTrue(comments.get("customs_for_each").contains("Must not be linked as a critical call."));
    }
}
