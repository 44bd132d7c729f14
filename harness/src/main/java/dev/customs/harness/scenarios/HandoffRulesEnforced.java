package dev.customs.harness.scenarios;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.specimen.CustomsArrayCalls;
import dev.customs.pinning.specimen.CustomsFunctions;
import dev.customs.pinning.Handoff;
import dev.customs.jna.JnaHandoffs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Issue item 9: the handoff rules, enforced with messages that name them; out-parameters written back once. */
public final class HandoffRulesEnforced extends Scenario {
    static final byte[] DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);

    public HandoffRulesEnforced() {
        super("handoff-rules", "heap segments only for critical functions; none for callbacks or retained pointers");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("What each libcustoms function does with pointers is described once (CustomsFunctions); Downcall checks");
        r.say("every pointer argument of every call against it, and every handoff checks before it copies anything.");
        r.columns();
        r.sideBySide("heap array -> customs_crc32, linked plain",
                "IllegalArgumentException: customs_crc32 refuses a heap segment as argument 1 (rule: \"a heap segment"
                        + " only for a function linked critical(true)\")", () -> refusal(() -> {
                    int crc = (int) CustomsFunctions.CRC32_PLAIN.handle().invokeExact(0, MemorySegment.ofArray(DIGITS),
                            9L);
                }), -873187034, jna -> jna.raw().customs_crc32(0, DIGITS, 9));
        r.sideBySide("heap array -> customs_for_each (calls back)",
                "IllegalArgumentException: customs_for_each refuses the array itself (rule: \"no heap segment for a"
                        + " function that may call back\")", () -> refusal(
                        () -> Handoff.HEAP.ffm().pass(CustomsFunctions.FOR_EACH, new byte[8], 0, 8, Access.IN, s -> 0)),
                "JNA passed a copy: the callback saw 1, 2", jna -> {
                    StringBuilder seen = new StringBuilder();
                    jna.raw().customs_for_each(new int[] {1, 2}, 2, (user, index, item) -> {
                        seen.append(seen.isEmpty() ? "" : ", ").append(item);
                        return 0;
                    }, null);
                    return "JNA passed a copy: the callback saw " + seen;
                });
        String retained = "IllegalArgumentException: customs_sink_attach refuses NATIVE_COPY memory (rule: \"no"
                + " per-call memory for a function that retains the pointer\")";
        r.sideBySide("per-call copy -> customs_sink_attach (retains)", retained,
                () -> refusal(() -> toSinkAttach(Handoff.NATIVE_COPY.ffm())), retained,
                jna -> refusal(() -> toSinkAttach(JnaHandoffs.memory())));
        String once = "1 copy in, 1 write-back, after the call";
        r.sideBySide("in-out copy of a transform: copies", once,
                () -> copiesForOneTransform(Handoff.NATIVE_COPY.ffm(),
                        s -> customs_h.customs_transform(s, 9, (byte) 1)),
                once, jna -> copiesForOneTransform(JnaHandoffs.memory(),
                        p -> jna.raw().customs_transform(p, 9, (byte) 1)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cb = customs_item_cb.allocate((user, index, item) -> 0, arena);
            r.check("ffm: a heap int[] to the checked customs_for_each handle", "IllegalArgumentException:"
                    + " customs_for_each refuses a heap segment as argument 0 (rule: \"no heap segment for a function"
                    + " that may call back\")", refusal(() -> {
                        int status = (int) CustomsFunctions.FOR_EACH_PLAIN.handle().invokeExact(
                                MemorySegment.ofArray(new int[] {1, 2}), 2L, cb, MemorySegment.NULL);
                    }));
        }
        r.lesson("write down once what each native function does with pointers, and let the binding enforce it on"
                + " every call: the message names the rule, so the fix is obvious before anything reaches C.");
    }

    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }

    private static String refusal(Call call) {
        try {
            call.run();
            return "accepted";
        } catch (IllegalArgumentException e) {
            return Evidence.rule(e);
        } catch (Throwable t) {
            return t.toString();
        }
    }

    private static void toSinkAttach(ArrayHandoff<?> h) {
        h.pass(CustomsFunctions.SINK_ATTACH, new byte[8], 0, 8, Access.IN_OUT, p -> 0);
    }

    /** Transforms "123456789" in place through {@code h}: the copies it made, and when the array changed. */
    private static <P> String copiesForOneTransform(ArrayHandoff<P> h, ArrayHandoff.NativeCall<P, Integer> transform) {
        byte[] data = DIGITS.clone();
        boolean[] changedDuringCall = new boolean[1];
        h.pass(CustomsFunctions.TRANSFORM, data, 0, 9, Access.IN_OUT, p -> {
            int status = transform.call(p);
            changedDuringCall[0] = !Arrays.equals(data, DIGITS);
            return status;
        });
        boolean transformed = Arrays.equals(CustomsArrayCalls.javaTransform(DIGITS, 0, 9, (byte) 1), data);
        return h.copiesIn() + " copy in, " + h.writeBacks() + " write-back, "
                + (changedDuringCall[0] ? "during the call" : transformed ? "after the call" : "lost");
    }
}
