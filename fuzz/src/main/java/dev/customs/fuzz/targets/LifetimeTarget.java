package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.AsyncJob;
import dev.customs.api.Customs;
import dev.customs.api.NativeBuffer;
import dev.customs.api.Sink;
import dev.customs.api.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Target 4, lifetime sequences through the neutral API: the fuzzer chooses a sequence of steps on {@link NativeBuffer}s
 * of each backend, {@link Sink}s that retain a pointer into a buffer (attach, write, detach), {@link AsyncJob}s whose
 * upcall outlives the call that started it, and uses from this thread or another one. A model of each object's state
 * predicts every outcome: a misuse is refused with the documented exception and message (closed, still in use by a
 * sink, detached, full, another backend's buffer), a legal use succeeds with the bytes the model expects. Raw FFM
 * arenas join the same sequences through {@link RawArenaSteps}. Afterwards everything is released, in order, and the
 * library's live allocations are back to zero.
 */
public final class LifetimeTarget {
    private static final int MAX_STEPS = 24;
    private static final int MAX_SIZE = 32;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final List<BiConsumer<LifetimeTarget, FuzzedDataProvider>> STEPS = List.of(
            LifetimeTarget::allocate, LifetimeTarget::close, LifetimeTarget::use, LifetimeTarget::attach,
            LifetimeTarget::write, LifetimeTarget::detach, LifetimeTarget::startAsync, LifetimeTarget::join,
            (t, data) -> t.arenas.open(data), (t, data) -> t.arenas.allocate(data), (t, data) -> t.arenas.use(data),
            (t, data) -> t.arenas.close(data));

    /** A buffer and what the model knows of it: its bytes, how many sinks hold it, whether it is closed. */
    private static final class Buffer {
        final NativeBuffer buffer;
        final byte[] shadow;
        int sinks;
        boolean closed;

        Buffer(NativeBuffer buffer) {
            this.buffer = buffer;
            this.shadow = new byte[(int) buffer.size()];
        }
    }

    /** A sink and the model of it: the buffer it holds, how much was written through it, whether it is detached. */
    private static final class Attached {
        final Sink sink;
        final Buffer buffer;
        long written;
        boolean detached;

        Attached(Sink sink, Buffer buffer) {
            this.sink = sink;
            this.buffer = buffer;
        }
    }

    private record Job(AsyncJob job, int value) {}

    private final List<Buffer> buffers = new ArrayList<>();
    private final List<Attached> sinks = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final RawArenaSteps arenas = new RawArenaSteps();

    private LifetimeTarget() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        LifetimeTarget sequence = new LifetimeTarget();
        StepSequence.run(data, MAX_STEPS, STEPS, sequence, sequence::releaseAll);
    }

    private void allocate(FuzzedDataProvider data) {
        buffers.add(new Buffer(Inputs.backend(data).allocate(data.consumeInt(1, MAX_SIZE))));
    }

    private void close(FuzzedDataProvider data) {
        if (buffers.isEmpty()) {
            return;
        }
        Buffer b = data.pickValue(buffers);
        Refusal refusal = b.sinks == 0 ? null
                : Refusal.of(IllegalStateException.class, "is in use by " + b.sinks + " native user(s)");
        boolean elsewhere = data.consumeBoolean();
        Expect.outcome("close " + b.buffer, refusal, () -> OtherThread.run(elsewhere, b.buffer::close));
        b.closed |= refusal == null;
    }

    /** One read or write of a whole buffer's bytes, on this thread or the other. */
    private void use(FuzzedDataProvider data) {
        if (buffers.isEmpty()) {
            return;
        }
        Buffer b = data.pickValue(buffers);
        boolean elsewhere = data.consumeBoolean();
        Refusal refusal = b.closed ? closedBuffer(b) : null;
        int size = b.shadow.length;
        if (data.consumeBoolean()) {
            byte[] bytes = Arrays.copyOf(data.consumeBytes(size), size);
            Expect.outcome("write " + b.buffer, refusal, () -> OtherThread.run(elsewhere, () -> b.buffer.write(0, bytes, 0, size)));
            if (refusal == null) {
                System.arraycopy(bytes, 0, b.shadow, 0, size);
            }
        } else {
            byte[] bytes = Expect.outcome("read " + b.buffer, refusal, () -> OtherThread.run(elsewhere, b.buffer::toArray));
            if (bytes != null) {
                Expect.equal("bytes of " + b.buffer, Arrays.toString(b.shadow), Arrays.toString(bytes));
            }
        }
    }

    private void attach(FuzzedDataProvider data) {
        if (buffers.isEmpty()) {
            return;
        }
        Buffer b = data.pickValue(buffers);
        Customs customs = Inputs.backend(data);
        Refusal refusal = !customs.backend().equals(b.buffer.backend())
                ? Refusal.of(IllegalArgumentException.class, "was allocated by backend '" + b.buffer.backend() + "'")
                : b.closed ? closedBuffer(b) : null;
        Sink sink = Expect.outcome(customs.backend() + " attachSink(" + b.buffer + ")", refusal,
                () -> customs.attachSink(b.buffer));
        if (sink != null) {
            b.sinks++;
            sinks.add(new Attached(sink, b));
        }
    }

    private void write(FuzzedDataProvider data) {
        if (sinks.isEmpty()) {
            return;
        }
        Attached s = data.pickValue(sinks);
        byte[] bytes = data.consumeBytes(MAX_SIZE / 2);
        long written = s.written;
        Refusal refusal = s.detached
                ? Refusal.of(IllegalStateException.class, "sink is detached")
                : written + bytes.length > s.buffer.shadow.length
                        ? Refusal.of(StatusException.class, "CUSTOMS_E_RANGE") : null;
        boolean elsewhere = data.consumeBoolean();
        Expect.outcome("sink write of " + bytes.length + " bytes after " + written, refusal,
                () -> OtherThread.run(elsewhere, () -> s.sink.write(bytes, 0, bytes.length)));
        if (refusal == null) {
            System.arraycopy(bytes, 0, s.buffer.shadow, (int) written, bytes.length);
            s.written += bytes.length;
        }
    }

    private void detach(FuzzedDataProvider data) {
        if (!sinks.isEmpty()) {
            detach(data.pickValue(sinks));
        }
    }

    private void detach(Attached s) {
        Expect.equal("bytes written through the sink", s.written, s.sink.detach());
        Expect.that(!s.sink.isAttached(), () -> "sink still attached after detach");
        if (!s.detached) {
            s.detached = true;
            s.buffer.sinks--;
        }
    }

    private void startAsync(FuzzedDataProvider data) {
        int value = data.consumeInt();
        jobs.add(new Job(Inputs.backend(data).startAsync(value, data.consumeInt(0, 2), v -> ~v), value));
    }

    private void join(FuzzedDataProvider data) {
        if (!jobs.isEmpty()) {
            Job j = data.pickValue(jobs);
            Expect.equal("async result", ~j.value(), j.job().join(JOIN_TIMEOUT));
        }
    }

    /** Detaches every sink, closes every buffer and joins every job; then nothing may be left alive. */
    private void releaseAll() {
        sinks.forEach(this::detach);
        for (Buffer b : buffers) {
            b.buffer.close();
            Expect.that(!b.buffer.isAlive(), () -> b.buffer + " alive after close");
        }
        for (Job j : jobs) {
            Expect.equal("async result", ~j.value(), j.job().join(JOIN_TIMEOUT));
            j.job().close();
        }
        arenas.releaseAll();
        Expect.equal("library allocations after the sequence", 0L, Inputs.BACKENDS.getFirst().liveAllocations());
    }

    private static Refusal closedBuffer(Buffer b) {
        return Refusal.of(IllegalStateException.class, "NativeBuffer of " + b.shadow.length + " bytes is already closed");
    }
}
