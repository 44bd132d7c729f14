package dev.customs.checker;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Functions, judged by the C++ compiler: for each name, {@code decltype(NAME)} is matched against
 * {@code R(A...)} and every deduced type classified with {@code <type_traits>} by a program that prints the results.
 * Nothing is linked against the library: {@code decltype} does not use the function.
 */
final class FunctionCheck {
    private FunctionCheck() {}

    private static final String TEMPLATES = """
            #include <cstdio>
            #include <cstring>
            #include <type_traits>
            template <class T> struct customs_probe_abi {
                static void print() {
                    const char *kind = "OTHER";
                    std::size_t size = 0, align = 0;
                    if constexpr (std::is_void_v<T>) { kind = "VOID"; }
                    else if constexpr (std::is_pointer_v<T> || std::is_null_pointer_v<T>) { kind = "POINTER"; }
                    else if constexpr (std::is_same_v<T, float>) { kind = "FLOAT"; }
                    else if constexpr (std::is_same_v<T, double>) { kind = "DOUBLE"; }
                    else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) { kind = "INTEGER"; size = sizeof(T); }
                    else if constexpr (std::is_class_v<T> || std::is_union_v<T>) {
                        kind = "STRUCT"; size = sizeof(T); align = alignof(T);
                    } else { size = sizeof(T); }
                    const char *spelling = std::strstr(__PRETTY_FUNCTION__, "T = ");
                    std::printf("\\t%s %zu %zu %s", kind, size, align, spelling ? spelling + 4 : "?");
                }
            };
            template <class F> struct customs_probe_fn;
            template <class R, class... A> struct customs_probe_fn<R(A...)> {
                static void print(const char *name) {
                    std::printf("F\\t%s\\t0", name);
                    customs_probe_abi<R>::print();
                    (customs_probe_abi<A>::print(), ...);
                    std::printf("\\n");
                }
            };
            template <class R, class... A> struct customs_probe_fn<R(A..., ...)> {
                static void print(const char *name) {
                    std::printf("F\\t%s\\t1", name);
                    customs_probe_abi<R>::print();
                    (customs_probe_abi<A>::print(), ...);
                    std::printf("\\n");
                }
            };
            template <class R, class... A> struct customs_probe_fn<R(A...) noexcept> : customs_probe_fn<R(A...)> {};
            template <class R, class... A> struct customs_probe_fn<R(A..., ...) noexcept>
                : customs_probe_fn<R(A..., ...)> {};
            int main() {
            """;

    static List<Mismatch> check(Compiler cxx, String include, Map<String, FunctionDescriptor> functions,
                                SymbolLookup library) {
        List<Mismatch> found = new ArrayList<>();
        String prologue = include + "\n" + TEMPLATES;
        String end = "    return 0;\n}\n";
        List<Compiler.Probe> probes = new ArrayList<>();
        for (String name : functions.keySet()) {
            probes.add(new Compiler.Probe(name, "    customs_probe_fn<decltype(" + name + ")>::print(\"" + name + "\");"));
        }
        Compiler.Outcome outcome = cxx.run("functions.cpp", prologue, probes, end);
        for (var r : outcome.refused().entrySet()) {
            found.add(new Mismatch(r.getKey(), null, Mismatch.DECLARATION, "the header declares no function of that"
                    + " name (" + r.getValue() + ")", "the binding has " + functions.get(r.getKey())));
        }
        for (String line : outcome.output().lines().toList()) {
            String[] f = line.split("\t");
            if (!f[0].equals("F")) {
                continue;
            }
            String name = f[1];
            boolean variadic = f[2].equals("1");
            FunctionDescriptor d = functions.get(name);
            AbiClass cReturn = parse(f[3]);
            AbiClass javaReturn = d.returnLayout().map(AbiClass::of).orElse(AbiClass.VOID);
            if (!cReturn.sameAbi(javaReturn)) {
                found.add(new Mismatch(name, null, "return", cReturn.describe(), javaReturn.describe()));
            }
            int cArity = f.length - 4;
            List<MemoryLayout> args = d.argumentLayouts();
            if (cArity != args.size() && !(variadic && args.size() > cArity)) {
                found.add(new Mismatch(name, null, "arity", cArity + (variadic ? " fixed parameters and ..." : ""),
                        String.valueOf(args.size())));
                continue;
            }
            for (int i = 0; i < cArity; i++) {
                AbiClass c = parse(f[4 + i]);
                AbiClass java = AbiClass.of(args.get(i));
                if (!c.sameAbi(java)) {
                    found.add(new Mismatch(name, null, "parameter " + (i + 1), c.describe(), java.describe()));
                }
            }
            if (library != null && library.find(name).isEmpty()) {
                found.add(new Mismatch(name, null, Mismatch.DECLARATION, "the header declares it",
                        "the library does not export it"));
            }
        }
        return found;
    }

    /** {@code KIND SIZE ALIGN SPELLING], as printed by customs_probe_abi. */
    private static AbiClass parse(String printed) {
        String[] p = printed.split(" ", 4);
        String spelling = p.length > 3 ? p[3] : "";
        if (spelling.endsWith("]")) {
            spelling = spelling.substring(0, spelling.length() - 1);
        }
        AbiClass.Kind kind = AbiClass.Kind.valueOf(p[0]);
        return kind == AbiClass.Kind.VOID ? AbiClass.VOID
                : new AbiClass(kind, Long.parseLong(p[1]), Long.parseLong(p[2]), spelling);
    }
}
