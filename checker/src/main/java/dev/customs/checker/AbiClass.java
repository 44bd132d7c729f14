package dev.customs.checker;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;

/**
 * How a value crosses a call: what decides which register or stack slot it travels in. Two types of the same ABI class
 * are interchangeable at the call (signedness and typedef names do not matter; an {@code int} bound as a 64-bit
 * integer does).
 *
 * @param kind     the class
 * @param size     bytes, for {@link Kind#INTEGER}, {@link Kind#STRUCT} and {@link Kind#OTHER}; 0 otherwise
 * @param align    bytes, for {@link Kind#STRUCT}; 0 otherwise
 * @param spelling the type as written, when known (C's canonical spelling, or the Java layout), for messages only
 */
public record AbiClass(Kind kind, long size, long align, String spelling) {
    /** The classes a parameter or return value can have. */
    public enum Kind { VOID, INTEGER, POINTER, FLOAT, DOUBLE, STRUCT, OTHER }

    /** {@code void}: no value (returns only). */
    public static final AbiClass VOID = new AbiClass(Kind.VOID, 0, 0, "void");

    /** The class of a parameter or return layout in an FFM {@code FunctionDescriptor}. */
    public static AbiClass of(MemoryLayout layout) {
        String spelling = switch (layout) {
            case ValueLayout v -> v.carrier().getSimpleName();
            case GroupLayout g -> g.name().map(n -> "struct layout " + n).orElse("struct layout");
            default -> layout.toString();
        };
        return switch (layout) {
            case AddressLayout a -> new AbiClass(Kind.POINTER, 0, 0, spelling);
            case ValueLayout.OfFloat f -> new AbiClass(Kind.FLOAT, 0, 0, spelling);
            case ValueLayout.OfDouble d -> new AbiClass(Kind.DOUBLE, 0, 0, spelling);
            case ValueLayout v -> new AbiClass(Kind.INTEGER, v.byteSize(), 0, spelling);
            case GroupLayout g -> new AbiClass(Kind.STRUCT, g.byteSize(), g.byteAlignment(), spelling);
            default -> new AbiClass(Kind.OTHER, layout.byteSize(), 0, spelling);
        };
    }

    /** True when values of the two classes travel the same way: the spelling does not count. */
    public boolean sameAbi(AbiClass other) {
        return kind == other.kind && size == other.size && align == other.align;
    }

    /** The class in words, e.g. "an integer of 4 bytes (int)". */
    public String describe() {
        String what = switch (kind) {
            case VOID -> "void";
            case INTEGER -> "an integer of " + size + " bytes";
            case POINTER -> "a pointer";
            case FLOAT -> "a float";
            case DOUBLE -> "a double";
            case STRUCT -> "a struct by value of " + size + " bytes aligned to " + align;
            case OTHER -> "an unsupported type of " + size + " bytes";
        };
        return kind == Kind.VOID || spelling == null || spelling.isEmpty() ? what : what + " (" + spelling + ")";
    }
}
