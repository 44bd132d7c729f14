/*
 * test_customs.c - the C-level tests of libcustoms: every public function against its
 * contract in customs.h, without a test framework so it builds wherever the library does.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "customs.h"

static int passes;
static int failures;

/* Keeps going after a failure so one run reports every broken expectation. */
#define CHECK(expr)                                                                    \
    do {                                                                               \
        if (expr) {                                                                    \
            passes++;                                                                  \
        } else {                                                                       \
            failures++;                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr);   \
        }                                                                              \
    } while (0)

/* ---- scalars, buffers, status ---- */

static void test_status_and_version(void) {
    CHECK(strcmp(customs_status_name(CUSTOMS_OK), "CUSTOMS_OK") == 0);
    CHECK(strcmp(customs_status_name(CUSTOMS_E_RANGE), "CUSTOMS_E_RANGE") == 0);
    CHECK(strcmp(customs_status_name(CUSTOMS_E_TIMEOUT), "CUSTOMS_E_TIMEOUT") == 0);
    CHECK(strcmp(customs_status_name(7), "CUSTOMS_CALLBACK_STATUS") == 0);
    CHECK(strcmp(customs_status_name(-99), "CUSTOMS_E_UNKNOWN") == 0);
    CHECK(strcmp(customs_status_name(INT32_MIN), "CUSTOMS_E_UNKNOWN") == 0);
    for (int32_t s = -10; s <= 10; s++) {
        CHECK(customs_status_message(s) != NULL && customs_status_message(s)[0] != '\0');
    }
    CHECK(strcmp(customs_version(), "0.1.0") == 0);
}

static void test_add(void) {
    customs_noop();
    CHECK(customs_add(2, 3) == 5);
    CHECK(customs_add(INT32_MAX, 1) == INT32_MIN);
    CHECK(customs_add(INT32_MIN, -1) == INT32_MAX);
    CHECK(customs_add(INT32_MAX, INT32_MAX) == -2);
}

static void test_crc32(void) {
    const uint8_t *check = (const uint8_t *)"123456789";
    CHECK(customs_crc32(0, check, 9) == 0xCBF43926u);
    CHECK(customs_crc32(customs_crc32(0, check, 4), check + 4, 5) == 0xCBF43926u);
    CHECK(customs_crc32(0, check, 0) == 0);
    CHECK(customs_crc32(0x12345678u, check, 0) == 0x12345678u);
    CHECK(customs_crc32(0x12345678u, NULL, 10) == 0x12345678u);
    /* zlib's crc32(0, "The quick brown fox jumps over the lazy dog", 43). */
    const char *fox = "The quick brown fox jumps over the lazy dog";
    CHECK(customs_crc32(0, (const uint8_t *)fox, strlen(fox)) == 0x414FA339u);
}

static void test_transform(void) {
    uint8_t orig[300];
    uint8_t data[300];
    for (size_t i = 0; i < sizeof orig; i++) {
        orig[i] = (uint8_t)(i * 7 + 3);
    }
    memcpy(data, orig, sizeof data);
    CHECK(customs_transform(data, sizeof data, 0xF0) == CUSTOMS_OK);
    CHECK(data[0] == (uint8_t)(orig[0] ^ 0xF0));
    CHECK(data[299] == (uint8_t)(orig[299] ^ (uint8_t)(0xF0 + 299)));
    CHECK(memcmp(data, orig, sizeof data) != 0);
    CHECK(customs_transform(data, sizeof data, 0xF0) == CUSTOMS_OK);
    CHECK(memcmp(data, orig, sizeof data) == 0);
    CHECK(customs_transform(NULL, 1, 0) == CUSTOMS_E_NULL);
    CHECK(customs_transform(NULL, 0, 0) == CUSTOMS_OK);
}

static void test_sum(void) {
    int32_t values[] = {INT32_MAX, INT32_MAX, INT32_MIN, -1};
    CHECK(customs_sum_i32(values, 4) == (int64_t)INT32_MAX * 2 + INT32_MIN - 1);
    CHECK(customs_sum_i32(values, 0) == 0);
    CHECK(customs_sum_i32(NULL, 4) == 0);
    int32_t big[1000];
    for (int i = 0; i < 1000; i++) {
        big[i] = INT32_MAX;
    }
    CHECK(customs_sum_i32(big, 1000) == (int64_t)INT32_MAX * 1000);
}

/* ---- strings ---- */

static void test_greet(void) {
    char out[32];
    CHECK(customs_greet("Bob", out, sizeof out) == 11);
    CHECK(strcmp(out, "Hello, Bob!") == 0);
    memset(out, 'x', sizeof out);
    CHECK(customs_greet("Bob", out, 12) == 11);
    CHECK(strcmp(out, "Hello, Bob!") == 0);
    memset(out, 'x', sizeof out);
    CHECK(customs_greet("Bob", out, 11) == 11);
    CHECK(strcmp(out, "Hello, Bob") == 0);
    memset(out, 'x', sizeof out);
    CHECK(customs_greet("Bob", out, 5) == 11);
    CHECK(strcmp(out, "Hell") == 0);
    CHECK(out[5] == 'x');
    memset(out, 'x', sizeof out);
    CHECK(customs_greet("Bob", out, 1) == 11);
    CHECK(out[0] == '\0' && out[1] == 'x');
    memset(out, 'x', sizeof out);
    CHECK(customs_greet("Bob", out, 0) == 11);
    CHECK(out[0] == 'x');
    CHECK(customs_greet("Bob", NULL, 0) == 11);
    CHECK(customs_greet("", out, sizeof out) == 8);
    CHECK(strcmp(out, "Hello, !") == 0);
    CHECK(customs_greet("Zo\xc3\xab", out, sizeof out) == 12);
    CHECK(strcmp(out, "Hello, Zo\xc3\xab!") == 0);
    /* name may overlap out: greeting in place, and from further along the same buffer. */
    strcpy(out, "Bob");
    CHECK(customs_greet(out, out, sizeof out) == 11);
    CHECK(strcmp(out, "Hello, Bob!") == 0);
    strcpy(out, "Alexandra");
    CHECK(customs_greet(out, out, 12) == 17);
    CHECK(strcmp(out, "Hello, Alex") == 0);
    memset(out, 0, sizeof out);
    strcpy(out + 12, "Bob");
    CHECK(customs_greet(out + 12, out, sizeof out) == 11);
    CHECK(strcmp(out, "Hello, Bob!") == 0);
    strcpy(out, "Zed");
    CHECK(customs_greet(out, out + 2, sizeof out - 2) == 11);
    CHECK(strcmp(out + 2, "Hello, Zed!") == 0);
    /* The name's bytes and their place in the greeting overlap, to the left and to the right. */
    memset(out, 0, sizeof out);
    strcpy(out + 4, "Bobby");
    CHECK(customs_greet(out + 4, out, sizeof out) == 13);
    CHECK(strcmp(out, "Hello, Bobby!") == 0);
    memset(out, 0, sizeof out);
    strcpy(out + 8, "Bobby");
    CHECK(customs_greet(out + 8, out, sizeof out) == 13);
    CHECK(strcmp(out, "Hello, Bobby!") == 0);
    CHECK(customs_greet(NULL, out, sizeof out) == CUSTOMS_E_NULL);
    CHECK(customs_greet(NULL, NULL, 0) == CUSTOMS_E_NULL);
    CHECK(customs_greet("Bob", NULL, 5) == CUSTOMS_E_NULL);
}

static void test_to_upper(void) {
    int64_t before = customs_live_allocations();
    char *up = customs_to_upper("abc-XYZ z\xc3\xa9{");
    CHECK(up != NULL);
    if (up != NULL) {
        CHECK(strcmp(up, "ABC-XYZ Z\xc3\xa9{") == 0);
    }
    CHECK(customs_live_allocations() == before + 1);
    customs_string_free(up);
    CHECK(customs_live_allocations() == before);
    char *empty = customs_to_upper("");
    CHECK(empty != NULL && empty[0] == '\0');
    customs_string_free(empty);
    CHECK(customs_to_upper(NULL) == NULL);
    customs_string_free(NULL);
    CHECK(customs_live_allocations() == 0);
}

/* ---- structs ---- */

static int is_field_byte(size_t i) {
    static const struct {
        size_t offset;
        size_t size;
    } fields[] = {
        {offsetof(customs_sample, tag), sizeof(uint8_t)},
        {offsetof(customs_sample, value), sizeof(double)},
        {offsetof(customs_sample, count), sizeof(int16_t)},
        {offsetof(customs_sample, flags), sizeof(int32_t)},
        {offsetof(customs_sample, kind), sizeof(uint8_t)},
        {offsetof(customs_sample, weight), sizeof(int32_t)},
        {offsetof(customs_sample, stamp), sizeof(int64_t)},
    };
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        if (i >= fields[f].offset && i - fields[f].offset < fields[f].size) {
            return 1;
        }
    }
    return 0;
}

static void test_sample(void) {
    customs_sample s = customs_sample_make(3, 2.5, 10, 0x5);
    CHECK(s.tag == 3);
    CHECK(s.value == 2.5);
    CHECK(s.count == 10);
    CHECK(s.flags == 5);
    CHECK(s.kind == 1);
    CHECK(s.weight == 20);
    CHECK(s.stamp == 3010);
    CHECK(customs_sample_score(s) == 2.5 * 20 + 10 + 5 + 3 + 1 + 3010);

    customs_sample m = customs_sample_make(255, -1.0, INT16_MIN, -1);
    CHECK(m.weight == INT16_MIN * 2);
    CHECK(m.stamp == 255 * 1000 + INT16_MIN);

    customs_sample p;
    memset(&p, 0xAB, sizeof p);
    p.tag = 3;
    p.value = 2.5;
    p.count = 10;
    p.flags = 5;
    p.kind = 1;
    p.weight = 20;
    p.stamp = 3010;
    CHECK(customs_sample_scale(&p, 2.0) == CUSTOMS_OK);
    CHECK(p.tag == 3);
    CHECK(p.value == 5.0);
    CHECK(p.count == 11);
    CHECK(p.flags == 0x105);
    CHECK(p.kind == 1);
    CHECK(p.weight == 20);
    CHECK(p.stamp == 3011);
    const unsigned char *bytes = (const unsigned char *)&p;
    size_t padding = 0;
    int padding_intact = 1;
    for (size_t i = 0; i < sizeof p; i++) {
        if (!is_field_byte(i)) {
            padding++;
            padding_intact &= bytes[i] == 0xAB;
        }
    }
    CHECK(padding == 7 + 2 + 3);
    CHECK(padding_intact);
    CHECK(customs_sample_scale(NULL, 2.0) == CUSTOMS_E_NULL);
}

/* ---- errno ---- */

static void test_file_size(void) {
    char path[] = "/tmp/customs_test_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        char block[1234];
        memset(block, 'q', sizeof block);
        CHECK(write(fd, block, sizeof block) == (ssize_t)sizeof block);
        close(fd);
        CHECK(customs_file_size(path) == 1234);
        unlink(path);
        errno = 0;
        CHECK(customs_file_size(path) == -1);
        CHECK(errno == ENOENT);
    }
    errno = 0;
    CHECK(customs_file_size("/tmp") == -1);
    CHECK(errno == EISDIR);
    errno = 0;
    CHECK(customs_file_size(NULL) == -1);
    CHECK(errno == EINVAL);
    /* Only regular files have a size: a character device (stat says 0), a FIFO, and procfs and sysfs files (stat
     * says 0 or 4096 whatever they hold) are refused. */
    static const char *not_regular[] = {"/dev/null", "/proc/self/status", "/proc/version", "/sys/kernel/uevent_seqnum"};
    for (size_t i = 0; i < sizeof not_regular / sizeof not_regular[0]; i++) {
        errno = 0;
        int64_t size = customs_file_size(not_regular[i]);
        if (size != -1 || errno != EINVAL) {
            fprintf(stderr, "customs_file_size(%s) = %lld, errno %d\n", not_regular[i], (long long)size, errno);
        }
        CHECK(size == -1 && errno == EINVAL);
    }
    char fifo[] = "/tmp/customs_fifo_XXXXXX";
    int dir_fd = mkstemp(fifo);
    CHECK(dir_fd >= 0);
    if (dir_fd >= 0) {
        close(dir_fd);
        unlink(fifo);
        CHECK(mkfifo(fifo, 0600) == 0);
        errno = 0;
        CHECK(customs_file_size(fifo) == -1);
        CHECK(errno == EINVAL);
        unlink(fifo);
    }
}

/* ---- parser ---- */

typedef struct record_builder {
    uint8_t bytes[4096];
    size_t len;
} record_builder;

static void rb_put(record_builder *rb, const void *p, size_t n) {
    memcpy(rb->bytes + rb->len, p, n);
    rb->len += n;
}

static void rb_u8(record_builder *rb, uint8_t v) {
    rb_put(rb, &v, 1);
}

static void rb_u16(record_builder *rb, uint16_t v) {
    rb_u8(rb, (uint8_t)(v & 0xFF));
    rb_u8(rb, (uint8_t)(v >> 8));
}

static void rb_header(record_builder *rb, uint8_t nfields) {
    rb->len = 0;
    rb_put(rb, "CUST", 4);
    rb_u8(rb, 1);
    rb_u8(rb, nfields);
}

static void rb_field(record_builder *rb, uint8_t tag, const void *body, uint16_t n) {
    rb_u8(rb, tag);
    rb_u16(rb, n);
    rb_put(rb, body, n);
}

static const uint8_t list_body[] = {2, 0, 3, 'a', 'b', 'c', 0};
static const uint8_t data_body[] = {1, 2, 3, 4};

/* NAME "alice" at 6, DATA at 14, LIST at 21; 31 bytes in all. */
static void build_valid(record_builder *rb) {
    rb_header(rb, 3);
    rb_field(rb, 1, "alice", 5);
    rb_field(rb, 2, data_body, sizeof data_body);
    rb_field(rb, 3, list_body, sizeof list_body);
}

static int32_t parse(const record_builder *rb, customs_record_info *info) {
    /* An exact-size heap copy, so a sanitizer build catches any read past the end. */
    uint8_t *copy = malloc(rb->len > 0 ? rb->len : 1);
    memcpy(copy, rb->bytes, rb->len);
    int32_t status = customs_parse_record(copy, rb->len, info);
    free(copy);
    return status;
}

#define CHECK_PARSE(rb, status, offset)                                                 \
    do {                                                                                \
        customs_record_info info_;                                                      \
        CHECK(parse((rb), &info_) == (status));                                         \
        CHECK(info_.error_offset == (offset));                                          \
    } while (0)

static void test_parse_valid(void) {
    record_builder rb;
    build_valid(&rb);
    CHECK(rb.len == 31);
    customs_record_info info;
    memset(&info, 0xEE, sizeof info);
    CHECK(parse(&rb, &info) == CUSTOMS_OK);
    CHECK(info.version == 1);
    CHECK(info.field_count == 3);
    CHECK(info.name_length == 5);
    CHECK(info.item_count == 2);
    CHECK(info.data_bytes == 4);
    uint32_t crc = customs_crc32(0, (const uint8_t *)"alice", 5);
    crc = customs_crc32(crc, data_body, sizeof data_body);
    crc = customs_crc32(crc, list_body, sizeof list_body);
    CHECK(info.checksum == crc);
    CHECK(info.error_offset == -1);

    rb_header(&rb, 0);
    memset(&info, 0xEE, sizeof info);
    CHECK(parse(&rb, &info) == CUSTOMS_OK);
    CHECK(info.field_count == 0 && info.name_length == 0 && info.item_count == 0);
    CHECK(info.data_bytes == 0 && info.checksum == 0 && info.error_offset == -1);

    /* Bounds of what is allowed: 32 fields, empty DATA, empty LIST, 64-byte NAME, items
     * summed over several LISTs. */
    char name64[64];
    memset(name64, 'n', sizeof name64);
    static const uint8_t empty_list[] = {0, 0};
    rb_header(&rb, CUSTOMS_MAX_FIELDS);
    rb_field(&rb, 1, name64, 64);
    for (int i = 1; i < CUSTOMS_MAX_FIELDS; i++) {
        if (i % 3 == 0) {
            rb_field(&rb, 2, data_body, 0);
        } else if (i % 3 == 1) {
            rb_field(&rb, 3, list_body, sizeof list_body);
        } else {
            rb_field(&rb, 3, empty_list, sizeof empty_list);
        }
    }
    CHECK(parse(&rb, &info) == CUSTOMS_OK);
    CHECK(info.field_count == CUSTOMS_MAX_FIELDS);
    CHECK(info.name_length == 64);
    CHECK(info.item_count == 2 * 11);
    CHECK(info.data_bytes == 0);

    /* A DATA body of the maximum length. */
    static uint8_t big[65535];
    memset(big, 0x5A, sizeof big);
    uint8_t *buf = malloc(6 + 3 + sizeof big);
    memcpy(buf, "CUST\x01\x01\x02\xFF\xFF", 9);
    memcpy(buf + 9, big, sizeof big);
    CHECK(customs_parse_record(buf, 9 + sizeof big, &info) == CUSTOMS_OK);
    CHECK(info.data_bytes == 65535);
    CHECK(info.checksum == customs_crc32(0, big, sizeof big));
    free(buf);
}

static void test_parse_errors(void) {
    record_builder rb;
    customs_record_info info;

    CHECK(customs_parse_record((const uint8_t *)"CUST\x01\x00", 6, NULL) == CUSTOMS_E_NULL);
    CHECK(customs_parse_record(NULL, 5, &info) == CUSTOMS_E_NULL);
    CHECK(info.error_offset == 0);
    CHECK(customs_parse_record(NULL, 0, &info) == CUSTOMS_E_TRUNCATED);
    CHECK(info.error_offset == 0);

    /* Header. */
    rb.len = 0;
    rb_put(&rb, "XUST\x01\x00", 6);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 0);
    rb.len = 0;
    rb_put(&rb, "CUSX\x01\x00", 6);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 3);
    rb.len = 0;
    rb_put(&rb, "CX", 2);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 1);
    rb.len = 0;
    rb_put(&rb, "CUST\x02\x00", 6);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 4);
    rb.len = 0;
    rb_put(&rb, "CUST\x00", 5);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 4);
    rb_header(&rb, CUSTOMS_MAX_FIELDS + 1);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 5);
    rb_header(&rb, 255);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 5);
    rb_header(&rb, CUSTOMS_MAX_FIELDS);
    CHECK_PARSE(&rb, CUSTOMS_E_TRUNCATED, 6);

    /* Tags. */
    rb_header(&rb, 1);
    rb_field(&rb, 0, data_body, 1);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 6);
    rb_header(&rb, 2);
    rb_field(&rb, 2, data_body, 4);
    rb_field(&rb, 4, data_body, 1);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 13);
    rb_header(&rb, 1);
    rb_u8(&rb, 9); /* an unknown tag is reported even with its length missing */
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 6);

    /* NAME. */
    rb_header(&rb, 3);
    rb_field(&rb, 1, "a", 1);
    rb_field(&rb, 2, data_body, 2);
    rb_field(&rb, 1, "b", 1);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 6 + 4 + 5);
    rb_header(&rb, 1);
    rb_field(&rb, 1, "", 0);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 7);
    char name65[65];
    memset(name65, 'n', sizeof name65);
    rb_header(&rb, 1);
    rb_field(&rb, 1, name65, 65);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 7);
    rb_header(&rb, 1);
    rb_field(&rb, 1, "ab\0cd", 5);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 11);

    /* LIST. */
    static const uint8_t list_short[] = {1};
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_short, sizeof list_short);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9);
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_short, 0);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9);
    static const uint8_t list_missing_item[] = {2, 0, 1, 'x'};
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_missing_item, sizeof list_missing_item);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9 + 4);
    static const uint8_t list_item_overruns[] = {2, 0, 1, 'x', 5, 'y', 'z'};
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_item_overruns, sizeof list_item_overruns);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9 + 4);
    static const uint8_t list_leftover[] = {1, 0, 1, 'x', 'y', 'z'};
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_leftover, sizeof list_leftover);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9 + 4);
    static const uint8_t list_huge_count[] = {0xFF, 0xFF, 0};
    rb_header(&rb, 1);
    rb_field(&rb, 3, list_huge_count, sizeof list_huge_count);
    CHECK_PARSE(&rb, CUSTOMS_E_RANGE, 9 + 3);

    /* Truncated field header and body, and trailing bytes. */
    rb_header(&rb, 2);
    rb_field(&rb, 2, data_body, 4);
    rb_u8(&rb, 2);
    rb_u8(&rb, 10);
    CHECK_PARSE(&rb, CUSTOMS_E_TRUNCATED, 13);
    rb_header(&rb, 1);
    rb_u8(&rb, 2);
    rb_u16(&rb, 0xFFFF);
    rb_put(&rb, data_body, 4);
    CHECK_PARSE(&rb, CUSTOMS_E_TRUNCATED, 6);
    build_valid(&rb);
    rb_u8(&rb, 0);
    CHECK_PARSE(&rb, CUSTOMS_E_FORMAT, 31);
}

static void test_parse_truncations(void) {
    record_builder full;
    build_valid(&full);
    for (size_t cut = 0; cut < full.len; cut++) {
        record_builder rb = full;
        rb.len = cut;
        /* The element being read when the input ran out: magic, version, nfields, then the
         * NAME field at 6, DATA at 14 and LIST at 21. */
        int32_t expected = cut < 4 ? 0 : cut < 6 ? (int32_t)cut : cut < 14 ? 6 : cut < 21 ? 14 : 21;
        customs_record_info info;
        int32_t status = parse(&rb, &info);
        CHECK(status == CUSTOMS_E_TRUNCATED);
        CHECK(info.error_offset == expected);
        if (status != CUSTOMS_E_TRUNCATED || info.error_offset != expected) {
            fprintf(stderr, "  prefix length %zu: status %d offset %d\n", cut, status, info.error_offset);
        }
    }
}

static uint64_t xorshift64(uint64_t *state) {
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

static void test_parse_mutations(void) {
    const uint64_t seed = 0x9E3779B97F4A7C15u;
    uint64_t state = seed;
    printf("mutation seed 0x%016llx\n", (unsigned long long)seed);
    record_builder full;
    build_valid(&full);
    long bad = 0;
    for (int iter = 0; iter < 100000; iter++) {
        record_builder rb = full;
        int flips = 1 + (int)(xorshift64(&state) % 4);
        for (int f = 0; f < flips; f++) {
            rb.bytes[xorshift64(&state) % rb.len] = (uint8_t)xorshift64(&state);
        }
        uint64_t shape = xorshift64(&state) % 4;
        if (shape == 0) {
            rb.len = (size_t)(xorshift64(&state) % (rb.len + 1));
        } else if (shape == 1) {
            size_t extra = (size_t)(xorshift64(&state) % 64);
            for (size_t i = 0; i < extra; i++) {
                rb.bytes[rb.len++] = (uint8_t)xorshift64(&state);
            }
        }
        customs_record_info info;
        int32_t status = parse(&rb, &info);
        int ok = status == CUSTOMS_OK ? info.error_offset == -1
                                      : (status == CUSTOMS_E_TRUNCATED || status == CUSTOMS_E_FORMAT
                                         || status == CUSTOMS_E_RANGE)
                                            && info.error_offset >= 0
                                            && (size_t)info.error_offset <= rb.len;
        if (!ok) {
            if (bad == 0) {
                fprintf(stderr, "  mutation %d: status %d offset %d len %zu\n", iter, status,
                        info.error_offset, rb.len);
            }
            bad++;
        }
    }
    CHECK(bad == 0);
}

/* ---- callbacks ---- */

typedef struct visit_state {
    int visits;
    int64_t sum;
    int64_t stop_at;
    int index_ok;
} visit_state;

static int32_t visit(void *user, int64_t index, int32_t item) {
    visit_state *v = user;
    v->index_ok &= index == v->visits;
    v->visits++;
    v->sum += item;
    return index == v->stop_at ? 9 : 0;
}

static void test_for_each(void) {
    int32_t items[] = {1, 2, 3, 4, 5};
    visit_state v = {0, 0, -1, 1};
    CHECK(customs_for_each(items, 5, visit, &v) == 0);
    CHECK(v.visits == 5 && v.sum == 15 && v.index_ok);
    visit_state s = {0, 0, 2, 1};
    CHECK(customs_for_each(items, 5, visit, &s) == 9);
    CHECK(s.visits == 3 && s.sum == 6 && s.index_ok);
    visit_state e = {0, 0, -1, 1};
    CHECK(customs_for_each(NULL, 0, visit, &e) == 0);
    CHECK(e.visits == 0);
    CHECK(customs_for_each(NULL, 3, visit, &e) == CUSTOMS_E_NULL);
    CHECK(customs_for_each(items, 5, NULL, &e) == CUSTOMS_E_NULL);
    CHECK(e.visits == 0);
}

typedef struct thread_state {
    atomic_int calls;
    atomic_int bad_args;
    atomic_int per_thread[8];
    atomic_int fail_once; /* 1 until one callback has claimed the failure */
    int32_t fail_thread;
    int32_t fail_call;
    int32_t calls_per_thread;
} thread_state;

static int32_t count_call(void *user, int32_t thread_index, int32_t call_index) {
    thread_state *st = user;
    atomic_fetch_add(&st->calls, 1);
    if (thread_index < 0 || thread_index >= 8 || call_index < 0 || call_index >= st->calls_per_thread) {
        atomic_fetch_add(&st->bad_args, 1);
        return 0;
    }
    atomic_fetch_add(&st->per_thread[thread_index], 1);
    if (thread_index == st->fail_thread && call_index == st->fail_call) {
        return 7;
    }
    if (st->fail_thread < 0 && atomic_exchange(&st->fail_once, 0) == 1) {
        return 7;
    }
    return 0;
}

static void thread_state_init(thread_state *st, int32_t calls, int32_t fail_thread, int32_t fail_call, int fail_once) {
    atomic_init(&st->calls, 0);
    atomic_init(&st->bad_args, 0);
    for (int i = 0; i < 8; i++) {
        atomic_init(&st->per_thread[i], 0);
    }
    atomic_init(&st->fail_once, fail_once);
    st->fail_thread = fail_thread;
    st->fail_call = fail_call;
    st->calls_per_thread = calls;
}

static void test_run_threads(void) {
    thread_state st;
    thread_state_init(&st, 1000, -2, -1, 0);
    CHECK(customs_run_threads(8, 1000, count_call, &st) == 0);
    CHECK(atomic_load(&st.calls) == 8000);
    CHECK(atomic_load(&st.bad_args) == 0);
    int each = 1;
    for (int i = 0; i < 8; i++) {
        each &= atomic_load(&st.per_thread[i]) == 1000;
    }
    CHECK(each);

    /* Some callback returns 7 exactly once: that is the result, whichever thread it was. */
    thread_state_init(&st, 1000, -1, -1, 1);
    CHECK(customs_run_threads(8, 1000, count_call, &st) == 7);
    CHECK(atomic_load(&st.fail_once) == 0);
    CHECK(atomic_load(&st.calls) <= 8000);

    /* With one thread the stop is exact: no call after the failing one. */
    thread_state_init(&st, 1000, 0, 10, 0);
    CHECK(customs_run_threads(1, 1000, count_call, &st) == 7);
    CHECK(atomic_load(&st.calls) == 11);

    thread_state_init(&st, 0, -2, -1, 0);
    CHECK(customs_run_threads(4, 0, count_call, &st) == 0);
    CHECK(atomic_load(&st.calls) == 0);

    CHECK(customs_run_threads(8, 10, NULL, &st) == CUSTOMS_E_NULL);
    CHECK(customs_run_threads(0, 10, count_call, &st) == CUSTOMS_E_RANGE);
    CHECK(customs_run_threads(-1, 10, count_call, &st) == CUSTOMS_E_RANGE);
    CHECK(customs_run_threads(CUSTOMS_MAX_THREADS + 1, 10, count_call, &st) == CUSTOMS_E_RANGE);
    CHECK(customs_run_threads(1, -1, count_call, &st) == CUSTOMS_E_RANGE);
    CHECK(atomic_load(&st.calls) == 0);
}

/* ---- stress: every call made and counted in C ---- */

typedef struct stress_state {
    atomic_int calls;
    atomic_int out_of_order; /* a call that did not come right after the previous one of its thread */
    atomic_int next[8];      /* per thread, the call index expected next */
    int32_t fail_every;      /* (t + c) % fail_every == 0 returns fail_status; 0: never */
    int32_t fail_status;
} stress_state;

static int32_t stress_call(void *user, int32_t thread_index, int32_t call_index) {
    stress_state *st = user;
    atomic_fetch_add(&st->calls, 1);
    if (thread_index < 0 || thread_index >= 8
        || atomic_exchange(&st->next[thread_index], call_index + 1) != call_index) {
        atomic_fetch_add(&st->out_of_order, 1);
    }
    return st->fail_every > 0 && (thread_index + call_index) % st->fail_every == 0 ? st->fail_status : 0;
}

static void stress_state_init(stress_state *st, int32_t fail_every, int32_t fail_status) {
    atomic_init(&st->calls, 0);
    atomic_init(&st->out_of_order, 0);
    for (int i = 0; i < 8; i++) {
        atomic_init(&st->next[i], 0);
    }
    st->fail_every = fail_every;
    st->fail_status = fail_status;
}

static void test_stress_threads(void) {
    stress_state st;
    customs_tally tally;

    stress_state_init(&st, 0, 0);
    CHECK(customs_stress_threads(8, 1000, stress_call, &st, &tally) == CUSTOMS_OK);
    CHECK(tally.calls == 8000 && tally.failures == 0 && tally.failure_sum == 0 && tally.threads == 8);
    CHECK(atomic_load(&st.calls) == 8000 && atomic_load(&st.out_of_order) == 0);
    int all_done = 1;
    for (int i = 0; i < 8; i++) {
        all_done &= atomic_load(&st.next[i]) == 1000;
    }
    CHECK(all_done);

    /* Failures never stop anything, whatever their sign: every call is made, every status counted. */
    stress_state_init(&st, 3, 7);
    CHECK(customs_stress_threads(8, 999, stress_call, &st, &tally) == CUSTOMS_OK);
    CHECK(tally.calls == 8 * 999 && atomic_load(&st.calls) == 8 * 999);
    CHECK(tally.failures == 8 * 333 && tally.failure_sum == 7 * 8 * 333);
    CHECK(atomic_load(&st.out_of_order) == 0);
    stress_state_init(&st, 1, INT32_MAX);
    CHECK(customs_stress_threads(2, 500, stress_call, &st, &tally) == CUSTOMS_OK);
    CHECK(tally.calls == 1000 && tally.failures == 1000 && tally.failure_sum == (int64_t)INT32_MAX * 1000);
    stress_state_init(&st, 2, CUSTOMS_E_STATE);
    CHECK(customs_stress_threads(1, 10, stress_call, &st, &tally) == CUSTOMS_OK);
    CHECK(tally.calls == 10 && tally.failures == 5 && tally.failure_sum == 5 * CUSTOMS_E_STATE);

    stress_state_init(&st, 0, 0);
    CHECK(customs_stress_threads(4, 0, stress_call, &st, &tally) == CUSTOMS_OK);
    CHECK(tally.calls == 0 && tally.threads == 4 && atomic_load(&st.calls) == 0);

    /* Refused arguments: nothing runs, and *out is zeroed when it can be written. */
    memset(&tally, 0x5A, sizeof tally);
    CHECK(customs_stress_threads(0, 10, stress_call, &st, &tally) == CUSTOMS_E_RANGE);
    CHECK(tally.calls == 0 && tally.failures == 0 && tally.failure_sum == 0 && tally.threads == 0);
    CHECK(customs_stress_threads(CUSTOMS_MAX_THREADS + 1, 10, stress_call, &st, &tally) == CUSTOMS_E_RANGE);
    CHECK(customs_stress_threads(1, -1, stress_call, &st, &tally) == CUSTOMS_E_RANGE);
    memset(&tally, 0x5A, sizeof tally);
    CHECK(customs_stress_threads(1, 10, NULL, &st, &tally) == CUSTOMS_E_NULL);
    CHECK(tally.threads == 0x5A5A5A5A);
    CHECK(customs_stress_threads(1, 10, stress_call, &st, NULL) == CUSTOMS_E_NULL);
    CHECK(atomic_load(&st.calls) == 0);
}

typedef struct async_state {
    pthread_t caller;
    int other_thread;
    atomic_int calls;
} async_state;

static int32_t async_cb(void *user, int32_t value) {
    async_state *as = user;
    as->other_thread = !pthread_equal(pthread_self(), as->caller);
    atomic_fetch_add(&as->calls, 1);
    return value * 2;
}

static void test_async(void) {
    async_state as = {.caller = pthread_self(), .other_thread = 0};
    atomic_init(&as.calls, 0);
    customs_async *job = NULL;
    CHECK(customs_async_start(async_cb, &as, 21, 50, &job) == CUSTOMS_OK);
    CHECK(job != NULL);
    CHECK(customs_live_allocations() == 1);
    int32_t first = customs_async_wait(job, 0);
    CHECK(first == CUSTOMS_OK || first == CUSTOMS_E_TIMEOUT);
    CHECK(customs_async_wait(job, -1) == CUSTOMS_E_RANGE);
    CHECK(customs_async_wait(job, 5000) == CUSTOMS_OK);
    CHECK(customs_async_wait(job, 0) == CUSTOMS_OK);
    CHECK(atomic_load(&as.calls) == 1);
    CHECK(as.other_thread);
    int32_t result = 0;
    CHECK(customs_async_join(job, &result, 5000) == CUSTOMS_OK);
    CHECK(result == 42);
    CHECK(customs_live_allocations() == 0);

    /* A join that runs out of time frees nothing: the job stays waitable and joinable. */
    CHECK(customs_async_start(async_cb, &as, 5, 300, &job) == CUSTOMS_OK);
    CHECK(customs_async_join(job, &result, -1) == CUSTOMS_E_RANGE);
    CHECK(customs_async_join(job, &result, 10) == CUSTOMS_E_TIMEOUT);
    CHECK(customs_live_allocations() == 1);
    CHECK(customs_async_wait(job, 5000) == CUSTOMS_OK);
    CHECK(customs_async_join(job, &result, 5000) == CUSTOMS_OK);
    CHECK(result == 10);
    /* A joined job is no longer known: the library refuses it rather than touch freed memory. */
    CHECK(customs_async_join(job, &result, 0) == CUSTOMS_E_STATE);
    CHECK(customs_async_wait(job, 0) == CUSTOMS_E_STATE);
    CHECK(customs_live_allocations() == 0);

    /* Join without waiting, and without wanting the result. */
    CHECK(customs_async_start(async_cb, &as, 1, 0, &job) == CUSTOMS_OK);
    CHECK(customs_async_join(job, NULL, 5000) == CUSTOMS_OK);
    CHECK(atomic_load(&as.calls) == 3);
    CHECK(customs_live_allocations() == 0);

    job = (customs_async *)&as;
    CHECK(customs_async_start(NULL, &as, 1, 0, &job) == CUSTOMS_E_NULL);
    CHECK(job == NULL);
    CHECK(customs_async_start(async_cb, &as, 1, 0, NULL) == CUSTOMS_E_NULL);
    job = (customs_async *)&as;
    CHECK(customs_async_start(async_cb, &as, 1, -1, &job) == CUSTOMS_E_RANGE);
    CHECK(job == NULL);
    CHECK(customs_async_start(async_cb, &as, 1, CUSTOMS_MAX_ASYNC_DELAY_MS + 1, &job) == CUSTOMS_E_RANGE);
    CHECK(customs_async_wait(NULL, 0) == CUSTOMS_E_NULL);
    CHECK(customs_async_join(NULL, &result, 0) == CUSTOMS_E_NULL);
    CHECK(customs_live_allocations() == 0);
}

/* The job's own callback joins and waits on its job: join refuses (it would wait for itself), wait runs out. */
typedef struct self_join {
    _Atomic(customs_async *) job;
    int32_t join_status;
    int32_t wait_status;
} self_join;

static int32_t join_own_job(void *user, int32_t value) {
    self_join *sj = user;
    customs_async *job = atomic_load(&sj->job);
    int32_t result = 0;
    sj->join_status = customs_async_join(job, &result, 1000);
    sj->wait_status = customs_async_wait(job, 20);
    return value;
}

static void test_async_from_its_own_callback(void) {
    self_join sj = {.join_status = 99, .wait_status = 99};
    customs_async *job = NULL;
    /* The delay lets job_out be stored before the callback reads it. */
    CHECK(customs_async_start(join_own_job, &sj, 3, 100, &job) == CUSTOMS_OK);
    atomic_store(&sj.job, job);
    /* Waiting first, so that no join has begun while the callback waits (that wait would be refused). */
    CHECK(customs_async_wait(job, 5000) == CUSTOMS_OK);
    int32_t result = 0;
    CHECK(customs_async_join(job, &result, 5000) == CUSTOMS_OK);
    CHECK(result == 3);
    CHECK(sj.join_status == CUSTOMS_E_STATE);
    CHECK(sj.wait_status == CUSTOMS_E_TIMEOUT);
    CHECK(customs_live_allocations() == 0);
}

/* ---- a registered callback ---- */

typedef struct listener_state {
    pthread_t caller;
    pthread_t seen;      /* the thread of the first event */
    int same_thread;     /* every event arrived on that one thread */
    int other_thread;    /* and it is not the caller's */
    atomic_int events;
    int32_t sum;
    int sleep_ms;        /* each event takes this long */
    customs_listener *self;
    int32_t inner_post;  /* what customs_listener_post returned when called from inside cb */
    int32_t inner_unregister;
} listener_state;

static int32_t on_event(void *user, int32_t event) {
    listener_state *ls = user;
    if (atomic_fetch_add(&ls->events, 1) == 0) {
        ls->seen = pthread_self();
        ls->same_thread = 1;
    }
    ls->same_thread &= pthread_equal(pthread_self(), ls->seen);
    ls->other_thread = !pthread_equal(pthread_self(), ls->caller);
    ls->sum += event;
    if (ls->sleep_ms > 0) {
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)ls->sleep_ms * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (event == 99 && ls->self != NULL) {
        ls->inner_post = customs_listener_post(ls->self, 1, 1000);
        ls->inner_unregister = customs_listener_unregister(ls->self, 1000);
    }
    return event * 10;
}

static void test_listener(void) {
    listener_state ls = {.caller = pthread_self()};
    atomic_init(&ls.events, 0);
    customs_listener *l = NULL;
    CHECK(customs_listener_register(on_event, &ls, &l) == CUSTOMS_OK);
    CHECK(l != NULL);
    CHECK(customs_live_allocations() == 1);
    CHECK(customs_listener_post(l, 1, 5000) == 10);
    CHECK(customs_listener_post(l, 2, 5000) == 20);
    CHECK(customs_listener_post(l, 3, 5000) == 30);
    CHECK(atomic_load(&ls.events) == 3 && ls.sum == 6);
    CHECK(ls.same_thread && ls.other_thread);

    /* From inside cb, post and unregister refuse rather than wait for their own thread. */
    ls.self = l;
    CHECK(customs_listener_post(l, 99, 5000) == 990);
    CHECK(ls.inner_post == CUSTOMS_E_STATE);
    CHECK(ls.inner_unregister == CUSTOMS_E_STATE);
    ls.self = NULL;

    /* A post that times out leaves its event to be delivered; the next post waits for it first. */
    ls.sleep_ms = 200;
    CHECK(customs_listener_post(l, 4, 10) == CUSTOMS_E_TIMEOUT);
    CHECK(customs_listener_post(l, 5, 5000) == 50);
    CHECK(atomic_load(&ls.events) == 6);
    ls.sleep_ms = 0;

    CHECK(customs_listener_post(l, 1, -1) == CUSTOMS_E_RANGE);
    CHECK(customs_listener_post(NULL, 1, 0) == CUSTOMS_E_NULL);
    CHECK(customs_listener_unregister(l, 5000) == CUSTOMS_OK);
    CHECK(customs_live_allocations() == 0);

    /* An unregister that runs out of time frees nothing and leaves the listener stopping: its posts are refused,
     * and a second unregister finishes. The event already handed over is still delivered. */
    ls.sleep_ms = 300;
    CHECK(customs_listener_register(on_event, &ls, &l) == CUSTOMS_OK);
    CHECK(customs_listener_post(l, 8, 0) == CUSTOMS_E_TIMEOUT);
    CHECK(customs_listener_unregister(l, -1) == CUSTOMS_E_RANGE);
    CHECK(customs_listener_unregister(l, 10) == CUSTOMS_E_TIMEOUT);
    CHECK(customs_live_allocations() == 1);
    CHECK(customs_listener_post(l, 9, 5000) == CUSTOMS_E_STATE);
    CHECK(customs_listener_unregister(l, 5000) == CUSTOMS_OK);
    CHECK(atomic_load(&ls.events) == 7);
    CHECK(customs_listener_unregister(l, 0) == CUSTOMS_E_STATE);
    CHECK(customs_listener_post(l, 9, 0) == CUSTOMS_E_STATE);
    CHECK(customs_live_allocations() == 0);

    /* An event handed over before unregister is still delivered. */
    ls.sleep_ms = 100;
    CHECK(customs_listener_register(on_event, &ls, &l) == CUSTOMS_OK);
    CHECK(customs_listener_post(l, 7, 0) == CUSTOMS_E_TIMEOUT);
    CHECK(customs_listener_unregister(l, 5000) == CUSTOMS_OK);
    CHECK(atomic_load(&ls.events) == 8);

    l = (customs_listener *)&ls;
    CHECK(customs_listener_register(NULL, &ls, &l) == CUSTOMS_E_NULL);
    CHECK(l == NULL);
    CHECK(customs_listener_register(on_event, &ls, NULL) == CUSTOMS_E_NULL);
    CHECK(customs_listener_unregister(NULL, 0) == CUSTOMS_E_NULL);
    CHECK(customs_live_allocations() == 0);
}

/* ---- retained pointer ---- */

static void test_sink(void) {
    uint8_t buf[8];
    memset(buf, 0xEE, sizeof buf);
    customs_sink *sink = NULL;
    CHECK(customs_sink_attach(buf, sizeof buf, &sink) == CUSTOMS_OK);
    CHECK(sink != NULL);
    CHECK(customs_live_allocations() == 1);
    CHECK(customs_sink_write(sink, (const uint8_t *)"hello", 5) == CUSTOMS_OK);
    CHECK(customs_sink_write(sink, (const uint8_t *)"wxyz", 4) == CUSTOMS_E_RANGE);
    CHECK(memcmp(buf, "hello", 5) == 0 && buf[5] == 0xEE && buf[6] == 0xEE && buf[7] == 0xEE);
    CHECK(customs_sink_write(sink, NULL, 0) == CUSTOMS_OK);
    CHECK(customs_sink_write(sink, NULL, 1) == CUSTOMS_E_NULL);
    CHECK(customs_sink_write(sink, (const uint8_t *)"abc", 3) == CUSTOMS_OK);
    CHECK(memcmp(buf, "helloabc", 8) == 0);
    CHECK(customs_sink_write(sink, (const uint8_t *)"!", 1) == CUSTOMS_E_RANGE);
    CHECK(customs_sink_write(sink, (const uint8_t *)"!", SIZE_MAX) == CUSTOMS_E_RANGE);
    size_t written = 0;
    CHECK(customs_sink_detach(sink, &written) == CUSTOMS_OK);
    CHECK(written == 8);
    CHECK(customs_live_allocations() == 0);
    /* A detached sink is no longer known: refused, never touched. */
    CHECK(customs_sink_write(sink, (const uint8_t *)"!", 1) == CUSTOMS_E_STATE);
    CHECK(customs_sink_detach(sink, &written) == CUSTOMS_E_STATE);

    CHECK(customs_sink_attach(buf, sizeof buf, &sink) == CUSTOMS_OK);
    CHECK(customs_sink_detach(sink, NULL) == CUSTOMS_OK);

    sink = (customs_sink *)buf;
    CHECK(customs_sink_attach(NULL, 8, &sink) == CUSTOMS_E_NULL);
    CHECK(sink == NULL);
    CHECK(customs_sink_attach(buf, 8, NULL) == CUSTOMS_E_NULL);
    sink = (customs_sink *)buf;
    CHECK(customs_sink_attach(buf, 0, &sink) == CUSTOMS_E_RANGE);
    CHECK(sink == NULL);
    CHECK(customs_sink_write(NULL, buf, 1) == CUSTOMS_E_NULL);
    CHECK(customs_sink_detach(NULL, &written) == CUSTOMS_E_NULL);
    CHECK(customs_live_allocations() == 0);
}

/* ---- self-description ---- */

static void test_layout(void) {
    static const char *sample_names[] = {"tag", "value", "count", "flags", "kind", "weight", "stamp"};
    static const size_t sample_offsets[] = {
        offsetof(customs_sample, tag),   offsetof(customs_sample, value),
        offsetof(customs_sample, count), offsetof(customs_sample, flags),
        offsetof(customs_sample, kind),  offsetof(customs_sample, weight),
        offsetof(customs_sample, stamp),
    };
    static const char *info_names[] = {"version", "field_count", "name_length", "item_count",
                                       "data_bytes", "checksum", "error_offset"};
    static const size_t info_offsets[] = {
        offsetof(customs_record_info, version),     offsetof(customs_record_info, field_count),
        offsetof(customs_record_info, name_length), offsetof(customs_record_info, item_count),
        offsetof(customs_record_info, data_bytes),  offsetof(customs_record_info, checksum),
        offsetof(customs_record_info, error_offset),
    };
    static const char *tally_names[] = {"calls", "failures", "failure_sum", "threads"};
    static const size_t tally_offsets[] = {
        offsetof(customs_tally, calls), offsetof(customs_tally, failures),
        offsetof(customs_tally, failure_sum), offsetof(customs_tally, threads),
    };
    const struct {
        const char *type;
        size_t size;
        size_t align;
        const char **names;
        const size_t *offsets;
        int64_t count;
    } expected[] = {
        {"customs_sample", sizeof(customs_sample), _Alignof(customs_sample), sample_names, sample_offsets, 7},
        {"customs_record_info", sizeof(customs_record_info), _Alignof(customs_record_info), info_names,
         info_offsets, 7},
        {"customs_tally", sizeof(customs_tally), _Alignof(customs_tally), tally_names, tally_offsets, 4},
    };
    for (size_t t = 0; t < sizeof expected / sizeof expected[0]; t++) {
        const char *type = expected[t].type;
        CHECK(customs_layout_size(type) == (int64_t)expected[t].size);
        CHECK(customs_layout_align(type) == (int64_t)expected[t].align);
        CHECK(customs_layout_field_count(type) == expected[t].count);
        for (int64_t i = 0; i < expected[t].count; i++) {
            const char *name = customs_layout_field_name(type, i);
            CHECK(name != NULL && strcmp(name, expected[t].names[i]) == 0);
            CHECK(customs_layout_offset(type, expected[t].names[i]) == (int64_t)expected[t].offsets[i]);
        }
        CHECK(customs_layout_field_name(type, expected[t].count) == NULL);
        CHECK(customs_layout_field_name(type, -1) == NULL);
        CHECK(customs_layout_offset(type, "nope") == -1);
        CHECK(customs_layout_offset(type, NULL) == -1);
    }
    CHECK(customs_layout_size("customs_sample") == 40);
    CHECK(customs_layout_align("customs_sample") == 8);
    CHECK(customs_layout_size("customs_record_info") == 24);
    CHECK(customs_layout_size("customs_tally") == 32);
    CHECK(customs_layout_size("nope") == -1);
    CHECK(customs_layout_size(NULL) == -1);
    CHECK(customs_layout_align("nope") == -1);
    CHECK(customs_layout_align(NULL) == -1);
    CHECK(customs_layout_field_count("nope") == -1);
    CHECK(customs_layout_field_count(NULL) == -1);
    CHECK(customs_layout_field_name("nope", 0) == NULL);
    CHECK(customs_layout_field_name(NULL, 0) == NULL);
    CHECK(customs_layout_offset("nope", "tag") == -1);
    CHECK(customs_layout_offset(NULL, "tag") == -1);
    CHECK(customs_layout_size("customs_async") == -1);
}

int main(void) {
    test_status_and_version();
    test_add();
    test_crc32();
    test_transform();
    test_sum();
    test_greet();
    test_to_upper();
    test_sample();
    test_file_size();
    test_parse_valid();
    test_parse_errors();
    test_parse_truncations();
    test_parse_mutations();
    test_for_each();
    test_run_threads();
    test_stress_threads();
    test_async();
    test_async_from_its_own_callback();
    test_listener();
    test_sink();
    test_layout();
    CHECK(customs_live_allocations() == 0);
    printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
