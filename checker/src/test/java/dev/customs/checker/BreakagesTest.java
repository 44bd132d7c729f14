package dev.customs.checker;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customs.checker.zlib.gz_header_s;
import dev.customs.checker.zlib.z_stream_s;
import dev.customs.checker.zlib.zlib_h;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bindings broken on purpose, one way each: every breakage is caught, and the message names the symbol. */
class BreakagesTest {
    @BeforeAll
    static void zlibHeaderIsInstalled() {
        ZlibCheckTest.zlibHeaderIsInstalled();
    }

    @Test
    void fieldOffsetOffByFourIsNamed() {
        // 4 bytes of padding where z_stream_s has none: avail_in and every field after it move.
        List<MemoryLayout> members = new ArrayList<>(z_stream_s.layout().memberLayouts());
        members.add(1, MemoryLayout.paddingLayout(4));
        members.remove(3); // the padding jextract put after avail_in, so that the size stays the same
        GroupLayout shifted = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName("z_stream_s");
        List<String> found = messages(BindingChecker.forHeader(ZlibCheckTest.ZLIB_H).struct("z_stream_s", shifted));
        assertEquals(List.of("z_stream_s.avail_in: offset is 8 in C but 12 in the binding"), found);
    }

    @Test
    void wrongStructSizeIsNamed() {
        List<MemoryLayout> members = new ArrayList<>(gz_header_s.layout().memberLayouts());
        members.add(MemoryLayout.paddingLayout(8));
        GroupLayout bigger = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName("gz_header_s");
        List<String> found = messages(BindingChecker.forHeader(ZlibCheckTest.ZLIB_H).struct("gz_header_s", bigger));
        assertEquals(List.of("gz_header_s: sizeof is 80 in C but 88 in the binding"), found);
    }

    @Test
    void missingFunctionIsNamed() {
        List<String> found = messages(BindingChecker.forHeader(ZlibCheckTest.ZLIB_H)
                .function("deflateTurbo", FunctionDescriptor.of(zlib_h.C_INT, ADDRESS)));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.getFirst().startsWith("deflateTurbo: the header declares no function of that name ("),
                found.getFirst());
        assertTrue(found.getFirst().contains("deflateTurbo"), found.getFirst());
    }

    @Test
    void functionMissingFromTheJextractClassIsNamed() {
        List<String> found = messages(BindingChecker.forHeader(ZlibCheckTest.ZLIB_H)
                .functions(zlib_h.class, "deflate", "deflateTurbo"));
        assertEquals(List.of("deflateTurbo: checked as a C function, but the binding has no"
                + " dev.customs.checker.zlib.zlib_h.deflateTurbo$descriptor()"), found);
    }

    @Test
    void sixtyFourBitParameterWhereCHasIntIsNamed() throws Exception {
        FunctionDescriptor real = (FunctionDescriptor) zlib_h.class.getMethod("compress2$descriptor").invoke(null);
        List<MemoryLayout> args = new ArrayList<>(real.argumentLayouts());
        args.set(4, JAVA_LONG); // int level
        List<String> found = messages(BindingChecker.forHeader(ZlibCheckTest.ZLIB_H).function("compress2",
                FunctionDescriptor.of(real.returnLayout().orElseThrow(), args.toArray(MemoryLayout[]::new))));
        assertEquals(List.of("compress2: parameter 5 is an integer of 4 bytes (int) in C but an integer of 8 bytes"
                + " (long) in the binding"), found);
    }

    @Test
    void structByValueBoundAsAPointerIsNamed() {
        List<String> found = messages(BindingChecker.forHeader(Shapes.HEADER)
                .function("point_weight", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS)));
        assertEquals(List.of("point_weight: parameter 1 is a struct by value of 16 bytes aligned to 8 (point) in C but"
                + " a pointer (MemorySegment) in the binding"), found);
    }

    @Test
    void wrongArityIsNamed() {
        List<String> found = messages(BindingChecker.forHeader(Shapes.HEADER)
                .function("point_sum", FunctionDescriptor.of(zlib_h.C_INT, ADDRESS)));
        assertEquals(List.of("point_sum: arity is 2 in C but 1 in the binding"), found);
    }

    @Test
    void verifyThrowsWithEveryMismatchInTheMessage() {
        BindingMismatchException e = assertThrows(BindingMismatchException.class, () -> BindingChecker
                .forHeader(Shapes.HEADER)
                .function("point_weight", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS))
                .function("point_sum", FunctionDescriptor.of(zlib_h.C_INT, ADDRESS)).verify());
        assertEquals(2, e.mismatches().size());
        assertTrue(e.getMessage().contains("point_weight: parameter 1 is a struct by value"), e.getMessage());
        assertTrue(e.getMessage().contains("point_sum: arity is 2 in C but 1"), e.getMessage());
    }

    private static List<String> messages(BindingChecker checker) {
        return checker.check().stream().map(Mismatch::toString).toList();
    }
}
