package dev.customs.errorprone;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmAutoArenaInLoopTest {
    private final CompilationTestHelper helper = CompilationTestHelper.newInstance(FfmAutoArenaInLoop.class, getClass());

    @Test
    void inAForBody() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static void f(int n) {",
                "    for (int i = 0; i < n; i++) {",
                "      // BUG: Diagnostic contains: FfmAutoArenaInLoop",
                "      MemorySegment s = Arena.ofAuto().allocate(1024);",
                "      s.fill((byte) 0);",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void inAForEachAndAWhile() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.*;",
                "class T {",
                "  static void f(List<String> names, Iterator<String> it) {",
                "    for (String name : names) {",
                "      // BUG: Diagnostic contains: FfmAutoArenaInLoop",
                "      Arena.ofAuto().allocateFrom(name);",
                "    }",
                "    while (it.hasNext()) {",
                "      if (it.next().isEmpty()) {",
                "        // BUG: Diagnostic contains: FfmAutoArenaInLoop",
                "        Arena a = Arena.ofAuto();",
                "        a.allocate(8);",
                "      }",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void inADoWhileCondition() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static void f() {",
                "    int i = 0;",
                "    do {",
                "      i++;",
                "      // BUG: Diagnostic contains: FfmAutoArenaInLoop",
                "    } while (Arena.ofAuto().allocate(i).byteSize() < 100);",
                "  }",
                "}").doTest();
    }

    @Test
    void outsideTheLoop() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static void f(int n) {",
                "    Arena arena = Arena.ofAuto();",
                "    for (int i = 0; i < n; i++) { arena.allocate(8); }",
                "  }",
                "}").doTest();
    }

    @Test
    void forInitializerAndForEachSource() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.*;",
                "class T {",
                "  static void f() {",
                "    for (Arena a = Arena.ofAuto(); a != null; a = null) { }",
                "    for (Object o : List.of(Arena.ofAuto())) { }",
                "  }",
                "}").doTest();
    }

    @Test
    void inALambdaOrClassDeclaredInALoopAndConfinedInALoop() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.function.*;",
                "class T {",
                "  static void f(int n) {",
                "    for (int i = 0; i < n; i++) {",
                "      Supplier<Arena> later = () -> Arena.ofAuto();",
                "      try (Arena a = Arena.ofConfined()) { a.allocate(8); }",
                "    }",
                "  }",
                "}").doTest();
    }
}
