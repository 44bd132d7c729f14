package dev.customs.harness.scenarios;

import com.sun.jna.Memory;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.GcRounds;
import dev.customs.lifetime.OtherThread;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Issue item 1: the four arena kinds, with real downcalls: how long they live, who may close them, which threads. */
public final class ArenaKinds extends Scenario {
    static final int DIGITS_CRC = 0xCBF43926;
    static final String ANY = "threads: any | close(): any thread";

    public ArenaKinds() {
        super("arena-kinds", "global, auto, confined, shared: lifetime, who may close, which threads, by real calls");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("Each arena holds \"123456789\"; customs_crc32 reads it from the owner thread and from another thread,");
        r.say("then another thread and the owner try close(). JNA's column puts its one kind, Memory, through the");
        r.say("same steps.");
        r.columns();
        row(r, "global", Arena::global, "threads: any | close(): UnsupportedOperationException");
        row(r, "auto", Arena::ofAuto, "threads: any | close(): UnsupportedOperationException");
        row(r, "confined", Arena::ofConfined,
                "threads: owner only (WrongThreadException) | close(): owner only (WrongThreadException)");
        row(r, "shared", Arena::ofShared, ANY);

        AtomicInteger freed = new AtomicInteger();
        dropAnAutoArena(freed);
        int rounds = GcRounds.until(() -> freed.get() == 1, GcRounds.DEFAULT_LIMIT);
        r.say("An auto arena nobody refers to any more was freed by the GC after " + rounds + " round(s).");
        r.check("auto: freed by the GC once unreachable", true, rounds >= 0);
        MemorySegment forever = Arena.global().allocate(1);
        r.check("global: never freed (still alive)", true, forever.scope().isAlive());
        r.lesson("pick the kind by who frees and who touches: confined for one thread and a clear end, shared when"
                + " threads hand memory around, auto when the GC may decide, global for the program's life. JNA's"
                + " Memory is always \"any thread may use it, any thread may free it\": nothing checks either.");
    }

    private static void row(Report r, String kind, Supplier<Arena> open, String expected) {
        r.sideBySide(kind, expected, () -> probe(open.get()), ANY, jna -> probe(jna.raw()));
    }

    /** Downcalls on both threads, then close() by another thread and, if refused, by the owner. */
    static String probe(Arena arena) {
        MemorySegment digits = arena.allocateFrom("123456789").asSlice(0, 9);
        if (customs_h.customs_crc32(0, digits, 9) != DIGITS_CRC) {
            return "wrong crc on the owner thread";
        }
        String threads;
        try {
            threads = OtherThread.call(() -> customs_h.customs_crc32(0, digits, 9)) == DIGITS_CRC ? "any" : "wrong crc";
        } catch (RuntimeException e) {
            threads = "owner only (" + e.getClass().getSimpleName() + ")";
        }
        String close;
        try {
            OtherThread.run(arena::close);
            close = "any thread";
        } catch (RuntimeException byOther) {
            try {
                arena.close();
                close = "owner only (" + byOther.getClass().getSimpleName() + ")";
            } catch (RuntimeException byOwner) {
                close = byOwner.getClass().getSimpleName();
            }
        }
        return "threads: " + threads + " | close(): " + close;
    }

    static String probe(CustomsLibrary lib) {
        Memory memory = new Memory(9);
        memory.write(0, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        if (lib.customs_crc32(0, memory, 9) != DIGITS_CRC) {
            return "wrong crc on the owner thread";
        }
        String threads = OtherThread.call(() -> lib.customs_crc32(0, memory, 9)) == DIGITS_CRC ? "any" : "wrong crc";
        OtherThread.run(memory::close);
        return "threads: " + threads + " | close(): " + (memory.valid() ? "refused" : "any thread");
    }

    /** An auto arena whose cleanup counts; nothing refers to it once this returns. */
    private static void dropAnAutoArena(AtomicInteger freed) {
        Arena auto = Arena.ofAuto();
        MemorySegment s = auto.allocate(8);
        MemorySegment.ofAddress(s.address()).reinterpret(8, auto, unused -> freed.incrementAndGet());
    }
}
