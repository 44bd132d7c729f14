package dev.customs.fuzz.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.customs.examples.zlib.ZInflater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The zlib-inflate seeds cover both answers: streams both sides accept, and each kind of refusal. */
class ZlibInflateSeedsTest {
    static final Path SEEDS = Path.of(System.getProperty("customs.root"),
            "fuzz/src/test/resources/dev/customs/fuzz/SeedCorpusTestInputs/zlibInflate");

    /** The seed's input: everything but the 2 bytes FuzzedDataProvider takes from the end for the piece size. */
    static byte[] input(String seed) throws IOException {
        byte[] all = Files.readAllBytes(SEEDS.resolve(seed));
        return Arrays.copyOf(all, all.length - 2);
    }

    @Test
    void validSeedsAreAcceptedByBothAndEqual() throws IOException {
        for (String seed : new String[] {"valid-stream", "valid-stream-one-byte-pieces", "empty-content",
            "stored-block"}) {
            byte[] input = input(seed);
            Object java = ZlibInflateTarget.javaInflate(input);
            assertNotEquals(ZlibInflateTarget.REFUSED, java, seed);
            assertEquals(java, Arrays.toString(ZInflater.inflate(input, 7, ZlibInflateTarget.LIMIT)), seed);
        }
    }

    @Test
    void refusedSeedsAreRefusedByJava() throws IOException {
        for (String seed : new String[] {"corrupt-header", "corrupt-checksum", "truncated", "trailing-bytes",
            "preset-dictionary", "over-the-limit"}) {
            assertEquals(ZlibInflateTarget.REFUSED, ZlibInflateTarget.javaInflate(input(seed)), seed);
        }
    }
}
