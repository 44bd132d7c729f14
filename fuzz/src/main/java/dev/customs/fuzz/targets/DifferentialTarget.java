package dev.customs.fuzz.targets;

import dev.customs.api.Customs;
import java.util.Arrays;

/**
 * Target 2, differential: the same bytes through FFM, JNA direct mapping and JNA interface mapping must give the same
 * record or the same rejection (status and error offset). The record is also parsed from inside a larger array
 * (offset 1, one byte to spare at the end), which must equal parsing a copy of that window: every backend honours
 * offset and length.
 */
public final class DifferentialTarget {
    private DifferentialTarget() {}

    public static void fuzzerTestOneInput(byte[] input) {
        Customs ffm = Inputs.BACKENDS.getFirst();
        ParseResult whole = ParseResult.of(ffm, input, 0, input.length);
        ParseResult window = input.length < 2 ? null
                : ParseResult.of(ffm, Arrays.copyOfRange(input, 1, input.length - 1), 0, input.length - 2);
        for (Customs backend : Inputs.BACKENDS) {
            Expect.equal(backend.backend() + " vs ffm", whole, ParseResult.of(backend, input, 0, input.length));
            if (window != null) {
                Expect.equal(backend.backend() + " at offset 1 vs a copy of the window", window,
                        ParseResult.of(backend, input, 1, input.length - 2));
            }
        }
        Expect.equal("library allocations after parsing", 0L, ffm.liveAllocations());
    }
}
