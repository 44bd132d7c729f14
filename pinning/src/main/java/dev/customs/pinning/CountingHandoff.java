package dev.customs.pinning;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/** What every handoff shares: argument checks, the rules, the copy counters, and the one place exceptions pass. */
abstract class CountingHandoff<P> implements ArrayHandoff<P> {
    private final Handoff way;
    private final String backend;
    private final LongAdder copiesIn = new LongAdder();
    private final LongAdder writeBacks = new LongAdder();

    CountingHandoff(Handoff way, String backend) {
        this.way = way;
        this.backend = backend;
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
    public final <R> R pass(NativeFunction function, byte[] array, int offset, int length, Access access,
                            NativeCall<P, R> call) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(call, "call");
        Objects.checkFromIndexSize(offset, length, array.length);
        HandoffRules.checkHandoff(function, way, zeroCopy());
        try {
            return handOver(array, offset, length, access, call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t, "the native call threw a checked exception");
        }
    }

    /** Arguments already checked: makes the pointer, runs {@code call}, copies back as {@code access} says. */
    abstract <R> R handOver(byte[] array, int offset, int length, Access access, NativeCall<P, R> call)
            throws Throwable;

    /** Where a copying handoff keeps the copy C sees. */
    interface Staging<P> {
        /** What C is given. */
        P pointer();

        /** Copies {@code src[offset, offset + length)} into the staging memory. */
        void fill(byte[] src, int offset, int length);

        /** Copies the staging memory into {@code dst[offset, offset + length)}. */
        void drain(byte[] dst, int offset, int length);
    }

    /**
     * The one copy protocol: fill the staging memory if C reads it, call, and drain it once, after the call returned
     * normally, if C wrote it. Staging memory that is not filled must be zeroed.
     */
    final <R> R throughCopy(Staging<P> staging, byte[] array, int offset, int length, Access access,
                            NativeCall<P, R> call) throws Throwable {
        if (access.readsInput()) {
            staging.fill(array, offset, length);
            copiesIn.increment();
        }
        R result = call.call(staging.pointer());
        if (access.writesOutput()) {
            staging.drain(array, offset, length);
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
