package dev.customs.examples.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** compress/uncompress: right bytes, the output written back exactly once, every error a typed exception. */
@Timeout(120)
class ZlibCompressTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    final Zlib zlib = new Zlib();
    final ZlibJna jna = new ZlibJna();

    static byte[] compressible(Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ("customs zlib example ".charAt(i % 21) + (random.nextInt(16) == 0 ? 1 : 0));
        }
        return data;
    }

    static byte[] javaInflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    static byte[] javaDeflate(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Test
    void roundTripsAndInteroperatesWithJavaUtilZip() throws DataFormatException {
        System.out.println("ZlibCompressTest seed: " + SEED);
        Random random = new Random(SEED);
        for (int size : new int[] {0, 1, 100, 65_536, 1 << 20}) {
            byte[] data = compressible(random, size);
            byte[] ffm = zlib.compress(data, Zlib.Z_DEFAULT_COMPRESSION);
            byte[] viaJna = jna.compress(data, Zlib.Z_DEFAULT_COMPRESSION);
            assertArrayEquals(ffm, viaJna, "the same libz through both backends, " + size + " bytes");
            assertArrayEquals(data, javaInflate(ffm), "java.util.zip inflates zlib's output, " + size + " bytes");
            assertArrayEquals(data, zlib.uncompress(javaDeflate(data), size), size + " bytes");
            assertArrayEquals(data, jna.uncompress(ffm, size), size + " bytes");
        }
    }

    @Test
    void theOutputIsWrittenBackExactlyOncePerCall() {
        byte[] data = compressible(new Random(SEED), 10_000);
        long before = zlib.copyHandoff().writeBacks();
        byte[] compressed = zlib.compress(data, 9);
        assertEquals(before + 1, zlib.copyHandoff().writeBacks(), "compress: one write-back");
        zlib.uncompress(compressed, data.length);
        assertEquals(before + 2, zlib.copyHandoff().writeBacks(), "uncompress: one write-back");
        long jnaBefore = jna.handoff().writeBacks();
        jna.compress(data, 9);
        assertEquals(jnaBefore + 1, jna.handoff().writeBacks(), "JNA compress: one write-back");
    }

    @Test
    void corruptInputIsADataError() {
        byte[] compressed = zlib.compress(compressible(new Random(SEED), 5_000), 6);
        byte[] corrupt = compressed.clone();
        corrupt[0] ^= 0x55; // the header's check bits
        ZlibException.Data e = assertThrows(ZlibException.Data.class, () -> zlib.uncompress(corrupt, 5_000));
        assertEquals(Zlib.Z_DATA_ERROR, e.code());
        assertEquals("data error", e.zError());
        assertTrue(e.getMessage().startsWith("uncompress: Z_DATA_ERROR (-3): data error"), e.getMessage());
        assertThrows(ZlibException.Data.class, () -> jna.uncompress(corrupt, 5_000));
    }

    @Test
    void truncatedInputIsATypedErrorNeverAPartialResult() {
        byte[] data = compressible(new Random(SEED), 50_000);
        byte[] compressed = zlib.compress(data, 6);
        for (int cut : new int[] {0, 1, 2, compressed.length / 2, compressed.length - 1}) {
            byte[] truncated = Arrays.copyOf(compressed, cut);
            ZlibException e = assertThrows(ZlibException.class, () -> zlib.uncompress(truncated, data.length));
            assertTrue(e instanceof ZlibException.Data || e instanceof ZlibException.Buffer, e.toString());
            assertThrows(ZlibException.class, () -> jna.uncompress(truncated, data.length));
        }
    }

    @Test
    void anOutputTooSmallIsABufferError() {
        byte[] data = compressible(new Random(SEED), 1_000);
        byte[] compressed = zlib.compress(data, 6);
        ZlibException.Buffer e = assertThrows(ZlibException.Buffer.class, () -> zlib.uncompress(compressed, 999));
        assertEquals("buffer error", e.zError());
    }

    @Test
    void anInvalidLevelIsAStreamError() {
        ZlibException.Stream e = assertThrows(ZlibException.Stream.class, () -> zlib.compress(new byte[10], 42));
        assertEquals(Zlib.Z_STREAM_ERROR, e.code());
        assertEquals("stream error", e.zError());
        assertThrows(ZlibException.Stream.class, () -> jna.compress(new byte[10], 42));
    }

    @Test
    void badArgumentsAreRefusedBeforeC() {
        assertThrows(IllegalArgumentException.class, () -> zlib.uncompress(new byte[4], -1));
        assertThrows(NullPointerException.class, () -> zlib.compress(null, 6));
        assertThrows(IllegalArgumentException.class, () -> jna.uncompress(new byte[4], -1));
    }
}
