package dev.customs.bindings.conformance;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import dev.customs.api.Customs;
import dev.customs.api.Status;
import dev.customs.api.StructDescription;
import dev.customs.bindings.conformance.CHeader.Kind;
import dev.customs.bindings.conformance.CHeader.Member;
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
 * Holds the bindings to customs.h so they cannot drift silently. Every problem names the C symbol it is about.
 *
 * <ul>
 *   <li>Functions: every function in the header has an FFM binding ({@code customs_h.NAME$descriptor()}) and a JNA
 *       binding (each overload in {@code CustomsLibrary} and each {@code native} method of {@code CustomsDirect}) with
 *       the same return and parameter kinds; no binding exists for a function the header lacks.</li>
 *   <li>Callbacks: every function-pointer typedef has an FFM class and a JNA {@code Callback} of the same kinds.</li>
 *   <li>Structs: the header's fields, the C library's self-description ({@code customs_layout_*}), the FFM layout and
 *       the JNA {@code Structure} agree on field names, kinds, offsets, size and alignment.</li>
 *   <li>Constants: enum values and integer {@code #define}s agree with their Java mirrors.</li>
 * </ul>
 */
public final class Conformance {
    private static final String FFM = "dev.customs.bindings.ffm.";
    private static final String JNA = "dev.customs.bindings.jna.";

    private Conformance() {}

    /** Every check, with the library's self-description read through each of {@code backends}. */
    public static List<String> check(CHeader header, List<Customs> backends) {
        List<String> problems = new ArrayList<>();
        problems.addAll(functions(header));
        problems.addAll(callbacks(header));
        problems.addAll(constants(header));
        for (Customs backend : backends) {
            problems.addAll(structs(header, backend));
        }
        return problems;
    }

    // --- functions ---------------------------------------------------------------------------------------------------

    /** Header functions against the FFM and JNA bindings, both ways. */
    public static List<String> functions(CHeader header) {
        List<String> problems = new ArrayList<>();
        Class<?> ffm = load(FFM + "customs_h");
        Class<?> jnaInterface = load(JNA + "CustomsLibrary");
        Class<?> jnaDirect = load(JNA + "CustomsDirect");
        for (CHeader.Function f : sorted(header.functions())) {
            ffmFunction(f, ffm, problems);
            jnaFunction(f, jnaInterface, false, problems);
            jnaFunction(f, jnaDirect, true, problems);
        }
        for (Method m : ffm.getMethods()) {
            String name = m.getName();
            if (name.endsWith("$descriptor") && !header.functions().containsKey(name.replace("$descriptor", ""))) {
                problems.add(name.replace("$descriptor", "") + ": FFM binds it but customs.h does not declare it");
            }
        }
        for (Class<?> jna : List.of(jnaInterface, jnaDirect)) {
            for (Method m : jna.getDeclaredMethods()) {
                if (m.getName().startsWith("customs_") && !header.functions().containsKey(m.getName())) {
                    problems.add(m.getName() + ": JNA " + jna.getSimpleName() + " binds it but customs.h does not"
                            + " declare it");
                }
            }
        }
        return problems;
    }

    private static void ffmFunction(CHeader.Function f, Class<?> ffm, List<String> problems) {
        String where = "FFM customs_h." + f.name() + "$descriptor()";
        FunctionDescriptor descriptor;
        try {
            descriptor = (FunctionDescriptor) ffm.getMethod(f.name() + "$descriptor").invoke(null);
        } catch (NoSuchMethodException e) {
            problems.add(f.name() + ": declared in customs.h (line " + f.line() + ") but has no FFM binding (" + where
                    + ")");
            return;
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            problems.add(f.name() + ": the FFM binding could not be linked: " + rootMessage(e));
            return;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        compare(f, descriptor.returnLayout().map(Conformance::kind).orElse(Kind.VOID),
                descriptor.returnLayout().map(Conformance::structName).orElse(null),
                descriptor.argumentLayouts().stream().map(Conformance::kind).toList(),
                descriptor.argumentLayouts().stream().map(Conformance::structName).toList(), where, problems);
    }

    private static void jnaFunction(CHeader.Function f, Class<?> jna, boolean direct, List<String> problems) {
        List<Method> overloads = Arrays.stream(jna.getDeclaredMethods())
                .filter(m -> m.getName().equals(f.name()) && (!direct || Modifier.isNative(m.getModifiers())))
                .sorted(Comparator.comparing(Method::toString)).toList();
        if (overloads.isEmpty()) {
            problems.add(f.name() + ": declared in customs.h (line " + f.line() + ") but has no JNA binding in "
                    + jna.getSimpleName());
        }
        for (Method m : overloads) {
            compare(f, kind(m.getReturnType()), structName(m.getReturnType()),
                    Arrays.stream(m.getParameterTypes()).map(Conformance::kind).toList(),
                    Arrays.stream(m.getParameterTypes()).map(Conformance::structName).toList(),
                    "JNA " + jna.getSimpleName() + "." + m.getName() + signature(m), problems);
        }
    }

    // --- callbacks ---------------------------------------------------------------------------------------------------

    /** Function-pointer typedefs against the FFM callback classes and the JNA callback interfaces. */
    public static List<String> callbacks(CHeader header) {
        List<String> problems = new ArrayList<>();
        for (CHeader.Function cb : sorted(header.callbacks())) {
            Class<?> ffm = tryLoad(FFM + cb.name());
            if (ffm == null) {
                problems.add(cb.name() + ": callback type in customs.h (line " + cb.line() + ") has no FFM class");
            } else {
                try {
                    FunctionDescriptor d = (FunctionDescriptor) ffm.getMethod("descriptor").invoke(null);
                    compare(cb, d.returnLayout().map(Conformance::kind).orElse(Kind.VOID), null,
                            d.argumentLayouts().stream().map(Conformance::kind).toList(),
                            d.argumentLayouts().stream().map(l -> (String) null).toList(),
                            "FFM " + cb.name() + ".descriptor()", problems);
                } catch (ReflectiveOperationException e) {
                    problems.add(cb.name() + ": FFM class has no usable descriptor(): " + rootMessage(e));
                }
            }
            Class<?> jna = tryLoad(JNA + cb.name());
            if (jna == null || !Callback.class.isAssignableFrom(jna)) {
                problems.add(cb.name() + ": callback type in customs.h (line " + cb.line()
                        + ") has no JNA Callback interface");
                continue;
            }
            List<Method> invoke = Arrays.stream(jna.getMethods()).filter(m -> m.getName().equals("invoke")).toList();
            if (invoke.size() != 1) {
                problems.add(cb.name() + ": JNA callback must declare exactly one invoke method");
                continue;
            }
            Method m = invoke.getFirst();
            compare(cb, kind(m.getReturnType()), null, Arrays.stream(m.getParameterTypes()).map(Conformance::kind)
                    .toList(), Arrays.stream(m.getParameterTypes()).map(t -> (String) null).toList(), "JNA "
                    + cb.name() + ".invoke", problems);
        }
        return problems;
    }

    // --- structs -----------------------------------------------------------------------------------------------------

    /** Header structs against the library's self-description (read through {@code backend}) and both bindings. */
    public static List<String> structs(CHeader header, Customs backend) {
        List<String> problems = new ArrayList<>();
        for (CHeader.Struct s : sorted(header.structs())) {
            String name = s.name();
            StructDescription c;
            try {
                c = backend.describeStruct(name);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": declared in customs.h (line " + s.line() + ") but the library does not describe"
                        + " it (customs_layout_size returned -1)");
                continue;
            }
            List<String> headerNames = s.fields().stream().map(Member::name).toList();
            List<String> libraryNames = c.fields().stream().map(StructDescription.Field::name).toList();
            if (!headerNames.equals(libraryNames)) {
                problems.add(name + ": fields in customs.h " + headerNames + " but the library was built with "
                        + libraryNames + " (rebuild libcustoms)");
                continue;
            }
            long[] natural = s.naturalOffsets();
            for (int i = 0; i < natural.length; i++) {
                if (natural[i] != c.fields().get(i).offset()) {
                    problems.add(name + "." + headerNames.get(i) + ": customs.h puts it at offset " + natural[i]
                            + " on LP64 but the library reports " + c.fields().get(i).offset());
                }
            }
            StructDescription java = backend.bindingLayout(name);
            compareLayout(name, c, java, backend.backend(), problems);
            List<Kind> headerKinds = s.fields().stream().map(f -> f.type().kind()).toList();
            List<Kind> javaKinds = backend.backend().equals("ffm") ? ffmFieldKinds(name) : jnaFieldKinds(name);
            if (!headerKinds.equals(javaKinds)) {
                problems.add(name + ": field kinds in customs.h " + headerKinds + " but " + backend.backend()
                        + " binds " + javaKinds);
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

    /** Enum values and #defines against {@link Status}, the {@link Customs} limits and the FFM accessors. */
    public static List<String> constants(CHeader header) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> status = header.enums().getOrDefault("customs_status", Map.of());
        for (Status s : Status.values()) {
            Long c = status.get(s.cName());
            if (c == null || c != s.code()) {
                problems.add(s.cName() + ": " + s.code() + " in dev.customs.api.Status but " + c + " in customs.h");
            }
        }
        for (String c : new TreeSet<>(status.keySet())) {
            if (Arrays.stream(Status.values()).noneMatch(s -> s.cName().equals(c))) {
                problems.add(c + ": in customs.h but missing from dev.customs.api.Status");
            }
        }
        Map<String, Integer> limits = Map.of("CUSTOMS_MAX_THREADS", Customs.MAX_THREADS, "CUSTOMS_MAX_FIELDS",
                Customs.MAX_FIELDS, "CUSTOMS_MAX_ASYNC_DELAY_MS", Customs.MAX_ASYNC_DELAY_MILLIS);
        for (var e : new java.util.TreeMap<>(limits).entrySet()) {
            Long c = header.constants().get(e.getKey());
            if (c == null || c.longValue() != e.getValue()) {
                problems.add(e.getKey() + ": " + e.getValue() + " in dev.customs.api.Customs but " + c
                        + " in customs.h");
            }
        }
        Class<?> ffm = load(FFM + "customs_h");
        Map<String, Long> all = new java.util.TreeMap<>(header.constants());
        header.enums().values().forEach(all::putAll);
        all.remove("CUSTOMS_H");
        for (var e : all.entrySet()) {
            try {
                Object v = ffm.getMethod(e.getKey()).invoke(null);
                if (((Number) v).longValue() != e.getValue()) {
                    problems.add(e.getKey() + ": " + v + " in FFM customs_h but " + e.getValue() + " in customs.h");
                }
            } catch (NoSuchMethodException ex) {
                problems.add(e.getKey() + ": in customs.h but FFM customs_h has no " + e.getKey() + "() accessor");
            } catch (ReflectiveOperationException ex) {
                problems.add(e.getKey() + ": FFM accessor failed: " + rootMessage(ex));
            }
        }
        return problems;
    }

    // --- kinds -------------------------------------------------------------------------------------------------------

    private static void compare(CHeader.Function f, Kind ret, String retStruct, List<Kind> params,
                                List<String> paramStructs, String where, List<String> problems) {
        if (f.returnType().kind() != ret || !Objects.equals(f.returnType().structName(), retStruct)
                && f.returnType().kind() == Kind.STRUCT) {
            problems.add(f.name() + ": returns " + f.returnType() + " in customs.h but " + describe(ret, retStruct)
                    + " in " + where);
        }
        if (f.parameters().size() != params.size()) {
            problems.add(f.name() + ": takes " + f.parameters().size() + " parameters in customs.h but "
                    + params.size() + " in " + where);
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            Member p = f.parameters().get(i);
            boolean structMismatch = p.type().kind() == Kind.STRUCT
                    && !Objects.equals(p.type().structName(), paramStructs.get(i));
            if (p.type().kind() != params.get(i) || structMismatch) {
                problems.add(f.name() + ": parameter " + (i + 1) + " (" + p.name() + ") is " + p.type()
                        + " in customs.h but " + describe(params.get(i), paramStructs.get(i)) + " in " + where);
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

    private static <T> List<T> sorted(Map<String, T> byName) {
        return new java.util.TreeMap<>(byName).values().stream().toList();
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
