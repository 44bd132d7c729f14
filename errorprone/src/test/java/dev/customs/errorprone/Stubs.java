package dev.customs.errorprone;

/** Source lines the check tests compile against: jextract-shaped bindings and the two homes of UpcallGuard. */
final class Stubs {
    private Stubs() {}

    /** A jextract-style callback class: {@code item_cb.allocate(Function, Arena)}. */
    static final String[] ITEM_CB = {
        "package lib;",
        "import java.lang.foreign.*;",
        "import java.lang.invoke.*;",
        "public final class item_cb {",
        "  public interface Function { int apply(MemorySegment user, long index, int item); }",
        "  private static final FunctionDescriptor DESC = FunctionDescriptor.of(ValueLayout.JAVA_INT,",
        "      ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);",
        "  private static final MethodHandle UP;",
        "  static {",
        "    try {",
        "      UP = MethodHandles.lookup().findVirtual(Function.class, \"apply\", DESC.toMethodType());",
        "    } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }",
        "  }",
        "  public static MemorySegment allocate(item_cb.Function fi, Arena arena) {",
        "    return Linker.nativeLinker().upcallStub(UP.bindTo(fi), DESC, arena);",
        "  }",
        "}",
    };

    /** A jextract-style header class: {@code lib_h.sum(MemorySegment, long)} through a nested class's HANDLE. */
    static final String[] LIB_H = {
        "package lib;",
        "import java.lang.foreign.*;",
        "import java.lang.invoke.*;",
        "public final class lib_h {",
        "  private static class sum {",
        "    public static final FunctionDescriptor DESC = FunctionDescriptor.of(ValueLayout.JAVA_LONG,",
        "        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);",
        "    public static final MemorySegment ADDR = MemorySegment.NULL;",
        "    public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);",
        "  }",
        "  public static long sum(MemorySegment values, long count) {",
        "    var mh$ = sum.HANDLE;",
        "    try {",
        "      return (long) mh$.invokeExact(values, count);",
        "    } catch (Throwable t) { throw new AssertionError(t); }",
        "  }",
        "}",
    };

    static String[] guard(String pkg) {
        return new String[] {
            "package " + pkg + ";",
            "public final class UpcallGuard {",
            "  public int capture(Throwable t) { return -1; }",
            "  public lib.item_cb.Function guardItems(lib.item_cb.Function f) {",
            "    return (u, i, v) -> { try { return f.apply(u, i, v); } catch (Throwable t) { return capture(t); } };",
            "  }",
            "  public java.lang.invoke.MethodHandle guardHandle(java.lang.invoke.MethodHandle h) { return h; }",
            "}",
        };
    }
}
