package dev.customs.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which C lines and branches a corpus reaches, measured with gcov: the corpus is replayed once ({@code -runs=0})
 * against the gcc {@code --coverage} build, the counters are written under a private {@code GCOV_PREFIX} (so runs
 * cannot mix their counts), and {@code gcov -b} reads them. This is the figure libFuzzer's {@code cov:} is not: it
 * counts only C, whatever the Java side did, and it is the same instrument for every build that produced the corpus.
 */
final class CCoverage {
    /** One C file's coverage. */
    record File(String path, int lines, int linesTotal, int branches, int branchesTotal) {
        String lineRatio() {
            return lines + "/" + linesTotal;
        }

        String branchRatio() {
            return branches + "/" + branchesTotal;
        }

        double linePercent() {
            return linesTotal == 0 ? 0 : 100.0 * lines / linesTotal;
        }
    }

    private static final Duration GCOV_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern FILE = Pattern.compile("^File '(.+)'$");
    private static final Pattern LINES = Pattern.compile("^Lines executed:([0-9.]+)% of (\\d+)");
    private static final Pattern TAKEN = Pattern.compile("^Taken at least once:([0-9.]+)% of (\\d+)");

    private final FuzzWorkspace workspace;
    private final Toolchain tools;
    private final JazzerRun jazzer;

    CCoverage(FuzzWorkspace workspace, Toolchain tools, JazzerRun jazzer) {
        this.workspace = workspace;
        this.tools = tools;
        this.jazzer = jazzer;
    }

    /** The C coverage of {@code target} replaying every input in {@code corpora}, by file (paths relative to the root). */
    Map<String, File> of(FuzzTarget target, List<Path> corpora, Path scratch) {
        Path prefix = scratch.resolve("gcov");
        List<String> args = new ArrayList<>(List.of("-runs=0"));
        corpora.forEach(c -> args.add(c.toString()));
        JazzerRun.Outcome replay = jazzer.run(new JazzerRun.Spec("gcov-replay", target, workspace.gcovBuild(), false,
                args, Map.of("GCOV_PREFIX", prefix.toString(), "GCOV_PREFIX_STRIP", "0"), Duration.ofMinutes(5)));
        if (replay.exit() != 0) {
            throw new IllegalStateException("replaying the corpus against the gcov build failed (exit " + replay.exit()
                    + "); see " + replay.log());
        }
        Map<String, File> coverage = new TreeMap<>();
        for (Path objects : objectDirectories()) {
            Path mirror = prefix.resolve(workspace.root().getRoot().relativize(objects));
            List<String> command = new ArrayList<>(List.of(tools.gcov().toString(), "-b", "-n", "-o", mirror.toString()));
            for (Path gcno : gcnoFiles(objects)) {
                copy(gcno, mirror.resolve(gcno.getFileName()));
                command.add(mirror.resolve(gcno.getFileName()).toString());
            }
            Commands.Result result = Commands.run(command, mirror, Map.of(), GCOV_TIMEOUT);
            if (!result.ok()) {
                throw new IllegalStateException("gcov failed (exit " + result.exit() + "):\n" + result.output());
            }
            parse(result.output()).forEach(f -> coverage.put(relative(f.path()), f));
        }
        return coverage;
    }

    /** Parses {@code gcov -b -n} output: one block per source file. */
    static List<File> parse(String gcovOutput) {
        List<File> files = new ArrayList<>();
        String path = null;
        int lines = 0;
        int linesTotal = 0;
        for (String line : gcovOutput.lines().toList()) {
            Matcher f = FILE.matcher(line);
            Matcher l = LINES.matcher(line);
            Matcher t = TAKEN.matcher(line);
            if (f.find()) {
                if (path != null) {
                    files.add(new File(path, lines, linesTotal, 0, 0));
                }
                path = f.group(1);
                lines = 0;
                linesTotal = 0;
            } else if (l.find() && path != null) {
                linesTotal = Integer.parseInt(l.group(2));
                lines = count(l.group(1), linesTotal);
            } else if (t.find() && path != null) {
                int total = Integer.parseInt(t.group(2));
                files.add(new File(path, lines, linesTotal, count(t.group(1), total), total));
                path = null;
            }
        }
        if (path != null) {
            files.add(new File(path, lines, linesTotal, 0, 0));
        }
        return files;
    }

    /** The sum over {@code files}, named {@code name}. */
    static File total(String name, Collection<File> files) {
        return new File(name, files.stream().mapToInt(File::lines).sum(), files.stream().mapToInt(File::linesTotal).sum(),
                files.stream().mapToInt(File::branches).sum(), files.stream().mapToInt(File::branchesTotal).sum());
    }

    private static int count(String percent, int total) {
        return (int) Math.round(Double.parseDouble(percent) * total / 100.0);
    }

    private String relative(String path) {
        Path p = Path.of(path);
        return p.startsWith(workspace.root()) ? workspace.root().relativize(p).toString() : path;
    }

    /** The object directories of the gcov build that hold the library sources' notes files. */
    private List<Path> objectDirectories() {
        try (Stream<Path> all = Files.walk(workspace.gcovBuild())) {
            return all.filter(p -> p.getFileName().toString().endsWith(".c.gcno"))
                    .filter(p -> !p.toString().contains("CompilerId"))
                    .map(Path::getParent).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the gcov build in " + workspace.gcovBuild(), e);
        }
    }

    private static List<Path> gcnoFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".c.gcno")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
