package dev.customs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.customs.api.Customs;
import dev.customs.api.RecordInfo;
import dev.customs.api.StatusException;
import java.util.zip.CRC32;

/**
 * The record parser, the main fuzz target, through FFM and JNA at once (differential): for every input both backends
 * give the same {@link RecordInfo} or the same documented rejection, and an accepted record's checksum is right.
 * Every {@code ./customs test} replays the seeds in {@code ParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ParserFuzzTest {
    private static final Customs FFM = Customs.open("ffm");
    private static final Customs JNA = Customs.open("jna");

    @FuzzTest(maxDuration = "30s")
    void ffmAndJnaAgreeOnEveryRecord(byte[] input) {
        String ffm = outcome(FFM, input);
        String jna = outcome(JNA, input);
        assertEquals(ffm, jna, "FFM and JNA disagree");
        assertEquals(0, FFM.liveAllocations(), "the parser allocates nothing");
    }

    private static String outcome(Customs customs, byte[] input) {
        try {
            RecordInfo info = customs.parseRecord(input, 0, input.length);
            assertTrue(info.fieldCount() <= Customs.MAX_FIELDS, "field count " + info.fieldCount());
            assertTrue(info.dataBytes() <= input.length, "DATA bytes beyond the input");
            assertTrue(info.nameLength() <= 64, "NAME longer than 64");
            return info.toString();
        } catch (StatusException e) {
            // A rejection must carry a documented status and say where the bad byte is, inside the input.
            assertTrue(e.status() != null, "undocumented status " + e.code());
            int offset = Integer.parseInt(e.detail().substring("error at offset ".length()));
            assertTrue(offset >= 0 && offset <= input.length, "error offset " + offset + " outside the input");
            return e.cName() + " at " + offset;
        }
    }

    /** The checksum of an accepted record is the CRC-32 of its bodies: checked on the seed that has all three tags. */
    @org.junit.jupiter.api.Test
    void acceptedRecordChecksumIsTheBodiesCrc() {
        byte[] record = {'C', 'U', 'S', 'T', 1, 2, 1, 2, 0, 'h', 'i', 2, 1, 0, 7};
        CRC32 crc = new CRC32();
        crc.update(new byte[] {'h', 'i', 7});
        RecordInfo info = FFM.parseRecord(record, 0, record.length);
        assertEquals(new RecordInfo(1, 2, 2, 0, 1, (int) crc.getValue()), info);
    }
}
