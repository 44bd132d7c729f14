package dev.customs.examples.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.examples.zlib.ffm.alloc_func;
import dev.customs.examples.zlib.ffm.zlib_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming inflate/deflate with z_stream in an arena: pieces of any size, every error typed with the stream's msg. */
@Timeout(120)
class ZStreamTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    @Test
    void inflatesJavaDeflaterOutputFedInPiecesOfAnySize() {
        System.out.println("ZStreamTest seed: " + SEED);
        byte[] data = ZlibCompressTest.compressible(new Random(SEED), 300_000);
        byte[] compressed = ZlibCompressTest.javaDeflate(data);
        for (int piece : new int[] {1, 7, 4096, 16 * 1024, 100_000, compressed.length}) {
            assertArrayEquals(data, ZInflater.inflate(compressed, piece, data.length), "pieces of " + piece);
        }
    }

    @Test
    void deflatesWhatJavaInflaterReads() throws Exception {
        byte[] data = ZlibCompressTest.compressible(new Random(SEED), 200_000);
        for (int piece : new int[] {1_000, 50_000, data.length}) {
            byte[] compressed = ZDeflater.deflate(data, 6, piece);
            assertArrayEquals(data, ZlibCompressTest.javaInflate(compressed), "pieces of " + piece);
        }
        assertArrayEquals(new byte[0], ZlibCompressTest.javaInflate(ZDeflater.deflate(new byte[0], 6, 1)));
    }

    @Test
    void aCorruptHeaderIsADataErrorWithTheStreamsMessage() {
        byte[] compressed = ZlibCompressTest.javaDeflate("hello hello hello".getBytes());
        compressed[1] ^= 0x01; // FCHECK no longer makes the header a multiple of 31
        ZlibException.Data e = assertThrows(ZlibException.Data.class, () -> ZInflater.inflate(compressed, 64, 1000));
        assertEquals("data error", e.zError());
        assertEquals("incorrect header check", e.streamMessage());
        assertEquals("inflate: Z_DATA_ERROR (-3): data error: incorrect header check", e.getMessage());
    }

    @Test
    void aCorruptBodyIsADataErrorNamingWhatZlibFound() {
        byte[] data = ZlibCompressTest.compressible(new Random(SEED), 20_000);
        byte[] compressed = ZlibCompressTest.javaDeflate(data);
        byte[] corrupt = compressed.clone();
        corrupt[corrupt.length - 2] ^= 0x40; // inside the Adler-32 trailer
        ZlibException.Data e = assertThrows(ZlibException.Data.class, () -> ZInflater.inflate(corrupt, 512, 30_000));
        assertEquals("incorrect data check", e.streamMessage());
    }

    @Test
    void truncatedInputIsABufferErrorFromFinish() {
        byte[] data = ZlibCompressTest.compressible(new Random(SEED), 20_000);
        byte[] compressed = ZlibCompressTest.javaDeflate(data);
        for (int cut : new int[] {0, 1, 2, compressed.length / 3, compressed.length - 1}) {
            byte[] truncated = Arrays.copyOf(compressed, cut);
            ZlibException.Buffer e = assertThrows(ZlibException.Buffer.class,
                    () -> ZInflater.inflate(truncated, 100, 30_000), "cut at " + cut);
            assertTrue(e.streamMessage().startsWith("the input ended before the end of the zlib stream"), e.toString());
        }
    }

    @Test
    void bytesAfterTheEndOfTheStreamAreADataError() {
        byte[] compressed = ZlibCompressTest.javaDeflate("abc".getBytes());
        byte[] trailing = Arrays.copyOf(compressed, compressed.length + 3);
        ZlibException.Data e = assertThrows(ZlibException.Data.class, () -> ZInflater.inflate(trailing, 1000, 100));
        assertEquals("3 byte(s) after the end of the zlib stream", e.streamMessage());
    }

    @Test
    void outputBeyondTheLimitIsRefused() {
        byte[] bomb = ZlibCompressTest.javaDeflate(new byte[1 << 20]);
        ZlibException.Buffer e = assertThrows(ZlibException.Buffer.class, () -> ZInflater.inflate(bomb, 4096, 100_000));
        assertEquals("output exceeds the limit of 100000 bytes", e.streamMessage());
    }

    @Test
    void anAllocatorReturningNullIsAMemoryError() {
        AtomicInteger calls = new AtomicInteger();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment failing = alloc_func.allocate((opaque, items, size) -> {
                calls.incrementAndGet();
                return MemorySegment.NULL;
            }, arena);
            ZlibException.Memory e = assertThrows(ZlibException.Memory.class,
                    () -> new ZInflater(100, 1024, null, failing, MemorySegment.NULL));
            assertEquals(Zlib.Z_MEM_ERROR, e.code());
            assertEquals("insufficient memory", e.zError());
            assertEquals(1, calls.get(), "zlib asked the Java allocator once");
        }
    }

    @Test
    void aVersionMismatchIsAVersionError() {
        ZlibException.Version e = assertThrows(ZlibException.Version.class,
                () -> new ZInflater(100, 1024, "9.9.9", MemorySegment.NULL, MemorySegment.NULL));
        assertEquals("incompatible version", e.zError());
    }

    @Test
    void anInvalidLevelIsAStreamError() {
        ZlibException.Stream e = assertThrows(ZlibException.Stream.class, () -> new ZDeflater(42));
        assertEquals("deflateInit_: Z_STREAM_ERROR (-2): stream error", e.getMessage());
        assertNull(e.streamMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseIsRefused() {
        ZInflater inflater = new ZInflater(100);
        inflater.close();
        inflater.close();
        assertThrows(IllegalStateException.class, () -> inflater.update(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, inflater::finish);
        ZDeflater deflater = new ZDeflater(6);
        deflater.close();
        deflater.close();
        assertThrows(IllegalStateException.class, () -> deflater.update(new byte[1], 0, 1));
    }

    @Test
    void aStreamIsConfinedToItsThread() throws Exception {
        try (ZInflater inflater = new ZInflater(100)) {
            var pool = Executors.newSingleThreadExecutor();
            try {
                var f = pool.submit(() -> inflater.update(new byte[] {0x78}, 0, 1));
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof WrongThreadException, e.toString());
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertFalse(inflater.finished());
        }
    }

    @Test
    void theErrorCodesAreZlibHeadersOwn() {
        assertEquals(zlib_h.Z_OK(), Zlib.Z_OK);
        assertEquals(zlib_h.Z_STREAM_END(), Zlib.Z_STREAM_END);
        assertEquals(zlib_h.Z_NEED_DICT(), Zlib.Z_NEED_DICT);
        assertEquals(zlib_h.Z_ERRNO(), Zlib.Z_ERRNO);
        assertEquals(zlib_h.Z_STREAM_ERROR(), Zlib.Z_STREAM_ERROR);
        assertEquals(zlib_h.Z_DATA_ERROR(), Zlib.Z_DATA_ERROR);
        assertEquals(zlib_h.Z_MEM_ERROR(), Zlib.Z_MEM_ERROR);
        assertEquals(zlib_h.Z_BUF_ERROR(), Zlib.Z_BUF_ERROR);
        assertEquals(zlib_h.Z_VERSION_ERROR(), Zlib.Z_VERSION_ERROR);
        assertEquals(zlib_h.Z_DEFAULT_COMPRESSION(), Zlib.Z_DEFAULT_COMPRESSION);
        assertTrue(ZlibLibrary.version().startsWith("1."), ZlibLibrary.version());
    }
}
