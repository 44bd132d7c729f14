package dev.customs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Sample reads and compares like the record it is, and refuses what a uint8_t cannot hold. */
class SampleTest {

    @Test
    void toStringIsTheRecordFormat() {
        assertEquals("Sample[tag=7, value=2.5, count=3, flags=256, kind=1, weight=6, stamp=7003]",
                new Sample(7, 2.5, (short) 3, 0x100, 1, 6, 7003).toString());
        assertEquals("Sample[tag=255, value=-0.0, count=-1, flags=-1, kind=0, weight=-2147483648,"
                + " stamp=-9223372036854775808]",
                new Sample(255, -0.0, (short) -1, -1, 0, Integer.MIN_VALUE, Long.MIN_VALUE).toString());
        assertEquals("Sample[tag=0, value=NaN, count=0, flags=0, kind=0, weight=0, stamp=0]",
                new Sample(0, Double.NaN, (short) 0, 0, 0, 0, 0).toString());
    }

    @Test
    void equalityIsTheRecords() {
        assertEquals(new Sample(7, Double.NaN, (short) 3, 0, 1, 6, 7003), new Sample(7, Double.NaN, (short) 3, 0, 1, 6,
                7003));
        assertEquals(new Sample(7, 2.5, (short) 3, 0, 1, 6, 7003).hashCode(),
                new Sample(7, 2.5, (short) 3, 0, 1, 6, 7003).hashCode());
    }

    @Test
    void aUint8FieldOutOfRangeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sample(256, 0, (short) 0, 0, 0, 0, 0));
        assertEquals("tag is a uint8_t (0..255), got 256", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, (short) 0, 0, -1, 0, 0));
    }
}
