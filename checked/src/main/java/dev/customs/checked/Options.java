package dev.customs.checked;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, {@code -javaagent:customs-checked.jar=report=checked.json,quarantine=1024}. Bad input never
 * stops the application: each problem becomes a message (printed at startup) saying what checked mode does instead.
 *
 * <ul>
 *   <li>{@code report=FILE}: write the report as JSON to FILE at exit (it is always printed on standard error);
 *       {@code %p} in FILE becomes the process id, for test runs that fork several JVMs</li>
 *   <li>{@code quarantine=N}: keep at most N stubs whose arena closed (default 1024)</li>
 *   <li>{@code quarantineSeconds=S}: keep each at most S seconds (default 600)</li>
 *   <li>{@code stacks=N}: keep the first N stacks of each hazard for the report (default 3)</li>
 * </ul>
 */
record Options(Path report, int quarantine, long quarantineSeconds, int stacks, List<String> problems) {
    static final String KNOWN = "report=FILE, quarantine=N, quarantineSeconds=S, stacks=N";

    static Options parse(String args) {
        Path report = null;
        int quarantine = Stubs.DEFAULT_BOUND;
        long seconds = Stubs.DEFAULT_MAX_AGE_SECONDS;
        int stacks = 3;
        List<String> problems = new ArrayList<>();
        if (args != null && !args.isBlank()) {
            for (String option : args.split(",")) {
                String o = option.strip();
                if (o.isEmpty()) {
                    continue;
                }
                int eq = o.indexOf('=');
                String key = eq < 0 ? o : o.substring(0, eq).strip();
                String value = eq < 0 ? null : o.substring(eq + 1).strip();
                switch (key) {
                    case "report" -> report = writable(value, problems);
                    case "quarantine" -> quarantine = (int) number(key, value, 0, Integer.MAX_VALUE, quarantine,
                            problems);
                    case "quarantineSeconds" -> seconds = number(key, value, 0, Long.MAX_VALUE / 1_000_000_000L,
                            seconds, problems);
                    case "stacks" -> stacks = (int) number(key, value, 0, 1000, stacks, problems);
                    default -> problems.add("unknown option '" + o + "' ignored (known: " + KNOWN
                            + "); checked mode is on");
                }
            }
        }
        return new Options(report, quarantine, seconds, stacks, List.copyOf(problems));
    }

    private static long number(String key, String value, long min, long max, long fallback, List<String> problems) {
        try {
            long n = Long.parseLong(value == null ? "" : value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException bad) {
            // reported below
        }
        problems.add("option " + key + " needs a whole number from " + min + " to " + max + ", got '" + value
                + "'; using " + fallback + "; checked mode is on");
        return fallback;
    }

    /** The report file, created now so that a path that cannot be written is known at startup. */
    private static Path writable(String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add("option report needs a file name (report=FILE); the report goes to standard error only;"
                    + " checked mode is on");
            return null;
        }
        Path path;
        try {
            path = Path.of(value.replace("%p", Long.toString(ProcessHandle.current().pid()))).toAbsolutePath();
            Files.writeString(path, "{}\n");
            return path;
        } catch (IOException | RuntimeException e) {
            problems.add("cannot write the report to " + value + " (" + e + "); the report goes to standard error"
                    + " only; checked mode is on");
            return null;
        }
    }
}
