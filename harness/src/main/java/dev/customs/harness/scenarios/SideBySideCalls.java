package dev.customs.harness.scenarios;

import dev.customs.api.AsyncJob;
import dev.customs.api.NativeBuffer;
import dev.customs.api.Sample;
import dev.customs.api.Sink;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/** The same calls into libcustoms through every backend, each result checked against Java's own answer. */
public final class SideBySideCalls extends Scenario {
    public SideBySideCalls() {
        super("calls", "the same calls through FFM and JNA, results side by side");
    }

    @Override
    public void run(Report r) {
        r.say("Every hazard class of the header, called once per backend; the last column is what Java computes itself.");
        r.columns();
        r.row("add(2147483647, 1)", Integer.MAX_VALUE + 1, c -> c.add(Integer.MAX_VALUE, 1));
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(digits);
        r.row("crc32(\"123456789\") vs java CRC32", (int) crc.getValue(), c -> c.crc32(digits));
        r.row("transform twice restores", "[1, 2, 3]", c -> {
            byte[] data = {1, 2, 3};
            c.transform(data, 0, 3, (byte) 9);
            c.transform(data, 0, 3, (byte) 9);
            return java.util.Arrays.toString(data);
        });
        r.row("sum of 3 x Integer.MAX_VALUE", 3L * Integer.MAX_VALUE,
                c -> c.sum(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, 0, 3));
        r.row("greet(\"Zoë\") (UTF-8 in and out)", "Hello, Zoë!", c -> c.greet("Zoë"));
        r.row("greetInto 5-byte buffer: needed", 11L, c -> {
            try (NativeBuffer out = c.allocate(5)) {
                return c.greetInto("Bob", out);
            }
        });
        r.row("toUpper (library-owned), live after", "CUSTOMS / 0", c -> c.toUpper("customs") + " / "
                + c.liveAllocations());
        Sample made = new Sample(7, 2.5, (short) 3, 0, 1, 6, 7003);
        r.row("struct returned by value", made, c -> c.makeSample(7, 2.5, (short) 3, 0));
        r.row("struct by value -> score", 2.5 * 6 + 3 + 0 + 7 + 1 + 7003, c -> c.score(made));
        r.row("struct by pointer, scaled x2", new Sample(7, 5.0, (short) 4, 0x100, 1, 6, 7004),
                c -> c.scale(made, 2.0));
        r.row("C status -> typed exception", "StatusException: customs_parse_record: CUSTOMS_E_FORMAT (-4): The"
                + " input is malformed. [error at offset 0]",
                c -> c.parseRecord(new byte[] {'X', 'U', 'S', 'T', 1, 0}, 0, 6));
        r.row("errno -> typed exception", "ErrnoException: customs_file_size: ENOENT (2): No such file or directory"
                + " [/no/such/file]", c -> c.fileSize("/no/such/file"));
        r.row("for_each stops at status 42", "42 after 3 calls", c -> {
            AtomicInteger calls = new AtomicInteger();
            int status = c.forEach(new int[] {1, 2, 3, 4}, (i, v) -> calls.incrementAndGet() == 3 ? 42 : 0);
            return status + " after " + calls + " calls";
        });
        r.row("4 native threads x 100 upcalls", 400, c -> {
            AtomicInteger calls = new AtomicInteger();
            c.runThreads(4, 100, (t, i) -> calls.incrementAndGet() * 0);
            return calls.get();
        });
        // A 1 ms delay: startAsync returns within microseconds, so C's thread still calls back after it; the async
        // scenario shows long delays, and a longer one here would only add idle time to the demo's run.
        r.row("async upcall after return", 42, c -> {
            try (AsyncJob job = c.startAsync(21, 1, v -> v * 2)) {
                return job.join(Duration.ofSeconds(10));
            }
        });
        r.row("retained buffer: attach/write/detach", "3 bytes: abc", c -> {
            try (NativeBuffer buffer = c.allocate(8); Sink sink = c.attachSink(buffer)) {
                sink.write("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
                long written = sink.detach();
                return written + " bytes: " + new String(buffer.toArray(), 0, 3, StandardCharsets.US_ASCII);
            }
        });
        r.row("live library allocations at the end", 0L, c -> c.liveAllocations());
        r.lesson("one contract, two bindings: the results agree because both sit behind the same checks, and the"
                + " parity suite (CustomsContract) holds them to it.");
    }
}
