package dev.customs.fuzz;

/**
 * One fuzz target: its name on the command line, the class Jazzer runs ({@code fuzzerTestOneInput}), the folder of
 * its checked-in seeds, and what it asserts.
 *
 * @param seeds     the seed folder's name under {@link FuzzWorkspace#SEEDS}; it is also the name of the
 *                  {@code @FuzzTest} method in {@code SeedCorpusTest} that replays them in every test run
 * @param planted   true for the demo target with a planted bug: a finding is the expected outcome, and it is not one
 *                  of the real targets CI fuzzes for a clean result
 */
public record FuzzTarget(String name, Class<?> targetClass, String seeds, String about, boolean planted) {}
