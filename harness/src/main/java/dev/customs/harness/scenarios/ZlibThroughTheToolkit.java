package dev.customs.harness.scenarios;

import dev.customs.examples.zlib.ZInflater;
import dev.customs.examples.zlib.Zlib;
import dev.customs.examples.zlib.ZlibException;
import dev.customs.examples.zlib.ZlibJna;
import dev.customs.examples.zlib.ZlibLibrary;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/** Issue 12: zlib, a library nobody wrote for Customs, through the toolkit (FFM) and through JNA. */
public final class ZlibThroughTheToolkit extends Scenario {
    private static final int MIB = 1 << 20;

    public ZlibThroughTheToolkit() {
        super("zlib", "the system's zlib (jextract bindings + the toolkit) next to JNA: checksums, compress, errors");
    }

    @Override
    public void run(Report r) {
        r.say("zlib bound by jextract (examples/jextract/zlib.args) and made safe with the toolkit's public API only;");
        r.say("JNA's interface mapping opens the same file. FFM checksums read the Java array itself (critical call).");
        if (!SystemLibraries.available(r, "zlib", "zlib1g-dev", () -> ZlibLibrary.loaded().path() + " (zlib "
                + ZlibLibrary.version() + ")")) {
            return;
        }
        Zlib zlib = new Zlib();
        Supplier<ZlibJna> jnaOnce = new Supplier<>() { // JNA is loaded only when a JNA column runs
            private ZlibJna jna;

            @Override
            public ZlibJna get() {
                if (jna == null) {
                    jna = new ZlibJna();
                }
                return jna;
            }
        };
        byte[] data = new byte[MIB];
        new Random(12).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        String expectedCrc = Long.toHexString(crc.getValue());
        byte[] text = "a zlib stream through the toolkit; ".repeat(3000).getBytes();
        byte[] compressed = zlib.compress(text, 9);
        r.columns();
        r.sideBySide("crc32 of 1 MiB vs java CRC32", expectedCrc, () -> Long.toHexString(zlib.crc32(data)),
                expectedCrc, j -> Long.toHexString(jnaOnce.get().crc32(data)));
        r.sideBySide("what C read for the checksum", "the Java array (0 copies)", () -> {
            long before = zlib.heapHandoff().copiesIn();
            zlib.crc32(data);
            return zlib.heapHandoff().zeroCopy() && zlib.heapHandoff().copiesIn() == before
                    ? "the Java array (0 copies)" : "a copy";
        }, "a copy JNA made", j -> jnaOnce.get().handoff().zeroCopy() ? "the Java array" : "a copy JNA made");
        String roundTrip = text.length + " -> " + compressed.length + " -> " + text.length + " bytes, equal";
        r.sideBySide("compress, then uncompress", roundTrip, () -> roundTrip(zlib.compress(text, 9),
                zlib.uncompress(zlib.compress(text, 9), text.length), text), roundTrip,
                j -> {
                    ZlibJna jna = jnaOnce.get();
                    return roundTrip(jna.compress(text, 9), jna.uncompress(jna.compress(text, 9), text.length), text);
                });
        r.sideBySide("output written back per compress", "once", () -> {
            long before = zlib.copyHandoff().writeBacks();
            zlib.compress(text, 1);
            return times(zlib.copyHandoff().writeBacks() - before);
        }, "once", j -> {
            long before = jnaOnce.get().handoff().writeBacks();
            jnaOnce.get().compress(text, 1);
            return times(jnaOnce.get().handoff().writeBacks() - before);
        });
        byte[] corrupt = compressed.clone();
        corrupt[1] ^= 1;
        r.sideBySide("corrupt header", "Data: incorrect header check", () -> error(() -> ZInflater.inflate(corrupt,
                4096, MIB)), "Data: data error", j -> error(() -> jnaOnce.get().uncompress(corrupt, text.length)));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        r.sideBySide("truncated stream", "Buffer: the input ended before the end of the zlib stream", () -> error(
                () -> ZInflater.inflate(truncated, 4096, MIB)), "Data: data error",
                j -> error(() -> jnaOnce.get().uncompress(truncated, text.length)));
        r.sideBySide("compression level 42", "Stream: stream error", () -> error(() -> zlib.compress(text, 42)),
                "Stream: stream error", j -> error(() -> jnaOnce.get().compress(text, 42)));
        r.lesson("a real library needs the same four things as the specimen: a loader that says what is missing, a"
                + " critical call only where C is short and never calls back, output copied back once and only on"
                + " success, and every return code turned into a typed exception with the library's own words (zError,"
                + " the stream's msg). The streaming API keeps z_stream and its buffers in one arena, closed once with"
                + " inflateEnd.");
    }

    private static String roundTrip(byte[] compressed, byte[] back, byte[] original) {
        return original.length + " -> " + compressed.length + " -> " + back.length + " bytes, "
                + (Arrays.equals(original, back) ? "equal" : "DIFFERENT");
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    /** The zlib exception's type and detail: the stream's msg when zlib set one, else zError's text. */
    private static String error(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (ZlibException e) {
            String detail = e.streamMessage() != null ? e.streamMessage() : e.zError();
            int cut = detail.indexOf(" (truncated");
            return e.getClass().getSimpleName() + ": " + (cut > 0 ? detail.substring(0, cut) : detail);
        }
    }
}
