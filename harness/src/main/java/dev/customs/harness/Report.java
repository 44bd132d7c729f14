package dev.customs.harness;

import dev.customs.api.Customs;
import dev.customs.api.JnaCustoms;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a scenario observed, printed as a table with one column per backend and checked against what was expected: a
 * row whose observation differs from its expectation is marked and makes the runner exit non-zero.
 */
public final class Report {
    private static final int LABEL_WIDTH = 34;
    private static final int CELL_WIDTH = 30;

    private final PrintStream out;
    private final List<Customs> backends;
    private final List<String> mismatches = new ArrayList<>();

    public Report(PrintStream out, List<Customs> backends) {
        this.out = out;
        this.backends = List.copyOf(backends);
    }

    public List<Customs> backends() {
        return backends;
    }

    /** Prose: what the scenario does. */
    public void say(String text) {
        out.println("  " + text);
    }

    /** The header row of a table of per-backend observations. */
    public void columns() {
        StringBuilder line = new StringBuilder("  " + pad("", LABEL_WIDTH));
        for (Customs c : backends) {
            line.append(" | ").append(pad(c.backend(), CELL_WIDTH));
        }
        out.println(line.append(" | expected"));
    }

    /**
     * Runs {@code call} on every backend and checks each outcome equals {@code expected}. An exception is an outcome
     * too: it is shown as {@code SimpleName: message} and compared in that form.
     */
    public void row(String label, Object expected, Function<Customs, Object> call) {
        rowByBackend(label, backend -> expected, call);
    }

    /**
     * Like {@link #row}, for behaviour that differs between backends by design (FFM ends the JVM where JNA logs and
     * carries on): each backend's outcome is checked against {@code expected.apply(backendName)}.
     */
    public void rowByBackend(String label, Function<String, Object> expected, Function<Customs, Object> call) {
        Map<String, String> observed = new LinkedHashMap<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Customs c : backends) {
            observed.put(c.backend(), outcome(() -> call.apply(c)));
            wanted.put(c.backend(), show(expected.apply(c.backend())));
        }
        boolean ok = observed.equals(wanted);
        String expectedText = new HashSet<>(wanted.values()).size() == 1 ? wanted.values().iterator().next()
                : String.join("; ", wanted.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        printRow(label, observed, expectedText, ok);
        if (!ok) {
            mismatches.add(label + ": expected " + expectedText + ", observed " + observed);
        }
    }

    /** For {@link #rowByBackend}: {@code ffm} on the FFM backend, {@code jna} on both JNA mappings. */
    public static Function<String, Object> ffmOrJna(Object ffm, Object jna) {
        return backend -> backend.equals("ffm") ? ffm : jna;
    }

    /**
     * A row comparing raw FFM code with raw JNA code, where the two may behave differently: {@code ffm} runs in the
     * {@code ffm} column and must give {@code ffmExpected}; {@code jna} runs in each JNA column (interface or direct
     * mapping, whichever the backend is) and must give {@code jnaExpected}.
     */
    public void sideBySide(String label, Object ffmExpected, Supplier<Object> ffm, Object jnaExpected,
                           Function<JnaCustoms, Object> jna) {
        Map<String, String> observed = new LinkedHashMap<>();
        boolean all = true;
        for (Customs c : backends) {
            String o = c instanceof JnaCustoms j ? outcome(() -> jna.apply(j)) : outcome(ffm);
            observed.put(c.backend(), o);
            all &= o.equals(show(c instanceof JnaCustoms ? jnaExpected : ffmExpected));
        }
        String expected = Objects.equals(show(ffmExpected), show(jnaExpected)) ? show(ffmExpected)
                : "ffm: " + show(ffmExpected) + " / jna: " + show(jnaExpected);
        printRow(label, observed, expected, all);
        if (!all) {
            mismatches.add(label + ": expected " + expected + ", observed " + observed);
        }
    }

    /** A row whose expectation is a fragment each outcome must contain (for long exception messages). */
    public void rowContaining(String label, String fragment, Function<Customs, Object> call) {
        Map<String, String> observed = new LinkedHashMap<>();
        boolean all = true;
        for (Customs c : backends) {
            String o = outcome(() -> call.apply(c));
            observed.put(c.backend(), o);
            all &= o.contains(fragment);
        }
        printRow(label, observed, "contains \"" + fragment + "\"", all);
        if (!all) {
            mismatches.add(label + ": expected every backend to report something containing \"" + fragment + "\"");
        }
    }

    /** A single observation not tied to a backend. */
    public void check(String label, Object expected, Object observed) {
        boolean ok = Objects.equals(show(expected), show(observed));
        out.printf("  %s %s%n", mark(ok), label + ": " + show(observed) + (ok ? "" : "   (expected " + show(expected)
                + ")"));
        if (!ok) {
            mismatches.add(label + ": expected " + show(expected) + ", observed " + show(observed));
        }
    }

    /** The scenario's lesson, printed last. */
    public void lesson(String text) {
        out.println("  Lesson: " + text);
    }

    /** Every row so far whose observation differed from the expectation. */
    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    private void printRow(String label, Map<String, String> observed, String expected, boolean ok) {
        StringBuilder line = new StringBuilder("  " + mark(ok) + " " + pad(label, LABEL_WIDTH - 2));
        for (String o : observed.values()) {
            line.append(" | ").append(pad(o, CELL_WIDTH));
        }
        out.println(line.append(" | ").append(expected));
        for (var e : observed.entrySet()) {
            if (e.getValue().length() > CELL_WIDTH) {
                out.println("      " + e.getKey() + ": " + e.getValue());
            }
        }
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "XX";
    }

    static String outcome(Supplier<Object> call) {
        try {
            return show(call.get());
        } catch (RuntimeException | Error e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static String show(Object value) {
        if (value instanceof Integer i && (i < -9 || i > 9)) {
            return i + " (0x" + Integer.toHexString(i) + ")";
        }
        return String.valueOf(value);
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "…";
        }
        return s + " ".repeat(width - s.length());
    }
}
