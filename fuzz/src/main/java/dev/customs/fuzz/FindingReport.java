package dev.customs.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of a fuzzing log that explains a finding, short enough for a terminal: the sanitizer's report (error,
 * access, the top frames, where the memory came from, the summary with file and line) or the Java exception and its
 * stack, plus the Java stack of the thread that was in the fuzz target when a native crash hit. The full output stays
 * in the log.
 */
final class FindingReport {
    private static final Pattern SANITIZER_ERROR = Pattern.compile("^==\\d+==\\s*ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)");
    private static final Pattern UBSAN_ERROR = Pattern.compile("runtime error: ");
    private static final Pattern THREAD_CREATED = Pattern.compile("^Thread T\\d+ .*created by");
    private static final Pattern FRAME = Pattern.compile("^\\s+#(\\d+) ");
    private static final int NATIVE_FRAMES = 6;
    private static final int JAVA_FRAMES = 14;

    private FindingReport() {}

    /** The report lines for the finding in {@code log}, or an empty list if the log shows none. */
    static List<String> extract(List<String> log) {
        List<String> report = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            if (SANITIZER_ERROR.matcher(line).find() || UBSAN_ERROR.matcher(line).find()) {
                sanitizerReport(log, i, report);
                javaStackAtCrash(log, i, report);
                return report;
            }
            if (line.startsWith("== Java Exception:")) {
                report.add(line);
                for (int j = i + 1; j < log.size() && report.size() < JAVA_FRAMES; j++) {
                    String next = log.get(j);
                    if (next.startsWith("DEDUP_TOKEN") || next.startsWith("== libFuzzer crashing input")) {
                        break;
                    }
                    report.add(next);
                }
                return report;
            }
        }
        return report;
    }

    /** The sanitizer's own lines: header lines whole, each stack cut to its top frames, up to the SUMMARY. */
    private static void sanitizerReport(List<String> log, int start, List<String> report) {
        boolean threadCreation = false;
        for (int i = start; i < log.size(); i++) {
            String line = log.get(i);
            var frame = FRAME.matcher(line);
            if (THREAD_CREATED.matcher(line).find()) {
                threadCreation = true; // where the JVM's threads were started: the same for every finding
                continue;
            }
            if (threadCreation && frame.find()) {
                continue;
            }
            threadCreation = false;
            if (frame.find()) {
                int n = Integer.parseInt(frame.group(1));
                if (n < NATIVE_FRAMES) {
                    report.add(line);
                } else if (n == NATIVE_FRAMES) {
                    report.add("    ...");
                }
                continue;
            }
            if (!line.isBlank()) {
                report.add(line);
            }
            if (line.startsWith("SUMMARY:")) {
                return;
            }
        }
    }

    /** Jazzer dumps every Java thread on a native crash; the one inside {@code fuzzerTestOneInput} shows how C was reached. */
    private static void javaStackAtCrash(List<String> log, int start, List<String> report) {
        List<String> thread = new ArrayList<>();
        for (int i = start; i < log.size(); i++) {
            String line = log.get(i);
            if (line.startsWith("Thread[")) {
                thread.clear();
            } else if (line.contains("fuzzerTestOneInput")) {
                report.add("Java stack of the fuzz target at the crash:");
                thread.stream().filter(l -> !l.contains("java.lang.invoke.") && !l.contains("jdk.internal.foreign")
                        && !l.contains("com.code_intelligence."))
                        .forEach(report::add);
                report.add(line);
                return;
            } else if (line.startsWith("\tat ")) {
                thread.add(line);
            }
        }
    }
}
