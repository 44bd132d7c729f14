package dev.customs.bench;

import dev.customs.bindings.Libcustoms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./customs bench}: the native floor, every JMH benchmark and the cold-start runs, in one run, written as JMH
 * JSON, a Markdown table of results and headline ratios, and PNG charts.
 */
@Command(name = "customs bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prices every safety measure against the raw call, JNA and the native floor (JMH).")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--full", description = "The published run: the headline cases (each API method with a target"
            + " paired with its raw twin, the upcall guard) in 16 interleaved rounds of 1 fork x 5 x 0.4 s, the rest"
            + " in 1 fork x 3 x 0.4 s, then a second look at the API ratios still undecided; about 40 minutes on 2"
            + " quiet cores with --no-cold-start, plus about 2 minutes per case looked at again (default: quick, 2"
            + " rounds).")
    boolean full;

    @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds of the headline cases (default:"
            + " 1 smoke, 2 quick, 16 full): each round adds one fork per case, which is what narrows a ratio's +/-.")
    Integer rounds;

    @Option(names = "--second-look", negatable = true, description = "After the rounds, run the targeted API ratios"
            + " that are still undecided for as many rounds again, and judge them on all of their forks; every"
            + " API ratio's +/- is then at 99.95%% so that two looks stay within 0.1%% of a wrong verdict (default: on"
            + " with --full, off otherwise).")
    Boolean secondLook;

    @Option(names = "--smoke", hidden = true, description = "One short iteration per benchmark: checks the pipeline.")
    boolean smoke;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only benchmarks matching (default: all).")
    String include = "dev\\.customs\\.bench\\..*";

    @Option(names = "--param", paramLabel = "NAME=V1,V2", split = ";",
            description = "Override a JMH parameter, e.g. size=16,64,256 (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: build/bench/<timestamp>).")
    Path out;

    @Option(names = "--floor", paramLabel = "EXE", description = "The native floor driver (default: next to the"
            + " library, build/native/bin/customs_floor).")
    Path floorDriver;

    @Option(names = "--demo-jar", paramLabel = "JAR", description = "The demo jar, for time to the first demo result"
            + " (default: harness/target/customs-demo.jar beside build/).")
    Path demoJar;

    @Option(names = "--no-cold-start", description = "Skip the cold-start runs.")
    boolean noColdStart;

    @Option(names = "--checked-jar", paramLabel = "JAR", description = "The checked-mode agent, for its startup cost"
            + " (default: checked/target/customs-checked.jar beside build/).")
    Path checkedJar;

    @Option(names = "--cold-start-only", description = "Only the cold-start runs and the whole-process pairs (no"
            + " JMH, no native floor): a few minutes.")
    boolean coldStartOnly;

    @Option(names = "--publish", description = "Also copy the table (and charts) into bench/results/, where the"
            + " README links them: latest.md, or cold-start.md with --cold-start-only.")
    boolean publish;

    @Option(names = "--pairs", paramLabel = "N", description = "Whole-process pairs per command and configuration"
            + " (default: 1 smoke, 7 quick, 21 full).")
    Integer pairs;

    @Spec
    CommandSpec spec;

    private final PrintStream log;
    /** The headline rounds this run made (0 without JMH). */
    private int roundCount;
    /** The headline benchmarks that the second look ran again (empty when it ran none). */
    private List<String> lookedAgain = List.of();
    private final String loadAtStart = loadAverage();

    BenchMain(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain(System.out)).execute(args));
    }

    @Override
    public Integer call() throws IOException, RunnerException, InterruptedException {
        if (rounds != null && rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, got "
                    + rounds);
        }
        Path library = Libcustoms.shared().path();
        Path buildDir = library.getParent().getParent();
        Path root = buildDir.getParent().getParent();
        Path latest = null;
        if (out == null) {
            Path benchDir = root.resolve("build").resolve("bench");
            out = benchDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            latest = benchDir.resolve("latest");
        }
        Files.createDirectories(out);
        String profile = smoke ? "smoke" : full ? "full" : "quick";
        log.println("bench: profile " + profile + ", results in " + out);

        Map<String, Double> floor = new LinkedHashMap<>();
        List<Measurement> results = new ArrayList<>();
        if (!coldStartOnly) {
            floor = nativeFloor(floorDriver != null ? floorDriver : buildDir.resolve("bin").resolve("customs_floor"));
            results = jmh(library, profile);
        }

        List<ColdStartResult> coldStart = new ArrayList<>();
        List<PairedTiming> wholeProcesses = new ArrayList<>();
        if (!noColdStart) {
            coldStart = coldStart(library, demoJar != null ? demoJar
                    : root.resolve("harness").resolve("target").resolve("customs-demo.jar"), checkedJar != null
                    ? checkedJar : root.resolve("checked").resolve("target").resolve("customs-checked.jar"),
                    smoke ? 2 : full ? 15 : 5);
            wholeProcesses = new WholeProcesses(root.resolve("customs"),
                    Path.of(System.getProperty("java.home"), "bin", "java"), out, log)
                    .run(pairs != null ? pairs : smoke ? 1 : full ? 21 : 7);
        }

        String quarantine = coldStartOnly ? "" : quarantineCost(library);
        List<Ratio> ratios = Ratio.headline(Measurement.byKey(results), floor);
        List<String> charts = new ArrayList<>();
        if (!results.isEmpty()) {
            addIfPresent(charts, Charts.perCall(results, floor, out));
            addIfPresent(charts, Charts.bySize(results, "array", out));
        }
        String environment = environment(profile);
        Path md = out.resolve("results.md");
        Files.writeString(md, MarkdownReport.render("Customs benchmarks", environment, ratios, results, floor,
                coldStart, wholeProcesses, charts) + quarantine);
        if (latest != null) {
            Files.createDirectories(latest);
            try (var files = Files.list(out)) {
                for (Path f : files.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".jsa")
                        && !f.toString().endsWith(".aot")).toList()) {
                    Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }

        if (publish) {
            Path published = root.resolve("bench").resolve("results");
            Files.createDirectories(published);
            Files.copy(md, published.resolve(coldStartOnly ? "cold-start.md" : "latest.md"),
                    StandardCopyOption.REPLACE_EXISTING);
            for (String chart : charts) {
                Files.copy(out.resolve(chart), published.resolve(chart), StandardCopyOption.REPLACE_EXISTING);
            }
            log.println("bench: published in " + published);
        }

        log.println();
        for (Ratio r : results.isEmpty() ? List.<Ratio>of() : ratios) {
            log.printf("  %-50s %8s  %s%n", r.name(), MarkdownReport.fmt(r.value()),
                    r.target() == null ? "" : "target <= " + MarkdownReport.fmt(r.target()) + ": " + r.verdict());
        }
        for (PairedTiming w : wholeProcesses) {
            log.printf("  %-42s %-13s %6s ms = %5s x hello-world (%s ms; pairs %s-%s)%s%n", w.command(),
                    w.configuration(), MarkdownReport.fmt(w.commandMedian()), MarkdownReport.fmt(w.ratio()),
                    MarkdownReport.fmt(w.helloMedian()), MarkdownReport.fmt(w.ratioLowest()),
                    MarkdownReport.fmt(w.ratioHighest()), w.target() == null ? ""
                            : "  target <= " + MarkdownReport.fmt(w.target()) + ": " + w.verdict());
        }
        log.println();
        if (!coldStartOnly) {
            log.println("bench: JMH JSON   " + out.resolve("jmh*.json"));
        }
        log.println("bench: table      " + md);
        charts.forEach(c -> log.println("bench: chart      " + out.resolve(c)));
        if (latest != null) {
            log.println("bench: (also copied to " + latest + ")");
        }
        return 0;
    }

    /** Benchmarks whose ratios a target judges: the API methods with a target and their raw twins, and the guard. */
    static final String HEADLINE = "dev\\.customs\\.bench\\.(PairedApiBench\\.("
            + String.join("|", Ratio.targetedApiMethods())
            + ")_paired|UpcallBench\\.upcall(Java|Native)_ffm(Guarded)?)";

    /**
     * The headline cases in interleaved rounds (each round runs every one of them once, in one fork, so a load that
     * comes and goes falls on both sides of a ratio), then everything else once; all of it pooled per benchmark.
     */
    private List<Measurement> jmh(Path library, String profile) throws RunnerException {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        List<String> headline = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(silent, List.of(include), List.of())) {
            String name = e.getUsername();
            (name.matches(HEADLINE) ? headline : rest).add(name);
        }
        roundCount = rounds != null ? rounds : switch (profile) {
            case "smoke" -> 1;
            case "full" -> 16;
            default -> 2;
        };
        List<Collection<RunResult>> runs = new ArrayList<>();
        for (int round = 1; round <= roundCount && !headline.isEmpty(); round++) {
            log.println("bench: JMH headline round " + round + " of " + roundCount + " (" + headline.size()
                    + " benchmarks)");
            runs.add(new Runner(jmhOptions(library, profile, true, headline, "jmh-headline-" + round).build()).run());
        }
        if (secondLook != null ? secondLook : profile.equals("full")) {
            lookedAgain = secondLook(Measurement.pooled(runs), headline);
            for (int round = 1; round <= roundCount && !lookedAgain.isEmpty(); round++) {
                log.println("bench: second look, round " + round + " of " + roundCount + " (still undecided after "
                        + roundCount + " rounds: " + shortNames(lookedAgain) + ")");
                runs.add(new Runner(jmhOptions(library, profile, true, lookedAgain, "jmh-second-look-" + round)
                        .build()).run());
            }
        }
        if (!rest.isEmpty()) {
            log.println("bench: JMH, the other " + rest.size() + " benchmarks");
            runs.add(new Runner(jmhOptions(library, profile, false, rest, "jmh").build()).run());
        }
        return Measurement.pooled(runs);
    }

    /**
     * The headline benchmarks whose targeted API ratio the first look leaves undecided: the {@link PairedApiBench}
     * cases, whose ± is over forks, so that more forks are what narrows it.
     */
    static List<String> secondLook(List<Measurement> firstLook, List<String> headline) {
        List<String> again = new ArrayList<>();
        for (Ratio r : Ratio.headline(Measurement.byKey(firstLook), Map.of())) {
            String key = r.numerator();
            if (r.target() != null && r.verdict().equals("undecided") && key.contains("/paired")) {
                String name = PairedApiBench.class.getName() + "." + key.substring(0, key.indexOf('/')) + "_paired";
                if (headline.contains(name) && !again.contains(name)) {
                    again.add(name);
                }
            }
        }
        return again;
    }

    /** {@code noop, makeSample} for the benchmarks' full names. */
    private static String shortNames(List<String> benchmarks) {
        return String.join(", ", benchmarks.stream()
                .map(b -> b.substring(b.lastIndexOf('.') + 1).replace("_paired", "")).toList());
    }

    private ChainedOptionsBuilder jmhOptions(Path library, String profile, boolean headline, List<String> names,
                                             String json) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                // JMH's own Unsafe use would otherwise print JDK 25's deprecation warning in every fork.
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-D" + Libcustoms.PATH_PROPERTY + "=" + library,
                        "-Djna.nosys=true", "-Djna.tmpdir=" + library.getParent().resolveSibling("jna-tmp"))
                .resultFormat(ResultFormatType.JSON).result(out.resolve(json + ".json").toString())
                .shouldFailOnError(true);
        for (String name : names) {
            o = o.include("^" + Pattern.quote(name) + "$");
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--param needs NAME=V1,V2, got " + p);
            }
            o = o.param(p.substring(0, eq), p.substring(eq + 1).split(","));
        }
        o = o.forks(1);
        return switch (profile) {
            case "smoke" -> o.warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
            case "full" -> headline
                    ? o.warmupIterations(3).warmupTime(TimeValue.milliseconds(400))
                            .measurementIterations(5).measurementTime(TimeValue.milliseconds(400))
                    : o.warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                            .measurementIterations(3).measurementTime(TimeValue.milliseconds(400));
            default -> headline
                    ? o.warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                            .measurementIterations(4).measurementTime(TimeValue.milliseconds(400))
                    : o.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                            .measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
        };
    }

    private Map<String, Double> nativeFloor(Path driver) throws IOException, InterruptedException {
        Map<String, Double> floor = new LinkedHashMap<>();
        if (!Files.isExecutable(driver)) {
            log.println("bench: no native floor driver at " + driver + " (./customs build makes it); floor ratios"
                    + " are left out");
            return floor;
        }
        log.println("bench: native floor (" + driver + ")");
        Process p = new ProcessBuilder(driver.toString(), smoke ? "1000000" : "100000000", smoke ? "1" : "5")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("customs_floor failed: " + text);
        }
        Files.writeString(out.resolve("floor.json"), text);
        for (String line : text.lines().toList()) {
            String fn = line.replaceAll(".*\"function\":\"(\\w+)\".*", "$1");
            Map<String, Double> values = ColdStartResult.parse(line);
            Double bytes = values.get("bytes");
            floor.put(bytes == null ? fn : fn + "[size=" + bytes.longValue() + "]", values.get("ns_per_call"));
        }
        return floor;
    }

    /**
     * Child JVMs without class-data sharing of their own, with an AppCDS archive (the fallback) and with JDK 25's AOT
     * cache: ColdStart's own lines, then time to the first demo result. Archive and cache each come from a training
     * run of the same program. A last configuration runs under the checked-mode agent: its cost at startup.
     */
    private List<ColdStartResult> coldStart(Path library, Path demo, Path agent, int repeats)
            throws IOException, InterruptedException {
        log.println("bench: cold start, " + repeats + " child JVMs per configuration");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> common = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djna.nosys=true",
                "-D" + Libcustoms.PATH_PROPERTY + "=" + library);
        boolean haveDemo = Files.isRegularFile(demo);
        List<Sharing> configurations = List.of(new Sharing("default CDS", null, "-Xshare:auto", null, "-Xshare:auto"),
                Sharing.of("AppCDS", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", out, ".jsa"),
                Sharing.of("AOT cache", "-XX:AOTCacheOutput=", "-XX:AOTCache=", out, ".aot"));
        if (Files.isRegularFile(agent)) {
            configurations = new ArrayList<>(configurations);
            configurations.add(new Sharing("checked mode (-javaagent), default CDS", null, "-javaagent:" + agent, null,
                    "-javaagent:" + agent));
        } else {
            log.println("bench: no checked-mode agent at " + agent + " (./customs build makes it); its startup cost"
                    + " is left out");
        }
        for (Sharing c : configurations) {
            if (c.trainColdStart() != null) {
                run(concat(common, c.trainColdStart(), "-cp", classPath, ColdStart.class.getName()));
                if (haveDemo) {
                    run(concat(common, c.trainDemo(), "-jar", demo.toString(), "calls"));
                }
            }
        }
        // Runs alternate between the configurations, so a change in the machine's load touches all of them alike.
        Map<String, List<Map<String, Double>>> samples = new LinkedHashMap<>();
        for (int i = 0; i < repeats; i++) {
            for (Sharing c : configurations) {
                long start = System.nanoTime();
                List<String> cmd = concat(common, c.useColdStart(), "-D" + ColdStart.LAUNCHED_PROPERTY + "="
                        + Instant.now(), "-cp", classPath, ColdStart.class.getName());
                String json = run(cmd).lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
                Map<String, Double> sample = ColdStartResult.parse(json);
                sample.put("wholeProcess", (System.nanoTime() - start) / 1e6);
                if (haveDemo) {
                    sample.put("firstDemoResult", firstDemoResult(concat(common, c.useDemo(), "-jar",
                            demo.toString(), "calls")));
                }
                sample.remove("check");
                sample.remove("handles");
                samples.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(sample);
            }
        }
        List<ColdStartResult> results = new ArrayList<>();
        samples.forEach((name, list) -> results.add(ColdStartResult.median(name, list)));
        return results;
    }

    /**
     * A way to share classes between JVM runs: the flags that make its file from a training run (null: nothing to make)
     * and the flags that use it, for ColdStart and for the demo.
     */
    record Sharing(String name, String trainColdStart, String useColdStart, String trainDemo, String useDemo) {
        static Sharing of(String name, String make, String use, Path out, String suffix) {
            return new Sharing(name, make + out.resolve("coldstart" + suffix), use + out.resolve("coldstart" + suffix),
                    make + out.resolve("demo" + suffix), use + out.resolve("demo" + suffix));
        }
    }

    /**
     * The memory a quarantined stub holds, from {@link QuarantineCost} in a child JVM: a Markdown section for the
     * table, also printed.
     */
    private String quarantineCost(Path library) throws IOException, InterruptedException {
        log.println("bench: checked mode's quarantine, memory per stub");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String json = run(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + Libcustoms.PATH_PROPERTY + "=" + library, "-cp", System.getProperty("java.class.path"),
                QuarantineCost.class.getName())).lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        Files.writeString(out.resolve("quarantine.json"), json + "\n");
        Map<String, Double> q = ColdStartResult.parse(json);
        String text = String.format("%n## Checked mode: the quarantine's memory per stub%n%n"
                        + "%.0f stubs whose arena closed, kept in quarantine (checked/README.md), against as many raw"
                        + " stubs alive. Bytes per stub.%n%n| | code cache | Java heap |%n|---|---:|---:|%n"
                        + "| raw stub, alive | %.0f | %.0f |%n| checked stub, quarantined | %.0f | %.0f |%n",
                q.get("stubs"), q.get("rawCodeBytesPerStub"), q.get("rawHeapBytesPerStub"),
                q.get("quarantinedCodeBytesPerStub"), q.get("quarantinedHeapBytesPerStub"));
        log.print(text);
        return text;
    }

    /** Milliseconds from process start until the demo prints its first checked row ("  ok ..."). */
    private static double firstDemoResult(List<String> cmd) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double at = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (Double.isNaN(at) && line.startsWith("  ok ")) {
                    at = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || Double.isNaN(at)) {
            throw new IllegalStateException("the demo did not produce a result: " + cmd);
        }
        return at;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("child JVM failed: " + cmd + "\n" + text);
        }
        return text;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private String environment(String profile) throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        }
        return "Profile **" + profile + "**, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16) + ". " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "; load average " + loadAtStart + " at the start, "
                + loadAverage() + " at the end." + (roundCount == 0 ? "" : " Headline cases (each Customs API method"
                + " with a target paired with its raw twin, the upcall guard) ran in " + roundCount + " interleaved"
                + " rounds of one fork each, pooled per case; the rest in one fork. Scores are averages (ns/op); ± is"
                + " the 99.9% confidence half-width of the mean over every measured iteration. An API ratio with a"
                + " target is PairedApiBench's: the median ratio of adjacent batches of API and raw calls (A B B A)"
                + " per iteration, each fork's iterations averaged, then the mean over forks, its ± Student's t over"
                + " forks at 99.95% (forks − 1 degrees of freedom; 99.95% because such a ratio may be looked at"
                + " twice, so that the two looks together stay within 0.1% of a wrong verdict); the other ratios"
                + " divide two results of this same run." + (lookedAgain.isEmpty() ? "" : " Second look (undecided"
                + " after " + roundCount + " rounds, so run " + roundCount + " rounds more and judged on all "
                + 2 * roundCount + " forks): " + shortNames(lookedAgain) + ".") + " A"
                + " verdict is \"met\" only when the ratio plus its ± is within the target, \"missed\" only when the"
                + " ratio minus its ± is over it, else \"undecided\".");
    }
}
