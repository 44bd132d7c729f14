package dev.customs.checkedprograms;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link ExtensionSpecimens} (or the class named) through the JUnit platform and prints each test's outcome. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class ExtensionRunner {
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> specimens = args.length == 0 ? ExtensionSpecimens.class : Class.forName(args[0]);
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(specimens)).execute()
                .testEvents().finished().stream().forEach(ExtensionRunner::print);
        System.out.println("completed");
    }

    private static void print(Event e) {
        var result = e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class);
        System.out.println("test " + e.getTestDescriptor().getDisplayName() + " " + result.getStatus()
                + result.getThrowable().map(t -> " " + t.getMessage().replace('\n', '|')).orElse(""));
    }
}
