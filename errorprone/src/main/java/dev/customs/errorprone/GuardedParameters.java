package dev.customs.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parameter that every caller fills with a guarded value: an upcall that only forwards to it is guarded by its
 * callers. The callers looked at are those in the source files that declare the method and the methods it overrides
 * (a template method's callers are usually there); each must pass an argument built with an {@code UpcallGuard} call.
 */
final class GuardedParameters {
    private GuardedParameters() {}

    static boolean guardedAtEveryCallSite(VarSymbol parameter, VisitorState state) {
        if (!(parameter.owner instanceof MethodSymbol method)) {
            return false;
        }
        int index = method.params().indexOf(parameter);
        if (index < 0) {
            return false;
        }
        Set<MethodSymbol> targets = new HashSet<>(ASTHelpers.findSuperMethods(method, state.getTypes()));
        targets.add(method);
        Set<CompilationUnitTree> units = new LinkedHashSet<>();
        for (MethodSymbol target : targets) {
            if (target.owner instanceof ClassSymbol owner) {
                TreePath path = JavacTrees.instance(state.context).getPath(owner);
                if (path != null) {
                    units.add(path.getCompilationUnit());
                }
            }
        }
        int[] calls = new int[2]; // [all, guarded]
        for (CompilationUnitTree unit : units) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                    if (targets.contains(FfmTrees.method(tree)) && tree.getArguments().size() > index) {
                        calls[0]++;
                        if (containsGuardCall(tree.getArguments().get(index))) {
                            calls[1]++;
                        }
                    }
                    return super.visitMethodInvocation(tree, unused);
                }
            }.scan(unit, null);
        }
        return calls[0] > 0 && calls[0] == calls[1];
    }

    private static boolean containsGuardCall(ExpressionTree argument) {
        boolean[] found = new boolean[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                found[0] |= FfmTrees.isGuardCall(tree);
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(argument, null);
        return found[0];
    }
}
