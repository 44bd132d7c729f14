package dev.customs.harness.scenarios;

import com.sun.jna.Pointer;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.GcRounds;
import dev.customs.lifetime.LibraryOwned;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Issue item 6: a library-allocated result whose free must run exactly once. */
public final class OwnershipTransfer extends Scenario {
    static final String ONCE = "CUSTOMS; live +1 until freed; freed once; live back to 0";

    public OwnershipTransfer() {
        super("ownership", "a library-allocated string tied to an arena: customs_string_free runs exactly once");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("customs_to_upper returns memory the library allocated; customs_string_free must release it, once.");
        r.say("FFM: LibraryOwned.adoptCString ties it to a confined arena (reinterpret with a cleanup action).");
        r.say("JNA: the Pointer has no lifetime, so the free is called by hand in finally.");
        r.columns();
        r.sideBySide("customs_to_upper(\"customs\")", ONCE, OwnershipTransfer::adopted, ONCE, jna -> byHand(jna.raw()));
        r.sideBySide("the string after it was freed", "IllegalStateException: Already closed", () -> {
            MemorySegment upper;
            try (Arena arena = Arena.ofConfined()) {
                upper = LibraryOwned.adoptCString(toUpper("x"), arena, customs_h::customs_string_free);
            }
            return upper.getString(0);
        }, "the Pointer still holds the freed address", jna -> {
            Pointer upper = jna.raw().customs_to_upper("x");
            jna.raw().customs_string_free(upper);
            return Pointer.nativeValue(upper) != 0 ? "the Pointer still holds the freed address" : "NULL";
        });
        AtomicInteger frees = new AtomicInteger();
        adoptIntoAnAutoArenaAndDrop(frees);
        int rounds = GcRounds.until(() -> frees.get() == 1, GcRounds.DEFAULT_LIMIT);
        r.say("Adopted by an auto arena and dropped: customs_string_free ran after " + rounds + " GC round(s).");
        r.check("ffm: an auto arena frees it once the GC finds it unreachable", 1, frees.get());
        r.row("live library allocations at the end", 0L, c -> c.liveAllocations());
        r.lesson("give a returned pointer a size, a lifetime and its deallocator in one call (reinterpret(size, arena,"
                + " free)); then closing the arena is the only free, and a later read is an exception, not a use"
                + " after free.");
    }

    private static MemorySegment toUpper(String s) {
        try (Arena arena = Arena.ofConfined()) {
            return customs_h.customs_to_upper(arena.allocateFrom(s));
        }
    }

    private static Consumer<MemorySegment> counting(AtomicInteger frees) {
        return s -> {
            customs_h.customs_string_free(s);
            frees.incrementAndGet(); // after the free: a waiter that sees the count sees the free
        };
    }

    private static String adopted() {
        long live = customs_h.customs_live_allocations();
        AtomicInteger frees = new AtomicInteger();
        String text;
        long liveWhileOwned;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment upper = LibraryOwned.adoptCString(toUpper("customs"), arena, counting(frees));
            text = upper.getString(0);
            liveWhileOwned = customs_h.customs_live_allocations() - live;
        }
        return describe(text, liveWhileOwned, frees.get(), customs_h.customs_live_allocations() - live);
    }

    private static String byHand(CustomsLibrary lib) {
        long live = lib.customs_live_allocations();
        Pointer upper = lib.customs_to_upper("customs");
        String text;
        long liveWhileOwned;
        int frees = 0;
        try {
            text = upper.getString(0, StandardCharsets.UTF_8.name());
            liveWhileOwned = lib.customs_live_allocations() - live;
        } finally {
            lib.customs_string_free(upper);
            frees++;
        }
        return describe(text, liveWhileOwned, frees, lib.customs_live_allocations() - live);
    }

    private static String describe(String text, long liveWhileOwned, int frees, long liveAfter) {
        return text + "; live +" + liveWhileOwned + " until freed; freed " + (frees == 1 ? "once" : frees + " times")
                + "; live back to " + liveAfter;
    }

    private static void adoptIntoAnAutoArenaAndDrop(AtomicInteger frees) {
        LibraryOwned.adoptCString(toUpper("gc"), Arena.ofAuto(), counting(frees));
    }
}
