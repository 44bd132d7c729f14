package dev.customs.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Checks FFM bindings against a C header with the C compiler as the judge. For each struct: {@code sizeof},
 * {@code _Alignof}, and each field's offset, size and kind. For each function: that the header declares it, its arity,
 * and the ABI class of each parameter and of the return (an integer of N bytes, a pointer, a float, a double, a struct
 * by value of a given size and alignment).
 *
 * <pre>{@code
 * BindingChecker.forHeader(Path.of("/usr/include/zlib.h"))
 *         .structs(z_stream_s.class, gz_header_s.class)          // jextract struct classes: layout()
 *         .functions(zlib_h.class, "deflate", "inflate")         // jextract header class: NAME$descriptor()
 *         .function("crc32", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT))  // hand-written
 *         .verify();                                              // BindingMismatchException naming each mismatch
 * }</pre>
 *
 * <p>How the compiler judges, without any C parsing here: structs go into a C translation unit compiled and run with
 * the C compiler ({@code cc}), printing {@code sizeof}, {@code _Alignof}, {@code offsetof}, the field's {@code sizeof}
 * and {@code __builtin_classify_type}. Functions go into a C++ translation unit ({@code c++}) where a template
 * deduces the return and parameter types of {@code decltype(NAME)} and classifies each with {@code <type_traits>};
 * this needs a header that compiles as C++ (most C library headers do: they carry {@code extern "C"} guards). A probe
 * the compiler refuses (an undeclared function, a field C does not have) is reported with the compiler's message; the
 * only thing read from the compiler's diagnostics is which generated line it refused.
 */
public final class BindingChecker {
    private final String include;
    private final String headerName;
    private final List<String> flags = new ArrayList<>();
    private final Map<String, GroupLayout> structs = new LinkedHashMap<>();
    private final Map<String, Object> functions = new LinkedHashMap<>();
    private String cCompiler = envOr("CC", "cc");
    private String cxxCompiler = envOr("CXX", "c++");
    private SymbolLookup library;

    private BindingChecker(String include, String headerName) {
        this.include = include;
        this.headerName = headerName;
    }

    /** Checks against the header file at {@code header} (included by its absolute path). */
    public static BindingChecker forHeader(Path header) {
        Path absolute = header.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("header " + absolute + " does not exist");
        }
        return new BindingChecker("#include \"" + absolute + "\"", absolute.toString());
    }

    /** Checks against a header found on the compiler's include path, e.g. {@code "zlib.h"} for {@code <zlib.h>}. */
    public static BindingChecker forSystemHeader(String name) {
        return new BindingChecker("#include <" + Objects.requireNonNull(name, "name") + ">", "<" + name + ">");
    }

    /** Adds {@code -I} directories for both compilers. */
    public BindingChecker includeDirs(Path... dirs) {
        for (Path dir : dirs) {
            flags.add("-I" + dir.toAbsolutePath());
        }
        return this;
    }

    /** Adds compiler flags for both compilers, e.g. {@code -DZLIB_CONST}. */
    public BindingChecker compilerFlags(String... more) {
        flags.addAll(List.of(more));
        return this;
    }

    /** The C compiler command; default {@code $CC}, else {@code cc}. */
    public BindingChecker cCompiler(String command) {
        this.cCompiler = Objects.requireNonNull(command, "command");
        return this;
    }

    /** The C++ compiler command for the function check; default {@code $CXX}, else {@code c++}. */
    public BindingChecker cxxCompiler(String command) {
        this.cxxCompiler = Objects.requireNonNull(command, "command");
        return this;
    }

    /** Also checks that the library behind {@code lookup} exports every function checked. */
    public BindingChecker exportedBy(SymbolLookup lookup) {
        this.library = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    /**
     * Checks the struct or union {@code layout} as the C type named {@code name}: a tag ({@code struct NAME} or
     * {@code union NAME}) or a typedef, whichever the header defines, or a full C type such as {@code "struct foo"}.
     */
    public BindingChecker struct(String name, GroupLayout layout) {
        structs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(layout, "layout"));
        return this;
    }

    /**
     * Checks struct classes found reflectively: jextract's {@code public static GroupLayout layout()}, or else a
     * {@code public static final GroupLayout} field (a hand-written class). The C name is the layout's name, else the
     * class's simple name.
     */
    public BindingChecker structs(Class<?>... classes) {
        for (Class<?> type : classes) {
            GroupLayout layout = groupLayoutOf(type);
            struct(layout.name().orElse(type.getSimpleName()), layout);
        }
        return this;
    }

    /** Checks the function {@code name} bound with {@code descriptor}. */
    public BindingChecker function(String name, FunctionDescriptor descriptor) {
        functions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(descriptor, "descriptor"));
        return this;
    }

    /** Checks every function of a jextract header class: each {@code public static FunctionDescriptor NAME$descriptor()}. */
    public BindingChecker functions(Class<?> headerClass) {
        Arrays.stream(headerClass.getMethods()).filter(BindingChecker::isDescriptorAccessor)
                .sorted(Comparator.comparing(Method::getName))
                .forEach(m -> functions.put(m.getName().substring(0, m.getName().length() - "$descriptor".length()), m));
        return this;
    }

    /**
     * Checks the named functions of a jextract header class; a name without a {@code NAME$descriptor()} is reported as
     * missing from the binding.
     */
    public BindingChecker functions(Class<?> headerClass, String... names) {
        for (String name : names) {
            Method m;
            try {
                m = headerClass.getMethod(name + "$descriptor");
            } catch (NoSuchMethodException e) {
                m = null;
            }
            functions.put(name, m != null && isDescriptorAccessor(m) ? m : headerClass.getName() + "." + name
                    + "$descriptor()");
        }
        return this;
    }

    /** Runs both compilers and returns every mismatch, structs first; empty when the bindings agree with C. */
    public List<Mismatch> check() {
        Path work;
        try {
            work = Files.createTempDirectory("customs-checker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Mismatch> found = new ArrayList<>();
            if (!structs.isEmpty()) {
                Compiler cc = new Compiler(cCompiler, "C", "install a C compiler (apt-get install -y gcc) or pass"
                        + " cCompiler(...)", flags, work);
                found.addAll(StructCheck.check(cc, include, structs));
            }
            if (!functions.isEmpty()) {
                Compiler cxx = new Compiler(cxxCompiler, "C++", "install a C++ compiler (apt-get install -y g++) or"
                        + " pass cxxCompiler(...)", flags, work);
                found.addAll(FunctionCheck.check(cxx, include, resolveDescriptors(found), library));
            }
            return found;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Runs {@link #check()} and throws when anything differs.
     *
     * @throws BindingMismatchException listing every mismatch, one a line
     */
    public void verify() {
        List<Mismatch> found = check();
        if (!found.isEmpty()) {
            throw new BindingMismatchException(headerName, found);
        }
    }

    private Map<String, FunctionDescriptor> resolveDescriptors(List<Mismatch> found) {
        Map<String, FunctionDescriptor> resolved = new LinkedHashMap<>();
        for (var e : functions.entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case FunctionDescriptor d -> resolved.put(name, d);
                case Method m -> {
                    try {
                        resolved.put(name, (FunctionDescriptor) m.invoke(null));
                    } catch (InvocationTargetException | ExceptionInInitializerError ex) {
                        found.add(new Mismatch(name, null, Mismatch.LINK, "", m.getDeclaringClass().getSimpleName()
                                + "." + m.getName() + "() could not be initialised: " + rootMessage(ex)));
                    } catch (IllegalAccessException ex) {
                        throw new IllegalArgumentException(m + " is not accessible", ex);
                    }
                }
                case String missing -> found.add(new Mismatch(name, null, Mismatch.DECLARATION,
                        "checked as a C function", "the binding has no " + missing));
                default -> throw new IllegalStateException(String.valueOf(e.getValue()));
            }
        }
        return resolved;
    }

    private static boolean isDescriptorAccessor(Method m) {
        return m.getName().endsWith("$descriptor") && m.getParameterCount() == 0
                && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == FunctionDescriptor.class;
    }

    private static GroupLayout groupLayoutOf(Class<?> type) {
        try {
            Method layout = type.getMethod("layout");
            if (Modifier.isStatic(layout.getModifiers()) && GroupLayout.class.isAssignableFrom(layout.getReturnType())) {
                return (GroupLayout) layout.invoke(null);
            }
        } catch (NoSuchMethodException e) {
            // not jextract's shape: look for a field
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + ".layout() failed: " + rootMessage(e), e);
        }
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && GroupLayout.class.isAssignableFrom(f.getType())) {
                try {
                    return (GroupLayout) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException(f + " is not accessible", e);
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " has neither a public static GroupLayout layout() nor a"
                + " public static GroupLayout field");
    }

    /** A member layout's kind in the words the C side uses: integer, floating, pointer or array, struct, union. */
    static String kindOf(MemoryLayout member) {
        return switch (member) {
            case AddressLayout a -> "pointer or array";
            case SequenceLayout s -> "pointer or array";
            case ValueLayout.OfFloat f -> "floating";
            case ValueLayout.OfDouble d -> "floating";
            case ValueLayout v -> "integer";
            case StructLayout s -> "struct";
            case UnionLayout u -> "union";
            case PaddingLayout p -> "padding";
            default -> member.toString();
        };
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the check for
        }
    }
}
