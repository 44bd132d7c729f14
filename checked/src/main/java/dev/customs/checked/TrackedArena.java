package dev.customs.checked;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The arena the application gets from {@code Arena.ofConfined/ofShared/ofAuto} in checked mode: the JDK's arena,
 * counted. Its allocations and scope are the JDK arena's own; {@link Arenas} learns when it is closed and notices when
 * it becomes unreachable without having been closed.
 */
final class TrackedArena implements Arena {
    private final Arena delegate;
    private final Arenas.Record record;

    TrackedArena(Arena delegate, Arenas.Kind kind) {
        this.delegate = delegate;
        this.record = Arenas.opened(this, kind);
    }

    boolean automatic() {
        return record.kind == Arenas.Kind.AUTO;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        MemorySegment segment = delegate.allocate(byteSize, byteAlignment);
        record.allocated(byteSize);
        return segment;
    }

    @Override
    public MemorySegment.Scope scope() {
        return delegate.scope();
    }

    @Override
    public void close() {
        delegate.close();
        record.closed();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
