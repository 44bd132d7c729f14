package dev.customs.pinning;

import dev.customs.pinning.specimen.CustomsArrayCalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customs.bindings.NoLibraryLeaks;
import dev.customs.bindings.jna.JnaLibraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of handing an array to C, on every backend, passes the same checksum and transform tests on arrays of
 * 0, 1, 7, 4 KiB and 1 MiB bytes, whole and as a region inside a larger array.
 */
@Timeout(120)
@ExtendWith(NoLibraryLeaks.class)
class ArrayHandoffTest {
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());
    static final int[] SIZES = {0, 1, 7, 4096, 1 << 20};

    /** Every way on every backend (the JNA ones on both mappings), each as fresh calls. */
    static Stream<Arguments> everyWay() {
        List<Arguments> all = new ArrayList<>();
        for (Handoff way : Handoff.values()) {
            all.add(Arguments.of("ffm " + way, CustomsArrayCalls.ffm(way)));
            all.add(Arguments.of("jna " + way, CustomsArrayCalls.jna(way, JnaLibraries.direct())));
            all.add(Arguments.of("jna-interface " + way, CustomsArrayCalls.jna(way, JnaLibraries.interfaceMapped())));
        }
        return all.stream();
    }

    static Random random(String test) {
        System.out.println("[" + test + "] seed " + SEED + " (replay with -Dcustoms.seed=" + SEED + ")");
        return new Random(SEED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWay")
    void checksumEqualsJavaCrc32(String name, CustomsArrayCalls<?> calls) {
        Random random = random("checksum " + name);
        for (int size : SIZES) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            CRC32 whole = new CRC32();
            whole.update(data);
            assertEquals((int) whole.getValue(), calls.crc32(0, data, 0, size), name + ", " + size + " bytes");

            byte[] padded = new byte[size + 16];
            random.nextBytes(padded);
            System.arraycopy(data, 0, padded, 5, size);
            assertEquals((int) whole.getValue(), calls.crc32(0, padded, 5, size), name + ", " + size
                    + " bytes at offset 5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWay")
    void transformMatchesTheFormulaAndTwiceRestores(String name, CustomsArrayCalls<?> calls) {
        Random random = random("transform " + name);
        for (int size : SIZES) {
            byte[] original = new byte[size + 16];
            random.nextBytes(original);
            byte[] data = original.clone();
            calls.transform(data, 3, size, (byte) 0x5A);
            assertArrayEquals(CustomsArrayCalls.javaTransform(original, 3, size, (byte) 0x5A), data, name + ", " + size
                    + " bytes: C's transform equals Java's");
            calls.transform(data, 3, size, (byte) 0x5A);
            assertArrayEquals(original, data, name + ", " + size + " bytes: applied twice restores");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWay")
    void regionsOutsideTheArrayAreRefused(String name, CustomsArrayCalls<?> calls) {
        byte[] data = new byte[16];
        var e = assertThrows(IndexOutOfBoundsException.class, () -> calls.crc32(0, data, 8, 9));
        assertEquals("Range [8, 8 + 9) out of bounds for length 16", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> calls.transform(data, -1, 2, (byte) 1));
        assertEquals("array", assertThrows(NullPointerException.class, () -> calls.crc32(0, null, 0, 0)).getMessage());
        assertEquals(0, calls.handoff().copiesIn(), "refused before any copy");
    }
}
