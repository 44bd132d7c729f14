package dev.customs.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
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

/**
 * Regression mode: in every {@code ./customs test}, Jazzer's JUnit integration replays each target's checked-in seeds
 * ({@code SeedCorpusTestInputs/METHOD/}, one folder per method) and the empty input against the plain build. A seed
 * that breaks a target's contract fails the build. {@code FuzzTargetsTest} checks every target has a method here.
 */
class SeedCorpusTest {
    @FuzzTest
    void parser(byte[] input) {
        ParserTarget.fuzzerTestOneInput(input);
    }

    @FuzzTest
    void differential(byte[] input) {
        DifferentialTarget.fuzzerTestOneInput(input);
    }

    @FuzzTest
    void safeApi(FuzzedDataProvider data) {
        SafeApiTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void lifetime(FuzzedDataProvider data) {
        LifetimeTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void callbacks(FuzzedDataProvider data) {
        CallbackTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void handoff(FuzzedDataProvider data) {
        HandoffTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void listener(FuzzedDataProvider data) {
        ListenerTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void zlibInflate(FuzzedDataProvider data) {
        ZlibInflateTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void sqliteExec(FuzzedDataProvider data) {
        SqlExecTarget.fuzzerTestOneInput(data);
    }

    @FuzzTest
    void plantedBug(byte[] input) {
        PlantedBugTarget.fuzzerTestOneInput(input);
    }
}
