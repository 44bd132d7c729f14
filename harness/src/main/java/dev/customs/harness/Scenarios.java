package dev.customs.harness;

import dev.customs.harness.scenarios.AsyncCompletion;
import dev.customs.harness.scenarios.BadInput;
import dev.customs.harness.scenarios.ExceptionsToStatus;
import dev.customs.harness.scenarios.LayoutSelfCheck;
import dev.customs.harness.scenarios.LoaderDiagnostics;
import dev.customs.harness.scenarios.SideBySideCalls;
import dev.customs.harness.scenarios.ThreadAttachment;
import dev.customs.harness.scenarios.UnguardedCallbacks;
import dev.customs.harness.scenarios.UpcallLifetime;
import java.util.List;

/** Every scenario, in the order {@code ./customs demo} runs them. New scenarios are added here. */
public final class Scenarios {
    private Scenarios() {}

    public static List<Scenario> all() {
        return List.of(new SideBySideCalls(), new BadInput(), new LoaderDiagnostics(), new LayoutSelfCheck(),
                new ThreadAttachment(), new ExceptionsToStatus(), new AsyncCompletion(), new UnguardedCallbacks(),
                new UpcallLifetime());
    }
}
