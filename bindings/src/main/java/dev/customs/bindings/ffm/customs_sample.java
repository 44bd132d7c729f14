package dev.customs.bindings.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfByte;
import java.lang.foreign.ValueLayout.OfDouble;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.lang.foreign.ValueLayout.OfShort;
import java.util.function.Consumer;

/**
 * Binds {@code customs_sample}: a measurement with padding and mixed alignment, passed and returned by value by
 * {@code customs_sample_make} and {@code customs_sample_score} and by pointer to {@code customs_sample_scale}.
 * Explicit padding: 7 bytes after {@code tag}, 2 after {@code count}, 3 after {@code kind} (size 40, alignment 8).
 * {@snippet lang=c :
 * struct customs_sample {
 *     uint8_t tag;
 *     double value;
 *     int16_t count;
 *     int32_t flags;
 *     uint8_t kind;
 *     int32_t weight;
 *     int64_t stamp;
 * }
 * }
 *
 * <p>Kept by hand in the shape jextract generates; see bindings/README.md.
 */
public class customs_sample {

    customs_sample() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        customs_h.C_CHAR.withName("tag"),
        MemoryLayout.paddingLayout(7),
        customs_h.C_DOUBLE.withName("value"),
        customs_h.C_SHORT.withName("count"),
        MemoryLayout.paddingLayout(2),
        customs_h.C_INT.withName("flags"),
        customs_h.C_CHAR.withName("kind"),
        MemoryLayout.paddingLayout(3),
        customs_h.C_INT.withName("weight"),
        customs_h.C_LONG.withName("stamp")
    ).withName("customs_sample");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfByte tag$LAYOUT = (OfByte)$LAYOUT.select(groupElement("tag"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t tag
     * }
     */
    public static final OfByte tag$layout() {
        return tag$LAYOUT;
    }

    private static final long tag$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t tag
     * }
     */
    public static final long tag$offset() {
        return tag$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t tag
     * }
     */
    public static byte tag(MemorySegment struct) {
        return struct.get(tag$LAYOUT, tag$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t tag
     * }
     */
    public static void tag(MemorySegment struct, byte fieldValue) {
        struct.set(tag$LAYOUT, tag$OFFSET, fieldValue);
    }

    private static final OfDouble value$LAYOUT = (OfDouble)$LAYOUT.select(groupElement("value"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * double value
     * }
     */
    public static final OfDouble value$layout() {
        return value$LAYOUT;
    }

    private static final long value$OFFSET = 8;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * double value
     * }
     */
    public static final long value$offset() {
        return value$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * double value
     * }
     */
    public static double value(MemorySegment struct) {
        return struct.get(value$LAYOUT, value$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * double value
     * }
     */
    public static void value(MemorySegment struct, double fieldValue) {
        struct.set(value$LAYOUT, value$OFFSET, fieldValue);
    }

    private static final OfShort count$LAYOUT = (OfShort)$LAYOUT.select(groupElement("count"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int16_t count
     * }
     */
    public static final OfShort count$layout() {
        return count$LAYOUT;
    }

    private static final long count$OFFSET = 16;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int16_t count
     * }
     */
    public static final long count$offset() {
        return count$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int16_t count
     * }
     */
    public static short count(MemorySegment struct) {
        return struct.get(count$LAYOUT, count$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int16_t count
     * }
     */
    public static void count(MemorySegment struct, short fieldValue) {
        struct.set(count$LAYOUT, count$OFFSET, fieldValue);
    }

    private static final OfInt flags$LAYOUT = (OfInt)$LAYOUT.select(groupElement("flags"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int32_t flags
     * }
     */
    public static final OfInt flags$layout() {
        return flags$LAYOUT;
    }

    private static final long flags$OFFSET = 20;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int32_t flags
     * }
     */
    public static final long flags$offset() {
        return flags$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int32_t flags
     * }
     */
    public static int flags(MemorySegment struct) {
        return struct.get(flags$LAYOUT, flags$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int32_t flags
     * }
     */
    public static void flags(MemorySegment struct, int fieldValue) {
        struct.set(flags$LAYOUT, flags$OFFSET, fieldValue);
    }

    private static final OfByte kind$LAYOUT = (OfByte)$LAYOUT.select(groupElement("kind"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t kind
     * }
     */
    public static final OfByte kind$layout() {
        return kind$LAYOUT;
    }

    private static final long kind$OFFSET = 24;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t kind
     * }
     */
    public static final long kind$offset() {
        return kind$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t kind
     * }
     */
    public static byte kind(MemorySegment struct) {
        return struct.get(kind$LAYOUT, kind$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t kind
     * }
     */
    public static void kind(MemorySegment struct, byte fieldValue) {
        struct.set(kind$LAYOUT, kind$OFFSET, fieldValue);
    }

    private static final OfInt weight$LAYOUT = (OfInt)$LAYOUT.select(groupElement("weight"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int32_t weight
     * }
     */
    public static final OfInt weight$layout() {
        return weight$LAYOUT;
    }

    private static final long weight$OFFSET = 28;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int32_t weight
     * }
     */
    public static final long weight$offset() {
        return weight$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int32_t weight
     * }
     */
    public static int weight(MemorySegment struct) {
        return struct.get(weight$LAYOUT, weight$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int32_t weight
     * }
     */
    public static void weight(MemorySegment struct, int fieldValue) {
        struct.set(weight$LAYOUT, weight$OFFSET, fieldValue);
    }

    private static final OfLong stamp$LAYOUT = (OfLong)$LAYOUT.select(groupElement("stamp"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int64_t stamp
     * }
     */
    public static final OfLong stamp$layout() {
        return stamp$LAYOUT;
    }

    private static final long stamp$OFFSET = 32;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int64_t stamp
     * }
     */
    public static final long stamp$offset() {
        return stamp$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int64_t stamp
     * }
     */
    public static long stamp(MemorySegment struct) {
        return struct.get(stamp$LAYOUT, stamp$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int64_t stamp
     * }
     */
    public static void stamp(MemorySegment struct, long fieldValue) {
        struct.set(stamp$LAYOUT, stamp$OFFSET, fieldValue);
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
