package dev.customs.pinning;

import java.lang.reflect.UndeclaredThrowableException;
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
