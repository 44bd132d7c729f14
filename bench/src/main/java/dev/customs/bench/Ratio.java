package dev.customs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headline ratio: two results of the same run divided, against a target where the issue sets one. The verdict is
 * honest about noise: a ratio over its target by less than its own error is "within noise", not "missed".
 *
 * @param why what explains the figure when the target is missed (or a note when there is no target)
 */
public record Ratio(String name, String numerator, String denominator, double value, double relativeError,
                    Double target, String why) {

    /** "met", "missed", "within noise", or "" without a target. */
    public String verdict() {
        if (target == null) {
            return "";
        }
        if (value <= target) {
            return "met";
        }
        return value * (1 - relativeError) <= target ? "within noise" : "missed";
    }

    /** Every headline ratio that the results allow; a ratio whose inputs are missing is left out. */
    static List<Ratio> headline(Map<String, Measurement> r, Map<String, Double> floor) {
        List<Ratio> out = new ArrayList<>();
        add(out, r, "guarded / raw FFM upcall, Java thread", "upcallJava/ffmGuarded", "upcallJava/ffm", 1.10,
                "the guard is a try/catch around the target inside the upcall; a miss means the JIT did not inline"
                        + " the guarded lambda into the stub's adapter. Cheapest fix: bind the guard as a method handle"
                        + " (MethodHandles.catchException) so the stub links it directly.");
        add(out, r, "guarded / raw FFM upcall, native thread", "upcallNative/ffmGuarded", "upcallNative/ffm", 1.10,
                "as above; on a native thread the attach cost is paid once, so the per-call figure is the same guard.");
        add(out, r, "Customs API / raw FFM handle, add", "add/customsApi", "add/ffm", 1.10,
                "the API's scalar calls are a virtual call plus the jextract wrapper; a miss means the call site"
                        + " stayed megamorphic. Cheapest fix: make the backend classes final and the hot methods"
                        + " monomorphic per call site.");
        add(out, r, "Customs API / raw FFM handle, noop", "noop/customsApi", "noop/ffm", 1.10,
                "as for add.");
        for (String size : List.of("16", "64", "256")) {
            add(out, r, "heap-access helper / raw critical call, " + size + " B", "array/helperHeap[size=" + size + "]",
                    "array/rawCritical[size=" + size + "]", 1.05,
                    "the helper checks the array range and the function's rules before the critical call; a miss"
                            + " on small arrays is that check. Cheapest fix: hoist the rule check to link time.");
        }
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
