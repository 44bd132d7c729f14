package dev.customs.checker;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Path;

/** Hand-written bindings of src/test/c/shapes.h: layouts in fields, descriptors passed by name. */
final class Shapes {
    static final Path HEADER = Path.of("src/test/c/shapes.h");

    /** {@code struct point}. */
    static final class Point {
        public static final GroupLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("x"), JAVA_INT.withName("y"), JAVA_DOUBLE.withName("weight")).withName("point");

        private Point() {}
    }

    /** {@code stamp_t}, a typedef of an anonymous struct. */
    static final class Stamp {
        public static final GroupLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_BYTE.withName("tag"), MemoryLayout.paddingLayout(7), JAVA_LONG.withName("stamp"),
                JAVA_FLOAT.withName("ratio"), MemoryLayout.paddingLayout(4)).withName("stamp_t");

        private Stamp() {}
    }

    static BindingChecker correct() {
        return BindingChecker.forHeader(HEADER)
                .structs(Point.class, Stamp.class)
                .function("point_weight", FunctionDescriptor.of(JAVA_DOUBLE, Point.LAYOUT))
                .function("point_sum", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT))
                .function("stamp_shift", FunctionDescriptor.of(Stamp.LAYOUT, Stamp.LAYOUT, JAVA_INT))
                .function("ratio_of", FunctionDescriptor.of(JAVA_FLOAT, JAVA_DOUBLE, JAVA_SHORT))
                .function("shapes_reset", FunctionDescriptor.ofVoid());
    }

    private Shapes() {}
}
