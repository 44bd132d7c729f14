package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.Customs;
import dev.customs.api.NativeBuffer;
import java.util.Arrays;

/**
 * Every call that takes a Java array or a {@link NativeBuffer}, with offsets, lengths, sizes and null-ness chosen by
 * the fuzzer: each must give the result Java computes itself or the documented refusal, and must leave every byte
 * outside the range alone. Reads and writes outside a native buffer are what ASan reports in the clang build.
 */
final class MemoryCalls {
    private static final int MAX_BYTES = 96;

    private MemoryCalls() {}

    static void crc32OfArray(Customs c, FuzzedDataProvider data) {
        int start = data.consumeInt();
        Slice s = Slice.choose(data);
        Refusal refusal = s.refusal("data");
        Integer crc = Expect.outcome(c.backend() + " crc32(array)", refusal,
                () -> c.crc32(start, s.array(), s.offset(), s.length()));
        if (refusal == null) {
            Expect.equal(c.backend() + " crc32(array)", new Crc32(start).update(s.array(), s.offset(), s.length()).value(),
                    crc);
        }
    }

    static void transformArray(Customs c, FuzzedDataProvider data) {
        byte key = data.consumeByte();
        Slice s = Slice.choose(data);
        Refusal refusal = s.refusal("data");
        byte[] expected = s.array() == null ? null : s.array().clone();
        if (refusal == null) {
            transformed(expected, s.offset(), s.length(), key);
        }
        Expect.outcome(c.backend() + " transform(array)", refusal, () -> c.transform(s.array(), s.offset(), s.length(), key));
        Expect.that(Arrays.equals(expected, s.array()), () -> c.backend() + " transform(array) changed bytes to "
                + Arrays.toString(s.array()) + ", expected " + Arrays.toString(expected));
    }

    static void sumOfArray(Customs c, FuzzedDataProvider data) {
        int[] values = Inputs.intsOrNull(data, MAX_BYTES / 4);
        int offset = Inputs.index(data, length(values));
        int length = Inputs.index(data, length(values));
        Refusal refusal = Inputs.sliceRefusal("values", values, offset, length);
        Long sum = Expect.outcome(c.backend() + " sum", refusal, () -> c.sum(values, offset, length));
        if (refusal == null) {
            long expected = 0;
            for (int i = offset; i < offset + length; i++) {
                expected += values[i];
            }
            Expect.equal(c.backend() + " sum", expected, sum);
        }
    }

    static void parseWindow(Customs c, FuzzedDataProvider data) {
        Slice s = Slice.choose(data);
        Refusal refusal = s.refusal("data");
        if (refusal != null) {
            Expect.outcome(c.backend() + " parseRecord", refusal, () -> c.parseRecord(s.array(), s.offset(), s.length()));
        } else {
            Expect.equal(c.backend() + " parseRecord window", RecordModel.parse(s.array(), s.offset(), s.length()),
                    ParseResult.of(c, s.array(), s.offset(), s.length()));
        }
    }

    /** A native buffer of a fuzzer-chosen size and content, then one checked operation on a fuzzer-chosen range. */
    static void nativeBuffer(Customs c, FuzzedDataProvider data) {
        long size = data.consumeBoolean() ? data.consumeLong(1, MAX_BYTES) : data.consumeLong(Long.MIN_VALUE, 0);
        if (size <= 0) {
            Expect.outcome(c.backend() + " allocate(" + size + ")",
                    Refusal.of(IllegalArgumentException.class, "size must be positive, got " + size), () -> c.allocate(size));
            return;
        }
        try (NativeBuffer buffer = c.allocate(size)) {
            byte[] shadow = new byte[(int) size];
            Expect.equal(c.backend() + " a new buffer is zeroed", Arrays.toString(shadow), Arrays.toString(buffer.toArray()));
            switch (data.consumeInt(0, 3)) {
                case 0 -> write(buffer, shadow, data);
                case 1 -> read(buffer, shadow, data);
                case 2 -> {
                    int start = data.consumeInt();
                    long offset = Inputs.index(data, size);
                    long length = Inputs.index(data, size);
                    Refusal refusal = Inputs.rangeRefusal("buffer", offset, length, size);
                    Integer crc = Expect.outcome(c.backend() + " crc32(buffer)", refusal,
                            () -> c.crc32(start, buffer, offset, length));
                    if (refusal == null) {
                        Expect.equal(c.backend() + " crc32(buffer)",
                                new Crc32(start).update(shadow, (int) offset, (int) length).value(), crc);
                    }
                }
                default -> {
                    byte key = data.consumeByte();
                    long offset = Inputs.index(data, size);
                    long length = Inputs.index(data, size);
                    Refusal refusal = Inputs.rangeRefusal("buffer", offset, length, size);
                    Expect.outcome(c.backend() + " transform(buffer)", refusal,
                            () -> c.transform(buffer, offset, length, key));
                    if (refusal == null) {
                        transformed(shadow, (int) offset, (int) length, key);
                    }
                }
            }
            Expect.equal(c.backend() + " buffer content", Arrays.toString(shadow), Arrays.toString(buffer.toArray()));
        }
    }

    /** A byte array and a range in it, chosen by the fuzzer: the array sometimes null, the range near or far. */
    private record Slice(byte[] array, int offset, int length) {
        static Slice choose(FuzzedDataProvider data) {
            byte[] array = Inputs.bytesOrNull(data, MAX_BYTES);
            int size = array == null ? 0 : array.length;
            return new Slice(array, Inputs.index(data, size), Inputs.index(data, size));
        }

        Refusal refusal(String name) {
            return Inputs.sliceRefusal(name, array, offset, length);
        }
    }

    /** A copy between a slice of a Java array and a buffer at {@code offset}. */
    private record Transfer(Slice slice, long offset) {
        static Transfer choose(FuzzedDataProvider data, long bufferSize) {
            return new Transfer(Slice.choose(data), Inputs.index(data, bufferSize));
        }

        /** The array is checked first (null, then its range), then the buffer's range. */
        Refusal refusal(String arrayName, long bufferSize) {
            Refusal arrayRefusal = slice.refusal(arrayName);
            return arrayRefusal != null ? arrayRefusal : Inputs.rangeRefusal("buffer", offset, slice.length(), bufferSize);
        }
    }

    private static void write(NativeBuffer buffer, byte[] shadow, FuzzedDataProvider data) {
        Transfer t = Transfer.choose(data, buffer.size());
        Refusal refusal = t.refusal("src", buffer.size());
        Slice s = t.slice();
        Expect.outcome(buffer + " write", refusal, () -> buffer.write(t.offset(), s.array(), s.offset(), s.length()));
        if (refusal == null) {
            System.arraycopy(s.array(), s.offset(), shadow, (int) t.offset(), s.length());
        }
    }

    private static void read(NativeBuffer buffer, byte[] shadow, FuzzedDataProvider data) {
        Transfer t = Transfer.choose(data, buffer.size());
        Slice s = t.slice();
        byte[] expected = s.array() == null ? null : s.array().clone();
        Refusal refusal = t.refusal("dst", buffer.size());
        Expect.outcome(buffer + " read", refusal, () -> buffer.read(t.offset(), s.array(), s.offset(), s.length()));
        if (refusal == null) {
            System.arraycopy(shadow, (int) t.offset(), expected, s.offset(), s.length());
        }
        Expect.that(Arrays.equals(expected, s.array()), () -> buffer + " read gave " + Arrays.toString(s.array())
                + ", expected " + Arrays.toString(expected));
    }

    /** What {@code customs_transform} does, in Java: {@code data[i] ^= (byte) (key + i)} over the range. */
    static void transformed(byte[] data, int offset, int length, byte key) {
        for (int i = 0; i < length; i++) {
            data[offset + i] ^= (byte) (key + i);
        }
    }

    static Refusal first(Refusal a, Refusal b) {
        return a != null ? a : b;
    }

    private static int length(int[] a) {
        return a == null ? 0 : a.length;
    }
}
