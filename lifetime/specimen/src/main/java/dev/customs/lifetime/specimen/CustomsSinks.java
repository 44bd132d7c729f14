package dev.customs.lifetime.specimen;

import dev.customs.lifetime.RetainedMemory;
import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;

/**
 * libcustoms' retaining API ({@code customs_sink_attach} / {@code _write} / {@code _detach}) over the raw FFM layer,
 * and {@link #retain} to hold it through a {@link RetainedMemory}. Statuses other than {@code CUSTOMS_OK} from attach
 * and detach become {@code IllegalStateException}s.
 */
public final class CustomsSinks {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private CustomsSinks() {}

    /**
     * {@code byteSize} bytes of memory attached to a new sink, owned so that close() detaches first and frees second.
     *
     * @param onDetach receives the number of bytes the sink wrote, when it is detached
     */
    public static RetainedMemory<MemorySegment> retain(long byteSize, LongConsumer onDetach) {
        return RetainedMemory.attach(byteSize, CustomsSinks::attach, sink -> onDetach.accept(detach(sink)));
    }

    /** {@code customs_sink_attach} over all of {@code buffer}; the sink. The library retains the buffer from now on. */
    public static MemorySegment attach(MemorySegment buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sinkOut = arena.allocate(C_POINTER);
            check("customs_sink_attach", customs_h.customs_sink_attach(buffer, buffer.byteSize(), sinkOut));
            return sinkOut.get(C_POINTER, 0);
        }
    }

    /** {@code customs_sink_write}: appends {@code data}, all or nothing; the library's status. */
    public static int write(MemorySegment sink, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, copy, JAVA_BYTE, 0, data.length);
            return customs_h.customs_sink_write(sink, copy, data.length);
        }
    }

    /** {@code customs_sink_detach}: frees the sink; the number of bytes it wrote. The buffer is no longer retained. */
    public static long detach(MemorySegment sink) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment written = arena.allocate(JAVA_LONG);
            check("customs_sink_detach", customs_h.customs_sink_detach(sink, written));
            return written.get(JAVA_LONG, 0);
        }
    }

    private static void check(String function, int status) {
        if (status != customs_h.CUSTOMS_OK()) {
            throw new IllegalStateException(function + " returned status " + status);
        }
    }
}
