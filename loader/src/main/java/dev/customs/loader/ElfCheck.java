package dev.customs.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Inspects a file before the dynamic loader may map it. glibc's {@code dlopen} trusts the ELF program headers: a
 * truncated shared object (a half-finished copy or download) makes it fault inside {@code ld.so} and kills the JVM.
 * A file refused here never reaches {@code dlopen}.
 */
public final class ElfCheck {
    private static final int PT_LOAD = 1;

    private ElfCheck() {}

    /** Null when {@code path} looks like a complete 64-bit little-endian ELF object, else the reason it does not. */
    public static String problem(Path path) {
        java.util.Objects.requireNonNull(path, "path");
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = file.size();
            ByteBuffer header = read(file, 0, 64);
            if (header.remaining() < 4 || header.getInt(0) != 0x464c457f) {
                return "not an ELF file (no \\x7fELF magic)";
            }
            if (header.remaining() < 64) {
                return "truncated ELF file: " + size + " bytes, shorter than an ELF header";
            }
            if (header.get(4) != 2) {
                return "a 32-bit ELF object: this JVM loads 64-bit libraries only";
            }
            if (header.get(5) != 1) {
                return "a big-endian ELF object: not for this machine";
            }
            long phoff = header.getLong(0x20);
            int phentsize = Short.toUnsignedInt(header.getShort(0x36));
            int phnum = Short.toUnsignedInt(header.getShort(0x38));
            if (phentsize < 56 || phoff < 0 || phoff > size || (long) phnum * phentsize > size - phoff) {
                return "truncated ELF file: its program headers end beyond the file's " + size + " bytes";
            }
            ByteBuffer phdrs = read(file, phoff, phnum * phentsize);
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                if (phdrs.getInt(at) == PT_LOAD) {
                    long offset = phdrs.getLong(at + 8);
                    long fileSize = phdrs.getLong(at + 0x20);
                    if (offset < 0 || fileSize < 0 || offset > size || fileSize > size - offset) {
                        return "truncated ELF file: loadable segment " + i + " needs bytes up to " + (offset + fileSize)
                                + " but the file has " + size;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot be read: " + e;
        }
    }

    private static ByteBuffer read(FileChannel file, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && file.read(buffer, at + buffer.position()) > 0) {
            // keep reading until full or end of file
        }
        return buffer.flip();
    }
}
