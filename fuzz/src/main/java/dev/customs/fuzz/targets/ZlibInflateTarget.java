package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.examples.zlib.ZInflater;
import dev.customs.examples.zlib.ZlibException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * zlib inflate of fuzzer bytes, differential: the system's zlib through jextract's bindings and the toolkit
 * ({@link ZInflater}, fed in pieces of a size the fuzzer picks) against {@code java.util.zip.Inflater}. Both must give
 * the same bytes, or both refuse: corrupt data, a truncated stream, bytes after its end, a preset dictionary, or more
 * than {@link #LIMIT} bytes of output. Ours refuses only with a {@link ZlibException}; anything else is a finding.
 */
public final class ZlibInflateTarget {
    static final int LIMIT = 1 << 20;
    static final String REFUSED = "refused";

    private ZlibInflateTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int piece = data.consumeInt(1, 4096);
        byte[] input = data.consumeRemainingAsBytes();
        Object ours;
        try {
            ours = Arrays.toString(ZInflater.inflate(input, piece, LIMIT));
        } catch (ZlibException e) {
            ours = REFUSED;
        }
        Expect.equal("inflate of " + input.length + " bytes in pieces of " + piece + " vs java.util.zip.Inflater",
                javaInflate(input), ours);
    }

    /** java.util.zip's answer under the same rules: the whole stream, nothing after it, at most LIMIT bytes. */
    static Object javaInflate(byte[] input) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    return REFUSED; // truncated, or a preset dictionary
                }
                out.write(buffer, 0, n);
                if (out.size() > LIMIT) {
                    return REFUSED;
                }
            }
            return inflater.getRemaining() > 0 ? REFUSED : Arrays.toString(out.toByteArray());
        } catch (DataFormatException e) {
            return REFUSED;
        } finally {
            inflater.end();
        }
    }
}
