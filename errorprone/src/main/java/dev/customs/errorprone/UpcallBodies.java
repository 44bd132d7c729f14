package dev.customs.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Whether the body of an upcall can let a throwable out. A body can throw where it calls a method or constructor,
 * throws, indexes an array, divides integers by a non-constant, or casts a reference (calls known not to throw,
 * {@link #cannotThrow}, excepted); a {@code try} with a
 * {@code catch (Throwable ...)} that does not rethrow covers everything inside it, and a call on a class named
 * {@code UpcallGuard}, or on a parameter that every caller fills from one ({@link GuardedParameters}), is taken as
 * guarded. Nested lambdas and classes are not run by the body, so not looked into.
 */
final class UpcallBodies {
    private static final Set<String> SCALAR_ATOMICS = Set.of(
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicReference");

    private static final int MAX_FORWARDS = 4;

    private UpcallBodies() {}

    /** The first construct of {@code body} that can throw out of the upcall, or null when none can. */
    static Tree firstUnguardedThrow(Tree body, VisitorState state) {
        return firstUnguardedThrow(body, state, 0);
    }

    private static Tree firstUnguardedThrow(Tree body, VisitorState state, int depth) {
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                return found[0] != null ? null : super.scan(tree, unused);
            }

            private Void mayThrow(Tree tree) {
                found[0] = tree;
                return null;
            }

            @Override
            public Void visitTry(TryTree tree, Void unused) {
                if (!catchesThrowable(tree, state)) {
                    return super.visitTry(tree, unused);
                }
                for (CatchTree handler : tree.getCatches()) {
                    Tree rethrow = firstThrowStatement(handler.getBlock());
                    if (rethrow != null) {
                        return mayThrow(rethrow);
                    }
                }
                return scan(tree.getFinallyBlock(), unused);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                if (FfmTrees.isGuardCall(tree) || cannotThrow(tree) || forwardsSafely(tree, state, depth)) {
                    return super.visitMethodInvocation(tree, unused); // its arguments are still evaluated here
                }
                return mayThrow(tree);
            }

            @Override
            public Void visitNewClass(NewClassTree tree, Void unused) {
                return mayThrow(tree);
            }

            @Override
            public Void visitNewArray(NewArrayTree tree, Void unused) {
                return tree.getDimensions().isEmpty() ? super.visitNewArray(tree, unused) : mayThrow(tree);
            }

            @Override
            public Void visitThrow(ThrowTree tree, Void unused) {
                return mayThrow(tree);
            }

            @Override
            public Void visitArrayAccess(ArrayAccessTree tree, Void unused) {
                return mayThrow(tree);
            }

            @Override
            public Void visitAssert(AssertTree tree, Void unused) {
                return mayThrow(tree);
            }

            @Override
            public Void visitTypeCast(TypeCastTree tree, Void unused) {
                Type target = ASTHelpers.getType(tree.getType());
                return target != null && !target.isPrimitive() ? mayThrow(tree) : super.visitTypeCast(tree, unused);
            }

            @Override
            public Void visitBinary(BinaryTree tree, Void unused) {
                boolean division = tree.getKind() == Tree.Kind.DIVIDE || tree.getKind() == Tree.Kind.REMAINDER;
                Type type = ASTHelpers.getType(tree);
                boolean integral = type != null && type.isIntegral();
                boolean constantDivisor = tree.getRightOperand() instanceof LiteralTree literal
                        && literal.getValue() instanceof Number n && n.longValue() != 0;
                return division && integral && !constantDivisor ? mayThrow(tree) : super.visitBinary(tree, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }
        }.scan(body, null);
        return found[0];
    }

    /**
     * A call on a variable that holds a guarded callback (an {@code UpcallGuard} call made it, or, for a parameter,
     * every caller passes one), or a lambda that cannot throw itself.
     */
    private static boolean forwardsSafely(MethodInvocationTree call, VisitorState state, int depth) {
        if (depth >= MAX_FORWARDS || !(ASTHelpers.getReceiver(call) instanceof ExpressionTree receiver)
                || !(ASTHelpers.getSymbol(receiver) instanceof VarSymbol variable)) {
            return false;
        }
        if (variable.getKind() == ElementKind.PARAMETER) {
            return GuardedParameters.guardedAtEveryCallSite(variable, state);
        }
        ExpressionTree source = FfmTrees.source(receiver, state);
        MethodSymbol called = FfmTrees.method(call);
        return FfmTrees.isGuardCall(source)
                || source instanceof LambdaExpressionTree lambda && called != null && called.isAbstract()
                        && firstUnguardedThrow(lambda.getBody(), state, depth + 1) == null;
    }

    /**
     * Calls that throw nothing of their own: {@code PrintStream.print}/{@code println} (they record an I/O error
     * instead of throwing) and the scalar atomics ({@code AtomicInteger}, {@code AtomicLong}, {@code AtomicBoolean},
     * {@code AtomicReference}), except the ones that run a function ({@code updateAndGet}, {@code accumulateAndGet}, ...).
     */
    static boolean cannotThrow(MethodInvocationTree call) {
        MethodSymbol method = FfmTrees.method(call);
        if (method == null) {
            return false;
        }
        String owner = method.owner.getQualifiedName().toString();
        String name = method.getSimpleName().toString();
        return owner.equals("java.io.PrintStream") && (name.equals("print") || name.equals("println"))
                || SCALAR_ATOMICS.contains(owner) && !name.contains("pdate") && !name.contains("ccumulate");
    }

    /** True when one of the try's handlers catches {@code Throwable} itself. */
    static boolean catchesThrowable(TryTree tree, VisitorState state) {
        Type throwable = state.getSymtab().throwableType;
        for (CatchTree handler : tree.getCatches()) {
            Tree type = handler.getParameter().getType();
            Iterable<? extends Tree> alternatives = type instanceof UnionTypeTree union
                    ? union.getTypeAlternatives() : java.util.List.of(type);
            for (Tree alternative : alternatives) {
                if (ASTHelpers.isSameType(ASTHelpers.getType(alternative), throwable, state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Tree firstThrowStatement(Tree block) {
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitThrow(ThrowTree tree, Void unused) {
                if (found[0] == null) {
                    found[0] = tree;
                }
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }
        }.scan(block, null);
        return found[0];
    }
}
