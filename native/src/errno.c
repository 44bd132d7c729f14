/*
 * errno.c - a POSIX-style call that reports failure through errno.
 */
#include <errno.h>
#include <sys/stat.h>

#include "customs.h"

int64_t customs_file_size(const char *path) {
    if (path == NULL) {
        errno = EINVAL;
        return -1;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    return (int64_t)st.st_size;
}
