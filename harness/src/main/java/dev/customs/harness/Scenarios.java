package dev.customs.harness;

import dev.customs.harness.scenarios.ArenaKinds;
import dev.customs.harness.scenarios.ArrayHandoffs;
import dev.customs.harness.scenarios.AsyncCompletion;
import dev.customs.harness.scenarios.BadInput;
import dev.customs.harness.scenarios.CloseDuringCall;
import dev.customs.harness.scenarios.CriticalHazards;
import dev.customs.harness.scenarios.ExceptionsToStatus;
import dev.customs.harness.scenarios.HandoffRulesEnforced;
import dev.customs.harness.scenarios.LayoutSelfCheck;
import dev.customs.harness.scenarios.LeakDetection;
import dev.customs.harness.scenarios.LoaderDiagnostics;
import dev.customs.harness.scenarios.OwnershipTransfer;
import dev.customs.harness.scenarios.RetainedPointer;
import dev.customs.harness.scenarios.SideBySideCalls;
import dev.customs.harness.scenarios.SqliteThroughTheToolkit;
import dev.customs.harness.scenarios.StressInBrief;
import dev.customs.harness.scenarios.ThreadAttachment;
import dev.customs.harness.scenarios.UnderGcPressure;
import dev.customs.harness.scenarios.UnguardedCallbacks;
import dev.customs.harness.scenarios.UpcallLifetime;
import dev.customs.harness.scenarios.UseAfterClose;
import dev.customs.harness.scenarios.WrongThread;
import dev.customs.harness.scenarios.ZlibThroughTheToolkit;
import java.util.List;

/** Every scenario, in the order {@code ./customs demo} runs them. New scenarios are added here. */
public final class Scenarios {
    private Scenarios() {}

    public static List<Scenario> all() {
        return List.of(new SideBySideCalls(), new BadInput(), new LoaderDiagnostics(), new LayoutSelfCheck(),
                // arena lifetime (lifetime/)
                new ArenaKinds(), new UseAfterClose(), new WrongThread(), new CloseDuringCall(), new RetainedPointer(),
                new OwnershipTransfer(), new LeakDetection(),
                // pinning and heap access (pinning/)
                new ArrayHandoffs(), new HandoffRulesEnforced(), new UnderGcPressure(), new CriticalHazards(),
                // callbacks (callbacks/)
                new ThreadAttachment(), new ExceptionsToStatus(), new AsyncCompletion(), new UnguardedCallbacks(),
                new UpcallLifetime(),
                // reliability under load (stress/)
                new StressInBrief(),
                // real libraries through the toolkit (examples/)
                new ZlibThroughTheToolkit(), new SqliteThroughTheToolkit());
    }
}
