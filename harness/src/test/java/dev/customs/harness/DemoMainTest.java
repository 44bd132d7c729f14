package dev.customs.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo runner as a user meets it: every scenario passes on every backend, and usage errors say what is known. */
@Timeout(120)
class DemoMainTest {
    record Run(int exit, String out, String err) {}

    static Run demo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DemoMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyScenarioPassesOnEveryBackend() {
        Run run = demo("--backends", "ffm,jna,jna-interface");
        assertEquals(0, run.exit(), run.out());
        int n = Scenarios.all().size();
        assertTrue(run.out().contains("demo: " + n + " passed, 0 failed"), run.out());
        assertTrue(!run.out().contains(" XX "), run.out());
    }

    @Test
    void listNamesOneScenarioPerLine() {
        Run run = demo("--list");
        assertEquals(0, run.exit());
        assertEquals(Scenarios.all().stream().map(Scenario::name).toList(),
                run.out().lines().map(l -> l.split("\\s+")[0]).toList());
    }

    @Test
    void oneScenarioByName() {
        Run run = demo("layout");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("== layout:"), run.out());
        assertTrue(!run.out().contains("== calls:"), run.out());
    }

    @Test
    void unknownScenarioIsAUsageError() {
        Run run = demo("nope");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown scenario 'nope'; known: "
                + Scenarios.all().stream().map(Scenario::name).toList()), run.err());
    }

    @Test
    void aMismatchFailsTheRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(out, true, StandardCharsets.UTF_8),
                java.util.List.of(dev.customs.api.Customs.open("ffm")));
        report.row("1 + 1", 3, c -> c.add(1, 1));
        assertEquals(1, report.mismatches().size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("XX 1 + 1"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sideBySideChecksEachColumnAgainstItsOwnExpectation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(out, true, StandardCharsets.UTF_8),
                java.util.List.of(dev.customs.api.Customs.open("ffm"), dev.customs.api.Customs.open("jna")));
        report.sideBySide("ffm raw vs jna raw", 2, () -> 2, 5, jna -> jna.add(2, 3));
        report.sideBySide("jna differs", 2, () -> 2, 4, jna -> jna.add(2, 3));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, report.mismatches().size(), text);
        assertTrue(text.contains("ok ffm raw vs jna raw"), text);
        assertTrue(text.contains("XX jna differs"), text);
        assertTrue(text.contains("ffm: 2 / jna: 4"), text);
    }

    @Test
    void aPerBackendExpectationIsCheckedAgainstEachBackend() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(out, true, StandardCharsets.UTF_8),
                java.util.List.of(dev.customs.api.Customs.open("ffm"), dev.customs.api.Customs.open("jna")));
        report.rowByBackend("backend name", Report.ffmOrJna("ffm", "jna"), dev.customs.api.Customs::backend);
        assertEquals(java.util.List.of(), report.mismatches());
        report.rowByBackend("swapped", Report.ffmOrJna("jna", "ffm"), dev.customs.api.Customs::backend);
        assertEquals(java.util.List.of("swapped: expected ffm: jna; jna: ffm, observed {ffm=ffm, jna=jna}"),
                report.mismatches());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("XX swapped"), out.toString(StandardCharsets.UTF_8));
    }
    @Test
    void unknownOptionAndUnknownBackendAreUsageErrors() {
        Run option = demo("--bogus");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("Unknown option: '--bogus'\nUsage: customs demo"), option.err());
        Run backend = demo("--backends=ffm,nope", "layout");
        assertEquals(2, backend.exit());
        assertTrue(backend.err().contains("unknown backend 'nope'; known: [ffm, jna, jna-interface]"), backend.err());
        Run missing = demo("--backends");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--backends needs a value"), missing.err());
    }

    @Test
    void helpPrintsTheUsageAndExitCodes() {
        Run run = demo("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("Usage: customs demo [--list] [--checked] [--backends NAME[,NAME...]] [SCENARIO...]"),
                run.out());
        assertTrue(run.out().contains("2   usage error"), run.out());
    }

    @Test
    void bothBackendsSpellingsAreOneList() {
        assertEquals(java.util.List.of("ffm", "jna-interface", "jna"),
                DemoMain.Options.parse("--backends", "ffm,jna-interface", "--backends=jna", "calls").backends());
        assertEquals(java.util.List.of("ffm", "jna"), DemoMain.Options.parse("calls").backends());
    }

    @Test
    void aotCacheNoteOnlyWhenTheJvmRefusedTheCache() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("java.vm.info", "mixed mode");
        assertEquals(null, AotCacheNote.note(p), "no cache asked for");
        p.setProperty(AotCacheNote.CACHE_PROPERTY, "/x/demo.aot");
        assertEquals("customs: note: the JVM refused the AOT cache /x/demo.aot, running without it; ./customs build"
                + " makes a new one", AotCacheNote.note(p));
        p.setProperty("java.vm.info", "mixed mode, sharing");
        assertEquals(null, AotCacheNote.note(p), "cache in use");
    }
}
