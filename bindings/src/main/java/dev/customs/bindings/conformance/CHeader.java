package dev.customs.bindings.conformance;

import java.util.List;
import java.util.Map;

/**
 * What customs.h declares, as read by {@link HeaderReader}: the source of truth the bindings are checked against.
 *
 * @param functions  every {@code CUSTOMS_API} function, by name, in declaration order
 * @param structs    every struct with a body, by typedef name
 * @param callbacks  every function-pointer typedef, by name
 * @param enums      every enum's constants and values, by typedef name
 * @param constants  every {@code #define NAME integer}
 */
public record CHeader(Map<String, Function> functions, Map<String, Struct> structs, Map<String, Function> callbacks,
                      Map<String, Map<String, Long>> enums, Map<String, Long> constants) {

    /** How a C type crosses the boundary: the kinds the C ABI tells apart. Signedness does not change the ABI. */
    public enum Kind { VOID, I8, I16, I32, I64, F32, F64, POINTER, STRUCT }

    /** A C type: its kind, how the header spells it, and for {@link Kind#STRUCT} the struct's name. */
    public record Type(Kind kind, String spelling, String structName) {
        /** The size of a scalar or pointer on LP64; structs have none here. */
        long size() {
            return switch (kind) {
                case VOID, STRUCT -> 0;
                case I8 -> 1;
                case I16 -> 2;
                case I32, F32 -> 4;
                case I64, F64, POINTER -> 8;
            };
        }

        @Override
        public String toString() {
            return kind == Kind.STRUCT ? "struct " + structName : kind + " (" + spelling + ")";
        }
    }

    /** A parameter or field. */
    public record Member(String name, Type type) {}

    /** A function or function-pointer type; {@code line} is where the header declares it. */
    public record Function(String name, Type returnType, List<Member> parameters, int line) {}

    /** A struct with its fields in declaration order. */
    public record Struct(String name, List<Member> fields, int line) {
        /** The offsets the C rules give these scalar and pointer fields on LP64 (natural alignment, no packing). */
        public long[] naturalOffsets() {
            long[] offsets = new long[fields.size()];
            long offset = 0;
            for (int i = 0; i < fields.size(); i++) {
                long size = fields.get(i).type().size();
                offset = (offset + size - 1) / size * size;
                offsets[i] = offset;
                offset += size;
            }
            return offsets;
        }

        /** sizeof on LP64: the end of the last field rounded up to the largest field's alignment. */
        public long naturalSize() {
            long[] offsets = naturalOffsets();
            long align = naturalAlignment();
            long end = offsets.length == 0 ? 0 : offsets[offsets.length - 1] + fields.getLast().type().size();
            return (end + align - 1) / align * align;
        }

        public long naturalAlignment() {
            return fields.stream().mapToLong(f -> f.type().size()).max().orElse(1);
        }
    }
}
