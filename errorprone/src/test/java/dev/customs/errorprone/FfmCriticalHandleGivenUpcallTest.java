package dev.customs.errorprone;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmCriticalHandleGivenUpcallTest {
    private final CompilationTestHelper helper =
            CompilationTestHelper.newInstance(FfmCriticalHandleGivenUpcall.class, getClass())
                    .addSourceLines("lib/item_cb.java", Stubs.ITEM_CB);

    private static final String DESC = "  static final FunctionDescriptor D = FunctionDescriptor.of(ValueLayout.JAVA_INT,"
            + " ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS);";

    @Test
    void jextractStubToACriticalHandle() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                DESC,
                "  static int f(Arena arena, MemorySegment items) throws Throwable {",
                "    MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.NULL, D,",
                "        Linker.Option.critical(false));",
                "    MemorySegment stub = lib.item_cb.allocate((u, i, v) -> 0, arena);",
                "    // BUG: Diagnostic contains: FfmCriticalHandleGivenUpcall",
                "    return (int) h.invokeExact(items, 2L, stub, MemorySegment.NULL);",
                "  }",
                "}").doTest();
    }

    @Test
    void upcallStubInlineToACriticalHeapHandle() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                DESC,
                "  static final MethodHandle CRIT = Linker.nativeLinker().downcallHandle(MemorySegment.NULL, D,",
                "      Linker.Option.critical(true));",
                "  static int f(Arena arena, MethodHandle target, FunctionDescriptor cb) throws Throwable {",
                "    // BUG: Diagnostic contains: FfmCriticalHandleGivenUpcall",
                "    return (int) CRIT.invokeExact(MemorySegment.NULL, 2L,",
                "        Linker.nativeLinker().upcallStub(target, cb, arena), MemorySegment.NULL);",
                "  }",
                "}").doTest();
    }

    @Test
    void throughABoundHandle() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                DESC,
                "  static int f(Arena arena) throws Throwable {",
                "    MethodHandle h = MethodHandles.insertArguments(Linker.nativeLinker().downcallHandle(",
                "        MemorySegment.NULL, D, Linker.Option.critical(true)), 3, MemorySegment.NULL);",
                "    MemorySegment stub = lib.item_cb.allocate((u, i, v) -> 0, arena);",
                "    // BUG: Diagnostic contains: FfmCriticalHandleGivenUpcall",
                "    return (int) h.invoke(MemorySegment.NULL, 2L, stub);",
                "  }",
                "}").doTest();
    }

    @Test
    void plainHandleMayCallBack() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                DESC,
                "  static int f(Arena arena) throws Throwable {",
                "    MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.NULL, D);",
                "    MemorySegment stub = lib.item_cb.allocate((u, i, v) -> 0, arena);",
                "    return (int) h.invokeExact(MemorySegment.NULL, 2L, stub, MemorySegment.NULL);",
                "  }",
                "}").doTest();
    }

    @Test
    void criticalHandleWithoutAStub() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                DESC,
                "  static int f(Arena arena, MemorySegment fn) throws Throwable {",
                "    MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.NULL, D,",
                "        Linker.Option.critical(true));",
                "    return (int) h.invokeExact(arena.allocate(8), 2L, fn, MemorySegment.NULL);",
                "  }",
                "}").doTest();
    }

    @Test
    void unknownHandleIsNotGuessed() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                "  static int f(Arena arena, MethodHandle h) throws Throwable {",
                "    MemorySegment stub = lib.item_cb.allocate((u, i, v) -> 0, arena);",
                "    return (int) h.invokeExact(MemorySegment.NULL, 2L, stub, MemorySegment.NULL);",
                "  }",
                "}").doTest();
    }
}
