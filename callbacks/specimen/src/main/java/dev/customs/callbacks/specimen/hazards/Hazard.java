package dev.customs.callbacks.specimen.hazards;

import dev.customs.bindings.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The callback hazards that kill a JVM or lose an error, each run in a child JVM (never in the caller's) on a given
 * backend. The caller checks the child's exit code, output and crash files; {@link #outcome} puts what a user would
 * notice on one line.
 */
public enum Hazard {
    /** A throwing callback without a guard, on the calling thread. */
    UNGUARDED_ON_CALLER(UnguardedUpcall.class, "caller"),
    /** A throwing callback without a guard, on a native thread, with the thread's own handler set. */
    UNGUARDED_ON_NATIVE_THREAD(UnguardedUpcall.class, "native"),
    /** The upcall released (FFM stub arena closed, JNA callback collected) before C calls it. */
    UPCALL_FREED_EARLY(UpcallFreedEarly.class);

    /** Bound on each child JVM. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The lines {@link #outcome} looks for, in the order it reports them. */
    static final List<String> MARKERS = List.of(
            "Unrecoverable uncaught exception encountered. The VM will now exit",
            "threw the following exception",
            "JNA: callback object has been garbage collected",
            "SIGSEGV",
            "handler called");

    private final Class<?> main;
    private final String[] args;

    Hazard(Class<?> main, String... args) {
        this.main = main;
        this.args = args;
    }

    /** Runs the hazard in a child JVM on {@code backend} ("ffm", "jna" or "jna-interface"). */
    public ChildJvm.Result run(String backend) {
        List<String> all = new ArrayList<>();
        all.add(backend);
        all.addAll(List.of(args));
        return ChildJvm.run(main, TIMEOUT, all.toArray(String[]::new));
    }

    /**
     * What a user would notice, on one line: the exit code, whether HotSpot wrote a crash file, which of
     * {@link #MARKERS} appeared in the output, and the child's {@code result:} line if it lived to print it. For
     * example {@code exit 1; Unrecoverable uncaught exception encountered. The VM will now exit}.
     */
    public static String outcome(ChildJvm.Result r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.timedOut() ? "killed after " + TIMEOUT.toSeconds() + " s" : "exit " + r.exitCode());
        if (r.crashed()) {
            parts.add("crash file");
        }
        String output = r.stdout() + r.stderr();
        MARKERS.stream().filter(output::contains).forEach(parts::add);
        r.stdout().lines().filter(l -> l.startsWith("result: ")).findFirst().ifPresent(parts::add);
        return String.join("; ", parts);
    }
}
