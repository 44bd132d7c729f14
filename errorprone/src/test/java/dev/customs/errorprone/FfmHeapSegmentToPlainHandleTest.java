package dev.customs.errorprone;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmHeapSegmentToPlainHandleTest {
    private final CompilationTestHelper helper =
            CompilationTestHelper.newInstance(FfmHeapSegmentToPlainHandle.class, getClass())
                    .addSourceLines("lib/lib_h.java", Stubs.LIB_H);

    private static final String LINK = "  static final MethodHandle H = Linker.nativeLinker().downcallHandle("
            + "MemorySegment.NULL, FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,"
            + " ValueLayout.JAVA_LONG)";

    @Test
    void ofArrayToAPlainHandle() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                LINK + ");",
                "  static long f(int[] a) throws Throwable {",
                "    // BUG: Diagnostic contains: FfmHeapSegmentToPlainHandle",
                "    return (long) H.invokeExact(MemorySegment.ofArray(a), 4L);",
                "  }",
                "}").doTest();
    }

    @Test
    void heapSliceThroughALocalAndAnAdaptedHandle() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                LINK + ", Linker.Option.critical(false));",
                "  static long f(byte[] a) throws Throwable {",
                "    MemorySegment heap = MemorySegment.ofArray(a).asSlice(1);",
                "    MethodHandle bound = MethodHandles.insertArguments(H, 1, 4L);",
                "    // BUG: Diagnostic contains: FfmHeapSegmentToPlainHandle",
                "    return (long) bound.invokeExact(heap);",
                "  }",
                "}").doTest();
    }

    @Test
    void ofArrayToAJextractWrapper() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static long f(long[] a) {",
                "    // BUG: Diagnostic contains: FfmHeapSegmentToPlainHandle",
                "    return lib.lib_h.sum(MemorySegment.ofArray(a), a.length);",
                "  }",
                "}").doTest();
    }

    @Test
    void criticalTrueHandleTakesHeapSegments() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                LINK + ", Linker.Option.critical(true));",
                "  static long f(int[] a) throws Throwable {",
                "    return (long) H.invokeExact(MemorySegment.ofArray(a), 4L);",
                "  }",
                "}").doTest();
    }

    @Test
    void nativeSegmentsAndUnknownHandlesAreNotFlagged() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                LINK + ");",
                "  static long f(int[] a, MethodHandle unknown, Arena arena) throws Throwable {",
                "    long x = (long) H.invokeExact(arena.allocateFrom(ValueLayout.JAVA_INT, a), 4L);",
                "    return x + (long) unknown.invokeExact(MemorySegment.ofArray(a), 4L)",
                "        + lib.lib_h.sum(arena.allocate(8), 1);",
                "  }",
                "}").doTest();
    }

    @Test
    void optionsNotVisibleAreNotGuessed() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                "  static long f(int[] a, Linker.Option[] options, FunctionDescriptor d) throws Throwable {",
                "    MethodHandle h = Linker.nativeLinker().downcallHandle(MemorySegment.NULL, d, options);",
                "    return (long) h.invokeExact(MemorySegment.ofArray(a), 4L);",
                "  }",
                "}").doTest();
    }
}
