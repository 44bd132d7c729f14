package dev.customs.harness.scenarios;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Memory;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.OtherThread;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Issue item 3: a confined arena used from a thread that does not own it. */
public final class WrongThread extends Scenario {
    static final String OUTSIDE = "WrongThreadException: Attempted access outside owning thread";

    public WrongThread() {
        super("wrong-thread", "a confined arena used by another thread: WrongThreadException; JNA has no owner thread");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("The main thread opens a confined arena (JNA: a Memory) holding 42; another thread reads it, passes it");
        r.say("to customs_sum_i32, and closes it.");
        r.columns();
        try (Arena arena = Arena.ofConfined(); Memory memory = new Memory(4)) {
            MemorySegment s = arena.allocate(JAVA_INT);
            s.set(JAVA_INT, 0, 42);
            memory.setInt(0, 42);
            r.sideBySide("read on another thread", OUTSIDE, () -> OtherThread.call(() -> s.get(JAVA_INT, 0)),
                    42, jna -> OtherThread.call(() -> memory.getInt(0)));
            r.sideBySide("downcall on another thread", OUTSIDE,
                    () -> OtherThread.call(() -> customs_h.customs_sum_i32(s, 1)),
                    42L, jna -> OtherThread.call(() -> jna.raw().customs_sum_i32(memory, 1)));
            r.check("the owner still reads it", 42, s.get(JAVA_INT, 0));
            r.sideBySide("close() on another thread", OUTSIDE, () -> {
                OtherThread.run(arena::close);
                return "closed";
            }, "freed", jna -> {
                try (Memory other = new Memory(4)) {
                    OtherThread.run(other::close);
                    return other.valid() ? "refused" : "freed";
                }
            });
        }
        r.lesson("a confined arena is a promise that one thread owns the memory, and FFM keeps it on every access,"
                + " downcall and close. JNA checks nothing: hand memory between threads only through a shared arena"
                + " or an owner with its own locking.");
    }
}
