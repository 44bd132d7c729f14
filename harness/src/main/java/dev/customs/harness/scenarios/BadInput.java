package dev.customs.harness.scenarios;

import dev.customs.api.NativeBuffer;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;

/** Bad input refused in Java, with the same exception on every backend, before it can reach C. */
public final class BadInput extends Scenario {
    public BadInput() {
        super("bad-input", "null, bad lengths, closed buffers, NUL bytes: refused before C sees them");
    }

    @Override
    public void run(Report r) {
        r.say("C cannot tell a short buffer from a long one, nor a freed one from a live one. Java can, so it checks.");
        r.columns();
        byte[] data = new byte[16];
        r.row("crc32(null)", "NullPointerException: data", c -> c.crc32(0, (byte[]) null, 0, 0));
        r.row("crc32(data, 0, -1)", "IndexOutOfBoundsException: data: length -1 is negative",
                c -> c.crc32(0, data, 0, -1));
        r.row("crc32(data[16], 8, 9)", "IndexOutOfBoundsException: data: offset 8 + length 9 is beyond its size 16",
                c -> c.crc32(0, data, 8, 9));
        r.row("buffer of 8 claimed as 9", "IndexOutOfBoundsException: buffer: offset 0 + length 9 is beyond its size 8",
                c -> {
                    try (NativeBuffer b = c.allocate(8)) {
                        return c.crc32(0, b, 0, 9);
                    }
                });
        r.row("closed buffer", "IllegalStateException: NativeBuffer of 8 bytes is already closed", c -> {
            NativeBuffer b = c.allocate(8);
            b.close();
            return c.crc32(0, b, 0, 8);
        });
        r.row("NUL inside a C string", "IllegalArgumentException: name contains a NUL character at index 2: C would"
                + " silently cut the string there", c -> c.greet("ab\0c"));
        r.row("uint8_t tag = 300", "IllegalArgumentException: tag (uint8_t) must be in [0, 255], got 300",
                c -> c.makeSample(300, 0, (short) 0, 0));
        r.row("0 native threads", "IllegalArgumentException: threads must be in [1, 256], got 0",
                c -> c.runThreads(0, 1, (t, i) -> 0));
        r.lesson("validate at the border, in one place (AbstractCustoms), so no backend can forget a check and every"
                + " backend fails the same way.");
    }
}
