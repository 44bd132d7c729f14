package dev.customs.harness.scenarios;

import dev.customs.api.Customs;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import dev.customs.pinning.specimen.GcPressure;
import dev.customs.pinning.Handoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Issue item 10: critical calls and copies stay correct while other threads allocate heavily. */
public final class UnderGcPressure extends Scenario {
    static final Duration DURATION = Duration.ofSeconds(1);
    static final long SEED = 42;

    public UnderGcPressure() {
        super("gc-pressure", "zero-copy calls and copies while other threads allocate: every result right, GC running");
    }

    @Override
    public void run(Report r) {
        r.say("2 threads call customs_crc32 and customs_transform on random arrays (0 B to 1 MiB) through HEAP and");
        r.say("NATIVE_COPY, while 2 threads allocate up to 256 KiB at a time and one of them asks for a full GC every");
        r.say(GcPressure.FULL_GC_EVERY_MILLIS + " ms, for " + DURATION.toMillis() + " ms per backend (seed " + SEED
                + ").");
        r.columns();
        List<String> details = new ArrayList<>();
        r.row("every result checked against Java", "all right, GC ran", c -> {
            GcPressure.Outcome o = GcPressure.run(List.of(ArrayHandoffs.calls(c, Handoff.HEAP),
                    ArrayHandoffs.calls(c, Handoff.NATIVE_COPY)), 2, 2, DURATION, SEED);
            details.add(describe(c, o));
            return o.wrong() > 0 ? o.firstWrong() : o.calls() == 0 ? "no calls made"
                    : o.collections() == 0 ? "all right, but no GC ran" : "all right, GC ran";
        });
        details.forEach(r::say);
        r.lesson("a heap array passed to a critical call is held in place by the GC for the call (G1 pins its region),"
                + " and a copy is immune by construction; a wrong checksum here would mean memory moved under C.");
    }

    private static String describe(Customs c, GcPressure.Outcome o) {
        return "  " + c.backend() + ": " + o.calls() + " calls, " + o.wrong() + " wrong, " + o.collections()
                + " collections in " + o.took().toMillis() + " ms";
    }
}
