package dev.customs.bench;

import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.checked.Checked;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@code ./customs bench}: the memory one quarantined stub holds (checked/README.md). It makes
 * {@value #STUBS} checked stubs and closes each one's arena, so all sit in the quarantine (bound 1024), and compares
 * with as many raw stubs kept alive: code cache (where stub code lives) and Java heap after a GC, per stub. Prints
 * one JSON line.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class QuarantineCost {
    static final int STUBS = 1000;

    private QuarantineCost() {
    }

    static int zero(MemorySegment user, long index, int value) {
        return 0;
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Linker linker = Linker.nativeLinker();
        MethodHandle target = MethodHandles.lookup().findStatic(QuarantineCost.class, "zero",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class));
        // Warm up the classes and adapters both paths use, so that their one-off cost is not counted per stub.
        try (Arena a = Checked.ofConfined()) {
            Checked.upcallStub(linker, target, customs_item_cb.descriptor(), a);
            linker.upcallStub(target, customs_item_cb.descriptor(), a);
        }
        long[] before = usage();
        Arena raw = Arena.ofShared();
        for (int i = 0; i < STUBS; i++) {
            linker.upcallStub(target, customs_item_cb.descriptor(), raw);
        }
        long[] rawAfter = usage();
        for (int i = 0; i < STUBS; i++) {
            try (Arena a = Checked.ofConfined()) {
                Checked.upcallStub(linker, target, customs_item_cb.descriptor(), a);
            }
        }
        long[] checkedAfter = usage();
        System.out.printf("{\"stubs\":%d,\"rawCodeBytesPerStub\":%.1f,\"rawHeapBytesPerStub\":%.1f,"
                        + "\"quarantinedCodeBytesPerStub\":%.1f,\"quarantinedHeapBytesPerStub\":%.1f}%n", STUBS,
                (rawAfter[0] - before[0]) / (double) STUBS, (rawAfter[1] - before[1]) / (double) STUBS,
                (checkedAfter[0] - rawAfter[0]) / (double) STUBS, (checkedAfter[1] - rawAfter[1]) / (double) STUBS);
        raw.close();
    }

    /** {code cache bytes used, heap bytes used after a GC}. */
    private static long[] usage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long code = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP && pool.getName().contains("Code")) {
                code += pool.getUsage().getUsed();
            }
        }
        return new long[] {code, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()};
    }
}
