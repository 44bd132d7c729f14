package dev.customs.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every backend keeps, written once and run on each ({@code FfmContractTest}, {@code JnaContractTest},
 * {@code JnaInterfaceContractTest}): JNA's own {@code Direct*Test extends *Test} habit. Each test also proves that it
 * left no library allocation live.
 */
@Timeout(60)
abstract class CustomsContract {
    /** Random inputs are seeded; the seed is printed so a failure can be replayed with -Dcustoms.seed=N. */
    static final long SEED = Long.getLong("customs.seed", System.nanoTime());

    Customs customs;
    private long liveBefore;
    private int slotsBefore;

    abstract String backend();

    @BeforeEach
    void open() {
        customs = Customs.open(backend());
        liveBefore = customs.liveAllocations();
        slotsBefore = CallbackSlots.SHARED.inUse();
    }

    @AfterEach
    void nothingLeaked() {
        assertEquals(liveBefore, customs.liveAllocations(), "library allocations left live by this test");
        assertEquals(slotsBefore, CallbackSlots.SHARED.inUse(), "callback slots not given back by this test");
    }

    static Random random(String test) {
        System.out.println("[" + test + "] seed " + SEED + " (replay with -Dcustoms.seed=" + SEED + ")");
        return new Random(SEED);
    }

    // --- scalars ---

    @Test
    void addWrapsLikeJava() {
        assertEquals(5, customs.add(2, 3));
        assertEquals(Integer.MIN_VALUE, customs.add(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, customs.add(Integer.MIN_VALUE, -1));
        customs.noop();
    }

    // --- caller-owned buffers ---

    @Test
    void crc32MatchesJavaOnRandomInputs() {
        Random random = random("crc32MatchesJavaOnRandomInputs");
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(4097)];
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            CRC32 expected = new CRC32();
            expected.update(data, offset, length);
            assertEquals((int) expected.getValue(), customs.crc32(0, data, offset, length),
                    "CRC-32 of " + length + " bytes at " + offset);
        }
    }

    @Test
    void crc32ContinuesLikeZlib() {
        byte[] all = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926, customs.crc32(all));
        int head = customs.crc32(0, all, 0, 4);
        assertEquals(0xCBF43926, customs.crc32(head, all, 4, 5));
    }

    @Test
    void crc32OfNativeBufferSlice() {
        byte[] data = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        try (NativeBuffer buffer = customs.allocate(data.length)) {
            buffer.write(0, data, 0, data.length);
            assertEquals(0xCBF43926, customs.crc32(0, buffer, 2, 9));
        }
    }

    @Test
    void transformTwiceRestoresAndMatchesTheFormula() {
        Random random = random("transformTwiceRestoresAndMatchesTheFormula");
        byte[] original = new byte[1000];
        random.nextBytes(original);
        byte[] data = original.clone();
        customs.transform(data, 10, 500, (byte) 7);
        for (int i = 0; i < original.length; i++) {
            byte expected = i >= 10 && i < 510 ? (byte) (original[i] ^ (byte) (7 + (i - 10))) : original[i];
            assertEquals(expected, data[i], "byte " + i);
        }
        customs.transform(data, 10, 500, (byte) 7);
        assertArrayEquals(original, data);
    }

    @Test
    void transformOfNativeBuffer() {
        try (NativeBuffer buffer = customs.allocate(4)) {
            customs.transform(buffer, 0, 4, (byte) 1);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, buffer.toArray());
        }
    }

    @Test
    void sumIs64Bit() {
        int[] values = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 5, 6};
        assertEquals(2L * Integer.MAX_VALUE, customs.sum(values, 0, 2));
        assertEquals(2L * Integer.MAX_VALUE + Integer.MIN_VALUE + 11, customs.sum(values, 0, 5));
        assertEquals(11, customs.sum(values, 3, 2));
        assertEquals(0, customs.sum(new int[0], 0, 0));
    }

    // --- strings ---

    @Test
    void greetRoundTripsUtf8AndGrowsItsBuffer() {
        assertEquals("Hello, Customs!", customs.greet("Customs"));
        assertEquals("Hello, Zoë 東京!", customs.greet("Zoë 東京"));
        String longName = "n".repeat(500);
        assertEquals("Hello, " + longName + "!", customs.greet(longName));
    }

    @Test
    void greetIntoFollowsSnprintf() {
        try (NativeBuffer small = customs.allocate(5)) {
            assertEquals("Hello, Bob!".length(), customs.greetInto("Bob", small));
            assertArrayEquals("Hell\0".getBytes(StandardCharsets.US_ASCII), small.toArray(), "truncated, NUL-ended");
        }
    }

    @Test
    void libraryAllocatedStringIsFreedExactlyOnce() {
        assertEquals("HELLO, WORLD 1 ü", customs.toUpper("hello, World 1 ü"));
        assertEquals(liveBefore, customs.liveAllocations());
    }

    // --- structs ---

    @Test
    void structReturnedByValue() {
        Sample s = customs.makeSample(200, 1.5, (short) 3, 16);
        assertEquals(new Sample(200, 1.5, (short) 3, 16, 1, 6, 200_003), s);
    }

    @Test
    void structPassedByValue() {
        Sample s = new Sample(9, 2.5, (short) 4, 100, 3, 10, 77);
        assertEquals(2.5 * 10 + 4 + 100 + 9 + 3 + 77, customs.score(s));
    }

    /**
     * Structs go through a scratch struct per thread: the instance's own for the thread that opened it (this one), a
     * thread's own for every other. Each thread, the opener among them, must see only its own values.
     */
    @Test
    void structsFromManyThreadsAtOnceEachSeeOnlyTheirOwn() throws Exception {
        int others = 4;
        int rounds = 2_000;
        List<Sample> made = new java.util.ArrayList<>();
        List<Sample> scaled = new java.util.ArrayList<>();
        double[] scores = new double[others + 1];
        for (int t = 0; t <= others; t++) { // the expected values, one thread at a time
            made.add(customs.makeSample(10 + t, t + 0.5, (short) t, t * 3));
            scores[t] = customs.score(made.get(t));
            scaled.add(customs.scale(made.get(t), 2.0));
        }
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(others)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 1; t <= others; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    assertTrue(start.await(30, TimeUnit.SECONDS));
                    structsOf(me, rounds, made, scores, scaled);
                    return null;
                }));
            }
            start.countDown();
            structsOf(0, rounds, made, scores, scaled); // the opener, at the same time
            for (var f : done) {
                f.get(60, TimeUnit.SECONDS); // a worker's failure surfaces here
            }
        }
    }

    private void structsOf(int me, int rounds, List<Sample> made, double[] scores, List<Sample> scaled) {
        for (int r = 0; r < rounds; r++) {
            assertEquals(made.get(me), customs.makeSample(10 + me, me + 0.5, (short) me, me * 3), "thread " + me);
            assertEquals(scores[me], customs.score(made.get(me)), "thread " + me);
            assertEquals(scaled.get(me), customs.scale(made.get(me), 2.0), "thread " + me);
        }
    }

    @Test
    void structPassedByPointerIsChangedInPlace() {
        Sample s = new Sample(255, 2.0, Short.MAX_VALUE, 1, 255, -5, Long.MAX_VALUE);
        Sample scaled = customs.scale(s, 1.5);
        assertEquals(new Sample(255, 3.0, Short.MIN_VALUE, 0x101, 255, -5, Long.MIN_VALUE), scaled);
    }

    // --- status codes and errno ---

    @Test
    void everyStatusHasTheCName() {
        for (Status status : Status.values()) {
            assertEquals(status.cName(), customs.statusName(status.code()));
            assertFalse(customs.statusMessage(status.code()).isBlank());
        }
        assertEquals("CUSTOMS_CALLBACK_STATUS", customs.statusName(7));
        assertEquals("CUSTOMS_E_UNKNOWN", customs.statusName(-999));
    }

    @Test
    void rejectedRecordBecomesTypedExceptionWithCNameAndMessage() {
        byte[] bad = "CUSX\1\0".getBytes(StandardCharsets.US_ASCII);
        StatusException e = assertThrows(StatusException.class, () -> customs.parseRecord(bad, 0, bad.length));
        assertEquals("customs_parse_record", e.function());
        assertEquals(Status.E_FORMAT, e.status());
        assertEquals("CUSTOMS_E_FORMAT", e.cName());
        assertEquals(customs.statusMessage(Status.E_FORMAT.code()), e.cMessage());
        assertEquals("error at offset 3", e.detail());
        assertTrue(e.getMessage().contains("CUSTOMS_E_FORMAT (-4)"), e.getMessage());

        byte[] cut = Records.valid().clone();
        StatusException truncated = assertThrows(StatusException.class, () -> customs.parseRecord(cut, 0, 8));
        assertEquals(Status.E_TRUNCATED, truncated.status());
    }

    @Test
    void errnoIsCapturedRightAfterTheCall(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("ten"), new byte[10]);
        assertEquals(10, customs.fileSize(file.toString()));

        ErrnoException missing = assertThrows(ErrnoException.class,
                () -> customs.fileSize(dir.resolve("missing").toString()));
        assertEquals(2, missing.errno());
        assertEquals("ENOENT", missing.errnoName());
        assertEquals("No such file or directory", missing.strerror());
        assertEquals("customs_file_size", missing.function());

        ErrnoException directory = assertThrows(ErrnoException.class, () -> customs.fileSize(dir.toString()));
        assertEquals("EISDIR", directory.errnoName());
    }

    // --- the parser ---

    @Test
    void validRecordIsParsed() {
        byte[] record = Records.valid();
        RecordInfo info = customs.parseRecord(record, 0, record.length);
        CRC32 bodies = new CRC32();
        for (byte[] body : Records.validBodies()) {
            bodies.update(body);
        }
        assertEquals(new RecordInfo(1, 3, 5, 2, 3, (int) bodies.getValue()), info);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] record = Records.valid();
        for (int length = 0; length < record.length; length++) {
            int n = length;
            StatusException e = assertThrows(StatusException.class, () -> customs.parseRecord(record, 0, n));
            assertEquals(Status.E_TRUNCATED, e.status(), "prefix of " + n + " bytes");
        }
    }

    // --- callbacks ---

    @Test
    void forEachVisitsEveryItemInOrder() {
        int[] items = {5, 6, 7, 8};
        StringBuilder seen = new StringBuilder();
        assertEquals(0, customs.forEach(items, (index, item) -> {
            seen.append(index).append('=').append(item).append(' ');
            return 0;
        }));
        assertEquals("0=5 1=6 2=7 3=8 ", seen.toString());
    }

    @Test
    void forEachStopsOnNonZeroAndReturnsIt() {
        AtomicInteger calls = new AtomicInteger();
        int status = customs.forEach(new int[] {1, 2, 3, 4, 5}, (index, item) -> {
            calls.incrementAndGet();
            return item == 3 ? 42 : 0;
        });
        assertEquals(42, status);
        assertEquals(3, calls.get());
    }

    @Test
    void throwingCallbackStopsCAndIsRethrownHere() {
        IllegalStateException boom = new IllegalStateException("boom at 1");
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> customs.forEach(new int[] {1, 2, 3}, (index, item) -> {
                    calls.incrementAndGet();
                    if (index == 1) {
                        throw boom;
                    }
                    return 0;
                }));
        assertSame(boom, thrown, "the original throwable, stack trace intact");
        assertEquals(2, calls.get(), "C stopped at the error code");
    }

    @Test
    void negativeCallbackStatusIsRefusedNotMistakenForALibraryError() {
        IllegalArgumentException forEach = assertThrows(IllegalArgumentException.class,
                () -> customs.forEach(new int[] {1, 2, 3}, (index, item) -> index == 1 ? -2 : 0));
        assertTrue(forEach.getMessage().startsWith("callback returned -2: negative statuses are libcustoms' own"
                + " errors"), forEach.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> customs.runThreads(2, 10, (thread, call) -> call == 5 ? -1 : 0));
        assertTrue(threads.getMessage().startsWith("callback returned -1"), threads.getMessage());
    }

    @Test
    void nativeThreadsCallBackEveryTime() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(0, customs.runThreads(4, 250, (thread, call) -> {
            calls.incrementAndGet();
            return 0;
        }));
        assertEquals(1000, calls.get());
    }

    @Test
    void throwablesFromManyNativeThreadsAreAllAccountedFor() {
        AtomicInteger thrown = new AtomicInteger();
        RuntimeException first = assertThrows(RuntimeException.class, () -> customs.runThreads(8, 1000, (t, c) -> {
            if (c == 10) {
                thrown.incrementAndGet();
                throw new RuntimeException("thread " + t);
            }
            return 0;
        }));
        assertTrue(first.getMessage().startsWith("thread "), first.getMessage());
        assertEquals(thrown.get(), 1 + first.getSuppressed().length, "every throwable rethrown or suppressed");
    }

    @Test
    void asyncCallbackArrivesAfterTheCallReturned() {
        long caller = Thread.currentThread().threadId();
        AtomicInteger callbackThread = new AtomicInteger();
        try (AsyncJob job = customs.startAsync(21, 50, value -> {
            callbackThread.set((int) Thread.currentThread().threadId());
            return value * 2;
        })) {
            assertEquals(42, job.join(Duration.ofSeconds(10)));
            assertTrue(job.isDone());
        }
        assertTrue(callbackThread.get() != 0 && callbackThread.get() != caller, "ran on a native thread");
    }

    @Test
    void asyncJoinTimesOutThenSucceeds() {
        try (AsyncJob job = customs.startAsync(1, 500, value -> value)) {
            StatusException timeout = assertThrows(StatusException.class, () -> job.join(Duration.ofMillis(1)));
            assertEquals(Status.E_TIMEOUT, timeout.status());
            assertEquals(1, job.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void asyncThrowableIsDeliveredByJoin() {
        IllegalArgumentException boom = new IllegalArgumentException("async boom");
        AsyncJob job = customs.startAsync(1, 0, value -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> job.join(Duration.ofSeconds(10))));
        job.close(); // already delivered: closing does not throw it again
    }

    @Test
    void closingAnUnjoinedJobJoinsIt() {
        AsyncJob job = customs.startAsync(3, 20, value -> value);
        job.close();
        assertTrue(job.isDone());
    }

    // --- one long-lived stub per callback type: dispatch through C's user pointer (CallbackSlots) ---

    @Test
    void concurrentCallersEachReachOnlyTheirOwnCallback() throws Exception {
        int callers = 8;
        int rounds = 200;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(callers)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int me = c;
                done.add(pool.submit(() -> {
                    int[] items = new int[17];
                    java.util.Arrays.fill(items, me);
                    for (int r = 0; r < rounds; r++) {
                        AtomicInteger seen = new AtomicInteger();
                        assertEquals(0, customs.forEach(items, (index, item) -> {
                            assertEquals(me, item, "an item of another caller reached this callback");
                            seen.incrementAndGet();
                            return 0;
                        }));
                        assertEquals(items.length, seen.get());
                        AtomicInteger native_ = new AtomicInteger();
                        if (r % 20 == 0) {
                            assertEquals(0, customs.runThreads(2, 50, (thread, call) -> {
                                native_.addAndGet(me + 1);
                                return 0;
                            }));
                            assertEquals(100 * (me + 1), native_.get());
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(60, TimeUnit.SECONDS); // a worker's failure surfaces here
            }
        }
    }

    @Test
    void aThrowableGoesBackToTheCallerWhoseCallbackThrewOnly() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int me = c;
                outcomes.add(pool.submit(() -> {
                    for (int r = 0; r < 100; r++) {
                        try {
                            customs.forEach(new int[] {1, 2, 3}, (index, item) -> {
                                if (me % 2 == 0 && index == 1) {
                                    throw new IllegalStateException("caller " + me);
                                }
                                return 0;
                            });
                            if (me % 2 == 0) {
                                return "caller " + me + " was not told";
                            }
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().equals("caller " + me)) {
                                return "caller " + me + " got " + e.getMessage();
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (var f : outcomes) {
                assertEquals("ok", f.get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void nestedCallsTakeTheirOwnSlotsAndGrowTheTable() {
        int depth = 70; // beyond one chunk of slots (64); far deeper overflows the stack inside JNA's own frames
        assertEquals(depth, nest(depth));
    }

    private int nest(int remaining) {
        if (remaining == 0) {
            return 0;
        }
        int[] inner = new int[1];
        assertEquals(0, customs.forEach(new int[] {remaining}, (index, item) -> {
            assertEquals(remaining, item, "an outer call's item reached an inner callback");
            inner[0] = nest(remaining - 1);
            return 0;
        }));
        return inner[0] + 1;
    }

    @Test
    void aUserPointerThatNamesNoCallbackGetsCallbackThrewNeverAnException() {
        assertEquals(Customs.CALLBACK_THREW, CallbackSlots.SHARED.onItem(0, 0, 0));
        assertEquals(Customs.CALLBACK_THREW, CallbackSlots.SHARED.onCall(Long.MAX_VALUE, 0, 0));
        assertEquals(Customs.CALLBACK_THREW, CallbackSlots.SHARED.onComplete(-1, 0));
        CallbackSlots.Slot slot = CallbackSlots.SHARED.acquire();
        try {
            long id = slot.fill((ItemCallback) (index, item) -> 7);
            assertEquals(7, CallbackSlots.SHARED.onItem(id, 0, 0));
            assertEquals(Customs.CALLBACK_THREW, CallbackSlots.SHARED.onCall(id, 0, 0), "a stub of another type");
        } finally {
            assertNull(slot.release());
        }
        assertEquals(Customs.CALLBACK_THREW, CallbackSlots.SHARED.onItem(slot.id(), 0, 0), "a released slot");
    }

    // --- the retained pointer ---

    @Test
    void sinkWritesIntoTheRetainedBufferUntilDetached() {
        try (NativeBuffer buffer = customs.allocate(8)) {
            Sink sink = customs.attachSink(buffer);
            sink.write("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
            sink.write("defgh".getBytes(StandardCharsets.US_ASCII), 0, 5);
            StatusException full = assertThrows(StatusException.class, () -> sink.write(new byte[1], 0, 1));
            assertEquals(Status.E_RANGE, full.status());
            IllegalStateException inUse = assertThrows(IllegalStateException.class, buffer::close);
            assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            assertEquals(8, sink.detach());
            assertArrayEquals("abcdefgh".getBytes(StandardCharsets.US_ASCII), buffer.toArray());
            assertThrows(IllegalStateException.class, () -> sink.write(new byte[1], 0, 1));
        }
    }

    // --- bad input never reaches C ---

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertMessage(NullPointerException.class, "data", () -> customs.crc32(0, (byte[]) null, 0, 0));
        assertMessage(NullPointerException.class, "buffer", () -> customs.crc32(0, (NativeBuffer) null, 0, 0));
        assertMessage(NullPointerException.class, "values", () -> customs.sum(null, 0, 0));
        assertMessage(NullPointerException.class, "name", () -> customs.greet(null));
        assertMessage(NullPointerException.class, "s", () -> customs.toUpper(null));
        assertMessage(NullPointerException.class, "sample", () -> customs.score(null));
        assertMessage(NullPointerException.class, "path", () -> customs.fileSize(null));
        assertMessage(NullPointerException.class, "callback", () -> customs.forEach(new int[1], null));
        assertMessage(NullPointerException.class, "items", () -> customs.forEach(null, (i, v) -> 0));
        assertMessage(NullPointerException.class, "callback", () -> customs.runThreads(1, 1, null));
        assertMessage(NullPointerException.class, "callback", () -> customs.startAsync(1, 1, null));
    }

    @Test
    void badLengthsAreRefused() {
        byte[] data = new byte[16];
        assertMessage(IndexOutOfBoundsException.class, "length -1 is negative", () -> customs.crc32(0, data, 0, -1));
        assertMessage(IndexOutOfBoundsException.class, "offset -1 is negative", () -> customs.crc32(0, data, -1, 1));
        assertMessage(IndexOutOfBoundsException.class, "beyond its size 16", () -> customs.crc32(0, data, 8, 9));
        assertMessage(IndexOutOfBoundsException.class, "beyond its size 16",
                () -> customs.transform(data, 1, Integer.MAX_VALUE, (byte) 0));
        assertMessage(IndexOutOfBoundsException.class, "beyond its size 2", () -> customs.sum(new int[2], 1, 2));
        assertMessage(IndexOutOfBoundsException.class, "beyond its size 16",
                () -> customs.parseRecord(data, 16, 1));
    }

    @Test
    void bufferSmallerThanTheLengthClaimedIsRefused() {
        try (NativeBuffer buffer = customs.allocate(8)) {
            assertMessage(IndexOutOfBoundsException.class, "beyond its size 8",
                    () -> customs.crc32(0, buffer, 0, 9));
            assertMessage(IndexOutOfBoundsException.class, "beyond its size 8",
                    () -> customs.transform(buffer, 4, Long.MAX_VALUE, (byte) 0));
            assertMessage(IndexOutOfBoundsException.class, "beyond its size 8",
                    () -> buffer.write(4, new byte[5], 0, 5));
        }
    }

    @Test
    void closedBufferIsRefused() {
        NativeBuffer buffer = customs.allocate(8);
        buffer.close();
        buffer.close(); // idempotent
        assertFalse(buffer.isAlive());
        assertMessage(IllegalStateException.class, "already closed", () -> customs.crc32(0, buffer, 0, 8));
        assertMessage(IllegalStateException.class, "already closed", () -> customs.transform(buffer, 0, 1, (byte) 1));
        assertMessage(IllegalStateException.class, "already closed", () -> customs.greetInto("x", buffer));
        assertMessage(IllegalStateException.class, "already closed", () -> customs.attachSink(buffer));
        assertMessage(IllegalStateException.class, "already closed", buffer::toArray);
    }

    /**
     * close() against a call in flight: on FFM the downcall's own hold on the shared arena refuses it, on JNA the
     * buffer's count does. Either close() is refused while C runs, or (when it lands between two calls) it wins and the
     * next call is refused; never a free under C. The refusal has to be seen at least once in a few tries.
     *
     * <p>The closing thread sleeps a few milliseconds after the first call rather than closing the moment the latch
     * wakes it: a thread woken by the caller's own {@code countDown()} runs exactly between two calls on a busy (or
     * one-core) machine, where the scheduler lets the woken thread preempt the caller, so close() would win every
     * time. A timer's wake-up is not tied to the caller's loop and lands inside C, where the caller spends almost all
     * of its time.
     */
    @Test
    void closeIsRefusedWhileANativeCallUsesTheBuffer() throws Exception {
        int refusals = 0;
        for (int attempt = 0; attempt < 10 && refusals == 0; attempt++) {
            NativeBuffer buffer = customs.allocate(8 << 20); // customs_crc32 spends milliseconds on it in C
            CountDownLatch firstCallDone = new CountDownLatch(1);
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Throwable> caller = CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            while (!stop.get()) {
                                customs.crc32(0, buffer, 0, buffer.size());
                                firstCallDone.countDown();
                            }
                            return null;
                        } catch (Throwable t) {
                            return t;
                        }
                    }, r -> new Thread(r, "crc32-caller").start());
            assertTrue(firstCallDone.await(30, TimeUnit.SECONDS), "the first call returned");
            Thread.sleep(3 + attempt);
            try {
                buffer.close();
                // It landed between two calls: the next call must be refused, not run on freed memory.
                Throwable t = caller.get(30, TimeUnit.SECONDS);
                assertTrue(t instanceof IllegalStateException, "the call after close: " + t);
            } catch (IllegalStateException refused) {
                refusals++;
                assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
                assertTrue(buffer.isAlive(), "a refused close leaves the buffer open");
                stop.set(true);
                assertNull(caller.get(30, TimeUnit.SECONDS), "the caller ran undisturbed");
                buffer.close();
                assertFalse(buffer.isAlive());
            }
        }
        assertEquals(1, refusals, "close() was refused while customs_crc32 ran");
    }

    @Test
    void valuesOutsideTheirCTypeAreRefused() {
        assertMessage(IllegalArgumentException.class, "NUL character at index 2", () -> customs.greet("ab\0cd"));
        assertMessage(IllegalArgumentException.class, "NUL character", () -> customs.fileSize("/tmp\0/x"));
        assertMessage(IllegalArgumentException.class, "tag (uint8_t) must be in [0, 255], got 256",
                () -> customs.makeSample(256, 0, (short) 0, 0));
        assertMessage(IllegalArgumentException.class, "kind is a uint8_t",
                () -> new Sample(0, 0, (short) 0, 0, -1, 0, 0));
        assertMessage(IllegalArgumentException.class, "threads must be in [1, 256], got 0",
                () -> customs.runThreads(0, 1, (t, c) -> 0));
        assertMessage(IllegalArgumentException.class, "threads must be in [1, 256], got 257",
                () -> customs.runThreads(257, 1, (t, c) -> 0));
        assertMessage(IllegalArgumentException.class, "callsPerThread must be in",
                () -> customs.runThreads(1, -1, (t, c) -> 0));
        assertMessage(IllegalArgumentException.class, "delayMillis must be in [0, 60000], got -1",
                () -> customs.startAsync(1, -1, v -> v));
        assertMessage(IllegalArgumentException.class, "size must be positive", () -> customs.allocate(0));
        assertMessage(IllegalArgumentException.class, "no public struct", () -> customs.describeStruct("nope"));
    }

    @Test
    void buffersOfAnotherBackendAreRefused() {
        String other = backend().equals("ffm") ? "jna" : "ffm";
        try (NativeBuffer foreign = Customs.open(other).allocate(4)) {
            assertMessage(IllegalArgumentException.class, "allocated by backend '" + other + "'",
                    () -> customs.crc32(0, foreign, 0, 4));
        }
    }

    // --- self-description ---

    @Test
    void bindingLayoutsMatchTheLibrarysSelfDescription() {
        for (String struct : List.of("customs_sample", "customs_record_info")) {
            assertEquals(customs.describeStruct(struct), customs.bindingLayout(struct), struct);
        }
        assertEquals(40, customs.describeStruct("customs_sample").size());
        assertNull(Status.fromCode(12345));
    }

    static <T extends Throwable> void assertMessage(Class<T> type, String fragment, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                () -> type.getSimpleName() + " message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
}
