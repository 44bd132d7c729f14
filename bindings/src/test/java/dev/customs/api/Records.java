package dev.customs.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Records in customs.h's binary format, built field by field so tests state what they feed the parser. */
final class Records {
    static final byte NAME = 1;
    static final byte DATA = 2;
    static final byte LIST = 3;

    private Records() {}

    /** NAME "Alice", DATA {9, 8, 7}, LIST ["x", "yz"]. */
    static byte[] valid() {
        return record(validBodies());
    }

    static List<byte[]> validBodies() {
        return List.of("Alice".getBytes(StandardCharsets.US_ASCII), new byte[] {9, 8, 7},
                new byte[] {2, 0, 1, 'x', 2, 'y', 'z'});
    }

    private static byte[] record(List<byte[]> bodies) {
        byte[] tags = {NAME, DATA, LIST};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("CUST".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            out.write(tags[i]);
            out.write(body.length & 0xff);
            out.write(body.length >>> 8);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
