/*
 * strings.c - strings in (customs_greet) and out (customs_to_upper, customs_string_free).
 */
#include <string.h>

#include "customs.h"
#include "internal.h"

static const char greet_prefix[] = "Hello, ";
static const char greet_suffix[] = "!";

/* Copies what fits of src into out[*pos .. cap - 1), leaving room for the NUL. */
static void put_clipped(char *out, size_t cap, size_t *pos, const char *src, size_t n) {
    size_t room = cap - 1 - *pos;
    size_t take = n < room ? n : room;
    memcpy(out + *pos, src, take);
    *pos += take;
}

int64_t customs_greet(const char *name, char *out, size_t cap) {
    if (name == NULL || (out == NULL && cap > 0)) {
        return CUSTOMS_E_NULL;
    }
    size_t prefix_len = sizeof greet_prefix - 1;
    size_t suffix_len = sizeof greet_suffix - 1;
    size_t name_len = strlen(name);
    /* A name is an object in memory, so this sum cannot overflow size_t on LP64. */
    size_t needed = prefix_len + name_len + suffix_len;
    if (cap > 0) {
        size_t pos = 0;
        put_clipped(out, cap, &pos, greet_prefix, prefix_len);
        put_clipped(out, cap, &pos, name, name_len);
        put_clipped(out, cap, &pos, greet_suffix, suffix_len);
        out[pos] = '\0';
    }
    return (int64_t)needed;
}

char *customs_to_upper(const char *s) {
    if (s == NULL) {
        return NULL;
    }
    size_t len = strlen(s);
    char *copy = customs_internal_alloc(len + 1);
    if (copy == NULL) {
        return NULL;
    }
    /* ASCII only, byte by byte: toupper() would depend on the process locale. */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        copy[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    copy[len] = '\0';
    return copy;
}

void customs_string_free(char *s) {
    customs_internal_free(s);
}
