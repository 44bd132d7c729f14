package dev.customs.fuzz.targets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.bindings.jna.JnaLibraries;
import dev.customs.lifetime.specimen.CustomsSinks;
import dev.customs.lifetime.LibraryOwned;
import dev.customs.lifetime.RetainedMemory;
import dev.customs.pinning.Access;
import dev.customs.pinning.ArrayHandoff;
import dev.customs.pinning.specimen.CustomsFunctions;
import dev.customs.pinning.Handoff;
import dev.customs.pinning.HandoffRules;
import dev.customs.jna.JnaHandoffs;
import dev.customs.pinning.NativeFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Target 6, the primitives a library author builds on: {@link ArrayHandoff} (module {@code pinning}) and
 * {@link RetainedMemory} and {@link LibraryOwned} (module {@code lifetime}). The fuzzer chooses a sequence of steps:
 * <ul>
 *   <li>a real {@code customs_crc32} or {@code customs_transform} through one of the nine handoffs (three ways, FFM and
 *       both JNA mappings), on a region and with an {@link Access} it chooses, nulls and regions outside the array
 *       included. A model predicts what C sees (the array, or zeros for an {@code OUT} copy), the result, every byte
 *       of the array afterwards (written back once, never for {@code IN}, only inside the region) and the copy
 *       counters; a bad region is refused before anything is copied;</li>
 *   <li>a handoff to any function {@link CustomsFunctions} describes, with a call that returns or throws: the rules
 *       of {@link HandoffRules} refuse exactly the handoffs they name, and a call that throws is never written
 *       back;</li>
 *   <li>memory a sink retains, written, read and closed from either thread: close detaches first (reporting the
 *       bytes written, once) and frees second, and afterwards the handle and the memory refuse every use;</li>
 *   <li>strings the library allocates ({@code customs_to_upper}), adopted into confined or shared arenas: the
 *       library's free runs exactly once, when the arena closes, and the segment refuses reads afterwards.</li>
 * </ul>
 * At the end everything is closed and the library's live allocations are back to zero.
 */
public final class HandoffTarget {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private static final int MAX_STEPS = 16;
    private static final int MAX_ARRAY = 48;
    private static final int MAX_RETAINED = 32;
    private static final List<Way> WAYS = ways();
    private static final List<NativeFunction> FUNCTIONS = CustomsFunctions.described();
    private static final List<BiConsumer<HandoffTarget, FuzzedDataProvider>> STEPS = List.of(
            HandoffTarget::nativeCall, HandoffTarget::ruleCheck, HandoffTarget::retain, HandoffTarget::sinkWrite,
            HandoffTarget::retainedRead, HandoffTarget::retainedClose, HandoffTarget::adoptString,
            HandoffTarget::closeArena);

    /** A native call given the pointer a handoff made. */
    @FunctionalInterface
    private interface Crc<P> {
        int apply(int crc, P data, long length) throws Throwable;
    }

    @FunctionalInterface
    private interface Transform<P> {
        int apply(P data, long length, byte key) throws Throwable;
    }

    /** One handoff, bound to libcustoms' checksum and transform. */
    private record Way(ArrayHandoff<?> handoff, Crc<Object> crc, Transform<Object> transform) {
        /**
         * True when JNA itself copies the array in and back, uncounted: its {@code byte[]} argument, given a whole
         * array that C reads ({@code IN} or {@code IN_OUT}; C must see zeros for {@code OUT}).
         */
        boolean jnaCopiesWhole(byte[] array, int offset, int length, Access access) {
            return handoff.backend().equals("jna") && handoff.way() == Handoff.HEAP && offset == 0
                    && length == array.length && access.readsInput();
        }

        @Override
        public String toString() {
            return handoff.toString();
        }
    }

    /** Memory a sink retains, and the model of it. */
    private static final class Retained {
        final RetainedMemory<MemorySegment> retained;
        final byte[] shadow;
        final List<Long> detachReports;
        int written;
        boolean closed;

        Retained(RetainedMemory<MemorySegment> retained, byte[] shadow, List<Long> detachReports) {
            this.retained = retained;
            this.shadow = shadow;
            this.detachReports = detachReports;
        }
    }

    /** An arena holding strings the library allocated. */
    private record Owner(Arena arena, boolean shared, List<MemorySegment> strings) {}

    private final List<Retained> retained = new ArrayList<>();
    private final List<Owner> owners = new ArrayList<>();
    private final long liveAtStart = customs_h.customs_live_allocations();
    private long adoptedLive;

    private HandoffTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        HandoffTarget sequence = new HandoffTarget();
        StepSequence.run(data, MAX_STEPS, STEPS, sequence, sequence::releaseAll);
    }

    // --- array handoffs ----------------------------------------------------------------------------------------------

    private void nativeCall(FuzzedDataProvider data) {
        Way way = data.pickValue(WAYS);
        Access access = data.pickValue(Access.values());
        boolean transform = data.consumeBoolean();
        int crcStart = data.consumeInt();
        byte key = data.consumeByte();
        byte[] array = Inputs.chooseNull(data) ? null : data.consumeBytes(data.consumeInt(0, MAX_ARRAY));
        int size = array == null ? 0 : array.length;
        int offset = data.consumeInt(-2, size + 2);
        int length = data.consumeInt(-2, size + 2);
        String what = way + (transform ? " transform" : " crc32") + " of [" + offset + ", +" + length + ") of "
                + (array == null ? "null" : size + " bytes") + ", " + access;
        long copiesIn = way.handoff().copiesIn();
        long writeBacks = way.handoff().writeBacks();
        Refusal refusal = array == null ? Refusal.of(NullPointerException.class, "array")
                : offset < 0 || length < 0 || offset > size - length
                        ? Refusal.of(IndexOutOfBoundsException.class, "Range [" + offset + ", " + offset + " + "
                                + length + ") out of bounds for length " + size)
                        : null;
        byte[] before = array == null ? null : array.clone();
        Integer result = Expect.outcome(what, refusal, () -> transform
                ? way.handoff().pass(CustomsFunctions.TRANSFORM, array, offset, length, access,
                        p -> way.transform().apply(p, length, key))
                : way.handoff().pass(CustomsFunctions.CRC32, array, offset, length, access,
                        p -> way.crc().apply(crcStart, p, length)));
        if (refusal != null) {
            Expect.equal(what + ": copies in after a refusal", copiesIn, way.handoff().copiesIn());
            Expect.equal(what + ": write-backs after a refusal", writeBacks, way.handoff().writeBacks());
            Expect.that(before == null || Arrays.equals(before, array), () -> what + ": array changed by a refusal");
            return;
        }
        // What C saw: the array itself (zero copy), a copy of it, or zeros (an OUT copy). What C wrote reaches the
        // array when C wrote the array itself, when the call writes output, and when JNA copied the whole array back.
        boolean zeroCopy = way.handoff().zeroCopy();
        boolean jnaOwn = way.jnaCopiesWhole(array, offset, length, access);
        byte[] seen = zeroCopy || access.readsInput() ? Arrays.copyOfRange(before, offset, offset + length)
                : new byte[length];
        byte[] expected = before.clone();
        if (transform) {
            Expect.equal(what + ": status", 0, result);
            if (zeroCopy || jnaOwn || access.writesOutput()) {
                System.arraycopy(javaTransform(seen, key), 0, expected, offset, length);
            }
        } else {
            Expect.equal(what + ": checksum", new Crc32(crcStart).update(seen, 0, length).value(), result);
            if (!zeroCopy && !jnaOwn && access.writesOutput()) {
                System.arraycopy(seen, 0, expected, offset, length); // the copy C read, written back
            }
        }
        Expect.equal(what + ": the array afterwards", Arrays.toString(expected), Arrays.toString(array));
        boolean counted = !zeroCopy && !jnaOwn;
        Expect.equal(what + ": copies in", copiesIn + (counted && access.readsInput() ? 1 : 0),
                way.handoff().copiesIn());
        Expect.equal(what + ": write-backs", writeBacks + (counted && access.writesOutput() ? 1 : 0),
                way.handoff().writeBacks());
    }

    /** Any described function, any handoff: the rules decide; a call that throws is never written back. */
    private void ruleCheck(FuzzedDataProvider data) {
        Way way = data.pickValue(WAYS);
        NativeFunction function = data.pickValue(FUNCTIONS);
        Access access = data.pickValue(Access.values());
        boolean throwsChecked = data.consumeBoolean();
        boolean throwsAtAll = data.consumeBoolean();
        byte[] array = data.consumeBytes(data.consumeInt(0, MAX_ARRAY));
        byte[] before = array.clone();
        String what = way + " handoff of " + array.length + " bytes to " + function.name() + ", " + access;
        String rule = function.retainsPointer() ? HandoffRules.NO_PER_CALL_MEMORY_IF_RETAINED
                : function.callsBack() && way.handoff().zeroCopy() ? HandoffRules.NO_HEAP_IF_CALLING_BACK : null;
        Exception planned = throwsChecked ? new java.io.IOException("planned") : new IllegalStateException("planned");
        long writeBacks = way.handoff().writeBacks();
        boolean[] called = {false};
        Refusal refusal = rule != null
                ? Refusal.of(IllegalArgumentException.class, "(rule: \"" + rule + "\")")
                : throwsAtAll ? Refusal.of(throwsChecked ? UndeclaredThrowableException.class
                        : IllegalStateException.class, throwsChecked ? "checked exception" : "planned")
                : null;
        Object result = Expect.outcome(what, refusal, () -> way.handoff().pass(function, array, 0, array.length,
                access, p -> {
                    called[0] = true;
                    if (throwsAtAll) {
                        throw planned;
                    }
                    return "called";
                }));
        Expect.equal(what + ": the call ran", rule == null, called[0]);
        if (rule != null || throwsAtAll) {
            Expect.equal(what + ": write-backs after a refusal or a throw", writeBacks, way.handoff().writeBacks());
            Expect.equal(what + ": the array after a refusal or a throw", Arrays.toString(before),
                    Arrays.toString(array));
            return;
        }
        Expect.equal(what, "called", result);
        // The call wrote nothing: an OUT copy (zeros, since it was not filled) is all that can reach the array.
        boolean zeroedBack = !way.handoff().zeroCopy() && access == Access.OUT;
        Expect.equal(what + ": the array afterwards", Arrays.toString(zeroedBack ? new byte[array.length] : before),
                Arrays.toString(array));
    }

    // --- retained memory ---------------------------------------------------------------------------------------------

    private void retain(FuzzedDataProvider data) {
        int size = data.consumeInt(1, MAX_RETAINED);
        List<Long> reports = new ArrayList<>();
        RetainedMemory<MemorySegment> memory = CustomsSinks.retain(size, reports::add);
        retained.add(new Retained(memory, new byte[size], reports));
        expectLive("after attaching a sink");
    }

    private void sinkWrite(FuzzedDataProvider data) {
        if (retained.isEmpty()) {
            return;
        }
        Retained r = data.pickValue(retained);
        byte[] bytes = data.consumeBytes(data.consumeInt(0, MAX_RETAINED / 2));
        boolean elsewhere = data.consumeBoolean();
        String what = "sink write of " + bytes.length + " bytes after " + r.written + " into " + r.retained;
        if (r.closed) {
            Expect.outcome(what, Refusal.of(IllegalStateException.class, "detached"),
                    () -> OtherThread.run(elsewhere, r.retained::handle));
            return;
        }
        int status = OtherThread.run(elsewhere, () -> CustomsSinks.write(r.retained.handle(), bytes));
        boolean fits = r.written + bytes.length <= r.shadow.length;
        Expect.equal(what + ": status", fits ? customs_h.CUSTOMS_OK() : customs_h.CUSTOMS_E_RANGE(), status);
        if (fits) {
            System.arraycopy(bytes, 0, r.shadow, r.written, bytes.length);
            r.written += bytes.length;
        }
    }

    private void retainedRead(FuzzedDataProvider data) {
        if (retained.isEmpty()) {
            return;
        }
        Retained r = data.pickValue(retained);
        boolean elsewhere = data.consumeBoolean();
        Refusal refusal = r.closed ? Refusal.of(IllegalStateException.class, "Already closed") : null;
        byte[] bytes = Expect.outcome("read " + r.retained, refusal,
                () -> OtherThread.run(elsewhere, () -> r.retained.memory().toArray(JAVA_BYTE)));
        if (bytes != null) {
            Expect.equal("bytes of " + r.retained, Arrays.toString(r.shadow), Arrays.toString(bytes));
        }
    }

    private void retainedClose(FuzzedDataProvider data) {
        if (!retained.isEmpty()) {
            close(data.pickValue(retained), data.consumeBoolean());
        }
    }

    /** close() detaches first, reporting the bytes written exactly once, then frees; a second close does nothing. */
    private void close(Retained r, boolean elsewhere) {
        OtherThread.run(elsewhere, r.retained::close);
        r.closed = true;
        Expect.equal("detach reports of " + r.retained, List.of((long) r.written), r.detachReports);
        Expect.that(!r.retained.isAttached(), () -> r.retained + " still attached after close");
        Expect.that(!r.retained.memory().scope().isAlive(), () -> r.retained + " memory alive after close");
        expectLive("after closing " + r.retained);
    }

    /** The library's live allocations: one per attached sink and per adopted string not yet freed. */
    private void expectLive(String when) {
        long sinks = retained.stream().filter(r -> !r.closed).count();
        Expect.equal("library allocations " + when + " (" + sinks + " sinks, " + adoptedLive + " strings)",
                liveAtStart + sinks + adoptedLive, customs_h.customs_live_allocations());
    }

    // --- library-owned strings ---------------------------------------------------------------------------------------

    private void adoptString(FuzzedDataProvider data) {
        if (owners.isEmpty() || data.consumeBoolean()) {
            boolean shared = data.consumeBoolean();
            owners.add(new Owner(shared ? Arena.ofShared() : Arena.ofConfined(), shared, new ArrayList<>()));
        }
        Owner owner = data.pickValue(owners);
        byte[] text = data.consumeBytes(MAX_ARRAY);
        if (!owner.arena().scope().isAlive()) {
            return;
        }
        MemorySegment upper;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment input = call.allocate(text.length + 1);
            MemorySegment.copy(text, 0, input, JAVA_BYTE, 0, text.length);
            upper = LibraryOwned.adoptCString(customs_h.customs_to_upper(input), owner.arena(),
                    customs_h::customs_string_free);
        }
        adoptedLive++;
        owner.strings().add(upper);
        byte[] expected = upperUntilNul(text);
        Expect.equal("customs_to_upper, adopted", Arrays.toString(expected),
                Arrays.toString(upper.toArray(JAVA_BYTE)));
        expectLive("after adopting a string");
    }

    private void closeArena(FuzzedDataProvider data) {
        if (!owners.isEmpty()) {
            Owner owner = data.pickValue(owners);
            close(owner, owner.shared() && data.consumeBoolean());
        }
    }

    /** Closing the arena runs the library's free once per string: the count drops by exactly that many. */
    private void close(Owner owner, boolean elsewhere) {
        if (!owner.arena().scope().isAlive()) {
            return;
        }
        OtherThread.run(elsewhere, owner.arena()::close);
        adoptedLive -= owner.strings().size();
        expectLive("after closing an arena of " + owner.strings().size() + " strings");
        for (MemorySegment s : owner.strings()) {
            Expect.outcome("read an adopted string after its arena closed",
                    Refusal.of(IllegalStateException.class, "Already closed"), () -> s.get(JAVA_BYTE, 0));
        }
    }

    private void releaseAll() {
        for (Retained r : retained) {
            if (!r.closed) {
                close(r, false);
            }
        }
        owners.forEach(o -> close(o, false));
        Expect.equal("library allocations after the sequence", liveAtStart, customs_h.customs_live_allocations());
    }

    // --- models ------------------------------------------------------------------------------------------------------

    /** {@code customs_transform}: {@code data[i] ^= (byte) (key + i)}. */
    private static byte[] javaTransform(byte[] data, byte key) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (key + i);
        }
        return out;
    }

    /** {@code customs_to_upper} of the C string in {@code text} (up to its first NUL), with the NUL. */
    private static byte[] upperUntilNul(byte[] text) {
        int n = 0;
        while (n < text.length && text[n] != 0) {
            n++;
        }
        byte[] out = Arrays.copyOf(text, n + 1);
        for (int i = 0; i < n; i++) {
            if (out[i] >= 'a' && out[i] <= 'z') {
                out[i] -= 'a' - 'A';
            }
        }
        return out;
    }

    // --- the nine handoffs -------------------------------------------------------------------------------------------

    private static List<Way> ways() {
        MethodHandle crc = CustomsFunctions.CRC32_CRITICAL.handle();
        MethodHandle transform = CustomsFunctions.TRANSFORM_CRITICAL.handle();
        List<Way> ways = new ArrayList<>();
        for (Handoff way : Handoff.values()) {
            ways.add(way(way.ffm(), (c, p, n) -> (int) crc.invokeExact(c, (MemorySegment) p, n),
                    (p, n, k) -> (int) transform.invokeExact((MemorySegment) p, n, k)));
            for (CustomsLibrary lib : List.of(JnaLibraries.direct(), JnaLibraries.interfaceMapped())) {
                ways.add(switch (way) {
                    case HEAP -> way(JnaHandoffs.array(), (c, p, n) -> lib.customs_crc32(c, (byte[]) p, n),
                            (p, n, k) -> lib.customs_transform((byte[]) p, n, k));
                    case NATIVE_COPY -> way(JnaHandoffs.memory(), HandoffTarget::jnaCrc, HandoffTarget::jnaTransform,
                            lib);
                    case DIRECT_BUFFER -> way(JnaHandoffs.directBuffer(), HandoffTarget::jnaCrc,
                            HandoffTarget::jnaTransform, lib);
                });
            }
        }
        return List.copyOf(ways);
    }

    private static Way way(ArrayHandoff<?> handoff, Crc<Object> crc, Transform<Object> transform) {
        return new Way(handoff, crc, transform);
    }

    private static Way way(ArrayHandoff<?> handoff, JnaCrc crc, JnaTransform transform, CustomsLibrary lib) {
        return new Way(handoff, (c, p, n) -> crc.apply(lib, c, p, n), (p, n, k) -> transform.apply(lib, p, n, k));
    }

    @FunctionalInterface
    private interface JnaCrc {
        int apply(CustomsLibrary lib, int crc, Object data, long length);
    }

    @FunctionalInterface
    private interface JnaTransform {
        int apply(CustomsLibrary lib, Object data, long length, byte key);
    }

    private static int jnaCrc(CustomsLibrary lib, int crc, Object data, long length) {
        return lib.customs_crc32(crc, (com.sun.jna.Pointer) data, length);
    }

    private static int jnaTransform(CustomsLibrary lib, Object data, long length, byte key) {
        return lib.customs_transform((com.sun.jna.Pointer) data, length, key);
    }
}
