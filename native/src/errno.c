/*
 * errno.c - a POSIX-style call that reports failure through errno.
 */
#include <errno.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "customs.h"

/* procfs and sysfs (linux/magic.h): their regular files report a size unrelated to what reading them gives. */
#define PROC_SUPER_MAGIC 0x9fa0
#define SYSFS_MAGIC 0x62656572

/* 1 if path is on a pseudo file system whose st_size means nothing; 0 otherwise, or if that cannot be told. */
static int on_pseudo_file_system(const char *path) {
#ifdef __linux__
    struct statfs fs;
    if (statfs(path, &fs) == 0) {
        return fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC;
    }
#else
    (void)path;
#endif
    return 0;
}

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
    /* A device, FIFO or socket has no size to report (stat gives 0 for /dev/null), nor has a procfs or sysfs file. */
    if (!S_ISREG(st.st_mode) || on_pseudo_file_system(path)) {
        errno = EINVAL;
        return -1;
    }
    return (int64_t)st.st_size;
}
