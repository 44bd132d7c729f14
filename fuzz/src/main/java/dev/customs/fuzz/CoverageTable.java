package dev.customs.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints the coverage comparison: for each C file either run reached, lines and branches taken (gcov) from an empty
 * corpus with the clang build (Jazzer sees C) and with the plain gcc build (Jazzer sees only Java), plus each run's
 * speed; and the coverage of the target's own corpus and seeds.
 */
final class CoverageTable {
    private CoverageTable() {}

    static String render(FuzzTarget target, Duration each, Map<String, CCoverage.File> own,
                         Map<String, CCoverage.File> clang, Map<String, CCoverage.File> gcc,
                         JazzerRun.Outcome clangRun, JazzerRun.Outcome gccRun) {
        Set<String> files = new TreeSet<>();
        for (Map<String, CCoverage.File> m : List.of(own, clang, gcc)) {
            m.forEach((file, coverage) -> {
                if (coverage.lines() > 0) {
                    files.add(file);
                }
            });
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "fuzz: %s: C coverage reached from an empty corpus in %d s (gcov: lines run/all (%%),"
                + " branches taken/all)%n", target.name(), each.toSeconds()));
        String format = "  %-34s %-26s %-26s %-26s%n";
        s.append(String.format(Locale.ROOT, format, "", "clang build (sees C)", "gcc build (Java only)", "corpus + seeds now"));
        List<CCoverage.File> clangRows = new ArrayList<>();
        List<CCoverage.File> gccRows = new ArrayList<>();
        List<CCoverage.File> ownRows = new ArrayList<>();
        for (String file : files) {
            clangRows.add(clang.getOrDefault(file, empty(file)));
            gccRows.add(gcc.getOrDefault(file, empty(file)));
            ownRows.add(own.getOrDefault(file, empty(file)));
            s.append(String.format(Locale.ROOT, format, file, cell(clang.get(file)), cell(gcc.get(file)), cell(own.get(file))));
        }
        s.append(String.format(Locale.ROOT, format, "these files together", cell(CCoverage.total("", clangRows)),
                cell(CCoverage.total("", gccRows)), cell(CCoverage.total("", ownRows))));
        s.append(String.format(Locale.ROOT, format, "exec/s", String.format(Locale.ROOT, "%,d", clangRun.execsPerSecond()),
                String.format(Locale.ROOT, "%,d", gccRun.execsPerSecond()), ""));
        s.append(String.format(Locale.ROOT, format, "libFuzzer cov (C and Java points)",
                clangRun.last() == null ? "-" : clangRun.last().coverage(),
                gccRun.last() == null ? "-" : gccRun.last().coverage(), ""));
        return s.toString();
    }

    private static CCoverage.File empty(String file) {
        return new CCoverage.File(file, 0, 0, 0, 0);
    }

    private static String cell(CCoverage.File f) {
        if (f == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s (%.0f%%), %s br", f.lineRatio(), f.linePercent(), f.branchRatio());
    }
}
