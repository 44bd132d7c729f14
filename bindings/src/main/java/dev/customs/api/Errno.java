package dev.customs.api;

import java.util.Map;

/** Symbolic names of the common Linux errno values, for messages a person can read. */
final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(5, "EIO"), Map.entry(9, "EBADF"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(17, "EEXIST"),
            Map.entry(20, "ENOTDIR"), Map.entry(21, "EISDIR"), Map.entry(22, "EINVAL"), Map.entry(36, "ENAMETOOLONG"),
            Map.entry(40, "ELOOP"), Map.entry(75, "EOVERFLOW"));

    private Errno() {}

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
