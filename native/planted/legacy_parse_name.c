/*
 * legacy_parse_name.c - a PLANTED BUG, for showing that fuzzing finds what plain tests miss.
 *
 * Built only into libcustoms_planted.so (see CMakeLists.txt here), never into libcustoms, and not
 * declared in customs.h. The fuzz target PlantedBugTarget binds it through FFM directly.
 *
 * It is legacy code of the kind Customs guards against: it copies a length-prefixed name into a
 * fixed heap buffer and NUL-terminates it. The length check admits len == LEGACY_NAME_MAX, but the
 * buffer holds LEGACY_NAME_MAX bytes in all, terminator included, so for exactly that length the
 * terminator is written one byte past the end of the allocation: an off-by-one heap-buffer-overflow.
 * In a plain build the stray byte lands in malloc's padding and every result is still right, so no
 * test of results can see it. AddressSanitizer reports it, with this file and line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LEGACY_API __attribute__((visibility("default")))

/* Longest name the record format allows. */
#define LEGACY_NAME_MAX 16

static const uint8_t name_magic[4] = {'N', 'A', 'M', 'E'};

/*
 * Parses a name record: "NAME", then a length byte, then that many bytes of name.
 * Returns the length of the name as C sees it (up to its first NUL byte), or -1 when the input is
 * not a name record (NULL, bad magic, length over LEGACY_NAME_MAX, or fewer bytes than claimed).
 * Ownership: data is caller-owned, read only during the call. Threading: any thread.
 * Calls back: no.
 */
LEGACY_API int32_t legacy_parse_name(const uint8_t *data, size_t len) {
    if (data == NULL || len < sizeof name_magic + 1 || memcmp(data, name_magic, sizeof name_magic) != 0) {
        return -1;
    }
    size_t name_len = data[sizeof name_magic];
    if (name_len > LEGACY_NAME_MAX || len - sizeof name_magic - 1 < name_len) {
        return -1;
    }
    char *name = malloc(LEGACY_NAME_MAX); /* the bug: no room for the terminator of a maximal name */
    if (name == NULL) {
        return -1;
    }
    memcpy(name, data + sizeof name_magic + 1, name_len);
    name[name_len] = '\0';
    int32_t result = (int32_t)strlen(name);
    free(name);
    return result;
}
