package dev.customs.harness;

import dev.customs.harness.scenarios.BadInput;
import dev.customs.harness.scenarios.LayoutSelfCheck;
import dev.customs.harness.scenarios.LoaderDiagnostics;
import dev.customs.harness.scenarios.SideBySideCalls;
import java.util.List;

/** Every scenario, in the order {@code ./customs demo} runs them. New scenarios are added here. */
public final class Scenarios {
    private Scenarios() {}

    public static List<Scenario> all() {
        return List.of(new SideBySideCalls(), new BadInput(), new LoaderDiagnostics(), new LayoutSelfCheck());
    }
}
