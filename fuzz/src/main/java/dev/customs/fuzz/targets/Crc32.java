package dev.customs.fuzz.targets;

/**
 * CRC-32 (IEEE 802.3) that can continue from any value, as {@code customs_crc32(crc, data, len)} does; the JDK's
 * {@code java.util.zip.CRC32} always starts from zero. Bitwise, from the definition: a reference, not a fast path.
 */
final class Crc32 {
    private static final int POLYNOMIAL = 0xEDB88320;
    private int crc;

    Crc32() {
        this(0);
    }

    Crc32(int start) {
        this.crc = start;
    }

    Crc32 update(byte[] data, int offset, int length) {
        int c = ~crc;
        for (int i = offset; i < offset + length; i++) {
            c ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                c = (c >>> 1) ^ (POLYNOMIAL & -(c & 1));
            }
        }
        crc = ~c;
        return this;
    }

    int value() {
        return crc;
    }
}
