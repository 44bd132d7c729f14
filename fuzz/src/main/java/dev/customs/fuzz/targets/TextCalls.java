package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.Customs;
import dev.customs.api.ErrnoException;
import dev.customs.api.NativeBuffer;
import dev.customs.api.StructDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Every call that takes a string bound for C, with the string (null, a NUL inside, any Unicode) and the output
 * capacity chosen by the fuzzer: a result equal to what Java computes from UTF-8, or the documented refusal.
 */
final class TextCalls {
    private static final int MAX_CHARS = 48;
    private static final String PREFIX = "Hello, ";
    private static final String SUFFIX = "!";
    /** A file of known size for customs_file_size, created once; the fuzzer picks among fixed paths only. */
    private static final Path KNOWN_FILE = knownFile();

    private TextCalls() {}

    static void greet(Customs c, FuzzedDataProvider data) {
        String name = Inputs.stringOrNull(data, MAX_CHARS);
        String greeting = Expect.outcome(c.backend() + " greet", Inputs.cStringRefusal("name", name), () -> c.greet(name));
        if (greeting != null) {
            Expect.equal(c.backend() + " greet", PREFIX + viaUtf8(name) + SUFFIX, greeting);
        }
    }

    /** The raw snprintf contract: at most {@code capacity} bytes written, NUL-terminated, the full length returned. */
    static void greetInto(Customs c, FuzzedDataProvider data) {
        String name = Inputs.stringOrNull(data, MAX_CHARS);
        int capacity = data.consumeInt(1, 64);
        try (NativeBuffer out = c.allocate(capacity)) {
            Long needed = Expect.outcome(c.backend() + " greetInto", Inputs.cStringRefusal("name", name),
                    () -> c.greetInto(name, out));
            byte[] expected = new byte[capacity];
            if (needed != null) {
                byte[] full = (PREFIX + viaUtf8(name) + SUFFIX).getBytes(StandardCharsets.UTF_8);
                Expect.equal(c.backend() + " greetInto length", (long) full.length, needed);
                System.arraycopy(full, 0, expected, 0, Math.min(full.length, capacity - 1));
            }
            byte[] actual = out.toArray();
            Expect.that(Arrays.equals(expected, actual), () -> c.backend() + " greetInto wrote " + Arrays.toString(actual)
                    + " into " + capacity + " bytes, expected " + Arrays.toString(expected));
        }
    }

    static void toUpper(Customs c, FuzzedDataProvider data) {
        String s = Inputs.stringOrNull(data, MAX_CHARS);
        String upper = Expect.outcome(c.backend() + " toUpper", Inputs.cStringRefusal("s", s), () -> c.toUpper(s));
        if (upper != null) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                    bytes[i] -= 'a' - 'A';
                }
            }
            Expect.equal(c.backend() + " toUpper", new String(bytes, StandardCharsets.UTF_8), upper);
        }
    }

    static void fileSize(Customs c, FuzzedDataProvider data) {
        String path = data.pickValue(Arrays.asList(null, "", "/no/such/file", "/", "bad\0path", KNOWN_FILE.toString()));
        Refusal refusal = Inputs.cStringRefusal("path", path);
        if (refusal == null && !path.equals(KNOWN_FILE.toString())) {
            refusal = Refusal.of(ErrnoException.class, path.equals("/") ? "EISDIR (21)" : "ENOENT (2)");
        }
        Long size = Expect.outcome(c.backend() + " fileSize(" + path + ")", refusal, () -> c.fileSize(path));
        if (refusal == null) {
            Expect.equal(c.backend() + " fileSize", (long) "known size".length(), size);
        }
    }

    static void describeStruct(Customs c, FuzzedDataProvider data) {
        String type = data.consumeBoolean() ? data.pickValue(List.of("customs_sample", "customs_record_info"))
                : Inputs.stringOrNull(data, MAX_CHARS);
        Refusal refusal = Inputs.cStringRefusal("type", type);
        boolean known = "customs_sample".equals(type) || "customs_record_info".equals(type);
        if (refusal == null && !known) {
            refusal = Refusal.of(IllegalArgumentException.class, "libcustoms describes no public struct named '" + type + "'");
        }
        StructDescription description = Expect.outcome(c.backend() + " describeStruct", refusal,
                () -> c.describeStruct(type));
        if (description != null) {
            Expect.equal(c.backend() + " " + type + " layout", c.bindingLayout(type), description);
        }
    }

    /** The string C receives and gives back: UTF-8 of the Java string (an unpaired surrogate becomes '?'). */
    private static String viaUtf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static Path knownFile() {
        try {
            Path file = Files.createTempFile("customs-fuzz-", ".txt");
            Files.writeString(file, "known size");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file customs_file_size is fuzzed with", e);
        }
    }
}
