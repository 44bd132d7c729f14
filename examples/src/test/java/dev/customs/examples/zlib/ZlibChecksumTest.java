package dev.customs.examples.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customs.examples.zlib.ffm.zlib_h;
import java.lang.foreign.SymbolLookup;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** crc32 and adler32 over Java arrays through a critical heap handoff: equal to java.util.zip from 0 B to 1 MiB. */
@Timeout(120)
class ZlibChecksumTest {
    static final int MIB = 1 << 20;
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    final Zlib zlib = new Zlib();
    final ZlibJna jna = new ZlibJna();

    @Test
    void theCriticalHandlesUseJextractsDescriptorAndAddress() {
        assertEquals(zlib_h.crc32$descriptor(), ZlibLibrary.CHECKSUM);
        assertEquals(zlib_h.adler32$descriptor(), ZlibLibrary.CHECKSUM);
        assertEquals(zlib_h.crc32$address().address(),
                SymbolLookup.loaderLookup().findOrThrow("crc32").address());
    }

    static int[] sizes(Random random) {
        int[] sizes = new int[40];
        int[] fixed = {0, 1, 15, 16, 17, 4095, 4096, 65536, MIB - 1, MIB};
        System.arraycopy(fixed, 0, sizes, 0, fixed.length);
        for (int i = fixed.length; i < sizes.length; i++) {
            sizes[i] = random.nextInt(MIB + 1);
        }
        return sizes;
    }

    @Test
    void crc32AndAdler32EqualJavaUtilZipOnSeededRandomInputs() {
        System.out.println("ZlibChecksumTest seed: " + SEED + " (replay with -Dcustoms.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int size : sizes(random)) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            CRC32 crc = new CRC32();
            crc.update(data);
            Adler32 adler = new Adler32();
            adler.update(data);
            assertEquals(crc.getValue(), zlib.crc32(data), "crc32 of " + size + " bytes, seed " + SEED);
            assertEquals(adler.getValue(), zlib.adler32(data), "adler32 of " + size + " bytes, seed " + SEED);
            assertEquals(crc.getValue(), jna.crc32(data), "JNA crc32 of " + size + " bytes, seed " + SEED);
        }
        assertEquals(0, zlib.heapHandoff().copiesIn(), "the critical heap handoff copies nothing");
        assertEquals(0, zlib.heapHandoff().writeBacks());
    }

    @Test
    void aRegionAndAContinuedChecksumEqualJavaUtilZip() {
        Random random = new Random(SEED);
        byte[] data = new byte[10_000];
        random.nextBytes(data);
        CRC32 whole = new CRC32();
        whole.update(data);
        long continued = zlib.crc32(zlib.crc32(0, data, 0, 4_000), data, 4_000, 6_000);
        assertEquals(whole.getValue(), continued);
        CRC32 region = new CRC32();
        region.update(data, 123, 4_567);
        assertEquals(region.getValue(), zlib.crc32(0, data, 123, 4_567));
        assertEquals(region.getValue(), jna.crc32(0, data, 123, 4_567));
    }

    @Test
    void theCheckValueOfTheStandard() {
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0xcbf43926L, zlib.crc32(check));
        assertEquals(0x091e01deL, zlib.adler32(check));
    }

    @Test
    void aRegionOutsideTheArrayIsRefusedBeforeC() {
        byte[] data = new byte[8];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> zlib.crc32(0, data, 4, 5));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> jna.crc32(0, data, -1, 2));
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> zlib.crc32(null));
    }
}
