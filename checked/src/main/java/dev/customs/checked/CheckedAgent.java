package dev.customs.checked;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's entry point: {@code java -javaagent:customs-checked.jar[=options] ...}. It never stops the application
 * from starting: a bad option or a failure of its own is a message on standard error saying how much of checked mode
 * is on.
 */
public final class CheckedAgent {
    private static volatile boolean active;
    private static volatile Path reportPath;
    private static volatile CallSiteRewriter rewriter;

    private CheckedAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        try {
            Options options = Options.parse(args);
            for (String problem : options.problems()) {
                System.err.println("customs-checked: " + problem);
            }
            Stubs.bound(options.quarantine(), options.quarantineSeconds());
            Hazards.firstStacks(options.stacks());
            reportPath = options.report();
            // Load what the rewritten sites and the report need before any application class is transformed.
            Class.forName(Downcalls.class.getName());
            Class.forName(Upcalls.class.getName());
            Arenas.watch();
            Runtime.getRuntime().addShutdownHook(new Thread(CheckedAgent::atExit, "customs-checked-report"));
            rewriter = new CallSiteRewriter(instrumentation);
            instrumentation.addTransformer(rewriter);
            active = true;
        } catch (Throwable t) {
            System.err.println("customs-checked: could not start (" + t + "); checked mode is off");
        }
    }

    static boolean active() {
        return active;
    }

    /** Call sites rewritten so far, and in how many classes: {sites, classes}. */
    static long[] rewritten() {
        CallSiteRewriter r = rewriter;
        return r == null ? new long[2] : new long[]{r.sitesRewritten(), r.classesRewritten()};
    }

    private static void atExit() {
        Arenas.collect(200);
        System.err.print(Report.text());
        Path path = reportPath;
        if (path != null) {
            try {
                Files.writeString(path, Report.json());
                System.err.println("customs-checked: report written to " + path);
            } catch (IOException | RuntimeException e) {
                System.err.println("customs-checked: could not write the report to " + path + " (" + e + ")");
            }
        }
    }
}
