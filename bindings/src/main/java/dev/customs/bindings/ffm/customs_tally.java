package dev.customs.bindings.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.util.function.Consumer;

/**
 * Binds {@code customs_tally}: what {@code customs_stress_threads} counted in C. Explicit padding: 4 bytes at the end,
 * after {@code threads}, so that an array of tallies keeps every {@code calls} 8-aligned (size 32, alignment 8).
 * {@snippet lang=c :
 * struct customs_tally {
 *     int64_t calls;
 *     int64_t failures;
 *     int64_t failure_sum;
 *     int32_t threads;
 * }
 * }
 *
 * <p>Kept by hand in the shape jextract generates; see bindings/README.md.
 */
public class customs_tally {

    customs_tally() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        customs_h.C_LONG.withName("calls"),
        customs_h.C_LONG.withName("failures"),
        customs_h.C_LONG.withName("failure_sum"),
        customs_h.C_INT.withName("threads"),
        MemoryLayout.paddingLayout(4)
    ).withName("customs_tally");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfLong calls$LAYOUT = (OfLong)$LAYOUT.select(groupElement("calls"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int64_t calls
     * }
     */
    public static final OfLong calls$layout() {
        return calls$LAYOUT;
    }

    private static final long calls$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int64_t calls
     * }
     */
    public static final long calls$offset() {
        return calls$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int64_t calls
     * }
     */
    public static long calls(MemorySegment struct) {
        return struct.get(calls$LAYOUT, calls$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int64_t calls
     * }
     */
    public static void calls(MemorySegment struct, long fieldValue) {
        struct.set(calls$LAYOUT, calls$OFFSET, fieldValue);
    }

    private static final OfLong failures$LAYOUT = (OfLong)$LAYOUT.select(groupElement("failures"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int64_t failures
     * }
     */
    public static final OfLong failures$layout() {
        return failures$LAYOUT;
    }

    private static final long failures$OFFSET = 8;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int64_t failures
     * }
     */
    public static final long failures$offset() {
        return failures$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int64_t failures
     * }
     */
    public static long failures(MemorySegment struct) {
        return struct.get(failures$LAYOUT, failures$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int64_t failures
     * }
     */
    public static void failures(MemorySegment struct, long fieldValue) {
        struct.set(failures$LAYOUT, failures$OFFSET, fieldValue);
    }

    private static final OfLong failure_sum$LAYOUT = (OfLong)$LAYOUT.select(groupElement("failure_sum"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int64_t failure_sum
     * }
     */
    public static final OfLong failure_sum$layout() {
        return failure_sum$LAYOUT;
    }

    private static final long failure_sum$OFFSET = 16;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int64_t failure_sum
     * }
     */
    public static final long failure_sum$offset() {
        return failure_sum$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int64_t failure_sum
     * }
     */
    public static long failure_sum(MemorySegment struct) {
        return struct.get(failure_sum$LAYOUT, failure_sum$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int64_t failure_sum
     * }
     */
    public static void failure_sum(MemorySegment struct, long fieldValue) {
        struct.set(failure_sum$LAYOUT, failure_sum$OFFSET, fieldValue);
    }

    private static final OfInt threads$LAYOUT = (OfInt)$LAYOUT.select(groupElement("threads"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int32_t threads
     * }
     */
    public static final OfInt threads$layout() {
        return threads$LAYOUT;
    }

    private static final long threads$OFFSET = 24;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int32_t threads
     * }
     */
    public static final long threads$offset() {
        return threads$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int32_t threads
     * }
     */
    public static int threads(MemorySegment struct) {
        return struct.get(threads$LAYOUT, threads$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int32_t threads
     * }
     */
    public static void threads(MemorySegment struct, int fieldValue) {
        struct.set(threads$LAYOUT, threads$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() { return layout().byteSize(); }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
