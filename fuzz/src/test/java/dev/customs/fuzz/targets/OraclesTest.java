package dev.customs.fuzz.targets;

import dev.customs.bindings.Libcustoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.api.RecordInfo;
import dev.customs.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The oracles the targets hold C to are right on hand-checked cases, and a target's checks do fail on a wrong answer:
 * otherwise a fuzz run without findings would prove nothing.
 */
class OraclesTest {
    @Test
    void crc32ReferenceEqualsTheJdksAndContinuesLikeZlib() {
        long seed = System.nanoTime();
        System.out.println("OraclesTest seed " + seed);
        Random random = new Random(seed);
        for (int n = 0; n < 200; n++) {
            byte[] a = new byte[random.nextInt(64)];
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(a);
            random.nextBytes(b);
            CRC32 jdk = new CRC32();
            jdk.update(a);
            jdk.update(b);
            int continued = new Crc32(new Crc32().update(a, 0, a.length).value()).update(b, 0, b.length).value();
            assertEquals((int) jdk.getValue(), continued, "seed " + seed);
        }
        assertEquals(0xCBF43926, new Crc32().update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9).value());
    }

    @Test
    void recordModelFollowsTheDocumentedFormatAndOffsets() {
        byte[] record = {'C', 'U', 'S', 'T', 1, 2, 1, 2, 0, 'h', 'i', 2, 1, 0, 7};
        CRC32 bodies = new CRC32();
        bodies.update(new byte[] {'h', 'i', 7});
        assertEquals(ParseResult.accepted(new RecordInfo(1, 2, 2, 0, 1, (int) bodies.getValue())),
                RecordModel.parse(record, 0, record.length));
        assertEquals(ParseResult.rejected(Status.E_TRUNCATED, 0), RecordModel.parse(new byte[0], 0, 0));
        assertEquals(ParseResult.rejected(Status.E_FORMAT, 2), RecordModel.parse(bytes("CUxT"), 0, 4));
        assertEquals(ParseResult.rejected(Status.E_TRUNCATED, 4), RecordModel.parse(bytes("CUST"), 0, 4));
        assertEquals(ParseResult.rejected(Status.E_RANGE, 5), RecordModel.parse(new byte[] {'C', 'U', 'S', 'T', 1, 33}, 0, 6));
        // A field cut short is reported at its tag byte; a NAME length out of range at its length.
        assertEquals(ParseResult.rejected(Status.E_TRUNCATED, 6), RecordModel.parse(record, 0, 10));
        byte[] longName = {'C', 'U', 'S', 'T', 1, 1, 1, 65, 0};
        assertEquals(ParseResult.rejected(Status.E_FORMAT, 7), RecordModel.parse(longName, 0, longName.length));
        // A window of a larger array: offsets count from the window's start.
        byte[] padded = new byte[record.length + 2];
        System.arraycopy(record, 0, padded, 1, record.length);
        assertEquals(RecordModel.parse(record, 0, record.length), RecordModel.parse(padded, 1, record.length));
        assertEquals(ParseResult.rejected(Status.E_FORMAT, record.length), RecordModel.parse(padded, 1, record.length + 1));
    }

    @Test
    void plantedBugModelAndTheDemoLibraryAgreeOffTheBug() {
        assertEquals(3, PlantedBugTarget.expected(bytes("NAME\u0003abc")));
        assertEquals(2, PlantedBugTarget.expected(bytes("NAME\u0005ab\u0000cd")));
        assertEquals(-1, PlantedBugTarget.expected(bytes("NAME\u0011abcdefghijklmnopq")));
        assertEquals(-1, PlantedBugTarget.expected(bytes("NAME\u0005ab")));
        assertEquals(3, PlantedLibrary.legacyParseName(bytes("NAME\u0003abc")));
        assertEquals(-1, PlantedLibrary.legacyParseName(bytes("NAMX\u0001a")));
    }

    @Test
    void thePlantedBugIsNeverInLibcustoms() {
        assertTrue(Libcustoms.shared().lookup().find("legacy_parse_name").isEmpty(),
                "libcustoms exports the planted bug's function");
        assertTrue(PlantedLibrary.path().toString().endsWith("planted/libcustoms_planted.so"), PlantedLibrary.path().toString());
    }

    @Test
    void expectFailsOnEveryKindOfWrongOutcome() {
        Refusal npe = Refusal.of(NullPointerException.class, "data");
        assertNull(Expect.outcome("refused as documented", npe, () -> {
            throw new NullPointerException("data");
        }));
        assertEquals(7, Expect.outcome("succeeds", null, () -> 7));
        BoundaryViolation unexpected = assertThrows(BoundaryViolation.class,
                () -> Expect.outcome("call", null, () -> {
                    throw new IllegalStateException("closed");
                }));
        assertEquals("call: expected success but got java.lang.IllegalStateException: closed", unexpected.getMessage());
        BoundaryViolation wrongType = assertThrows(BoundaryViolation.class,
                () -> Expect.outcome("call", npe, () -> {
                    throw new IllegalArgumentException("data");
                }));
        assertTrue(wrongType.getMessage().startsWith("call: expected NullPointerException containing \"data\" but got"
                + " java.lang.IllegalArgumentException"), wrongType.getMessage());
        BoundaryViolation wrongMessage = assertThrows(BoundaryViolation.class,
                () -> Expect.outcome("call", npe, () -> {
                    throw new NullPointerException("items");
                }));
        assertTrue(wrongMessage.getMessage().contains("but got java.lang.NullPointerException: items"),
                wrongMessage.getMessage());
        BoundaryViolation noRefusal = assertThrows(BoundaryViolation.class, () -> Expect.outcome("call", npe, () -> 1));
        assertEquals("call: expected NullPointerException containing \"data\" but it succeeded with 1",
                noRefusal.getMessage());
    }

    @Test
    void rangeRefusalsAreWordedAsTheApiWordsThem() {
        assertNull(Inputs.rangeRefusal("data", 2, 3, 5));
        assertEquals(Refusal.of(IndexOutOfBoundsException.class, "data: offset -1 is negative"),
                Inputs.rangeRefusal("data", -1, 3, 5));
        assertEquals(Refusal.of(IndexOutOfBoundsException.class, "data: length -3 is negative"),
                Inputs.rangeRefusal("data", 0, -3, 5));
        assertEquals(Refusal.of(IndexOutOfBoundsException.class, "data: offset 3 + length 3 is beyond its size 5"),
                Inputs.rangeRefusal("data", 3, 3, 5));
        assertEquals(Refusal.of(IllegalArgumentException.class, "s contains a NUL character at index 1"),
                Inputs.cStringRefusal("s", "a\0b"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
