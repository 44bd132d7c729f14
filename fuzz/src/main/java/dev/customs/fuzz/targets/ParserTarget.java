package dev.customs.fuzz.targets;

import dev.customs.api.Customs;

/**
 * Target 1, the C record parser through FFM: fuzzer bytes straight into {@code customs_parse_record}. Every result
 * must be the one the format in customs.h documents ({@link RecordModel}): the same fields for an accepted record,
 * the same status and error offset for a rejected one, and no allocation left behind. Against the clang build Jazzer
 * sees the branches inside C, and ASan and UBSan report any read outside the input with file and line.
 */
public final class ParserTarget {
    private static final Customs FFM = Customs.open("ffm");

    private ParserTarget() {}

    public static void fuzzerTestOneInput(byte[] input) {
        Expect.equal("customs_parse_record of " + input.length + " bytes", RecordModel.parse(input, 0, input.length),
                ParseResult.of(FFM, input, 0, input.length));
        Expect.equal("library allocations after parsing", 0L, FFM.liveAllocations());
    }
}
