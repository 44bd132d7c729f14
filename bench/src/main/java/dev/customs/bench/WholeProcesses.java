package dev.customs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a user waits for: {@code ./customs demo ...} timed as whole processes, through the script, in pairs with a
 * hello-world JVM on the same JDK ({@link PairedTiming}), with the demo's AOT cache and without it
 * ({@code CUSTOMS_AOT=off}).
 */
final class WholeProcesses {
    /** A command of the demo and the most its median ratio to hello-world may be, with the AOT cache. */
    record Case(List<String> demoArgs, double target) {
        String label() {
            return "./customs demo " + String.join(" ", demoArgs);
        }
    }

    static final List<Case> CASES = List.of(new Case(List.of("--list"), 3),
            new Case(List.of("calls", "--backends", "ffm"), 6), new Case(List.of("calls"), 10));

    static final String WITH_CACHE = "AOT cache";
    static final String WITHOUT_CACHE = "no AOT cache";

    private final Path script;
    private final List<String> hello;
    private final PrintStream log;

    /**
     * @param script the {@code customs} script
     * @param java   the JDK's {@code java}, the same the script finds (./customs bench runs on it)
     * @param out    the results folder: {@link HelloWorld} is copied into {@code out/hello}
     */
    WholeProcesses(Path script, Path java, Path out, PrintStream log) throws IOException {
        this.script = script;
        this.log = log;
        String entry = HelloWorld.class.getName().replace('.', '/') + ".class";
        Path helloDir = out.resolve("hello");
        Path classFile = helloDir.resolve(entry);
        Files.createDirectories(classFile.getParent());
        try (InputStream in = HelloWorld.class.getClassLoader().getResourceAsStream(entry)) {
            Files.copy(in, classFile, StandardCopyOption.REPLACE_EXISTING);
        }
        this.hello = List.of(java.toString(), "-cp", helloDir.toString(), HelloWorld.class.getName());
    }

    /**
     * Every case in both configurations, {@code pairs} pairs each after one unmeasured run of each side. The
     * configuration with the cache is left out, with the reason logged, when the script says its cache is missing,
     * stale or refused.
     */
    List<PairedTiming> run(int pairs) throws IOException, InterruptedException {
        List<PairedTiming> results = new ArrayList<>();
        String note = run(demo(List.of("--list")), Map.of()).lines().filter(l -> l.contains("note:")).findFirst()
                .orElse(null);
        boolean cached = note == null && Files.isRegularFile(script.resolveSibling("build/aot/customs-demo.aot"));
        if (!cached) {
            log.println("bench: the demo's AOT cache is not in use (" + (note != null ? note : "./customs build makes"
                    + " it") + "); only the figures without it are measured");
        }
        for (Case c : CASES) {
            for (String configuration : cached ? List.of(WITH_CACHE, WITHOUT_CACHE) : List.of(WITHOUT_CACHE)) {
                Map<String, String> env = configuration.equals(WITH_CACHE) ? Map.of() : Map.of("CUSTOMS_AOT", "off");
                log.println("bench: " + pairs + " pairs of hello-world and " + c.label() + " (" + configuration + ")");
                List<String> command = demo(c.demoArgs());
                time(hello, Map.of());
                time(command, env);
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int i = 0; i < pairs; i++) {
                    // Alternate which side goes first, so a drift in load does not favour one of them.
                    if (i % 2 == 0) {
                        a.add(time(hello, Map.of()));
                        b.add(time(command, env));
                    } else {
                        b.add(time(command, env));
                        a.add(time(hello, Map.of()));
                    }
                }
                results.add(new PairedTiming(c.label(), configuration, a, b,
                        configuration.equals(WITH_CACHE) ? c.target() : null));
            }
        }
        return results;
    }

    private List<String> demo(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "demo"));
        cmd.addAll(args);
        return cmd;
    }

    /** Milliseconds from starting the process to its exit; a failed run stops the bench. */
    private static double time(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(cmd, env);
        return (System.nanoTime() - start) / 1e6;
    }

    private static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", cmd) + "\n" + text);
        }
        return text;
    }
}
