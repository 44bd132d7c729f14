package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lifetime target's steps on raw FFM arenas of every kind, passed to C through {@link customs_h}: open, allocate,
 * hand a segment to {@code customs_crc32}/{@code customs_transform}, close; from the owner thread or another one. The
 * model predicts what FFM documents (BOUNDARY.md): {@code WrongThreadException} for a confined arena used or closed
 * off its owner thread (checked before closed-ness), {@code IllegalStateException} "Already closed" after close,
 * {@code UnsupportedOperationException} for closing the global or an automatic arena. C never sees freed memory.
 */
final class RawArenaSteps {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private static final int MAX_SIZE = 32;

    enum Kind { CONFINED, SHARED, AUTO, GLOBAL }

    private static final class Owned {
        final Kind kind;
        final Arena arena;
        boolean closed;

        Owned(Kind kind, Arena arena) {
            this.kind = kind;
            this.arena = arena;
        }
    }

    private record Segment(Owned owner, MemorySegment segment, byte[] shadow) {}

    private final List<Owned> arenas = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();

    void open(FuzzedDataProvider data) {
        Kind kind = data.pickValue(Kind.values());
        arenas.add(new Owned(kind, switch (kind) {
            case CONFINED -> Arena.ofConfined();
            case SHARED -> Arena.ofShared();
            case AUTO -> Arena.ofAuto();
            case GLOBAL -> Arena.global();
        }));
    }

    void allocate(FuzzedDataProvider data) {
        if (arenas.isEmpty()) {
            return;
        }
        Owned a = data.pickValue(arenas);
        int size = data.consumeInt(1, MAX_SIZE);
        boolean elsewhere = data.consumeBoolean();
        MemorySegment segment = Expect.outcome(a.kind + " arena allocate", refusal(a, elsewhere),
                () -> OtherThread.run(elsewhere, () -> a.arena.allocate(size)));
        if (segment != null) {
            segments.add(new Segment(a, segment, new byte[size]));
        }
    }

    /** Hands a segment to C: a transform in place, then a CRC of the result; the model predicts both. */
    void use(FuzzedDataProvider data) {
        if (segments.isEmpty()) {
            return;
        }
        Segment s = data.pickValue(segments);
        byte key = data.consumeByte();
        boolean elsewhere = data.consumeBoolean();
        Refusal refusal = refusal(s.owner(), elsewhere);
        long size = s.shadow().length;
        Integer status = Expect.outcome(s.owner().kind + " segment to customs_transform", refusal,
                () -> OtherThread.run(elsewhere, () -> customs_h.customs_transform(s.segment(), size, key)));
        if (status == null) {
            return;
        }
        Expect.equal("customs_transform status", 0, status);
        MemoryCalls.transformed(s.shadow(), 0, s.shadow().length, key);
        int crc = OtherThread.run(elsewhere, () -> customs_h.customs_crc32(0, s.segment(), size));
        Expect.equal(s.owner().kind + " segment CRC after transform", new Crc32().update(s.shadow(), 0, (int) size).value(), crc);
        byte[] bytes = OtherThread.run(elsewhere, () -> s.segment().toArray(ValueLayout.JAVA_BYTE));
        Expect.equal(s.owner().kind + " segment bytes", Arrays.toString(s.shadow()), Arrays.toString(bytes));
    }

    void close(FuzzedDataProvider data) {
        if (arenas.isEmpty()) {
            return;
        }
        Owned a = data.pickValue(arenas);
        boolean elsewhere = data.consumeBoolean();
        Refusal refusal = a.kind == Kind.AUTO || a.kind == Kind.GLOBAL
                ? Refusal.of(UnsupportedOperationException.class, "Attempted to close a non-closeable session")
                : refusal(a, elsewhere);
        Expect.outcome("close " + a.kind + " arena", refusal, () -> OtherThread.run(elsewhere, a.arena::close));
        a.closed |= refusal == null;
    }

    /** Closes every closeable arena still open, on its owner thread; afterwards none of them may be alive. */
    void releaseAll() {
        for (Owned a : arenas) {
            boolean closeable = a.kind == Kind.CONFINED || a.kind == Kind.SHARED;
            if (closeable && !a.closed) {
                a.arena.close();
                a.closed = true;
            }
            Expect.equal(a.kind + " arena alive after the sequence", !closeable, a.arena.scope().isAlive());
        }
    }

    /** What FFM refuses an access to arena {@code a} with, from this thread or the other one; null if it allows it. */
    private static Refusal refusal(Owned a, boolean elsewhere) {
        if (a.kind == Kind.CONFINED && elsewhere) {
            return Refusal.of(WrongThreadException.class, "Attempted access outside owning thread");
        }
        return a.closed ? Refusal.of(IllegalStateException.class, "Already closed") : null;
    }
}
