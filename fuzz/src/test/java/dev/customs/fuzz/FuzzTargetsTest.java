package dev.customs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry holds together: each target runnable by Jazzer, replayed by SeedCorpusTest, with seeds; --list. */
class FuzzTargetsTest {
    static final FuzzWorkspace WORKSPACE = new FuzzWorkspace(Path.of(System.getProperty("customs.root")));

    @Test
    void everyTargetHasAReplayMethodAndCheckedInSeeds() throws IOException {
        for (FuzzTarget target : FuzzTargets.all()) {
            Method replay = Stream.of(SeedCorpusTest.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(target.seeds())).findFirst().orElse(null);
            assertNotNull(replay, target.name() + ": SeedCorpusTest has no method " + target.seeds());
            assertTrue(replay.isAnnotationPresent(FuzzTest.class), target.name() + ": " + replay + " is not a @FuzzTest");
            Path seeds = WORKSPACE.seeds(target);
            try (Stream<Path> files = Files.list(seeds)) {
                assertTrue(files.count() >= 3, target.name() + ": fewer than 3 seeds in " + seeds);
            }
        }
    }

    @Test
    void everyTargetHasTheLibFuzzerEntryPoint() {
        for (FuzzTarget target : FuzzTargets.all()) {
            Method entry = Stream.of(target.targetClass().getMethods())
                    .filter(m -> m.getName().equals("fuzzerTestOneInput")).findFirst().orElse(null);
            assertNotNull(entry, target.targetClass() + " has no public fuzzerTestOneInput");
            assertTrue(Modifier.isStatic(entry.getModifiers()), entry + " is not static");
            Class<?> parameter = entry.getParameterTypes()[0];
            assertTrue(parameter == byte[].class || parameter == FuzzedDataProvider.class, entry + " takes " + parameter);
        }
    }

    @Test
    void listPrintsEveryTargetOnItsOwnLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, FuzzMain.run(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()), "",
                "--list"));
        List<String> lines = out.toString().lines().toList();
        List<FuzzTarget> all = FuzzTargets.all();
        assertEquals(all.size(), lines.size(), out.toString());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(lines.get(i).startsWith(all.get(i).name() + " "), lines.get(i));
        }
        assertEquals(all.stream().map(FuzzTarget::name).distinct().count(), all.size(), "target names repeat");
    }

    @Test
    void machineListingGivesWhatTheClusterFuzzLiteBuildNeeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, FuzzMain.run(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()), "",
                "--list", "--machine"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(FuzzTargets.all().size(), lines.size(), out.toString());
        for (int i = 0; i < lines.size(); i++) {
            FuzzTarget t = FuzzTargets.all().get(i);
            assertEquals(List.of(t.name(), t.targetClass().getName(), FuzzWorkspace.SEEDS + "/" + t.seeds(),
                    JazzerRun.INSTRUMENT, t.planted() ? "planted" : "real"), List.of(lines.get(i).split("\t")));
            assertTrue(Files.isDirectory(WORKSPACE.root().resolve(lines.get(i).split("\t")[2])), lines.get(i));
        }
    }

    @Test
    void ciFuzzesEveryTargetButThePlantedBug() {
        assertEquals(List.of("parser", "differential", "safe-api", "lifetime", "callbacks", "handoff",
                "listener", "zlib-inflate", "sqlite-exec"),
                FuzzTargets.real().stream().map(FuzzTarget::name).toList());
        assertTrue(FuzzTargets.named("planted-bug").orElseThrow().planted());
    }
}
