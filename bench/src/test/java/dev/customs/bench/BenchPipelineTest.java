package dev.customs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench pipeline end to end on two tiny benchmarks: JMH JSON, table and chart are written. No timing asserted. */
@Timeout(300)
class BenchPipelineTest {
    @Test
    void writesJsonTableAndChart(@TempDir Path out) throws Exception {
        // No timing is asserted here, so another JMH run on a shared machine (which holds /tmp/jmh.lock) must not
        // fail this test; ./customs bench itself keeps the lock.
        System.setProperty("jmh.ignoreLock", "true");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = new CommandLine(new BenchMain(new PrintStream(log, true, StandardCharsets.UTF_8))).execute(
                "--smoke", "--no-cold-start", "--include", "(DowncallBench\\.noop_ffmCritical|ApiBench\\.noop_(api|raw)"
                        + "|PairedApiBench\\.noop_paired)$"
                        + "|ZlibBench\\.zlibCrc32_(toolkit|rawCritical)$|SqliteFunctionBench\\.sqliteFunction_ffmGuarded$",
                "--param", "size=16", "--rounds", "3", "--second-look", "--out", out.toString());
        String printed = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        assertTrue(Files.size(out.resolve("jmh.json")) > 0, "the non-headline phase");
        assertTrue(Files.size(out.resolve("jmh-headline-1.json")) > 0, "the first headline round");
        assertTrue(Files.size(out.resolve("jmh-headline-3.json")) > 0, "--rounds 3: the third");
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| Customs API / raw FFM, noop |"), md);
        assertTrue(md.contains("| noop | paired |  | "), "the paired result in the table: " + md);
        // Three rounds are three forks: a paired result has a ± over them, while ApiBench's means, run once (one
        // iteration in a smoke run), have none.
        assertTrue(md.matches("(?s).*\\| noop \\| paired \\|  \\| [0-9.]+ \\| [0-9.e+-]+ \\| api/raw \\|.*"), md);
        assertTrue(md.matches("(?s).*\\| noop \\| api \\|  \\| [0-9.]+ \\|  \\| ns/op \\|.*"), md);
        assertTrue(md.contains("ran in 3 interleaved rounds"), md);
        // A smoke fork is one iteration of 0.2 s, so three of them leave noop's paired ratio undecided (t at 99.95%
        // with 2 degrees of freedom is 44.7): the second look runs it three times more and the table says so.
        assertTrue(Files.size(out.resolve("jmh-second-look-3.json")) > 0, "the second look's third round: " + printed);
        assertTrue(printed.contains("bench: second look, round 1 of 3 (still undecided after 3 rounds: noop)"), printed);
        assertTrue(md.contains("Second look (undecided after 3 rounds, so run 3 rounds more and judged on all 6"
                + " forks): noop."), md);
        assertTrue(md.contains("undecided"), "a smoke run's single iterations decide nothing: " + md);
        assertTrue(md.contains("| FFM critical(false) noop / native floor |"), md);
        assertTrue(md.contains("| noop | ffmCritical |"), md);
        assertTrue(md.matches("(?s).*\\| checked stub, quarantined \\| [1-9]\\d* \\| [1-9]\\d* \\|.*"), md);
        assertTrue(md.contains("| zlibCrc32 | toolkit | size=16 |"), md);
        assertTrue(md.contains("| zlib crc32 toolkit / raw critical call, 16 B |"), md);
        assertTrue(md.contains("| sqliteFunction | ffmGuarded |  |"), md);
        assertTrue(Files.size(out.resolve("chart-per-call.png")) > 1000);
        assertTrue(printed.contains("bench: table      " + out.resolve("results.md")), printed);
    }

    @Test
    void refusesFewerThanOneRound(@TempDir Path out) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new BenchMain(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(2, cli.execute("--rounds", "0", "--no-cold-start", "--out", out.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--rounds must be at least 1, got 0"), err.toString());
    }
}
