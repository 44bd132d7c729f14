package dev.customs.stress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints each phase's figures as a table, one column per backend and a last column with the bound, in the demo's
 * style: a row is {@code ok} when every backend meets the bound and {@code XX} when one does not. Notes (what the
 * first wrong result was, which threads were left over) follow the table. Keeps count of what broke its bound.
 */
public final class StressReport {
    private static final int NAME_WIDTH = 44;
    private static final int CELL_WIDTH = 20;

    private final PrintStream out;
    private final List<String> outOfBounds = new ArrayList<>();
    private int figures;

    public StressReport(PrintStream out) {
        this.out = out;
    }

    /** Prints one phase: {@code title}, then its figures on each backend (same figures, same order on each). */
    public void phase(String title, Map<String, List<Figure>> byBackend) {
        out.println("== " + title);
        StringBuilder header = new StringBuilder("     " + pad("", NAME_WIDTH));
        byBackend.keySet().forEach(b -> header.append(" | ").append(pad(b, CELL_WIDTH)));
        out.println(header.append(" | bound"));
        List<String> notes = new ArrayList<>();
        int rows = byBackend.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < rows; i++) {
            int row = i;
            Figure first = byBackend.values().stream().filter(f -> f.size() > row).map(f -> f.get(row)).findFirst()
                    .orElseThrow();
            boolean ok = true;
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, List<Figure>> e : byBackend.entrySet()) {
                Figure f = e.getValue().size() > row ? e.getValue().get(row) : null;
                line.append(" | ").append(pad(f == null ? "" : f.value(), CELL_WIDTH));
                if (f != null) {
                    figures++;
                    ok &= f.ok();
                    if (!f.ok()) {
                        outOfBounds.add(e.getKey() + ": " + f.name() + " = " + f.value() + ", bound " + f.bound());
                    }
                    if (f.note() != null) {
                        notes.add(e.getKey() + ": " + f.note());
                    }
                }
            }
            out.println("  " + (ok ? "ok" : "XX") + " " + pad(first.name(), NAME_WIDTH) + line + " | " + first.bound());
        }
        notes.forEach(n -> out.println("     " + n));
        out.println();
    }

    /** A phase that could not finish on {@code backend}: one figure that fails. */
    public static List<Figure> failed(Throwable t) {
        return List.of(new Figure("phase finished", "no", "yes", false).noting(t.toString()));
    }

    /** True when every figure printed so far met its bound. */
    public boolean ok() {
        return outOfBounds.isEmpty();
    }

    /** The figures that broke their bounds, as {@code backend: name = value, bound B}. */
    public List<String> outOfBounds() {
        return List.copyOf(outOfBounds);
    }

    /** How many figures were printed. */
    public int figures() {
        return figures;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
