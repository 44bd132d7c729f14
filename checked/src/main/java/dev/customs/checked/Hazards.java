package dev.customs.checked;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every hazard reported: a count per kind, the first stacks of each kind (for the report at exit), and the latest
 * events in order (for the JUnit extension, which asks what happened since a test began). Recording never throws:
 * it runs where a throw would end the JVM.
 */
final class Hazards {
    /** One reported hazard: its number in order, kind, one-line summary and stack. */
    record Event(long sequence, Hazard hazard, String summary, String stack) {
        String describe() {
            return "[" + hazard.key() + "] " + summary + System.lineSeparator() + stack;
        }
    }

    private static final int RECENT = 512;
    private static final AtomicLongArray COUNTS = new AtomicLongArray(Hazard.values().length);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicLong UNRECORDED = new AtomicLong();
    private static final Map<Hazard, List<Event>> FIRST = new EnumMap<>(Hazard.class);
    private static final ArrayDeque<Event> RECENT_EVENTS = new ArrayDeque<>();
    private static volatile int firstStacks = 3;

    private Hazards() {
    }

    static void firstStacks(int n) {
        firstStacks = n;
    }

    static int firstStacks() {
        return firstStacks;
    }

    /** Counts a hazard and keeps its stack; true if it was recorded in full. Never throws. */
    static boolean record(Hazard hazard, String summary, Throwable stack) {
        COUNTS.incrementAndGet(hazard.ordinal());
        try {
            Event e = new Event(SEQUENCE.incrementAndGet(), hazard, summary, stack == null ? "" : Stacks.text(stack));
            synchronized (FIRST) {
                List<Event> first = FIRST.computeIfAbsent(hazard, h -> new ArrayList<>());
                if (first.size() < firstStacks) {
                    first.add(e);
                }
                RECENT_EVENTS.addLast(e);
                if (RECENT_EVENTS.size() > RECENT) {
                    RECENT_EVENTS.removeFirst();
                }
            }
            return true;
        } catch (Throwable cannotRecord) {
            UNRECORDED.incrementAndGet();
            return false;
        }
    }

    /** Records a hazard and prints it on standard error at once (when no Java caller can be handed it). */
    static void recordAndPrint(Hazard hazard, String summary, Throwable stack) {
        record(hazard, summary, stack);
        try {
            System.err.println("customs-checked: [" + hazard.key() + "] " + summary);
            if (stack != null) {
                stack.printStackTrace();
            }
        } catch (Throwable cannotPrint) {
            UNRECORDED.incrementAndGet();
        }
    }

    static long count(Hazard hazard) {
        return COUNTS.get(hazard.ordinal());
    }

    static long total() {
        long sum = 0;
        for (Hazard h : Hazard.values()) {
            sum += count(h);
        }
        return sum;
    }

    static long unrecorded() {
        return UNRECORDED.get();
    }

    /** The number of the latest event: {@link #since} with it later gives what happened in between. */
    static long mark() {
        return SEQUENCE.get();
    }

    static List<Event> since(long mark) {
        synchronized (FIRST) {
            return RECENT_EVENTS.stream().filter(e -> e.sequence() > mark).toList();
        }
    }

    static List<Event> first(Hazard hazard) {
        synchronized (FIRST) {
            return List.copyOf(FIRST.getOrDefault(hazard, List.of()));
        }
    }
}
