package dev.customs.fuzz.targets;

import dev.customs.api.RecordInfo;
import dev.customs.api.Status;

/**
 * The record format of customs.h, parsed again in Java straight from its documentation: the oracle the parser target
 * holds C to. Errors are reported in the order a reader going byte by byte meets them, with the error offsets that
 * native/src/parser.c documents (the unfinished element for truncation, the offending byte otherwise).
 */
final class RecordModel {
    static final int MAX_FIELDS = 32;
    private static final byte[] MAGIC = {'C', 'U', 'S', 'T'};
    private static final int TAG_NAME = 1;
    private static final int TAG_DATA = 2;
    private static final int TAG_LIST = 3;
    private static final int NAME_MAX_LENGTH = 64;

    private RecordModel() {}

    /** The documented result of parsing {@code data[offset, offset + length)}. */
    static ParseResult parse(byte[] data, int offset, int length) {
        Reader in = new Reader(data, offset, length);
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.left(i) < 1) {
                return ParseResult.rejected(Status.E_TRUNCATED, 0);
            }
            if (in.u8(i) != (MAGIC[i] & 0xFF)) {
                return ParseResult.rejected(Status.E_FORMAT, i);
            }
        }
        if (in.left(4) < 1) {
            return ParseResult.rejected(Status.E_TRUNCATED, 4);
        }
        int version = in.u8(4);
        if (version != 1) {
            return ParseResult.rejected(Status.E_FORMAT, 4);
        }
        if (in.left(5) < 1) {
            return ParseResult.rejected(Status.E_TRUNCATED, 5);
        }
        int fields = in.u8(5);
        if (fields > MAX_FIELDS) {
            return ParseResult.rejected(Status.E_RANGE, 5);
        }

        Crc32 checksum = new Crc32();
        boolean haveName = false;
        int nameLength = 0;
        long items = 0;
        long dataBytes = 0;
        int pos = 6;
        for (int f = 0; f < fields; f++) {
            int field = pos;
            if (in.left(pos) < 1) {
                return ParseResult.rejected(Status.E_TRUNCATED, field);
            }
            int tag = in.u8(pos);
            if (tag != TAG_NAME && tag != TAG_DATA && tag != TAG_LIST) {
                return ParseResult.rejected(Status.E_FORMAT, field);
            }
            if (tag == TAG_NAME && haveName) {
                return ParseResult.rejected(Status.E_RANGE, field);
            }
            if (in.left(pos) < 3) {
                return ParseResult.rejected(Status.E_TRUNCATED, field);
            }
            int bodyLength = in.u16(pos + 1);
            if (tag == TAG_NAME && (bodyLength < 1 || bodyLength > NAME_MAX_LENGTH)) {
                return ParseResult.rejected(Status.E_FORMAT, field + 1);
            }
            pos += 3;
            if (in.left(pos) < bodyLength) {
                return ParseResult.rejected(Status.E_TRUNCATED, field);
            }
            if (tag == TAG_NAME) {
                for (int i = 0; i < bodyLength; i++) {
                    if (in.u8(pos + i) == 0) {
                        return ParseResult.rejected(Status.E_FORMAT, pos + i);
                    }
                }
                haveName = true;
                nameLength = bodyLength;
            } else if (tag == TAG_DATA) {
                dataBytes += bodyLength;
            } else {
                int bad = listProblem(in, pos, bodyLength);
                if (bad >= 0) {
                    return ParseResult.rejected(Status.E_RANGE, bad);
                }
                items += in.u16(pos);
            }
            checksum.update(data, offset + pos, bodyLength);
            pos += bodyLength;
        }
        if (in.left(pos) > 0) {
            return ParseResult.rejected(Status.E_FORMAT, pos);
        }
        return ParseResult.accepted(new RecordInfo(version, fields, nameLength, items, dataBytes, checksum.value()));
    }

    /** The offset of the first bad byte of a LIST body at {@code body} of {@code n} bytes, or -1 if it is well formed. */
    private static int listProblem(Reader in, int body, int n) {
        if (n < 2) {
            return body;
        }
        int count = in.u16(body);
        int pos = 2;
        for (int i = 0; i < count; i++) {
            if (n - pos < 1) {
                return body + pos;
            }
            int itemLength = in.u8(body + pos);
            if (n - pos - 1 < itemLength) {
                return body + pos;
            }
            pos += 1 + itemLength;
        }
        return n - pos > 0 ? body + pos : -1;
    }

    /** Reads little-endian values at offsets relative to the record's start. */
    private record Reader(byte[] data, int offset, int length) {
        int left(int pos) {
            return length - pos;
        }

        int u8(int pos) {
            return data[offset + pos] & 0xFF;
        }

        int u16(int pos) {
            return u8(pos) | (u8(pos + 1) << 8);
        }
    }
}
