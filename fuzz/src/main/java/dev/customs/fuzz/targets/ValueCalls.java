package dev.customs.fuzz.targets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.customs.api.AsyncCallback;
import dev.customs.api.AsyncJob;
import dev.customs.api.Customs;
import dev.customs.api.ItemCallback;
import dev.customs.api.Sample;
import dev.customs.api.ThreadCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Values that must fit a C type or a documented range (a {@code uint8_t} tag, thread and call counts, an async
 * delay) and the null-ness of callbacks: outside the range a refusal naming it, inside the result C documents.
 */
final class ValueCalls {
    /** Thread counts the fuzzer picks from: the edges of [1, 256] without starting 256 threads on every input. */
    private static final List<Integer> THREADS = List.of(Integer.MIN_VALUE, -1, 0, 1, 2, 3, 257, Integer.MAX_VALUE);
    private static final List<Integer> CALLS = List.of(Integer.MIN_VALUE, -1, 0, 1, 4);
    private static final List<Integer> DELAYS = List.of(Integer.MIN_VALUE, -1, 0, 1, Customs.MAX_ASYNC_DELAY_MILLIS + 1,
            Integer.MAX_VALUE);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private ValueCalls() {}

    static void sample(Customs c, FuzzedDataProvider data) {
        int tag = data.consumeBoolean() ? data.consumeInt(-1, 256) : data.consumeInt();
        double value = data.consumeDouble();
        short count = data.consumeShort();
        int flags = data.consumeInt();
        Sample made = Expect.outcome(c.backend() + " makeSample", Inputs.between("tag (uint8_t)", tag, 0, 255),
                () -> c.makeSample(tag, value, count, flags));
        if (made == null) {
            return;
        }
        Expect.equal(c.backend() + " makeSample",
                new Sample(tag, value, count, flags, 1, count * 2, tag * 1000L + count), made);
        // Any sample a caller may build, not only one C made: the fields C computes with must not overflow in C.
        Sample any = new Sample(tag, value, count, flags, data.consumeInt(0, 255), data.consumeInt(), data.consumeLong());
        double expectedScore = any.value() * any.weight() + any.count() + any.flags() + any.tag() + any.kind()
                + (double) any.stamp();
        Expect.equal(c.backend() + " score", Double.doubleToLongBits(expectedScore),
                Double.doubleToLongBits(c.score(any)));
        double factor = data.consumeDouble();
        Expect.equal(c.backend() + " scale", new Sample(any.tag(), any.value() * factor, (short) (any.count() + 1),
                any.flags() | 0x100, any.kind(), any.weight(), any.stamp() + 1), c.scale(any, factor));
    }

    static void runThreads(Customs c, FuzzedDataProvider data) {
        int threads = data.pickValue(THREADS);
        int calls = data.pickValue(CALLS);
        AtomicInteger made = new AtomicInteger();
        ThreadCallback callback = Inputs.chooseNull(data) ? null : (t, call) -> {
            made.incrementAndGet();
            return 0;
        };
        Refusal refusal = MemoryCalls.first(Inputs.between("threads", threads, 1, Customs.MAX_THREADS),
                Inputs.between("callsPerThread", calls, 0, Integer.MAX_VALUE));
        if (refusal == null && callback == null) {
            refusal = Refusal.of(NullPointerException.class, "callback");
        }
        Integer status = Expect.outcome(c.backend() + " runThreads(" + threads + ", " + calls + ")", refusal,
                () -> c.runThreads(threads, calls, callback));
        if (status != null) {
            Expect.equal(c.backend() + " runThreads status", 0, status);
            Expect.equal(c.backend() + " runThreads upcalls", threads * calls, made.get());
        }
    }

    static void forEach(Customs c, FuzzedDataProvider data) {
        int[] items = Inputs.intsOrNull(data, 16);
        List<Integer> seen = new ArrayList<>();
        ItemCallback callback = Inputs.chooseNull(data) ? null : (index, item) -> {
            seen.add(item);
            return 0;
        };
        Refusal refusal = items == null ? Refusal.of(NullPointerException.class, "items")
                : callback == null ? Refusal.of(NullPointerException.class, "callback") : null;
        Integer status = Expect.outcome(c.backend() + " forEach", refusal, () -> c.forEach(items, callback));
        if (status != null) {
            Expect.equal(c.backend() + " forEach status", 0, status);
            Expect.equal(c.backend() + " forEach items seen", java.util.Arrays.stream(items).boxed().toList(), seen);
        }
    }

    static void startAsync(Customs c, FuzzedDataProvider data) {
        int value = data.consumeInt();
        int delay = data.pickValue(DELAYS);
        AsyncCallback callback = Inputs.chooseNull(data) ? null : v -> v ^ 0x5A5A5A5A;
        Refusal refusal = Inputs.between("delayMillis", delay, 0, Customs.MAX_ASYNC_DELAY_MILLIS);
        if (refusal == null && callback == null) {
            refusal = Refusal.of(NullPointerException.class, "callback");
        }
        AsyncJob job = Expect.outcome(c.backend() + " startAsync(delay " + delay + ")", refusal,
                () -> c.startAsync(value, delay, callback));
        if (job != null) {
            try (job) {
                Expect.equal(c.backend() + " async result", value ^ 0x5A5A5A5A, job.join(JOIN_TIMEOUT));
            }
        }
    }
}
