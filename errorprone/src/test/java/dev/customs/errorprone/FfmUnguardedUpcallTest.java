package dev.customs.errorprone;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FfmUnguardedUpcallTest {
    private final CompilationTestHelper helper = CompilationTestHelper.newInstance(FfmUnguardedUpcall.class, getClass())
            .addSourceLines("lib/item_cb.java", Stubs.ITEM_CB)
            .addSourceLines("dev/customs/api/UpcallGuard.java", Stubs.guard("dev.customs.api"))
            .addSourceLines("dev/customs/callbacks/UpcallGuard.java", Stubs.guard("dev.customs.callbacks"))
            .addSourceLines("other/UpcallGuard.java", Stubs.guard("other"));

    @Test
    void lambdaThatCallsAndIsNotGuarded() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static int handle(int x) { if (x < 0) throw new IllegalStateException(); return 0; }",
                "  static MemorySegment stub(Arena arena) {",
                "    // BUG: Diagnostic contains: FfmUnguardedUpcall",
                "    return lib.item_cb.allocate((u, i, v) -> handle(v), arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void blockLambdaWhoseTryCatchesOnlyRuntimeException() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static MemorySegment stub(Arena arena, int[] seen) {",
                "    // BUG: Diagnostic contains: FfmUnguardedUpcall",
                "    return lib.item_cb.allocate((u, i, v) -> {",
                "      try { seen[(int) i] = v; return 0; } catch (RuntimeException e) { return 1; }",
                "    }, arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void methodReferenceToAThrowingMethod() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static int onItem(MemorySegment u, long i, int v) { return Integer.parseInt(\"\" + v); }",
                "  static MemorySegment stub(Arena arena) {",
                "    // BUG: Diagnostic contains: FfmUnguardedUpcall",
                "    return lib.item_cb.allocate(T::onItem, arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void methodLookedUpAndPassedToUpcallStub() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                "  static int target(int x) { return 10 / x; }",
                "  static MemorySegment stub(Arena arena) throws ReflectiveOperationException {",
                "    MethodHandle h = MethodHandles.lookup().findStatic(T.class, \"target\",",
                "        MethodType.methodType(int.class, int.class));",
                "    // BUG: Diagnostic contains: FfmUnguardedUpcall",
                "    return Linker.nativeLinker().upcallStub(h,",
                "        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void rethrowingCatchIsNoGuard() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static int handle(int x) { return x; }",
                "  static MemorySegment stub(Arena arena) {",
                "    // BUG: Diagnostic contains: FfmUnguardedUpcall",
                "    return lib.item_cb.allocate((u, i, v) -> {",
                "      try { return handle(v); } catch (Throwable t) { throw new RuntimeException(t); }",
                "    }, arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void catchThrowableIsAGuard() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  static int handle(int x) { return x; }",
                "  static MemorySegment stub(Arena arena, dev.customs.callbacks.UpcallGuard guard) {",
                "    return lib.item_cb.allocate((u, i, v) -> {",
                "      try { return handle(v); } catch (Throwable t) { return guard.capture(t); }",
                "    }, arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void guardInEitherPackageOrBySimpleNameOrAWrapperGivenOne() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "class T {",
                "  static int handle(int x) { return x; }",
                "  static void stubs(Arena arena, dev.customs.api.UpcallGuard a, dev.customs.callbacks.UpcallGuard b,",
                "      other.UpcallGuard c, MethodHandle target, FunctionDescriptor d) {",
                "    lib.item_cb.allocate(a.guardItems((u, i, v) -> handle(v)), arena);",
                "    lib.item_cb.Function guarded = b.guardItems((u, i, v) -> handle(v));",
                "    lib.item_cb.allocate((u, i, v) -> guarded.apply(u, i, v), arena);",
                "    Linker.nativeLinker().upcallStub(c.guardHandle(target), d, arena);",
                "    lib.item_cb.allocate(Guards.items(b, (u, i, v) -> handle(v)), arena);",
                "  }",
                "}")
                .addSourceLines("Guards.java",
                        "class Guards {",
                        "  static lib.item_cb.Function items(dev.customs.callbacks.UpcallGuard g, lib.item_cb.Function f) {",
                        "    return (u, i, v) -> { try { return f.apply(u, i, v); } catch (Throwable t) { return g.capture(t); } };",
                        "  }",
                        "}").doTest();
    }

    @Test
    void bodiesThatCannotThrow() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.util.concurrent.atomic.AtomicInteger;",
                "class T {",
                "  static MemorySegment a(Arena arena) { return lib.item_cb.allocate((u, i, v) -> v + 1, arena); }",
                "  static MemorySegment b(Arena arena, AtomicInteger n) {",
                "    return lib.item_cb.allocate((u, i, v) -> { n.addAndGet(v); System.out.println(v); return 0; },",
                "        arena);",
                "  }",
                "  static MemorySegment c(Arena arena) { return lib.item_cb.allocate((u, i, v) -> v / 2, arena); }",
                "}").doTest();
    }

    @Test
    void catchExceptionWithThrowableAndParametersGuardedByEveryCaller() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "import java.lang.invoke.*;",
                "abstract class T {",
                "  static int target(int x) { return 10 / x; }",
                "  static int status(Throwable t, int x) { return -1; }",
                "  static MemorySegment stub(Arena arena, FunctionDescriptor d) throws ReflectiveOperationException {",
                "    MethodHandle h = MethodHandles.lookup().findStatic(T.class, \"target\",",
                "        MethodType.methodType(int.class, int.class));",
                "    MethodHandle handler = MethodHandles.lookup().findStatic(T.class, \"status\",",
                "        MethodType.methodType(int.class, Throwable.class, int.class));",
                "    return Linker.nativeLinker().upcallStub(",
                "        MethodHandles.catchException(h, Throwable.class, handler), d, arena);",
                "  }",
                "  final int forEach(lib.item_cb.Function f, Arena arena) {",
                "    return forEach0(new dev.customs.api.UpcallGuard().guardItems(f), arena);",
                "  }",
                "  abstract int forEach0(lib.item_cb.Function guarded, Arena arena);",
                "  static final class Impl extends T {",
                "    @Override int forEach0(lib.item_cb.Function guarded, Arena arena) {",
                "      lib.item_cb.allocate((u, i, v) -> guarded.apply(u, i, v), arena);",
                "      return 0;",
                "    }",
                "  }",
                "}").doTest();
    }

    @Test
    void suppressedOnADeliberateSpecimen() {
        helper.addSourceLines("T.java",
                "import java.lang.foreign.*;",
                "class T {",
                "  @SuppressWarnings(\"FfmUnguardedUpcall\") // the specimen: FFM must end this JVM",
                "  static MemorySegment stub(Arena arena) {",
                "    return lib.item_cb.allocate((u, i, v) -> { throw new IllegalStateException(); }, arena);",
                "  }",
                "}").doTest();
    }

    @Test
    void fixWrapsAnExpressionLambdaWithTheGuardInScope() {
        BugCheckerRefactoringTestHelper.newInstance(FfmUnguardedUpcall.class, getClass())
                .addInputLines("lib/item_cb.java", Stubs.ITEM_CB).expectUnchanged()
                .addInputLines("dev/customs/callbacks/UpcallGuard.java", Stubs.guard("dev.customs.callbacks"))
                .expectUnchanged()
                .addInputLines("T.java",
                        "import java.lang.foreign.*;",
                        "import dev.customs.callbacks.UpcallGuard;",
                        "class T {",
                        "  static int handle(int x) { return x; }",
                        "  static MemorySegment stub(Arena arena, UpcallGuard guard) {",
                        "    return lib.item_cb.allocate((u, i, v) -> handle(v), arena);",
                        "  }",
                        "}")
                .addOutputLines("T.java",
                        "import java.lang.foreign.*;",
                        "import dev.customs.callbacks.UpcallGuard;",
                        "class T {",
                        "  static int handle(int x) { return x; }",
                        "  static MemorySegment stub(Arena arena, UpcallGuard guard) {",
                        "    return lib.item_cb.allocate((u, i, v) -> { try { return handle(v); }",
                        "        catch (Throwable t) { return guard.capture(t); } }, arena);",
                        "  }",
                        "}")
                .doTest();
    }

    @Test
    void fixWrapsABlockLambda() {
        BugCheckerRefactoringTestHelper.newInstance(FfmUnguardedUpcall.class, getClass())
                .addInputLines("lib/item_cb.java", Stubs.ITEM_CB).expectUnchanged()
                .addInputLines("dev/customs/api/UpcallGuard.java", Stubs.guard("dev.customs.api")).expectUnchanged()
                .addInputLines("T.java",
                        "import java.lang.foreign.*;",
                        "class T {",
                        "  final dev.customs.api.UpcallGuard guard = new dev.customs.api.UpcallGuard();",
                        "  static int handle(int x) { return x; }",
                        "  MemorySegment stub(Arena arena) {",
                        "    return lib.item_cb.allocate((u, i, t) -> { int r = handle(t); return r; }, arena);",
                        "  }",
                        "}")
                .addOutputLines("T.java",
                        "import java.lang.foreign.*;",
                        "class T {",
                        "  final dev.customs.api.UpcallGuard guard = new dev.customs.api.UpcallGuard();",
                        "  static int handle(int x) { return x; }",
                        "  MemorySegment stub(Arena arena) {",
                        "    return lib.item_cb.allocate((u, i, t) -> { try { int r = handle(t); return r; }",
                        "        catch (Throwable thrown) { return guard.capture(thrown); } }, arena);",
                        "  }",
                        "}")
                .doTest();
    }
}
