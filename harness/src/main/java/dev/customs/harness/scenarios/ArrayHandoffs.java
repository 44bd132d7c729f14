package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.pinning.specimen.CustomsArrayCalls;
import dev.customs.pinning.Handoff;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Issue item 8: every way of giving native code a Java array passes the same checks. */
public final class ArrayHandoffs extends Scenario {
    static final int[] SIZES = {0, 1, 7, 4096, 1 << 20};
    static final long SEED = 42;

    public ArrayHandoffs() {
        super("handoffs", "the ways to hand C a Java array (heap, native copy, direct buffer), same checks on each");
    }

    @Override
    public void run(Report r) {
        r.say("Each way computes customs_crc32 (checked against java.util.zip.CRC32) and customs_transform in place");
        r.say("(checked against the formula, then applied twice to restore the input) on arrays of "
                + Arrays.toString(SIZES) + " bytes, random with seed " + SEED + ".");
        r.say("HEAP: FFM a heap segment through a critical(true) handle (zero-copy); JNA the byte[] argument");
        r.say("(JNA copies). NATIVE_COPY: FFM a confined arena; JNA a Memory. DIRECT_BUFFER: FFM ofBuffer; JNA");
        r.say("getDirectBufferPointer.");
        r.columns();
        for (Handoff way : Handoff.values()) {
            r.row(way + ": crc32 + transform", "all right", c -> check(calls(c, way)));
        }
        r.lesson("one API (ArrayHandoff) for every way, so the choice is a matter of cost, not of correctness:"
                + " zero-copy only where FFM can pin (critical calls), a copy everywhere else.");
    }

    /** The calls of {@code way} on backend {@code c}. */
    static CustomsArrayCalls<?> calls(Customs c, Handoff way) {
        return c instanceof JnaCustoms jna ? CustomsArrayCalls.jna(way, jna.raw()) : CustomsArrayCalls.ffm(way);
    }

    /** "all right", or the first thing that was not. */
    static String check(CustomsArrayCalls<?> calls) {
        Random random = new Random(SEED);
        for (int size : SIZES) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            CRC32 expected = new CRC32();
            expected.update(data);
            int crc = calls.crc32(0, data, 0, size);
            if (crc != (int) expected.getValue()) {
                return "crc32 of " + size + " bytes: " + crc + ", expected " + (int) expected.getValue();
            }
            byte[] original = data.clone();
            calls.transform(data, 0, size, (byte) 0x5A);
            if (!Arrays.equals(CustomsArrayCalls.javaTransform(original, 0, size, (byte) 0x5A), data)) {
                return "transform of " + size + " bytes differs from Java's";
            }
            calls.transform(data, 0, size, (byte) 0x5A);
            if (!Arrays.equals(original, data)) {
                return "transform twice did not restore " + size + " bytes";
            }
        }
        return "all right";
    }
}
