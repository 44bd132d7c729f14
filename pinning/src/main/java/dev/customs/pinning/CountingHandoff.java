package dev.customs.pinning;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/** What every handoff shares: argument checks, the rules, the copy protocol and its counters, exception passing. */
public abstract class CountingHandoff<P> implements ArrayHandoff<P> {
    /** Copies between a Java array region and a handoff's staging memory, in one direction. */
    @FunctionalInterface
    protected interface Copy {
        void copy(byte[] array, int offset, int length);
    }

    private final Handoff way;
    private final String backend;
    private final boolean zeroCopy;
    private final LongAdder copiesIn = new LongAdder();
    private final LongAdder writeBacks = new LongAdder();

    protected CountingHandoff(Handoff way, String backend, boolean zeroCopy) {
        this.way = way;
        this.backend = backend;
        this.zeroCopy = zeroCopy;
    }

    @Override
    public final Handoff way() {
        return way;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final boolean zeroCopy() {
        return zeroCopy;
    }

    @Override
    public final <R> R pass(NativeFunction function, byte[] array, int offset, int length, Access access,
                            NativeCall<P, R> call) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(call, "call");
        Objects.checkFromIndexSize(offset, length, array.length);
        HandoffRules.checkHandoff(function, way, zeroCopy);
        try {
            return handOver(array, offset, length, access, call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t, "the native call threw a checked exception");
        }
    }

    @Override
    public final <R> R pass(NativeFunction function, ArrayRegion region, NativeCall<P, R> call) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(call, "call");
        HandoffRules.checkHandoff(function, way, zeroCopy);
        checkCarries(region);
        try {
            return handOver(region, call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t, "the native call threw a checked exception");
        }
    }

    @Override
    public final <R> R passAll(NativeFunction function, List<ArrayRegion> regions, MultiCall<P, R> call) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(call, "call");
        List<ArrayRegion> all = List.copyOf(Objects.requireNonNull(regions, "regions")); // refuses null elements
        if (all.isEmpty()) {
            throw new IllegalArgumentException("passAll needs at least one region");
        }
        HandoffRules.checkHandoff(function, way, zeroCopy);
        for (int i = 0; i < all.size(); i++) {
            checkCarries(all.get(i));
            for (int j = 0; j < i; j++) {
                ArrayRegion a = all.get(j);
                ArrayRegion b = all.get(i);
                if (a.overlaps(b) && (a.access().writesOutput() || b.access().writesOutput())) {
                    throw new IllegalArgumentException("regions " + j + " (" + a + ") and " + i + " (" + b
                            + ") share elements of one array and C may write them: pass one region, IN_OUT");
                }
            }
        }
        try {
            return nest(all, 0, new ArrayList<>(all.size()), call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t, "the native call threw a checked exception");
        }
    }

    /** Region {@code i} handed over around the rest: every pointer is live while {@code call} runs. */
    private <R> R nest(List<ArrayRegion> regions, int i, List<P> pointers, MultiCall<P, R> call) throws Throwable {
        if (i == regions.size()) {
            return call.call(Collections.unmodifiableList(pointers));
        }
        return handOver(regions.get(i), pointer -> {
            pointers.add(pointer);
            return nest(regions, i + 1, pointers, call);
        });
    }

    /** Refuses a region this handoff cannot carry (a JNA array handoff carries one array type); default: all. */
    protected void checkCarries(ArrayRegion region) {}

    /** The region already checked: makes the pointer, runs {@code call}, copies back as the access says. */
    protected abstract <R> R handOver(ArrayRegion region, NativeCall<P, R> call) throws Throwable;

    /**
     * The copy protocol of {@link #throughCopy(Object, Copy, Copy, byte[], int, int, Access, NativeCall)} for any
     * region: {@code fill} the staging memory if C reads it, call, {@code drain} once after a normal return if C wrote.
     */
    protected final <R> R throughCopy(P pointer, ArrayRegion region, Runnable fill, Runnable drain,
            NativeCall<P, R> call) throws Throwable {
        if (region.access().readsInput()) {
            fill.run();
            copiesIn.increment();
        }
        R result = call.call(pointer);
        if (region.access().writesOutput()) {
            drain.run();
            writeBacks.increment();
        }
        return result;
    }

    /** Arguments already checked: makes the pointer, runs {@code call}, copies back as {@code access} says. */
    protected abstract <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<P, R> call)
            throws Throwable;

    /**
     * The one copy protocol: {@code fill} the staging memory behind {@code pointer} if C reads it, call, and
     * {@code drain} it once, after the call returned normally, if C wrote it. Staging memory that is not filled must
     * already be zeroed.
     */
    protected final <R> R throughCopy(P pointer, Copy fill, Copy drain, byte[] array, int offset, int length, Access access,
                            NativeCall<P, R> call) throws Throwable {
        if (access.readsInput()) {
            fill.copy(array, offset, length);
            copiesIn.increment();
        }
        R result = call.call(pointer);
        if (access.writesOutput()) {
            drain.copy(array, offset, length);
            writeBacks.increment();
        }
        return result;
    }

    @Override
    public final long copiesIn() {
        return copiesIn.sum();
    }

    @Override
    public final long writeBacks() {
        return writeBacks.sum();
    }

    @Override
    public String toString() {
        return backend + " " + way;
    }
}
