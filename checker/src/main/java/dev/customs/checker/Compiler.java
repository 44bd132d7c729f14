package dev.customs.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the system C or C++ compiler on a generated translation unit and runs what it built. Nothing here reads C: the
 * only thing read back from the compiler is the line number in front of each of its errors, which says which generated
 * probe line the compiler refused.
 */
final class Compiler {
    private static final long TIMEOUT_SECONDS = 120;

    /** A generated line that checks one thing; {@code key} says what. */
    record Probe(String key, String line) {}

    /**
     * What a unit of probes gave: the probes the compiler refused, each with its first message about it, and what the
     * program built from the others printed.
     */
    record Outcome(Map<String, String> refused, String output) {}

    private final String command;
    private final String language;
    private final String installHint;
    private final List<String> flags;
    private final Path workDir;

    Compiler(String command, String language, String installHint, List<String> flags, Path workDir) {
        this.command = command;
        this.language = language;
        this.installHint = installHint;
        this.flags = List.copyOf(flags);
        this.workDir = workDir;
    }

    /**
     * Compiles {@code prologue + probes + epilogue} without linking, dropping each probe the compiler refuses and
     * compiling again, until the rest compiles.
     *
     * @return the probes refused, by key, with the compiler's message
     * @throws CompilerUnavailableException when the compiler is missing or something outside the probes fails
     */
    Map<String, String> refusals(String name, String prologue, List<Probe> probes, String epilogue) {
        Map<String, String> refused = new LinkedHashMap<>();
        List<Probe> active = new ArrayList<>(probes);
        for (int round = 0; ; round++) {
            Unit unit = unit(name, prologue, active, epilogue);
            Result r = run(List.of("-fsyntax-only", unit.file().toString()));
            if (r.exit() == 0) {
                return refused;
            }
            Map<Integer, String> errors = errorLines(r.output(), unit.file());
            List<Probe> failed = new ArrayList<>();
            for (var e : errors.entrySet()) {
                Probe p = unit.probeAt().get(e.getKey());
                if (p != null && !failed.contains(p)) {
                    failed.add(p);
                    refused.putIfAbsent(p.key(), e.getValue());
                }
            }
            if (failed.isEmpty() || round > probes.size()) {
                throw new CompilerUnavailableException(language + " compiler failed outside the generated checks ("
                        + commandLine(unit.file()) + "); does the header compile as " + language + " with these"
                        + " flags?\n" + r.output().strip());
            }
            active.removeAll(failed);
        }
    }

    /**
     * Compiles the probes as {@link #refusals} does, then compiles and links the ones accepted into a program, runs it
     * and returns what it printed.
     */
    Outcome run(String name, String prologue, List<Probe> probes, String epilogue) {
        Map<String, String> refused = refusals(name, prologue, probes, epilogue);
        List<Probe> accepted = probes.stream().filter(p -> !refused.containsKey(p.key())).toList();
        Unit unit = unit("run-" + name, prologue, accepted, epilogue);
        Path exe = workDir.resolve(name + ".out");
        Result r = run(List.of(unit.file().toString(), "-o", exe.toString()));
        if (r.exit() != 0) {
            throw new CompilerUnavailableException(language + " compiler failed (" + commandLine(unit.file()) + "):\n"
                    + r.output().strip());
        }
        Result ran = exec(List.of(exe.toString()));
        if (ran.exit() != 0) {
            throw new IllegalStateException(exe + " exited with " + ran.exit() + ":\n" + ran.output());
        }
        return new Outcome(refused, ran.output());
    }

    private record Unit(Path file, Map<Integer, Probe> probeAt) {}

    private Unit unit(String name, String prologue, List<Probe> probes, String epilogue) {
        StringBuilder source = new StringBuilder(prologue);
        if (!prologue.endsWith("\n")) {
            source.append('\n');
        }
        int line = (int) prologue.lines().count() + 1;
        Map<Integer, Probe> probeAt = new LinkedHashMap<>();
        for (Probe p : probes) {
            probeAt.put(line++, p);
            source.append(p.line()).append('\n');
        }
        source.append(epilogue);
        Path file = workDir.resolve(name);
        try {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Unit(file, probeAt);
    }

    /**
     * Line number to first message, for each error the compiler reports in {@code file}, including the line a
     * template was instantiated from ("required from here"): GCC and clang both write {@code FILE:LINE:COL: error: ...}.
     */
    static Map<Integer, String> errorLines(String output, Path file) {
        Pattern p = Pattern.compile("^" + Pattern.quote(file.toString()) + ":(\\d+):\\d+: (error: .*|.*required from"
                + " here.*)$", Pattern.MULTILINE);
        Map<Integer, String> lines = new LinkedHashMap<>();
        Matcher m = p.matcher(output);
        while (m.find()) {
            lines.putIfAbsent(Integer.parseInt(m.group(1)), m.group(2));
        }
        return lines;
    }

    private record Result(int exit, String output) {}

    private Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(flags);
        cmd.addAll(args);
        return exec(cmd);
    }

    private String commandLine(Path file) {
        return command + (flags.isEmpty() ? "" : " " + String.join(" ", flags)) + " " + file;
    }

    private Result exec(List<String> cmd) {
        Path log = workDir.resolve("output-" + System.nanoTime() + ".txt");
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new CompilerUnavailableException(language + " compiler '" + cmd.getFirst() + "' could not be run ("
                    + e.getMessage() + "): " + installHint);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.getFirst(), e);
        }
    }
}
