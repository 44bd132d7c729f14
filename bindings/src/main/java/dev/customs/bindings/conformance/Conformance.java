package dev.customs.bindings.conformance;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import dev.customs.api.Customs;
import dev.customs.api.Status;
import dev.customs.api.StructDescription;
import dev.customs.bindings.ffm.CustomsLookup;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Holds libcustoms' bindings to each other and to the library's own description of itself, so they cannot drift
 * silently. Every problem names the C symbol it is about.
 *
 * <p>The header itself is checked by the binding checker ({@code dev.customs.checker.BindingChecker}, in
 * {@code CustomsHeaderTest}): it holds the FFM layer (jextract's output) to what the C compiler says about
 * {@code customs.h}. This class holds everything else to that FFM layer, at run time, with no compiler:
 * <ul>
 *   <li>Functions: every FFM function ({@code customs_h.NAME$descriptor()}) has a JNA binding (each overload in
 *       {@code CustomsLibrary} and each {@code native} method of {@code CustomsDirect}) with the same return and
 *       parameter kinds; no JNA binding exists for a function FFM lacks.</li>
 *   <li>Callbacks: every JNA {@code Callback} a JNA function takes has an FFM class of the same name and kinds.</li>
 *   <li>Structs: the C library's self-description ({@code customs_layout_*}, built from {@code sizeof},
 *       {@code _Alignof} and {@code offsetof} where the library was compiled), the FFM layout and the JNA
 *       {@code Structure} agree on field names, kinds, offsets, size and alignment.</li>
 *   <li>Constants: the enum values and {@code #define}s FFM generated agree with {@link Status} and the {@link Customs}
 *       limits.</li>
 * </ul>
 */
public final class Conformance {
    private static final String FFM = "dev.customs.bindings.ffm.";
    private static final String JNA = "dev.customs.bindings.jna.";

    /** The structs customs.h defines: the {@code --include-struct} lines of bindings/jextract/customs.args. */
    public static final List<String> STRUCTS = List.of("customs_record_info", "customs_sample", "customs_tally");

    /** How a value crosses the boundary: the kinds the C ABI tells apart. Signedness does not change the ABI. */
    public enum Kind { VOID, I8, I16, I32, I64, F32, F64, POINTER, STRUCT }

    private Conformance() {}

    /** Every check, with the library's self-description read through each of {@code backends}. */
    public static List<String> check(List<Customs> backends) {
        CustomsLookup.load();
        List<String> problems = new ArrayList<>();
        problems.addAll(functions(load(FFM + "customs_h"), load(JNA + "CustomsLibrary"), load(JNA + "CustomsDirect")));
        problems.addAll(callbacks(load(JNA + "CustomsLibrary")));
        problems.addAll(constants(load(FFM + "customs_h")));
        for (Customs backend : backends) {
            problems.addAll(structs(backend));
        }
        return problems;
    }

    // --- functions ---------------------------------------------------------------------------------------------------

    /** A function as the FFM layer binds it. */
    private record Signature(Kind ret, String retStruct, List<Kind> params, List<String> paramStructs, String where) {}

    /** The FFM functions against the JNA bindings, both ways. */
    static List<String> functions(Class<?> ffm, Class<?> jnaInterface, Class<?> jnaDirect) {
        List<String> problems = new ArrayList<>();
        Map<String, Signature> bound = new java.util.TreeMap<>();
        for (Method m : ffm.getMethods()) {
            if (!m.getName().endsWith("$descriptor") || m.getParameterCount() != 0) {
                continue;
            }
            String name = m.getName().substring(0, m.getName().length() - "$descriptor".length());
            try {
                FunctionDescriptor d = (FunctionDescriptor) m.invoke(null);
                bound.put(name, new Signature(d.returnLayout().map(Conformance::kind).orElse(Kind.VOID),
                        d.returnLayout().map(Conformance::structName).orElse(null),
                        d.argumentLayouts().stream().map(Conformance::kind).toList(),
                        d.argumentLayouts().stream().map(Conformance::structName).toList(),
                        "FFM " + ffm.getSimpleName() + "." + m.getName() + "()"));
            } catch (InvocationTargetException | ExceptionInInitializerError e) {
                problems.add(name + ": the FFM binding could not be linked: " + rootMessage(e));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        for (var f : bound.entrySet()) {
            jnaFunction(f.getKey(), f.getValue(), jnaInterface, false, problems);
            jnaFunction(f.getKey(), f.getValue(), jnaDirect, true, problems);
        }
        for (Class<?> jna : List.of(jnaInterface, jnaDirect)) {
            for (Method m : jna.getDeclaredMethods()) {
                if (m.getName().startsWith("customs_") && !bound.containsKey(m.getName())) {
                    problems.add(m.getName() + ": JNA " + jna.getSimpleName() + " binds it but FFM "
                            + ffm.getSimpleName() + " (jextract's output of customs.h) does not");
                }
            }
        }
        return problems;
    }

    private static void jnaFunction(String name, Signature ffm, Class<?> jna, boolean direct, List<String> problems) {
        List<Method> overloads = Arrays.stream(jna.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && (!direct || Modifier.isNative(m.getModifiers())))
                .sorted(Comparator.comparing(Method::toString)).toList();
        if (overloads.isEmpty()) {
            problems.add(name + ": bound by " + ffm.where() + " but has no JNA binding in " + jna.getSimpleName());
        }
        for (Method m : overloads) {
            compare(name, ffm, new Signature(kind(m.getReturnType()), structName(m.getReturnType()),
                    Arrays.stream(m.getParameterTypes()).map(Conformance::kind).toList(),
                    Arrays.stream(m.getParameterTypes()).map(Conformance::structName).toList(),
                    "JNA " + jna.getSimpleName() + "." + m.getName() + signature(m)), problems);
        }
    }

    // --- callbacks ---------------------------------------------------------------------------------------------------

    /** Each JNA callback interface a JNA function takes against the FFM class of the same name. */
    static List<String> callbacks(Class<?> jnaInterface) {
        List<String> problems = new ArrayList<>();
        java.util.SortedSet<Class<?>> callbacks = new java.util.TreeSet<>(Comparator.comparing(Class::getName));
        for (Method m : jnaInterface.getDeclaredMethods()) {
            Arrays.stream(m.getParameterTypes()).filter(Callback.class::isAssignableFrom).forEach(callbacks::add);
        }
        for (Class<?> jna : callbacks) {
            String name = jna.getSimpleName();
            List<Method> invoke = Arrays.stream(jna.getMethods()).filter(m -> m.getName().equals("invoke")).toList();
            if (invoke.size() != 1) {
                problems.add(name + ": JNA callback must declare exactly one invoke method");
                continue;
            }
            Class<?> ffm = tryLoad(FFM + name);
            if (ffm == null) {
                problems.add(name + ": JNA callback type has no FFM class " + FFM + name);
                continue;
            }
            FunctionDescriptor d;
            try {
                d = (FunctionDescriptor) ffm.getMethod("descriptor").invoke(null);
            } catch (ReflectiveOperationException e) {
                problems.add(name + ": FFM class has no usable descriptor(): " + rootMessage(e));
                continue;
            }
            Method m = invoke.getFirst();
            List<String> noStructs = java.util.Collections.nCopies(d.argumentLayouts().size(), null);
            compare(name, new Signature(d.returnLayout().map(Conformance::kind).orElse(Kind.VOID), null,
                    d.argumentLayouts().stream().map(Conformance::kind).toList(), noStructs,
                    "FFM " + name + ".descriptor()"), new Signature(kind(m.getReturnType()), null,
                    Arrays.stream(m.getParameterTypes()).map(Conformance::kind).toList(),
                    java.util.Collections.nCopies(m.getParameterCount(), null), "JNA " + name + ".invoke"), problems);
        }
        return problems;
    }

    // --- structs -----------------------------------------------------------------------------------------------------

    /** The library's self-description (read through {@code backend}) against that backend's binding. */
    public static List<String> structs(Customs backend) {
        List<String> problems = new ArrayList<>();
        for (String name : STRUCTS) {
            StructDescription c;
            try {
                c = backend.describeStruct(name);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": the library does not describe it (customs_layout_size returned -1; rebuild"
                        + " libcustoms)");
                continue;
            }
            StructDescription java = backend.bindingLayout(name);
            compareLayout(name, c, java, backend.backend(), problems);
            List<Kind> ffmKinds = ffmFieldKinds(name);
            List<Kind> javaKinds = backend.backend().equals("ffm") ? ffmKinds : jnaFieldKinds(name);
            if (!ffmKinds.equals(javaKinds)) {
                problems.add(name + ": field kinds " + ffmKinds + " in FFM (jextract's output of customs.h) but "
                        + backend.backend() + " binds " + javaKinds);
            }
        }
        return problems;
    }

    private static void compareLayout(String name, StructDescription c, StructDescription java, String backend,
                                      List<String> problems) {
        String where = backend + " binding";
        if (c.size() != java.size()) {
            problems.add(name + ": sizeof is " + c.size() + " in the library but " + java.size() + " in the " + where);
        }
        if (c.alignment() != java.alignment()) {
            problems.add(name + ": alignof is " + c.alignment() + " in the library but " + java.alignment()
                    + " in the " + where);
        }
        List<String> cNames = c.fields().stream().map(StructDescription.Field::name).toList();
        List<String> javaNames = java.fields().stream().map(StructDescription.Field::name).toList();
        if (!cNames.equals(javaNames)) {
            problems.add(name + ": fields " + cNames + " in the library but " + javaNames + " in the " + where);
            return;
        }
        for (int i = 0; i < cNames.size(); i++) {
            long expected = c.fields().get(i).offset();
            long actual = java.fields().get(i).offset();
            if (expected != actual) {
                problems.add(name + "." + cNames.get(i) + ": offset " + expected + " in the library but " + actual
                        + " in the " + where);
            }
        }
    }

    private static List<Kind> ffmFieldKinds(String struct) {
        try {
            GroupLayout layout = (GroupLayout) load(FFM + struct).getMethod("layout").invoke(null);
            return layout.memberLayouts().stream().filter(l -> !(l instanceof PaddingLayout)).map(Conformance::kind)
                    .toList();
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    private static List<Kind> jnaFieldKinds(String struct) {
        Class<?> type = load(JNA + struct);
        try {
            Structure instance = (Structure) type.getConstructor().newInstance();
            List<Kind> kinds = new ArrayList<>();
            for (String field : fieldOrder(instance)) {
                kinds.add(kind(type.getField(field).getType()));
            }
            return kinds;
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    private static List<String> fieldOrder(Structure s) {
        Structure.FieldOrder order = s.getClass().getAnnotation(Structure.FieldOrder.class);
        return order == null ? List.of() : List.of(order.value());
    }

    // --- constants ---------------------------------------------------------------------------------------------------

    /** The enum values and #defines FFM generated against {@link Status} and the {@link Customs} limits. */
    static List<String> constants(Class<?> ffm) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> generated = new java.util.TreeMap<>();
        for (Method m : ffm.getMethods()) {
            if (m.getName().startsWith("CUSTOMS_") && m.getParameterCount() == 0 && m.getReturnType() == int.class) {
                try {
                    generated.put(m.getName(), ((Number) m.invoke(null)).longValue());
                } catch (ReflectiveOperationException e) {
                    problems.add(m.getName() + ": FFM accessor failed: " + rootMessage(e));
                }
            }
        }
        for (Status s : Status.values()) {
            Long c = generated.get(s.cName());
            if (c == null || c != s.code()) {
                problems.add(s.cName() + ": " + s.code() + " in dev.customs.api.Status but " + c + " in FFM "
                        + ffm.getSimpleName() + " (jextract's output of customs.h)");
            }
        }
        for (String c : generated.keySet()) {
            if ((c.equals("CUSTOMS_OK") || c.startsWith("CUSTOMS_E_"))
                    && Arrays.stream(Status.values()).noneMatch(s -> s.cName().equals(c))) {
                problems.add(c + ": in customs.h but missing from dev.customs.api.Status");
            }
        }
        Map<String, Integer> limits = Map.of("CUSTOMS_MAX_THREADS", Customs.MAX_THREADS, "CUSTOMS_MAX_FIELDS",
                Customs.MAX_FIELDS, "CUSTOMS_MAX_ASYNC_DELAY_MS", Customs.MAX_ASYNC_DELAY_MILLIS);
        for (var e : new java.util.TreeMap<>(limits).entrySet()) {
            Long c = generated.get(e.getKey());
            if (c == null || c.longValue() != e.getValue()) {
                problems.add(e.getKey() + ": " + e.getValue() + " in dev.customs.api.Customs but " + c + " in FFM "
                        + ffm.getSimpleName() + " (jextract's output of customs.h)");
            }
        }
        return problems;
    }

    // --- kinds -------------------------------------------------------------------------------------------------------

    private static void compare(String name, Signature ffm, Signature other, List<String> problems) {
        if (ffm.ret() != other.ret() || ffm.ret() == Kind.STRUCT && !Objects.equals(ffm.retStruct(), other.retStruct())) {
            problems.add(name + ": returns " + describe(ffm.ret(), ffm.retStruct()) + " in " + ffm.where() + " but "
                    + describe(other.ret(), other.retStruct()) + " in " + other.where());
        }
        if (ffm.params().size() != other.params().size()) {
            problems.add(name + ": takes " + ffm.params().size() + " parameters in " + ffm.where() + " but "
                    + other.params().size() + " in " + other.where());
            return;
        }
        for (int i = 0; i < ffm.params().size(); i++) {
            Kind kind = ffm.params().get(i);
            boolean structMismatch = kind == Kind.STRUCT
                    && !Objects.equals(ffm.paramStructs().get(i), other.paramStructs().get(i));
            if (kind != other.params().get(i) || structMismatch) {
                problems.add(name + ": parameter " + (i + 1) + " is " + describe(kind, ffm.paramStructs().get(i))
                        + " in " + ffm.where() + " but " + describe(other.params().get(i), other.paramStructs().get(i))
                        + " in " + other.where());
            }
        }
    }

    private static String describe(Kind kind, String struct) {
        return kind == Kind.STRUCT ? "struct " + struct : kind.toString();
    }

    static Kind kind(MemoryLayout layout) {
        return switch (layout) {
            case AddressLayout a -> Kind.POINTER;
            case ValueLayout.OfByte b -> Kind.I8;
            case ValueLayout.OfBoolean b -> Kind.I8;
            case ValueLayout.OfShort s -> Kind.I16;
            case ValueLayout.OfChar c -> Kind.I16;
            case ValueLayout.OfInt i -> Kind.I32;
            case ValueLayout.OfLong l -> Kind.I64;
            case ValueLayout.OfFloat fl -> Kind.F32;
            case ValueLayout.OfDouble d -> Kind.F64;
            case GroupLayout g -> Kind.STRUCT;
            default -> throw new IllegalArgumentException("unexpected layout " + layout);
        };
    }

    private static String structName(MemoryLayout layout) {
        return layout instanceof GroupLayout g ? g.name().orElse("<unnamed>") : null;
    }

    static Kind kind(Class<?> type) {
        if (type == void.class) {
            return Kind.VOID;
        } else if (type == byte.class || type == boolean.class) {
            return Kind.I8;
        } else if (type == short.class || type == char.class) {
            return Kind.I16;
        } else if (type == int.class) {
            return Kind.I32;
        } else if (type == long.class) {
            return Kind.I64;
        } else if (type == float.class) {
            return Kind.F32;
        } else if (type == double.class) {
            return Kind.F64;
        } else if (Structure.ByValue.class.isAssignableFrom(type)) {
            return Kind.STRUCT;
        } else if (type.isArray() || type == String.class || Pointer.class.isAssignableFrom(type)
                || PointerType.class.isAssignableFrom(type) || Structure.class.isAssignableFrom(type)
                || Callback.class.isAssignableFrom(type) || Buffer.class.isAssignableFrom(type)
                || com.sun.jna.ptr.ByReference.class.isAssignableFrom(type)) {
            return Kind.POINTER;
        }
        throw new IllegalArgumentException("no C kind for Java type " + type.getName());
    }

    /** A by-value JNA struct class is {@code NAME.ByValue}; its C name is the enclosing class's simple name. */
    private static String structName(Class<?> type) {
        if (!Structure.ByValue.class.isAssignableFrom(type)) {
            return null;
        }
        return type.getEnclosingClass() != null ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
    }

    private static String signature(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }

    private static Class<?> load(String name) {
        Class<?> c = tryLoad(name);
        if (c == null) {
            throw new IllegalStateException("binding class " + name + " is missing");
        }
        return c;
    }

    private static Class<?> tryLoad(String name) {
        try {
            return Class.forName(name, false, Conformance.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
