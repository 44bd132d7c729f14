package dev.customs.errorprone;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmConfinedSegmentEscapesTest {
    private final CompilationTestHelper helper =
            CompilationTestHelper.newInstance(FfmConfinedSegmentEscapes.class, getClass());

    @Test
    void segmentReadOnAnExecutor() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.concurrent.*;",
                "class T {",
                "  static int f(ExecutorService pool) throws Exception {",
                "    try (Arena arena = Arena.ofConfined()) {",
                "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT);",
                "      // BUG: Diagnostic contains: FfmConfinedSegmentEscapes",
                "      return pool.submit(() -> s.get(ValueLayout.JAVA_INT, 0)).get();",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void sliceWrittenOnANewThreadAndArenaUsedAsync() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.concurrent.*;",
                "class T {",
                "  static void f() throws Exception {",
                "    Arena arena = Arena.ofConfined();",
                "    MemorySegment s = arena.allocate(16).asSlice(8);",
                "    // BUG: Diagnostic contains: FfmConfinedSegmentEscapes",
                "    Thread t = new Thread(() -> s.set(ValueLayout.JAVA_INT, 0, 1));",
                "    t.start();",
                "    t.join();",
                "    // BUG: Diagnostic contains: FfmConfinedSegmentEscapes",
                "    CompletableFuture.supplyAsync(() -> arena.allocate(4)).join();",
                "    arena.close();",
                "  }",
                "}").doTest();
    }

    @Test
    void segmentInAParallelStream() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.stream.*;",
                "class T {",
                "  static void f() {",
                "    try (Arena arena = Arena.ofConfined()) {",
                "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT, 100);",
                "      // BUG: Diagnostic contains: FfmConfinedSegmentEscapes",
                "      IntStream.range(0, 100).parallel().forEach(i -> s.setAtIndex(ValueLayout.JAVA_INT, i, i));",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void sharedArenaMayCrossThreads() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.concurrent.*;",
                "class T {",
                "  static int f(ExecutorService pool) throws Exception {",
                "    try (Arena arena = Arena.ofShared()) {",
                "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT);",
                "      return pool.submit(() -> s.get(ValueLayout.JAVA_INT, 0)).get();",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void confinedArenaOpenedInsideTheTask() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.concurrent.*;",
                "class T {",
                "  static int f(ExecutorService pool) throws Exception {",
                "    return pool.submit(() -> {",
                "      try (Arena arena = Arena.ofConfined()) {",
                "        MemorySegment s = arena.allocate(ValueLayout.JAVA_INT);",
                "        return s.get(ValueLayout.JAVA_INT, 0);",
                "      }",
                "    }).get();",
                "  }",
                "}").doTest();
    }

    @Test
    void sequentialStreamAndSameThreadUse() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.stream.*;",
                "class T {",
                "  static void f(Runnable r) {",
                "    try (Arena arena = Arena.ofConfined()) {",
                "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT, 100);",
                "      IntStream.range(0, 100).forEach(i -> s.setAtIndex(ValueLayout.JAVA_INT, i, i));",
                "      Runnable local = () -> s.set(ValueLayout.JAVA_INT, 0, 1);",
                "      local.run();",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void fixOpensTheArenaShared() {
        BugCheckerRefactoringTestHelper.newInstance(FfmConfinedSegmentEscapes.class, getClass())
                .addInputLines("T.java",
                        "import java.lang.foreign.*;",
                        "import java.util.concurrent.*;",
                        "class T {",
                        "  static int f(ExecutorService pool) throws Exception {",
                        "    try (Arena arena = Arena.ofConfined()) {",
                        "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT);",
                        "      return pool.submit(() -> s.get(ValueLayout.JAVA_INT, 0)).get();",
                        "    }",
                        "  }",
                        "}")
                .addOutputLines("T.java",
                        "import java.lang.foreign.*;",
                        "import java.util.concurrent.*;",
                        "class T {",
                        "  static int f(ExecutorService pool) throws Exception {",
                        "    try (Arena arena = Arena.ofShared()) {",
                        "      MemorySegment s = arena.allocate(ValueLayout.JAVA_INT);",
                        "      return pool.submit(() -> s.get(ValueLayout.JAVA_INT, 0)).get();",
                        "    }",
                        "  }",
                        "}")
                .doTest();
    }
}
