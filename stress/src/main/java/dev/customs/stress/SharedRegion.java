package dev.customs.stress;

import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.NativeBuffer;
import dev.customs.bindings.ffm.customs_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory that many threads use while another closes it, for {@link ConcurrentClose}. On FFM it is a segment of
 * its own {@code Arena.ofShared()}, used through the raw binding: FFM's own guarantee is what is tested. On JNA it is a
 * {@link NativeBuffer}: a JNA {@code Memory} has no closed state (using it after {@code close()} is a use after free),
 * so Customs' checked lifetime is what gives it one.
 */
interface SharedRegion {
    /** {@code customs_crc32} over the whole region: a downcall that holds the memory for its duration. */
    int crc32();

    /** A plain read of the 8 bytes at {@code offset}, in native byte order. */
    long readLong(long offset);

    /** Closes the region; throws {@code IllegalStateException} with {@link #inUseMessage()} if a call is using it. */
    void close();

    /** The message fragment of the {@code IllegalStateException} that a close refused while in use throws. */
    String inUseMessage();

    /** The message fragment of the {@code IllegalStateException} that a use after close must throw. */
    String closedMessage();

    /**
     * Closes the region, unless a call is using it right now.
     *
     * @return false when the close was refused because the memory is in use; it is then still open
     */
    default boolean tryClose() {
        try {
            close();
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains(inUseMessage())) {
                return false;
            }
            throw e;
        }
    }

    /** The region for {@code customs}' backend, holding a copy of {@code content}. */
    static SharedRegion open(Customs customs, byte[] content) {
        return customs instanceof FfmCustoms ? new SharedArena(content) : new CheckedBuffer(customs, content);
    }

    /** A segment of a shared arena, used through {@code customs_h}. */
    final class SharedArena implements SharedRegion {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment segment;

        SharedArena(byte[] content) {
            segment = arena.allocate(content.length, 8);
            MemorySegment.copy(content, 0, segment, ValueLayout.JAVA_BYTE, 0, content.length);
        }

        @Override
        public int crc32() {
            return customs_h.customs_crc32(0, segment, segment.byteSize());
        }

        @Override
        public long readLong(long offset) {
            return segment.get(ValueLayout.JAVA_LONG, offset);
        }

        @Override
        public void close() {
            arena.close();
        }

        @Override
        public String inUseMessage() {
            return "is acquired by"; // "Session is acquired by N clients": a downcall holds it
        }

        @Override
        public String closedMessage() {
            return "Already closed";
        }
    }

    /** A Customs {@link NativeBuffer}, used through the {@link Customs} API. */
    final class CheckedBuffer implements SharedRegion {
        private final Customs customs;
        private final NativeBuffer buffer;

        CheckedBuffer(Customs customs, byte[] content) {
            this.customs = customs;
            this.buffer = customs.allocate(content.length);
            buffer.write(0, content, 0, content.length);
        }

        @Override
        public int crc32() {
            return customs.crc32(0, buffer, 0, buffer.size());
        }

        @Override
        public long readLong(long offset) {
            byte[] bytes = new byte[Long.BYTES];
            buffer.read(offset, bytes, 0, bytes.length);
            return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getLong();
        }

        @Override
        public void close() {
            buffer.close();
        }

        @Override
        public String inUseMessage() {
            return "native user(s)"; // "is in use by N native user(s)": a call holds it
        }

        @Override
        public String closedMessage() {
            return "is already closed";
        }
    }
}
