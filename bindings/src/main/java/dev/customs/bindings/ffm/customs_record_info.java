package dev.customs.bindings.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfByte;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.lang.foreign.ValueLayout.OfShort;
import java.util.function.Consumer;

/**
 * Binds {@code customs_record_info}: what {@code customs_parse_record} found. Unsigned C fields come back as
 * Java's signed types of the same width; widen them with {@code Byte.toUnsignedInt} and friends. No padding (size 24, alignment 8).
 * {@snippet lang=c :
 * struct customs_record_info {
 *     uint8_t version;
 *     uint8_t field_count;
 *     uint16_t name_length;
 *     uint32_t item_count;
 *     uint64_t data_bytes;
 *     uint32_t checksum;
 *     int32_t error_offset;
 * }
 * }
 *
 * <p>Kept by hand in the shape jextract generates; see bindings/README.md.
 */
public class customs_record_info {

    customs_record_info() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        customs_h.C_CHAR.withName("version"),
        customs_h.C_CHAR.withName("field_count"),
        customs_h.C_SHORT.withName("name_length"),
        customs_h.C_INT.withName("item_count"),
        customs_h.C_LONG.withName("data_bytes"),
        customs_h.C_INT.withName("checksum"),
        customs_h.C_INT.withName("error_offset")
    ).withName("customs_record_info");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfByte version$LAYOUT = (OfByte)$LAYOUT.select(groupElement("version"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t version
     * }
     */
    public static final OfByte version$layout() {
        return version$LAYOUT;
    }

    private static final long version$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t version
     * }
     */
    public static final long version$offset() {
        return version$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t version
     * }
     */
    public static byte version(MemorySegment struct) {
        return struct.get(version$LAYOUT, version$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t version
     * }
     */
    public static void version(MemorySegment struct, byte fieldValue) {
        struct.set(version$LAYOUT, version$OFFSET, fieldValue);
    }

    private static final OfByte field_count$LAYOUT = (OfByte)$LAYOUT.select(groupElement("field_count"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t field_count
     * }
     */
    public static final OfByte field_count$layout() {
        return field_count$LAYOUT;
    }

    private static final long field_count$OFFSET = 1;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t field_count
     * }
     */
    public static final long field_count$offset() {
        return field_count$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t field_count
     * }
     */
    public static byte field_count(MemorySegment struct) {
        return struct.get(field_count$LAYOUT, field_count$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t field_count
     * }
     */
    public static void field_count(MemorySegment struct, byte fieldValue) {
        struct.set(field_count$LAYOUT, field_count$OFFSET, fieldValue);
    }

    private static final OfShort name_length$LAYOUT = (OfShort)$LAYOUT.select(groupElement("name_length"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t name_length
     * }
     */
    public static final OfShort name_length$layout() {
        return name_length$LAYOUT;
    }

    private static final long name_length$OFFSET = 2;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t name_length
     * }
     */
    public static final long name_length$offset() {
        return name_length$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t name_length
     * }
     */
    public static short name_length(MemorySegment struct) {
        return struct.get(name_length$LAYOUT, name_length$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t name_length
     * }
     */
    public static void name_length(MemorySegment struct, short fieldValue) {
        struct.set(name_length$LAYOUT, name_length$OFFSET, fieldValue);
    }

    private static final OfInt item_count$LAYOUT = (OfInt)$LAYOUT.select(groupElement("item_count"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t item_count
     * }
     */
    public static final OfInt item_count$layout() {
        return item_count$LAYOUT;
    }

    private static final long item_count$OFFSET = 4;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t item_count
     * }
     */
    public static final long item_count$offset() {
        return item_count$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t item_count
     * }
     */
    public static int item_count(MemorySegment struct) {
        return struct.get(item_count$LAYOUT, item_count$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t item_count
     * }
     */
    public static void item_count(MemorySegment struct, int fieldValue) {
        struct.set(item_count$LAYOUT, item_count$OFFSET, fieldValue);
    }

    private static final OfLong data_bytes$LAYOUT = (OfLong)$LAYOUT.select(groupElement("data_bytes"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t data_bytes
     * }
     */
    public static final OfLong data_bytes$layout() {
        return data_bytes$LAYOUT;
    }

    private static final long data_bytes$OFFSET = 8;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t data_bytes
     * }
     */
    public static final long data_bytes$offset() {
        return data_bytes$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t data_bytes
     * }
     */
    public static long data_bytes(MemorySegment struct) {
        return struct.get(data_bytes$LAYOUT, data_bytes$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t data_bytes
     * }
     */
    public static void data_bytes(MemorySegment struct, long fieldValue) {
        struct.set(data_bytes$LAYOUT, data_bytes$OFFSET, fieldValue);
    }

    private static final OfInt checksum$LAYOUT = (OfInt)$LAYOUT.select(groupElement("checksum"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t checksum
     * }
     */
    public static final OfInt checksum$layout() {
        return checksum$LAYOUT;
    }

    private static final long checksum$OFFSET = 16;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t checksum
     * }
     */
    public static final long checksum$offset() {
        return checksum$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t checksum
     * }
     */
    public static int checksum(MemorySegment struct) {
        return struct.get(checksum$LAYOUT, checksum$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t checksum
     * }
     */
    public static void checksum(MemorySegment struct, int fieldValue) {
        struct.set(checksum$LAYOUT, checksum$OFFSET, fieldValue);
    }

    private static final OfInt error_offset$LAYOUT = (OfInt)$LAYOUT.select(groupElement("error_offset"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int32_t error_offset
     * }
     */
    public static final OfInt error_offset$layout() {
        return error_offset$LAYOUT;
    }

    private static final long error_offset$OFFSET = 20;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int32_t error_offset
     * }
     */
    public static final long error_offset$offset() {
        return error_offset$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int32_t error_offset
     * }
     */
    public static int error_offset(MemorySegment struct) {
        return struct.get(error_offset$LAYOUT, error_offset$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int32_t error_offset
     * }
     */
    public static void error_offset(MemorySegment struct, int fieldValue) {
        struct.set(error_offset$LAYOUT, error_offset$OFFSET, fieldValue);
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
