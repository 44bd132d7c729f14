package dev.customs.errorprone;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmArenaNotClosedTest {
    private final CompilationTestHelper helper = CompilationTestHelper.newInstance(FfmArenaNotClosed.class, getClass());

    @Test
    void localArenaOnlyAllocatedFrom() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static long f() {",
                "    // BUG: Diagnostic contains: FfmArenaNotClosed",
                "    Arena arena = Arena.ofConfined();",
                "    MemorySegment s = arena.allocate(8);",
                "    return s.byteSize();",
                "  }",
                "}").doTest();
    }

    @Test
    void arenaUsedOnceAndDropped() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static MemorySegment f() {",
                "    // BUG: Diagnostic contains: FfmArenaNotClosed",
                "    return Arena.ofShared().allocate(8);",
                "  }",
                "  static void g() {",
                "    // BUG: Diagnostic contains: FfmArenaNotClosed",
                "    Arena.ofConfined();",
                "  }",
                "}").doTest();
    }

    @Test
    void assignedLaterToALocalAndCapturedByALambda() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.function.*;",
                "class T {",
                "  static Supplier<MemorySegment> f() {",
                "    Arena arena;",
                "    // BUG: Diagnostic contains: FfmArenaNotClosed",
                "    arena = Arena.ofShared();",
                "    return () -> arena.allocate(8);",
                "  }",
                "}").doTest();
    }

    @Test
    void tryWithResourcesAndExplicitClose() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static void f() {",
                "    try (Arena arena = Arena.ofConfined()) { arena.allocate(8); }",
                "    Arena other = Arena.ofShared();",
                "    try { other.allocate(8); } finally { other.close(); }",
                "    Arena third = Arena.ofConfined();",
                "    try (third) { third.allocate(8); }",
                "  }",
                "}").doTest();
    }

    @Test
    void returnedOrStoredInAField() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T implements AutoCloseable {",
                "  private final Arena arena = Arena.ofShared();",
                "  private Arena later;",
                "  static Arena open(boolean shared) { return shared ? Arena.ofShared() : Arena.ofConfined(); }",
                "  void start() { later = Arena.ofConfined(); }",
                "  static Arena local() { Arena a = Arena.ofConfined(); a.allocate(8); return a; }",
                "  @Override public void close() { arena.close(); later.close(); }",
                "}").doTest();
    }

    @Test
    void handedToAnOwner() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.*;",
                "class T {",
                "  record Owner(Arena arena) {}",
                "  static Owner f(List<Arena> all) {",
                "    Arena a = Arena.ofConfined();",
                "    all.add(a);",
                "    return new Owner(Arena.ofShared());",
                "  }",
                "}").doTest();
    }

    @Test
    void fixOpensTheArenaInTryWithResources() {
        BugCheckerRefactoringTestHelper.newInstance(FfmArenaNotClosed.class, getClass())
                .addInputLines("T.java",
                        "import java.lang.foreign.*;",
                        "class T {",
                        "  static void f() {",
                        "    Arena arena = Arena.ofConfined();",
                        "    MemorySegment s = arena.allocate(8);",
                        "    s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);",
                        "  }",
                        "}")
                .addOutputLines("T.java",
                        "import java.lang.foreign.*;",
                        "class T {",
                        "  static void f() {",
                        "    try (Arena arena = Arena.ofConfined()) {",
                        "      MemorySegment s = arena.allocate(8);",
                        "      s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);",
                        "    }",
                        "  }",
                        "}")
                .doTest();
    }
}
