/*
 * parser.c - customs_parse_record, a parser of untrusted bytes (format in customs.h).
 *
 * Bounds: pos <= len holds throughout, so remaining = len - pos never wraps, and every
 * read of n bytes is preceded by "remaining >= n". pos + n is only computed after that
 * check has passed, so no sum can overflow whatever the length fields claim.
 *
 * Errors are reported in the order a reader going byte by byte meets them, and
 * error_offset is set as follows (offsets count from data[0]):
 *   data NULL with len > 0          CUSTOMS_E_NULL       0
 *   byte differs from "CUST"        CUSTOMS_E_FORMAT     that byte (0..3)
 *   input ends in the header        CUSTOMS_E_TRUNCATED  the item that could not be read:
 *                                                        0 magic, 4 version, 5 nfields
 *   version != 1                    CUSTOMS_E_FORMAT     4
 *   nfields > CUSTOMS_MAX_FIELDS    CUSTOMS_E_RANGE      5
 *   input ends in a field header
 *   or a field body                 CUSTOMS_E_TRUNCATED  the field's tag byte
 *   unknown tag                     CUSTOMS_E_FORMAT     the tag byte
 *   a second NAME                   CUSTOMS_E_RANGE      its tag byte
 *   NAME length 0 or > 64           CUSTOMS_E_FORMAT     the field's length (tag + 1)
 *   NUL byte in a NAME body         CUSTOMS_E_FORMAT     the NUL byte
 *   LIST body shorter than 2 bytes  CUSTOMS_E_RANGE      the body start (the count)
 *   LIST item past the body end     CUSTOMS_E_RANGE      the item's length byte (the body
 *                                                        end when even that is missing)
 *   LIST bytes after count items    CUSTOMS_E_RANGE      the first leftover byte
 *   bytes after the last field      CUSTOMS_E_FORMAT     the first of them
 * For truncation the offset is thus where the unfinished element starts, not len: it tells
 * which element was cut, which len alone does not.
 * Every offset is at most 6 + CUSTOMS_MAX_FIELDS * (3 + 65535), so it fits error_offset.
 */
#include <string.h>

#include "customs.h"

enum {
    HEADER_SIZE = 6,
    FIELD_HEADER_SIZE = 3,
    NAME_MAX_LENGTH = 64,
    TAG_NAME = 1,
    TAG_DATA = 2,
    TAG_LIST = 3
};

static const uint8_t record_magic[4] = {'C', 'U', 'S', 'T'};

static uint16_t read_u16le(const uint8_t *p) {
    return (uint16_t)(p[0] | (p[1] << 8));
}

static int32_t fail(customs_record_info *out, int32_t status, size_t offset) {
    out->error_offset = (int32_t)offset;
    return status;
}

/*
 * Checks that a LIST body of n bytes holds exactly its count items. On failure *bad is the
 * offending offset relative to the body.
 */
static int32_t parse_list(const uint8_t *body, size_t n, uint16_t *count_out, size_t *bad) {
    if (n < 2) {
        *bad = 0;
        return CUSTOMS_E_RANGE;
    }
    uint16_t count = read_u16le(body);
    size_t pos = 2;
    for (uint32_t i = 0; i < count; i++) {
        if (n - pos < 1) {
            *bad = pos;
            return CUSTOMS_E_RANGE;
        }
        size_t item_len = body[pos];
        if (n - pos - 1 < item_len) {
            *bad = pos;
            return CUSTOMS_E_RANGE;
        }
        pos += 1 + item_len;
    }
    if (n - pos > 0) {
        *bad = pos;
        return CUSTOMS_E_RANGE;
    }
    *count_out = count;
    return CUSTOMS_OK;
}

int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out) {
    if (out == NULL) {
        return CUSTOMS_E_NULL;
    }
    memset(out, 0, sizeof *out);
    if (data == NULL && len > 0) {
        return fail(out, CUSTOMS_E_NULL, 0);
    }

    for (size_t i = 0; i < sizeof record_magic; i++) {
        if (len - i < 1) {
            return fail(out, CUSTOMS_E_TRUNCATED, 0);
        }
        if (data[i] != record_magic[i]) {
            return fail(out, CUSTOMS_E_FORMAT, i);
        }
    }
    if (len - 4 < 1) {
        return fail(out, CUSTOMS_E_TRUNCATED, 4);
    }
    if (data[4] != 1) {
        return fail(out, CUSTOMS_E_FORMAT, 4);
    }
    out->version = data[4];
    if (len - 5 < 1) {
        return fail(out, CUSTOMS_E_TRUNCATED, 5);
    }
    uint8_t nfields = data[5];
    if (nfields > CUSTOMS_MAX_FIELDS) {
        return fail(out, CUSTOMS_E_RANGE, 5);
    }
    out->field_count = nfields;

    size_t pos = HEADER_SIZE;
    uint32_t checksum = 0;
    int have_name = 0;
    for (uint32_t f = 0; f < nfields; f++) {
        size_t field = pos;
        if (len - pos < 1) {
            return fail(out, CUSTOMS_E_TRUNCATED, field);
        }
        uint8_t tag = data[pos];
        if (tag != TAG_NAME && tag != TAG_DATA && tag != TAG_LIST) {
            return fail(out, CUSTOMS_E_FORMAT, field);
        }
        if (tag == TAG_NAME && have_name) {
            return fail(out, CUSTOMS_E_RANGE, field);
        }
        if (len - pos < FIELD_HEADER_SIZE) {
            return fail(out, CUSTOMS_E_TRUNCATED, field);
        }
        uint16_t body_len = read_u16le(data + pos + 1);
        if (tag == TAG_NAME && (body_len < 1 || body_len > NAME_MAX_LENGTH)) {
            return fail(out, CUSTOMS_E_FORMAT, field + 1);
        }
        pos += FIELD_HEADER_SIZE;
        if (len - pos < body_len) {
            return fail(out, CUSTOMS_E_TRUNCATED, field);
        }
        const uint8_t *body = data + pos;

        if (tag == TAG_NAME) {
            const uint8_t *nul = memchr(body, 0, body_len);
            if (nul != NULL) {
                return fail(out, CUSTOMS_E_FORMAT, pos + (size_t)(nul - body));
            }
            have_name = 1;
            out->name_length = body_len;
        } else if (tag == TAG_DATA) {
            out->data_bytes += body_len;
        } else {
            uint16_t count = 0;
            size_t bad = 0;
            if (parse_list(body, body_len, &count, &bad) != CUSTOMS_OK) {
                return fail(out, CUSTOMS_E_RANGE, pos + bad);
            }
            out->item_count += count;
        }
        checksum = customs_crc32(checksum, body, body_len);
        pos += body_len;
    }

    if (len - pos > 0) {
        return fail(out, CUSTOMS_E_FORMAT, pos);
    }
    out->checksum = checksum;
    out->error_offset = -1;
    return CUSTOMS_OK;
}
