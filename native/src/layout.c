/*
 * layout.c - self-description of the public structs, so the Java side can check its own
 * layouts against what this library was actually compiled with.
 */
#include <string.h>

#include "customs.h"

/* customs.h documents these LP64 layouts for binding authors; keep the comments honest. */
_Static_assert(sizeof(customs_sample) == 40 && _Alignof(customs_sample) == 8,
               "customs_sample layout differs from customs.h");
_Static_assert(offsetof(customs_sample, flags) == 20 && offsetof(customs_sample, weight) == 28
                   && offsetof(customs_sample, stamp) == 32,
               "customs_sample offsets differ from customs.h");
_Static_assert(sizeof(customs_record_info) == 24 && offsetof(customs_record_info, checksum) == 16
                   && offsetof(customs_record_info, error_offset) == 20,
               "customs_record_info layout differs from customs.h");
_Static_assert(sizeof(customs_tally) == 32 && _Alignof(customs_tally) == 8 && offsetof(customs_tally, threads) == 24,
               "customs_tally layout differs from customs.h");

typedef struct layout_field {
    const char *name;
    size_t offset;
} layout_field;

typedef struct layout_struct {
    const char *name;
    size_t size;
    size_t align;
    const layout_field *fields;
    size_t field_count;
} layout_struct;

#define LAYOUT_FIELD(type, field) {#field, offsetof(type, field)}
#define LAYOUT_STRUCT(type, fields) \
    {#type, sizeof(type), _Alignof(type), fields, sizeof(fields) / sizeof(fields[0])}

/* Fields in declaration order, as customs_layout_field_name promises. */
static const layout_field sample_fields[] = {
    LAYOUT_FIELD(customs_sample, tag),
    LAYOUT_FIELD(customs_sample, value),
    LAYOUT_FIELD(customs_sample, count),
    LAYOUT_FIELD(customs_sample, flags),
    LAYOUT_FIELD(customs_sample, kind),
    LAYOUT_FIELD(customs_sample, weight),
    LAYOUT_FIELD(customs_sample, stamp),
};

static const layout_field record_info_fields[] = {
    LAYOUT_FIELD(customs_record_info, version),
    LAYOUT_FIELD(customs_record_info, field_count),
    LAYOUT_FIELD(customs_record_info, name_length),
    LAYOUT_FIELD(customs_record_info, item_count),
    LAYOUT_FIELD(customs_record_info, data_bytes),
    LAYOUT_FIELD(customs_record_info, checksum),
    LAYOUT_FIELD(customs_record_info, error_offset),
};

static const layout_field tally_fields[] = {
    LAYOUT_FIELD(customs_tally, calls),
    LAYOUT_FIELD(customs_tally, failures),
    LAYOUT_FIELD(customs_tally, failure_sum),
    LAYOUT_FIELD(customs_tally, threads),
};

static const layout_struct layout_structs[] = {
    LAYOUT_STRUCT(customs_sample, sample_fields),
    LAYOUT_STRUCT(customs_record_info, record_info_fields),
    LAYOUT_STRUCT(customs_tally, tally_fields),
};

static const layout_struct *find_struct(const char *type) {
    if (type == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof layout_structs / sizeof layout_structs[0]; i++) {
        if (strcmp(layout_structs[i].name, type) == 0) {
            return &layout_structs[i];
        }
    }
    return NULL;
}

int64_t customs_layout_size(const char *type) {
    const layout_struct *s = find_struct(type);
    return s != NULL ? (int64_t)s->size : -1;
}

int64_t customs_layout_align(const char *type) {
    const layout_struct *s = find_struct(type);
    return s != NULL ? (int64_t)s->align : -1;
}

int64_t customs_layout_field_count(const char *type) {
    const layout_struct *s = find_struct(type);
    return s != NULL ? (int64_t)s->field_count : -1;
}

const char *customs_layout_field_name(const char *type, int64_t index) {
    const layout_struct *s = find_struct(type);
    if (s == NULL || index < 0 || (uint64_t)index >= s->field_count) {
        return NULL;
    }
    return s->fields[index].name;
}

int64_t customs_layout_offset(const char *type, const char *field) {
    const layout_struct *s = find_struct(type);
    if (s == NULL || field == NULL) {
        return -1;
    }
    for (size_t i = 0; i < s->field_count; i++) {
        if (strcmp(s->fields[i].name, field) == 0) {
            return (int64_t)s->fields[i].offset;
        }
    }
    return -1;
}
