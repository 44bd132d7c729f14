package dev.customs.lifetime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Opens confined and shared arenas that report it when they become unreachable without {@link Arena#close()}: the
 * arena's memory can then never be freed, because nobody can close it any more. The report names the arena's kind,
 * the thread that opened it and the stack it was opened from, so the leak can be fixed where it starts.
 *
 * <p>FFM frees a confined or shared arena's memory only in {@code close()}; forgetting it is silent. JNA's
 * {@code Memory} is the opposite: its Cleaner frees it once unreachable, so a missing {@code close()} costs only
 * timing, and is silent too.
 *
 * <p>How it works: each arena is a thin wrapper whose {@link Cleaner} action runs when the wrapper becomes
 * unreachable. {@code close()} marks the arena closed and runs the action at once, so a closed arena is never
 * reported. The action holds only the opening site, never the wrapper or the underlying arena, and it does not close
 * the arena: a confined arena can only be closed by its owner thread, and segments of a shared one may still be in
 * use. Segments keep the underlying arena alive, not the wrapper: dropping the wrapper while keeping a segment is
 * reported too, since that memory can no longer be freed either.
 *
 * <p>Cost: capturing the opening stack (a few microseconds per arena). Meant for tests and debugging, and for code
 * whose arenas are long-lived. Timing: reports come from the Cleaner's thread, after a GC has found the wrapper
 * unreachable, which may be much later or, if the program ends first, never.
 */
public final class ArenaLeakDetector {
    /** One arena that became unreachable without {@code close()}. */
    public record Leak(String kind, String thread, List<StackTraceElement> openedFrom) {
        public Leak {
            openedFrom = List.copyOf(openedFrom);
        }

        /** The frame that opened the arena: the first one outside this class. */
        public StackTraceElement openedAt() {
            return openedFrom.isEmpty() ? null : openedFrom.getFirst();
        }

        /** One sentence, then the opening stack. */
        public String describe() {
            StringBuilder s = new StringBuilder("a " + kind + " Arena opened at " + openedAt() + " on thread '" + thread
                    + "' became unreachable without close(): its memory is never freed");
            for (StackTraceElement frame : openedFrom) {
                s.append("\n\tat ").append(frame);
            }
            return s.toString();
        }

        @Override
        public String toString() {
            return "Leak[" + kind + " arena opened at " + openedAt() + "]";
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();

    private final Consumer<? super Leak> reporter;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong leaked = new AtomicLong();

    /** @param reporter receives every leak, on the Cleaner's thread; it should be quick and must not throw */
    public ArenaLeakDetector(Consumer<? super Leak> reporter) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** A detector that prints each leak, with its opening stack, to standard error. */
    public static ArenaLeakDetector reportingToStandardError() {
        return new ArenaLeakDetector(leak -> System.err.println("customs: " + leak.describe()));
    }

    /** {@link Arena#ofConfined()}, reported if it becomes unreachable unclosed. */
    public Arena ofConfined() {
        return track("confined", Arena.ofConfined());
    }

    /** {@link Arena#ofShared()}, reported if it becomes unreachable unclosed. */
    public Arena ofShared() {
        return track("shared", Arena.ofShared());
    }

    /** Arenas opened here and neither closed nor reported yet. */
    public long openArenas() {
        return open.get();
    }

    /** Arenas reported so far. */
    public long leakedArenas() {
        return leaked.get();
    }

    private Arena track(String kind, Arena arena) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        int first = 0;
        while (first < stack.length && isOurs(stack[first].getClassName())) {
            first++;
        }
        Leak site = new Leak(kind, Thread.currentThread().getName(),
                Arrays.asList(stack).subList(first, stack.length));
        open.incrementAndGet();
        return new TrackedArena(arena, new Unclosed(site, this));
    }

    private static boolean isOurs(String className) {
        String self = ArenaLeakDetector.class.getName();
        return className.equals(self) || className.startsWith(self + "$");
    }

    private void report(Leak leak) {
        open.decrementAndGet();
        leaked.incrementAndGet();
        reporter.accept(leak);
    }

    /** The Cleaner action: reports unless the arena was closed. Holds neither the wrapper nor the arena. */
    private static final class Unclosed implements Runnable {
        private final Leak site;
        private final ArenaLeakDetector detector;
        private volatile boolean closed;

        Unclosed(Leak site, ArenaLeakDetector detector) {
            this.site = site;
            this.detector = detector;
        }

        @Override
        public void run() {
            if (closed) {
                detector.open.decrementAndGet();
            } else {
                detector.report(site);
            }
        }
    }

    /** An arena that delegates everything and tells the Cleaner when it was closed. */
    private static final class TrackedArena implements Arena {
        private final Arena arena;
        private final Unclosed action;
        private final Cleaner.Cleanable cleanable;

        TrackedArena(Arena arena, Unclosed action) {
            this.arena = arena;
            this.action = action;
            this.cleanable = CLEANER.register(this, action);
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            return arena.allocate(byteSize, byteAlignment);
        }

        @Override
        public MemorySegment.Scope scope() {
            return arena.scope();
        }

        @Override
        public void close() {
            arena.close(); // throws (wrong thread, in use, already closed) before anything is marked
            action.closed = true;
            cleanable.clean();
        }

        @Override
        public String toString() {
            return "leak-checked " + action.site.kind() + " Arena opened at " + action.site.openedAt();
        }
    }
}
