package dev.customs.fuzz;

import dev.customs.fuzz.targets.CallbackTarget;
import dev.customs.fuzz.targets.DifferentialTarget;
import dev.customs.fuzz.targets.HandoffTarget;
import dev.customs.fuzz.targets.LifetimeTarget;
import dev.customs.fuzz.targets.ListenerTarget;
import dev.customs.fuzz.targets.ParserTarget;
import dev.customs.fuzz.targets.PlantedBugTarget;
import dev.customs.fuzz.targets.SafeApiTarget;
import dev.customs.fuzz.targets.SqlExecTarget;
import dev.customs.fuzz.targets.ZlibInflateTarget;
import java.util.List;
import java.util.Optional;

/** Every fuzz target, in the order {@code ./customs fuzz --list} prints them. Register new targets here. */
public final class FuzzTargets {
    private static final List<FuzzTarget> ALL = List.of(
            new FuzzTarget("parser", ParserTarget.class, "parser",
                    "bytes into the C record parser through FFM; every result as customs.h documents it", false),
            new FuzzTarget("differential", DifferentialTarget.class, "differential",
                    "the same bytes through FFM, JNA and JNA interface mapping give the same record or error", false),
            new FuzzTarget("safe-api", SafeApiTarget.class, "safeApi",
                    "lengths, offsets, sizes, strings and nulls into the Customs API: a result or its documented exception",
                    false),
            new FuzzTarget("lifetime", LifetimeTarget.class, "lifetime",
                    "sequences of buffers, sinks, async jobs and FFM arenas on two threads: misuse refused, nothing leaked",
                    false),
            new FuzzTarget("callbacks", CallbackTarget.class, "callbacks",
                    "upcalls that succeed, return a status or throw, on up to 8 native threads: the guard's contract holds",
                    false),
            new FuzzTarget("handoff", HandoffTarget.class, "handoff",
                    "arrays through 9 handoffs, retained and library-owned memory: C's results, rules, copies, frees",
                    false),
            new FuzzTarget("listener", ListenerTarget.class, "listener",
                    "registered callbacks on their own native thread: statuses, throwables, contexts, closes, no leaks",
                    false),
            new FuzzTarget("zlib-inflate", ZlibInflateTarget.class, "zlibInflate",
                    "fuzzer bytes inflated by the system's zlib (examples/) vs java.util.zip.Inflater: same bytes or both refuse",
                    false),
            new FuzzTarget("sqlite-exec", SqlExecTarget.class, "sqliteExec",
                    "SQL from fuzzer bytes through sqlite3_exec with guarded callbacks and a user function: no crash, no leak",
                    false),
            new FuzzTarget("planted-bug", PlantedBugTarget.class, "plantedBug",
                    "a legacy C function with a planted off-by-one (demo library only): ASan must find it", true));

    private FuzzTargets() {}

    public static List<FuzzTarget> all() {
        return ALL;
    }

    /** The targets CI fuzzes and expects no finding from: all but the planted bug. */
    public static List<FuzzTarget> real() {
        return ALL.stream().filter(t -> !t.planted()).toList();
    }

    public static Optional<FuzzTarget> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
