package dev.customs.checkedprograms;

import java.lang.foreign.Arena;

/** A confined arena nobody closes: silence without the agent, a report with the opening stack with it. */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class LeakedArena {
    static void openAndForget() {
        Arena arena = Arena.ofConfined();
        arena.allocate(100);
    }

    public static void main(String[] args) {
        openAndForget();
        try (Arena closed = Arena.ofShared()) {
            closed.allocate(10);
        }
        System.out.println("completed");
    }
}
