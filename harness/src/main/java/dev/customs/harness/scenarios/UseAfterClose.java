package dev.customs.harness.scenarios;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.customs.api.NativeBuffer;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.specimen.JnaMemoryReadAfterClose;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Issue item 2: memory used after it was freed. FFM refuses; JNA hands C a NULL, or dies reading address 0. */
public final class UseAfterClose extends Scenario {
    public UseAfterClose() {
        super("use-after-close", "FFM refuses every use of a closed arena; JNA's closed Memory becomes address 0");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("16 bytes are freed (FFM: the arena closes; JNA: Memory.close()), then used anyway. Reading a closed");
        r.say("JNA Memory kills the JVM, so that row runs in a child JVM.");
        r.columns();
        r.sideBySide("what is left after close()", "alive: false, size: 16", () -> {
            MemorySegment s = closed();
            return "alive: " + s.scope().isAlive() + ", size: " + s.byteSize();
        }, "alive: false, size: 16", jna -> {
            Memory m = closedMemory();
            return "alive: " + m.valid() + ", size: " + m.size();
        });
        r.sideBySide("read byte 0 from Java", "IllegalStateException: Already closed", () -> closed().get(JAVA_BYTE, 0),
                "JVM killed (exit 1): SIGSEGV in Java_com_sun_jna_Native_getByte",
                jna -> Evidence.death(JnaMemoryReadAfterClose.class, "SIGSEGV", "Java_com_sun_jna_Native_getByte"));
        r.sideBySide("pass it to C (customs_transform)", "IllegalStateException: Already closed",
                () -> customs_h.customs_transform(closed(), 16, (byte) 1),
                "C got NULL: status -1", jna -> "C got NULL: status "
                        + jna.raw().customs_transform(closedMemory(), 16, (byte) 1));
        r.sideBySide("a view at offset 4, after close()", "IllegalStateException: Already closed",
                () -> closed().asSlice(4).get(JAVA_BYTE, 0),
                "points at 0x4",
                jna -> "points at 0x" + Long.toHexString(Pointer.nativeValue(closedMemory().share(4))));
        r.row("Customs NativeBuffer after close()", "IllegalStateException: NativeBuffer of 16 bytes is already closed",
                c -> {
                    NativeBuffer b = c.allocate(16);
                    b.close();
                    c.transform(b, 0, 16, (byte) 1);
                    return "used";
                });
        r.lesson("FFM ties every segment to its arena's liveness, so a use after close is an exception. JNA 5.19.1's"
                + " close() sets the address to 0 and keeps the size: C receives NULL (or 0x4 for an offset view) and a"
                + " Java read faults. Keep JNA memory behind an owner that checks, as Customs' NativeBuffer does.");
    }

    private static MemorySegment closed() {
        try (Arena arena = Arena.ofConfined()) {
            return arena.allocate(16);
        }
    }

    private static Memory closedMemory() {
        Memory m = new Memory(16);
        m.close();
        return m;
    }
}
