package dev.customs.lifetime.specimen;

import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.jna.CustomsLibrary;

/** What the specimens share: the block size that makes a use after free fault, and the steps they print. */
final class Specimen {
    /** Above glibc's largest mmap threshold (32 MiB), so free() unmaps the block at once. */
    static final long UNMAPPED_ON_FREE = 64L << 20;

    private Specimen() {}

    /** The raw JNA binding of backend {@code jna} or {@code jna-interface}. */
    static CustomsLibrary jna(String backend) {
        if (!(Customs.open(backend) instanceof JnaCustoms jna)) {
            throw new IllegalArgumentException("not a JNA backend: " + backend);
        }
        return jna.raw();
    }

    static void step(String what) {
        System.out.println(what);
        System.out.flush();
    }

    static void survived() {
        step("survived");
        System.exit(0);
    }
}
