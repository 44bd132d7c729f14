package dev.customs.harness.scenarios;

import com.sun.jna.Memory;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.lifetime.ArenaLeakDetector;
import dev.customs.lifetime.GcRounds;
import java.lang.foreign.Arena;
import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Issue item 7: an arena that became unreachable without close(), reported with where it was opened. */
public final class LeakDetection extends Scenario {
    public LeakDetection() {
        super("leaks", "an arena dropped without close() is reported, naming where it was opened");
    }

    @Override
    public void run(Report r) {
        r.say("A confined arena is opened through ArenaLeakDetector, used, and dropped without close(); another is");
        r.say("closed. The GC runs in bounded rounds until the detector reports. JNA: a Memory dropped without");
        r.say("close().");
        r.columns();
        Queue<ArenaLeakDetector.Leak> reports = new ConcurrentLinkedQueue<>();
        ArenaLeakDetector detector = new ArenaLeakDetector(reports::add);
        try (Arena closed = detector.ofConfined()) {
            closed.allocate(8);
        }
        openAndForget(detector);
        int rounds = GcRounds.until(() -> !reports.isEmpty(), GcRounds.DEFAULT_LIMIT);
        ArenaLeakDetector.Leak leak = reports.peek();
        String reported = leak == null ? "no report after " + GcRounds.DEFAULT_LIMIT + " GC rounds" : "reported: "
                + leak.kind() + " arena opened in " + simpleName(leak.openedAt().getClassName()) + "."
                + leak.openedAt().getMethodName();
        r.sideBySide("dropped without close()", "reported: confined arena opened in LeakDetection.openAndForget",
                () -> reported, "collected silently (JNA's Cleaner frees it)", jna -> {
            WeakReference<Memory> dropped = new WeakReference<>(new Memory(64));
            int n = GcRounds.until(() -> dropped.get() == null, GcRounds.DEFAULT_LIMIT);
            return n < 0 ? "still reachable" : "collected silently (JNA's Cleaner frees it)";
        });
        if (leak != null) {
            r.say("After " + rounds + " GC round(s) the detector said:");
            leak.describe().lines().limit(3).forEach(line -> r.say("  | " + line));
        }
        r.check("ffm: the closed arena was not reported", 1, reports.size());
        r.lesson("FFM never frees a confined or shared arena that was not closed, and says nothing. In tests and while"
                + " debugging, open arenas through a detector: the leak then names the line that opened it.");
    }

    private static void openAndForget(ArenaLeakDetector detector) {
        Arena arena = detector.ofConfined();
        arena.allocate(64).fill((byte) 7);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
