package dev.customs.fuzz;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of libFuzzer's status lines, e.g. {@code #1599128 DONE cov: 113 ft: 155 corp: 58/777b lim: 4096 exec/s: 145375
 * rss: 1151Mb}: runs so far, the event, coverage points ({@code cov}, counted only when a native module with a PC
 * table is loaded: the instrumented library), features, corpus size, executions per second, resident memory.
 */
record LibFuzzerStatus(long runs, String event, int coverage, int features, int corpusInputs, String corpusSize,
                       long execsPerSecond, int rssMb) {
    private static final Pattern LINE = Pattern.compile(
            "^#(\\d+)\\s+(\\w+)\\s+(?:cov: (\\d+) )?ft: (\\d+) corp: (\\d+)/(\\S+) (?:lim: \\d+ )?exec/s: (\\d+) rss: (\\d+)Mb");
    private static final Pattern SEED = Pattern.compile("^INFO: Seed: (\\d+)");
    private static final Pattern FINAL_EXECS = Pattern.compile("^stat::average_exec_per_sec:\\s+(\\d+)");
    private static final Pattern FINAL_RUNS = Pattern.compile("^stat::number_of_executed_units:\\s+(\\d+)");

    static Optional<LibFuzzerStatus> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new LibFuzzerStatus(Long.parseLong(m.group(1)), m.group(2),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)), m.group(6), Long.parseLong(m.group(7)), Integer.parseInt(m.group(8))));
    }

    /** The random seed libFuzzer announces ({@code INFO: Seed: N}); pass it back with {@code --seed} to replay a run. */
    static Optional<Long> seed(String line) {
        return number(SEED, line);
    }

    /** {@code stat::average_exec_per_sec} from {@code -print_final_stats=1}. */
    static Optional<Long> finalExecsPerSecond(String line) {
        return number(FINAL_EXECS, line);
    }

    /** {@code stat::number_of_executed_units} from {@code -print_final_stats=1}. */
    static Optional<Long> finalRuns(String line) {
        return number(FINAL_RUNS, line);
    }

    private static Optional<Long> number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
