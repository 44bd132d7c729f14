package dev.customs.checker;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.UnionLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structs, judged by the C compiler: a C program that prints {@code sizeof}, {@code _Alignof} and, for each field the
 * binding names, {@code offsetof}, the field's {@code sizeof} and {@code __builtin_classify_type}.
 */
final class StructCheck {
    private StructCheck() {}

    static List<Mismatch> check(Compiler cc, String include, Map<String, GroupLayout> structs) {
        String prologue = "#include <stddef.h>\n#include <stdio.h>\n" + include + "\n";
        List<Mismatch> found = new ArrayList<>();
        Map<String, String> cTypes = resolveTypes(cc, prologue, structs, found);

        // Fields C does not have (or cannot take offsetof of) are refused by the compiler: reported, then left out.
        List<Compiler.Probe> probes = new ArrayList<>();
        Map<String, String> fieldOf = new LinkedHashMap<>();
        for (var e : cTypes.entrySet()) {
            String key = e.getKey();
            String type = e.getValue();
            probes.add(new Compiler.Probe(key, "    printf(\"S\\t%s\\t%zu\\t%zu\\n\", \"" + key + "\", sizeof(" + type
                    + "), _Alignof(" + type + "));"));
            for (MemoryLayout member : structs.get(key).memberLayouts()) {
                if (member instanceof PaddingLayout || member.name().isEmpty()) {
                    continue;
                }
                String field = member.name().get();
                String probeKey = key + "." + field;
                fieldOf.put(probeKey, field);
                String access = "((" + type + " *)0)->" + field;
                probes.add(new Compiler.Probe(probeKey, "    printf(\"M\\t%s\\t%zu\\t%zu\\t%d\\n\", \"" + probeKey
                        + "\", offsetof(" + type + ", " + field + "), sizeof(" + access + "), __builtin_classify_type("
                        + access + "));"));
            }
        }
        String start = prologue + "int main(void) {\n";
        String end = "    return 0;\n}\n";
        Compiler.Outcome outcome = cc.run("structs.c", start, probes, end);
        for (var r : outcome.refused().entrySet()) {
            String key = r.getKey();
            String struct = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            found.add(new Mismatch(struct, fieldOf.get(key), Mismatch.DECLARATION, "C refuses it (" + r.getValue()
                    + ")", "the binding has it"));
        }
        for (String line : outcome.output().lines().toList()) {
            String[] f = line.split("\t");
            if (f[0].equals("S")) {
                GroupLayout layout = structs.get(f[1]);
                compare(found, f[1], null, "sizeof", Long.parseLong(f[2]), layout.byteSize());
                compare(found, f[1], null, "_Alignof", Long.parseLong(f[3]), layout.byteAlignment());
            } else if (f[0].equals("M")) {
                String struct = f[1].substring(0, f[1].indexOf('.'));
                String field = fieldOf.get(f[1]);
                GroupLayout layout = structs.get(struct);
                MemoryLayout member = layout.select(MemoryLayout.PathElement.groupElement(field));
                long offset = layout instanceof UnionLayout ? 0
                        : layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
                compare(found, struct, field, "offset", Long.parseLong(f[2]), offset);
                String cType = cKind(Integer.parseInt(f[4])) + " of " + f[3] + " bytes";
                String javaType = BindingChecker.kindOf(member) + " of " + member.byteSize() + " bytes";
                if (!cType.equals(javaType)) {
                    found.add(new Mismatch(struct, field, "type", cType, javaType));
                }
            }
        }
        return found;
    }

    /**
     * The C spelling of each struct name: {@code struct NAME} (or {@code union NAME}) when the header defines that tag
     * completely, else {@code NAME} when it is a typedef of a complete type. A name given with a space is used as is.
     */
    private static Map<String, String> resolveTypes(Compiler cc, String prologue, Map<String, GroupLayout> structs,
                                                    List<Mismatch> found) {
        Map<String, String> resolved = new LinkedHashMap<>();
        Map<String, String> candidates = new LinkedHashMap<>();
        for (var e : structs.entrySet()) {
            String name = e.getKey();
            if (name.contains(" ")) {
                resolved.put(name, name);
            } else {
                candidates.put(name, (e.getValue() instanceof UnionLayout ? "union " : "struct ") + name);
            }
        }
        for (int attempt = 0; attempt < 2 && !candidates.isEmpty(); attempt++) {
            List<Compiler.Probe> probes = new ArrayList<>();
            int i = 0;
            for (var c : candidates.entrySet()) {
                probes.add(new Compiler.Probe(c.getKey(), "typedef char customs_probe_" + i++ + "[sizeof(" + c.getValue()
                        + ")];"));
            }
            Map<String, String> refused = cc.refusals("resolve.c", prologue, probes, "");
            Map<String, String> next = new LinkedHashMap<>();
            for (var c : candidates.entrySet()) {
                if (!refused.containsKey(c.getKey())) {
                    resolved.put(c.getKey(), c.getValue());
                } else if (attempt == 0) {
                    next.put(c.getKey(), c.getKey());
                } else {
                    found.add(new Mismatch(c.getKey(), null, Mismatch.DECLARATION, "the header defines no complete"
                            + " struct, union or typedef of that name (" + refused.get(c.getKey()) + ")",
                            "the binding has a layout for it"));
                }
            }
            candidates = next;
        }
        return resolved;
    }

    private static void compare(List<Mismatch> found, String struct, String field, String property, long inC,
                                long binding) {
        if (inC != binding) {
            found.add(new Mismatch(struct, field, property, String.valueOf(inC), String.valueOf(binding)));
        }
    }

    /** GCC's and clang's {@code __builtin_classify_type} classes (typeclass.h); arrays decay to pointers there. */
    private static String cKind(int typeClass) {
        return switch (typeClass) {
            case 1, 2, 3, 4 -> "integer";
            case 5 -> "pointer or array";
            case 8 -> "floating";
            case 12 -> "struct";
            case 13 -> "union";
            default -> "C type class " + typeClass;
        };
    }
}
