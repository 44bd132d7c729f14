package dev.customs.checked;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What an application or a test may ask of checked mode at run time. Everything here works without the agent too (it
 * then reports nothing).
 */
public final class CheckedMode {
    private CheckedMode() {
    }

    /** True when the agent is running in this JVM. */
    public static boolean active() {
        return CheckedAgent.active();
    }

    /**
     * What C receives from an upcall stub of descriptor {@code fd} made from now on when its target throws, instead of
     * the return type's zero. {@code value} must fit the return type ({@code Integer} or any {@code Number} for
     * {@code JAVA_INT}, a {@code MemorySegment} for an address).
     */
    public static void onThrowReturn(FunctionDescriptor fd, Object value) {
        Upcalls.onThrow(fd, value);
    }

    /** What C receives from this stub (one made in checked mode) when its target throws. */
    public static void onThrowReturn(MemorySegment stub, Object value) {
        Upcalls.onThrow(stub, value);
    }

    /** How many hazards were reported so far in this JVM. */
    public static long hazardCount() {
        return Hazards.total();
    }

    /** How many hazards of this kind were reported so far. */
    public static long hazardCount(Hazard hazard) {
        return Hazards.count(hazard);
    }

    /** A position in the sequence of reported hazards, for {@link #hazardsSince}. */
    public static long mark() {
        return Hazards.mark();
    }

    /** Each hazard reported after {@code mark}, with its stack (the latest 512 are kept). */
    public static List<String> hazardsSince(long mark) {
        return Hazards.since(mark).stream().map(Hazards.Event::describe).toList();
    }

    /** Runs a GC and reports arenas it finds unreachable and unclosed; waits at most {@code millis}. */
    public static void collectLeakedArenas(long millis) {
        Arenas.collect(millis);
    }

    /** How many arenas were opened through rewritten call sites so far. */
    public static long arenasOpened() {
        return Arenas.opened();
    }

    /** The report as printed at exit. */
    public static String report() {
        return Report.text();
    }
}
