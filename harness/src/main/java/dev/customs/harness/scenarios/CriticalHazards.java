package dev.customs.harness.scenarios;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.pinning.specimen.CustomsFunctions;
import dev.customs.pinning.Downcall;
import dev.customs.pinning.specimen.UpcallInsideCriticalCall;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Issue item 11: a heap segment to a non-critical handle, and an upcall from inside a critical call. */
public final class CriticalHazards extends Scenario {
    static final byte[] DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);

    public CriticalHazards() {
        super("critical-hazards", "heap segment to a plain handle (exception); upcall inside a critical call (fatal)");
    }

    @Override
    @SuppressWarnings("FfmHeapSegmentToPlainHandle") // the hazard this scenario shows: FFM's own refusal
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("Raw FFM, no Customs checks: a heap segment passed to customs_crc32's ordinary handle; then");
        r.say("customs_for_each linked critical and called with an upcall stub, in a child JVM. JNA has neither");
        r.say("heap pointers nor critical calls: its column shows the same calls working on copies.");
        r.columns();
        r.sideBySide("heap segment -> plain handle", "IllegalArgumentException: Heap segment not allowed",
                () -> {
                    try {
                        return customs_h.customs_crc32(0, MemorySegment.ofArray(DIGITS), 9);
                    } catch (IllegalArgumentException e) {
                        return Evidence.firstPart(e, ": MemorySegment{");
                    }
                },
                "JNA copied the array: crc ok", jna -> jna.raw().customs_crc32(0, DIGITS, 9) == 0xCBF43926
                        ? "JNA copied the array: crc ok" : "wrong crc");
        r.sideBySide("upcall inside a critical call", "JVM killed (exit 1): wrong thread state for upcall",
                () -> Evidence.death(UpcallInsideCriticalCall.class, "wrong thread state for upcall", null),
                "no critical calls in JNA: 2 callbacks ran", jna -> {
                    AtomicInteger calls = new AtomicInteger();
                    jna.raw().customs_for_each(new int[] {1, 2}, 2, (user, index, item) -> {
                        calls.incrementAndGet();
                        return 0;
                    }, null);
                    return "no critical calls in JNA: " + calls + " callbacks ran";
                });
        String refused;
        try {
            Downcall.critical(CustomsFunctions.FOR_EACH, customs_h.customs_for_each$address(),
                    customs_h.customs_for_each$descriptor());
            refused = "linked";
        } catch (IllegalArgumentException e) {
            refused = Evidence.rule(e);
        }
        r.check("Customs refuses that critical link", "IllegalArgumentException: customs_for_each cannot be linked"
                + " critical (rule: \"no critical link for a function that may call back\")", refused);
        r.lesson("FFM's first hazard is an exception (\"Heap segment not allowed\": link critical(true) or copy); the"
                + " second kills the JVM from inside HotSpot, beyond any catch: a function that may call back must"
                + " never be linked critical, and Customs refuses that link.");
    }
}
