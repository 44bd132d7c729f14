/*
 * strings.c - strings in (customs_greet) and out (customs_to_upper, customs_string_free).
 */
#include <string.h>

#include "customs.h"
#include "internal.h"

static const char greet_prefix[] = "Hello, ";
static const char greet_suffix[] = "!";

static size_t min_size(size_t a, size_t b) {
    return a < b ? a : b;
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
        size_t room = cap - 1; /* bytes before the NUL */
        /* name may overlap out (the header allows it): move the name into place first, with memmove, before the
         * prefix and suffix overwrite what may be its source bytes. */
        size_t name_at = min_size(prefix_len, room);
        size_t name_take = min_size(name_len, room - name_at);
        memmove(out + name_at, name, name_take);
        memcpy(out, greet_prefix, name_at);
        size_t pos = name_at + name_take;
        size_t suffix_take = min_size(suffix_len, room - pos);
        memcpy(out + pos, greet_suffix, suffix_take);
        out[pos + suffix_take] = '\0';
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
