package dev.customs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headline ratio: two results of the same run divided, against a target where the issue sets one. The verdict
 * decides only what the measurement can decide: "met" when the ratio plus its error is within the target, "missed"
 * when the ratio minus its error is over it, and "undecided" whenever the error straddles the target (or is unknown).
 *
 * @param relativeError the ratio's relative 99.9% half-width (the two inputs' relative errors added in quadrature), NaN
 *                      when an input has none (a single iteration)
 * @param why           what explains the figure when the target is not met (or a note when there is no target)
 */
public record Ratio(String name, String numerator, String denominator, double value, double relativeError,
                    Double target, String why) {

    /** Scalars: the API's checks and one virtual call on top of the raw handle. */
    static final double SCALAR_TARGET = 1.10;
    /** Arrays up to 256 B, callbacks and structs. */
    static final double PATH_TARGET = 1.20;

    /** The Customs methods of each target, by their ApiBench group. */
    static final List<String> SCALARS = List.of("add", "noop", "liveAllocations", "statusName", "statusMessage",
            "libraryVersion");
    static final List<String> ARRAYS = List.of("crc32Array", "crc32Buffer", "transformArray", "transformBuffer",
            "sum");
    static final List<String> CALLBACKS = List.of("forEach", "runThreads", "startAsync");
    static final List<String> STRUCTS = List.of("makeSample", "score", "scale");
    /** Priced without a target (strings, errno, self-description, the retained pointer, native memory). */
    static final List<String> UNTARGETED = List.of("greetInto", "greet", "toUpper", "fileSize", "describeStruct",
            "attachSink", "allocate");

    /** The ApiBench groups a target judges: the ones that need decided verdicts. */
    static List<String> targetedApiMethods() {
        List<String> all = new ArrayList<>(SCALARS);
        all.addAll(ARRAYS);
        all.add("parseRecord");
        all.addAll(CALLBACKS);
        all.addAll(STRUCTS);
        return all;
    }

    /** "met", "missed", "undecided", or "" without a target. */
    public String verdict() {
        if (target == null) {
            return "";
        }
        if (Double.isNaN(relativeError)) {
            return "undecided";
        }
        double margin = value * relativeError;
        if (value + margin <= target) {
            return "met";
        }
        return value - margin > target ? "missed" : "undecided";
    }

    /** Every headline ratio that the results allow; a ratio whose inputs are missing is left out. */
    static List<Ratio> headline(Map<String, Measurement> r, Map<String, Double> floor) {
        List<Ratio> out = new ArrayList<>();
        api(out, r);
        add(out, r, "one upcall stub, created and freed / a whole forEach through the API", "stub/create",
                "forEach/api", null, "what every forEach, runThreads and startAsync paid before the stubs became"
                        + " long-lived; above 1 means the stub alone cost more than the whole call costs now.");
        add(out, r, "guarded / raw FFM upcall, Java thread", "upcallJava/ffmGuarded", "upcallJava/ffm", SCALAR_TARGET,
                "the guard is a try/catch around the target inside the upcall; a miss means the JIT did not inline"
                        + " the guarded lambda into the stub's adapter. Cheapest fix: bind the guard as a method handle"
                        + " (MethodHandles.catchException) so the stub links it directly.");
        add(out, r, "guarded / raw FFM upcall, native thread", "upcallNative/ffmGuarded", "upcallNative/ffm",
                SCALAR_TARGET, "as above; on a native thread the attach cost is paid once, so the per-call figure is"
                        + " the same guard.");
        for (String size : List.of("16", "64", "256")) {
            add(out, r, "heap-access helper / raw critical call, " + size + " B", "array/helperHeap[size=" + size + "]",
                    "array/rawCritical[size=" + size + "]", 1.05,
                    "the helper checks the array range and the function's rules, and calls through a lambda, before"
                            + " the critical call; a miss on small arrays is that fixed cost.");
        }
        for (String size : List.of("65536", "1048576")) {
            String label = size.equals("65536") ? "64 KiB" : "1 MiB";
            String zeroCopy = "array/rawCritical[size=" + size + "]";
            add(out, r, "native copy (helperCopy) / zero-copy, sum over " + label, "array/helperCopy[size=" + size
                    + "]", zeroCopy, null, "what a copy costs where the function is as fast as memory.");
            add(out, r, "JNA array argument / zero-copy, sum over " + label, "array/jnaArray[size=" + size + "]",
                    zeroCopy, null, "JNA copies the array in and back around every call.");
            Measurement raw = r.get(zeroCopy);
            Double native_ = floor.get("customs_sum_i32[size=" + size + "]");
            if (raw != null && native_ != null) {
                out.add(new Ratio("zero-copy FFM / native floor, sum over " + label, zeroCopy,
                        "customs_floor customs_sum_i32 " + label, raw.score() / native_, raw.relativeError(), null,
                        "the same sum called from C: near 1 means the Java side adds nothing at this size."));
            }
        }
        add(out, r, "checked mode / raw FFM, scalar downcall (add)", "checkedAdd/checked", "checkedAdd/raw", 1.25,
                "the checked downcall is a try/finally combinator around the raw handle: one ThreadLocal read, a"
                        + " depth counter, a pending-throwable test. A miss means the combinators were not inlined"
                        + " (a handle that is not a constant). Cheapest fix: keep the pending slot and depth in one"
                        + " object per thread reached without ThreadLocal (a carrier-thread field is not public API).");
        add(out, r, "checked mode / raw FFM upcall, Java thread", "checkedUpcall/checked", "checkedUpcall/raw", 1.25,
                "the checked upcall sets aside and restores the thread's pending throwables and tests the stub's"
                        + " closed flag; its ThreadLocal read is the cost. Cheapest fix: skip the set-aside when"
                        + " nothing is pending.");
        for (String size : List.of("16", "4096", "1048576")) {
            add(out, r, "zlib crc32 toolkit / raw critical call, " + size + " B", "zlibCrc32/toolkit[size=" + size
                    + "]", "zlibCrc32/rawCritical[size=" + size + "]", 1.10,
                    "the toolkit checks the region and the function's rules before the same critical call (examples/).");
            add(out, r, "zlib crc32 toolkit / java.util.zip.CRC32, " + size + " B", "zlibCrc32/toolkit[size=" + size
                    + "]", "zlibCrc32/javaCrc32[size=" + size + "]", null,
                    "CRC32 is a JIT intrinsic (carry-less multiply) with no native call; above 1 means the JDK wins.");
            add(out, r, "zlib crc32 toolkit / JNA, " + size + " B", "zlibCrc32/toolkit[size=" + size + "]",
                    "zlibCrc32/jna[size=" + size + "]", null, "below 1 means the toolkit's zero-copy call is faster.");
        }
        add(out, r, "guarded / raw SQLite user function, FFM (100,000 upcalls)", "sqliteFunction/ffmGuarded",
                "sqliteFunction/ffmRaw", 1.10, "the guard is a try/catch in the upcall; SQLite's own work dominates.");
        add(out, r, "guarded / raw SQLite user function, JNA (100,000 upcalls)", "sqliteFunction/jnaGuarded",
                "sqliteFunction/jnaRaw", 1.10, "as for FFM.");
        add(out, r, "FFM / JNA, guarded SQLite user function (100,000 upcalls)", "sqliteFunction/ffmGuarded",
                "sqliteFunction/jnaGuarded", null, "below 1 means FFM's upcalls are faster.");
        Measurement critical = r.get("noop/ffmCritical");
        Double floorNoop = floor.get("customs_noop");
        if (critical != null && floorNoop != null) {
            double v = critical.score() / floorNoop;
            out.add(new Ratio("FFM critical(false) noop / native floor", "noop/ffmCritical",
                    "customs_floor customs_noop", v, critical.relativeError(), 3.0,
                    "a critical downcall still converts arguments and changes the thread's state marker twice;"
                            + " the floor is one indirect call through the PLT. Cheapest fix: none in Java;"
                            + " batch work per call."));
        }
        for (String group : List.of("noop", "add", "stringIn", "stringOut", "structByValue", "structByPointer",
                "upcallJava", "upcallNative")) {
            add(out, r, "FFM / JNA direct, " + group, group + "/ffm", group + "/jnaDirect", null,
                    "below 1 means FFM is faster.");
        }
        return out;
    }

    /** One ratio per method of the Customs API that calls C (ApiBench: METHOD_api / METHOD_raw). */
    private static void api(List<Ratio> out, Map<String, Measurement> r) {
        String scalar = "the API adds its argument checks and a virtual call to the raw critical handle; a miss means"
                + " the call site did not inline (a megamorphic Customs call site: one backend per call site helps).";
        String array = "the API checks the range, slices the heap segment and calls the same critical handle; a miss"
                + " at 16 B is that fixed cost against a call of a few nanoseconds.";
        String callback = "the API takes a callback slot (one compare-and-set), passes its number as C's user pointer,"
                + " looks the slot up in each upcall and guards it; a miss means the slot lookup or the guard did not"
                + " inline into the long-lived stub.";
        String struct = "the API writes (and makeSample reads) the struct in the calling thread's native scratch"
                + " struct (for the thread that opened the instance, a thread comparison away; for others, a"
                + " ThreadLocal lookup), fills it from a Sample and reads a Sample back, as raw does with its own kept"
                + " struct; a miss at these sizes is a few nanoseconds on a call of about twenty.";
        String none = "no target: priced so that users see it.";
        for (String m : SCALARS) {
            apiRatio(out, r, m, m, "", SCALAR_TARGET, scalar);
        }
        String buffer = "besides the range checks, the API reads the buffer's open flag (one volatile read) and slices"
                + " its segment; close() is kept out by the downcall's own acquire of the shared arena, as in raw code."
                + " A miss at 16 B is that fixed cost against a call of a few tens of nanoseconds.";
        for (String m : ARRAYS) {
            for (String size : List.of("16", "256")) {
                apiRatio(out, r, m + ", " + size + " B", m, "[size=" + size + "]", PATH_TARGET,
                        m.endsWith("Buffer") ? buffer : array);
            }
        }
        apiRatio(out, r, "parseRecord, 16 B", "parseRecord", "", PATH_TARGET, array);
        for (String m : CALLBACKS) {
            apiRatio(out, r, m, m, "", PATH_TARGET, callback);
        }
        for (String m : STRUCTS) {
            apiRatio(out, r, m, m, "", PATH_TARGET, struct);
        }
        for (String m : UNTARGETED) {
            apiRatio(out, r, m, m, "", null, none);
        }
    }

    /**
     * From {@link PairedApiBench} when the run has it (the median ratio of adjacent batches, decided by pairs rather
     * than by two means seconds apart), else ApiBench's two means divided.
     */
    private static void apiRatio(List<Ratio> out, Map<String, Measurement> r, String label, String method,
                                 String params, Double target, String why) {
        String name = "Customs API / raw FFM, " + label;
        Measurement paired = r.get(method + "/paired" + params);
        if (paired != null) {
            out.add(new Ratio(name, method + "/paired" + params, "(pairs of batches)", paired.score(),
                    paired.relativeError(), target, why));
            return;
        }
        add(out, r, name, method + "/api" + params, method + "/raw" + params, target, why);
    }

    private static void add(List<Ratio> out, Map<String, Measurement> r, String name, String num, String den,
                            Double target, String why) {
        Measurement n = r.get(num);
        Measurement d = r.get(den);
        if (n == null || d == null) {
            return;
        }
        double rel = Math.sqrt(Math.pow(n.relativeError(), 2) + Math.pow(d.relativeError(), 2));
        out.add(new Ratio(name, num, den, n.score() / d.score(), rel, target, why));
    }
}
