package dev.customs.stress;

import dev.customs.api.AsyncJob;
import dev.customs.api.Customs;
import dev.customs.api.ErrnoException;
import dev.customs.api.NativeBuffer;
import dev.customs.api.RecordInfo;
import dev.customs.api.Sample;
import dev.customs.api.Sink;
import dev.customs.api.Status;
import dev.customs.api.StatusException;
import dev.customs.callbacks.specimen.EventListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * The operations of the mixed run (item 4): every kind of call the header has, through the {@link Customs} API, each
 * checking what came back against Java's own answer. One instance per worker thread; the counters it shares with the
 * other workers are passed in.
 */
final class MixedOperations {
    /** Every kind of operation, with its weight in the mix: cheap calls often, thread-starting ones rarely. */
    enum Kind {
        ADD(150), NOOP(60), CRC32(120), TRANSFORM(80), SUM(80), NATIVE_BUFFER(60), GREET(80), TO_UPPER(80),
        STRUCTS(60), FILE_SIZE(20), ERRNO(20), PARSE(50), PARSE_REJECTED(20), FOR_EACH(40), FOR_EACH_THROWS(10),
        NATIVE_THREADS(3), NATIVE_THREADS_THROW(1), ASYNC(4), ASYNC_THROWS(1), SINK(20), LISTENER(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        private static final Kind[] BY_TICKET;

        static {
            BY_TICKET = Arrays.stream(values()).flatMap(k -> java.util.stream.Stream.generate(() -> k).limit(k.weight))
                    .toArray(Kind[]::new);
        }

        static Kind pick(SplittableRandom random) {
            return BY_TICKET[random.nextInt(BY_TICKET.length)];
        }
    }

    /** What every worker adds to: shared, thread-safe. */
    record Counters(LongAdder calls, LongAdder upcalls, LongAdder[] byKind, LongAdder wrong, AtomicInteger firstWrongSet,
                    String[] firstWrong, LongAdder asyncStarted, LongAdder asyncReleased, LongAdder listenersOpened,
                    LongAdder listenersReleased) {
        static Counters create() {
            LongAdder[] byKind = new LongAdder[Kind.values().length];
            Arrays.setAll(byKind, i -> new LongAdder());
            return new Counters(new LongAdder(), new LongAdder(), byKind, new LongAdder(), new AtomicInteger(),
                    new String[1], new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }

        void wrong(Kind kind, String what) {
            wrong.increment();
            if (firstWrongSet.compareAndSet(0, 1)) {
                firstWrong[0] = kind.name().toLowerCase(Locale.ROOT) + ": " + what;
            }
        }

        long kindsRun() {
            return Arrays.stream(byKind).filter(a -> a.sum() > 0).count();
        }
    }

    /** Bound on every wait of an operation (a join, a future, a post). */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ENOENT = 2;

    private final Customs customs;
    private final SplittableRandom random;
    private final Counters counters;
    private final Path existingFile;
    private final long existingFileSize;
    private final Path missingFile;

    MixedOperations(Customs customs, SplittableRandom random, Counters counters, Path existingFile,
            long existingFileSize, Path missingFile) {
        this.customs = customs;
        this.random = random;
        this.counters = counters;
        this.existingFile = existingFile;
        this.existingFileSize = existingFileSize;
        this.missingFile = missingFile;
    }

    /** Runs operations until {@code calls} libcustoms calls have been made. */
    void run(long calls) {
        long made = 0;
        while (made < calls) {
            Kind kind = Kind.pick(random);
            int n;
            try {
                n = run(kind);
            } catch (Throwable t) {
                counters.wrong(kind, "unexpected " + t);
                n = 1;
            }
            counters.byKind()[kind.ordinal()].increment();
            counters.calls().add(n);
            made += n;
        }
    }

    /** Runs one operation; returns how many libcustoms calls it made through the API. */
    private int run(Kind kind) throws Exception {
        return switch (kind) {
            case ADD -> {
                int a = random.nextInt();
                int b = random.nextInt();
                expect(kind, customs.add(a, b) == a + b, () -> a + " + " + b);
                yield 1;
            }
            case NOOP -> {
                customs.noop();
                yield 1;
            }
            case CRC32 -> {
                byte[] data = bytes(random.nextInt(513));
                int crc = customs.crc32(data);
                expect(kind, crc == javaCrc(data), () -> "crc32 of " + data.length + " bytes");
                yield 1;
            }
            case TRANSFORM -> {
                byte[] data = bytes(1 + random.nextInt(256));
                byte[] expected = data.clone();
                byte key = (byte) random.nextInt();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] ^= (byte) (key + i);
                }
                customs.transform(data, 0, data.length, key);
                expect(kind, Arrays.equals(data, expected), () -> "transform of " + data.length + " bytes");
                yield 1;
            }
            case SUM -> {
                int[] values = random.ints(random.nextInt(65)).toArray();
                long expected = Arrays.stream(values).asLongStream().sum();
                expect(kind, customs.sum(values, 0, values.length) == expected, () -> "sum of " + values.length);
                yield 1;
            }
            case NATIVE_BUFFER -> {
                byte[] data = bytes(8 + random.nextInt(505));
                byte key = (byte) random.nextInt();
                try (NativeBuffer buffer = customs.allocate(data.length)) {
                    buffer.write(0, data, 0, data.length);
                    expect(kind, customs.crc32(0, buffer, 0, data.length) == javaCrc(data), () -> "buffer crc32");
                    customs.transform(buffer, 0, data.length, key);
                    byte[] back = buffer.toArray();
                    boolean right = true;
                    for (int i = 0; i < data.length; i++) {
                        right &= back[i] == (byte) (data[i] ^ (byte) (key + i));
                    }
                    expect(kind, right, () -> "buffer transform");
                }
                yield 2;
            }
            case GREET -> {
                String name = text(random.nextInt(21));
                expect(kind, customs.greet(name).equals("Hello, " + name + "!"), () -> "greet " + name);
                yield 1;
            }
            case TO_UPPER -> {
                String s = text(random.nextInt(33));
                expect(kind, customs.toUpper(s).equals(s.toUpperCase(Locale.ROOT)), () -> "toUpper " + s);
                yield 1;
            }
            case STRUCTS -> {
                int tag = random.nextInt(256);
                double value = random.nextDouble(-1e6, 1e6);
                short count = (short) random.nextInt();
                int flags = random.nextInt();
                Sample s = customs.makeSample(tag, value, count, flags);
                Sample made = new Sample(tag, value, count, flags, 1, count * 2, tag * 1000L + count);
                expect(kind, s.equals(made), () -> "makeSample " + s);
                double score = s.value() * s.weight() + s.count() + s.flags() + s.tag() + s.kind() + (double) s.stamp();
                expect(kind, customs.score(s) == score, () -> "score " + s);
                Sample scaled = customs.scale(s, 0.5);
                expect(kind, scaled.equals(new Sample(tag, value * 0.5, (short) (count + 1), flags | 0x100, 1,
                        count * 2, tag * 1000L + count + 1)), () -> "scale " + s);
                yield 3;
            }
            case FILE_SIZE -> {
                expect(kind, customs.fileSize(existingFile.toString()) == existingFileSize, () -> "fileSize");
                yield 1;
            }
            case ERRNO -> {
                try {
                    customs.fileSize(missingFile.toString());
                    expect(kind, false, () -> "fileSize of a missing file returned");
                } catch (ErrnoException e) {
                    expect(kind, e.errno() == ENOENT, () -> "errno " + e.errno() + ", expected ENOENT");
                }
                yield 1;
            }
            case PARSE -> {
                Record r = Record.random(random);
                RecordInfo info = customs.parseRecord(r.bytes(), 0, r.bytes().length);
                expect(kind, info.equals(r.expected()), () -> info + ", expected " + r.expected());
                yield 1;
            }
            case PARSE_REJECTED -> {
                byte[] bytes = Record.random(random).bytes();
                bytes[0] = 'X';
                try {
                    customs.parseRecord(bytes, 0, bytes.length);
                    expect(kind, false, () -> "a record with a bad magic was accepted");
                } catch (StatusException e) {
                    expect(kind, e.status() == Status.E_FORMAT, () -> "status " + e.cName() + ", expected E_FORMAT");
                }
                yield 1;
            }
            case FOR_EACH -> {
                int[] items = random.ints(random.nextInt(33)).toArray();
                long[] sum = new long[1];
                int status = customs.forEach(items, (index, item) -> {
                    counters.upcalls().increment();
                    sum[0] += item;
                    return 0;
                });
                expect(kind, status == 0 && sum[0] == Arrays.stream(items).asLongStream().sum(), () -> "forEach");
                yield 1;
            }
            case FOR_EACH_THROWS -> {
                int[] items = random.ints(1 + random.nextInt(32)).toArray();
                int at = random.nextInt(items.length);
                InjectedFault fault = new InjectedFault(0, at);
                expectRethrown(kind, fault, () -> customs.forEach(items, (index, item) -> {
                    counters.upcalls().increment();
                    if (index == at) {
                        throw fault;
                    }
                    return 0;
                }));
                yield 1;
            }
            case NATIVE_THREADS -> {
                LongAdder calls = new LongAdder();
                int status = customs.runThreads(2, 8, (thread, call) -> {
                    counters.upcalls().increment();
                    calls.increment();
                    return 0;
                });
                expect(kind, status == 0 && calls.sum() == 16, () -> "runThreads made " + calls.sum() + " calls");
                yield 1;
            }
            case NATIVE_THREADS_THROW -> {
                InjectedFault fault = new InjectedFault(1, 3);
                expectRethrown(kind, fault, () -> customs.runThreads(2, 8, (thread, call) -> {
                    counters.upcalls().increment();
                    if (thread == 1 && call == 3) {
                        throw fault;
                    }
                    return 0;
                }));
                yield 1;
            }
            case ASYNC -> {
                int value = random.nextInt(1 << 20);
                AsyncJob job = customs.startAsync(value, 0, v -> {
                    counters.upcalls().increment();
                    return v * 2;
                });
                counters.asyncStarted().increment();
                int result = random.nextBoolean() ? job.join(WAIT)
                        : job.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                expect(kind, result == value * 2, () -> "async result " + result + " for " + value);
                released(job);
                yield 2;
            }
            case ASYNC_THROWS -> {
                InjectedFault fault = new InjectedFault(0, 0);
                AsyncJob job = customs.startAsync(1, 0, v -> {
                    counters.upcalls().increment();
                    throw fault;
                });
                counters.asyncStarted().increment();
                try {
                    job.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    expect(kind, false, () -> "the async callback's throwable was not delivered");
                } catch (ExecutionException e) {
                    expect(kind, e.getCause() == fault, () -> "delivered: " + e.getCause());
                }
                released(job);
                yield 2;
            }
            case SINK -> {
                byte[] first = bytes(1 + random.nextInt(32));
                byte[] second = bytes(1 + random.nextInt(32));
                try (NativeBuffer buffer = customs.allocate(64)) {
                    long written;
                    try (Sink sink = customs.attachSink(buffer)) {
                        sink.write(first, 0, first.length);
                        sink.write(second, 0, second.length);
                        written = sink.detach();
                    }
                    byte[] back = buffer.toArray();
                    expect(kind, written == first.length + second.length
                            && Arrays.equals(back, 0, first.length, first, 0, first.length)
                            && Arrays.equals(back, first.length, (int) written, second, 0, second.length),
                            () -> "sink wrote " + written);
                }
                yield 4;
            }
            case LISTENER -> {
                EventListener listener = EventListener.register(customs, event -> {
                    counters.upcalls().increment();
                    return event * 3;
                });
                counters.listenersOpened().increment();
                try (listener) {
                    for (int event = 1; event <= 3; event++) {
                        int e = event;
                        expect(kind, listener.post(event, WAIT) == event * 3, () -> "post " + e);
                    }
                }
                if (!listener.isOpen()) {
                    counters.listenersReleased().increment();
                }
                yield 5;
            }
        };
    }

    /** {@code call} must throw {@code fault} itself, with nothing suppressed: the one throwable its callback threw. */
    private void expectRethrown(Kind kind, InjectedFault fault, Runnable call) {
        try {
            call.run();
            counters.wrong(kind, "the callback's throwable was not rethrown");
        } catch (InjectedFault e) {
            expect(kind, e == fault && e.getSuppressed().length == 0, () -> "rethrown: " + e);
        }
    }

    private void released(AsyncJob job) {
        if (job.released()) {
            counters.asyncReleased().increment();
        }
    }

    private void expect(Kind kind, boolean right, java.util.function.Supplier<String> what) {
        if (!right) {
            counters.wrong(kind, what.get());
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Printable ASCII, upper and lower case, no NUL. */
    private String text(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (' ' + random.nextInt(95));
        }
        return new String(c);
    }

    static int javaCrc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }

    /** A valid record in the parser's format, and what {@code customs_parse_record} must find in it. */
    record Record(byte[] bytes, RecordInfo expected) {
        static Record random(SplittableRandom random) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CRC32 checksum = new CRC32();
            out.writeBytes("CUST".getBytes(StandardCharsets.US_ASCII));
            out.write(1);
            int nameLength = 1 + random.nextInt(16);
            byte[] data = new byte[random.nextInt(65)];
            random.nextBytes(data);
            int items = random.nextInt(5);
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            list.write(items);
            list.write(0);
            for (int i = 0; i < items; i++) {
                int n = random.nextInt(9);
                list.write(n);
                for (int j = 0; j < n; j++) {
                    list.write('a' + random.nextInt(26));
                }
            }
            out.write(3);
            byte[] name = new byte[nameLength];
            for (int i = 0; i < nameLength; i++) {
                name[i] = (byte) ('a' + random.nextInt(26));
            }
            field(out, checksum, 1, name);
            field(out, checksum, 2, data);
            field(out, checksum, 3, list.toByteArray());
            return new Record(out.toByteArray(),
                    new RecordInfo(1, 3, nameLength, items, data.length, (int) checksum.getValue()));
        }

        private static void field(ByteArrayOutputStream out, CRC32 checksum, int tag, byte[] body) {
            out.write(tag);
            out.write(body.length & 0xFF);
            out.write(body.length >>> 8);
            out.writeBytes(body);
            checksum.update(body);
        }
    }
}
