package dev.customs.errorprone;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static dev.customs.errorprone.FfmTrees.ARENA;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * {@code Arena.ofConfined()} or {@code Arena.ofShared()} that is neither closed (by try-with-resources or a
 * {@code close()} call), nor returned, nor stored in a field, nor handed to other code: its memory is never freed.
 */
@BugPattern(
        summary = "Arena.ofConfined()/ofShared() never closed: its native memory is never freed",
        explanation = "A confined or shared arena frees its memory only on close(); the GC never does. One that is"
                + " not closed by try-with-resources, returned, stored in a field or handed on leaks everything"
                + " allocated from it (and its upcall stubs) for the life of the process.",
        severity = ERROR)
public final class FfmArenaNotClosed extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        if (!FfmTrees.isCall(tree, ARENA, "ofConfined", "ofShared")) {
            return Description.NO_MATCH;
        }
        TreePath path = state.getPath();
        Tree child = tree;
        TreePath parentPath = path.getParentPath();
        while (parentPath != null && (parentPath.getLeaf() instanceof ParenthesizedTree
                || parentPath.getLeaf() instanceof TypeCastTree
                || parentPath.getLeaf() instanceof ConditionalExpressionTree c && c.getCondition() != child)) {
            child = parentPath.getLeaf();
            parentPath = parentPath.getParentPath();
        }
        if (parentPath == null) {
            return Description.NO_MATCH;
        }
        Tree parent = parentPath.getLeaf();
        return switch (parent) {
            // Arena.ofConfined().allocate(...): the arena is gone once the call returns, never closed.
            case MemberSelectTree select -> unclosed(tree, null, state);
            case ExpressionStatementTree discarded -> unclosed(tree, null, state);
            case VariableTree variable -> matchVariable(tree, variable, parentPath, state);
            case AssignmentTree assignment
                    when ASTHelpers.getSymbol(assignment.getVariable()) instanceof VarSymbol v && isLocal(v) ->
                    neverLeaves(v, parentPath, state) ? unclosed(tree, null, state) : Description.NO_MATCH;
            // Returned, stored in a field, passed as an argument, a lambda's result: it leaves this code.
            default -> Description.NO_MATCH;
        };
    }

    private Description matchVariable(
            MethodInvocationTree call, VariableTree variable, TreePath variablePath, VisitorState state) {
        VarSymbol symbol = ASTHelpers.getSymbol(variable);
        Tree holder = variablePath.getParentPath().getLeaf();
        if (symbol == null || !isLocal(symbol)
                || holder instanceof TryTree t && t.getResources().contains(variable)
                || !neverLeaves(symbol, variablePath, state)) {
            return Description.NO_MATCH;
        }
        return unclosed(call, tryWithResources(variable, holder, state), state);
    }

    private Description unclosed(MethodInvocationTree call, SuggestedFix fix, VisitorState state) {
        Description.Builder description = buildDescription(call)
                .setMessage(state.getSourceForNode(call) + " is never closed: a confined or shared arena frees its"
                        + " memory only on close(), never by GC. Open it in try-with-resources, or return it, store"
                        + " it in a field or hand it to its owner.");
        if (fix != null) {
            description.addFix(fix);
        }
        return description.build();
    }

    private static boolean isLocal(VarSymbol symbol) {
        return symbol.getKind() == ElementKind.LOCAL_VARIABLE || symbol.getKind() == ElementKind.RESOURCE_VARIABLE;
    }

    /**
     * True when every use of the local {@code arena} in its scope is a call on it other than {@code close()}: it is
     * never closed, returned, assigned, passed on or captured.
     */
    private static boolean neverLeaves(VarSymbol arena, TreePath declaredAt, VisitorState state) {
        TreePath scope = declaredAt;
        while (scope != null && !(scope.getLeaf() instanceof BlockTree || scope.getLeaf() instanceof LambdaExpressionTree
                || scope.getLeaf() instanceof com.sun.source.tree.MethodTree)) {
            scope = scope.getParentPath();
        }
        if (scope == null) {
            return false;
        }
        boolean[] leaves = new boolean[1];
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                if (ASTHelpers.getSymbol(tree) == arena && !isCallOnIt(getCurrentPath())) {
                    leaves[0] = true;
                }
                return null;
            }
        }.scan(scope, null);
        return !leaves[0];
    }

    /** True when the identifier at {@code path} is the receiver of a call other than {@code close()}. */
    private static boolean isCallOnIt(TreePath path) {
        Tree parent = path.getParentPath().getLeaf();
        Tree grandparent = path.getParentPath().getParentPath().getLeaf();
        if (parent instanceof AssignmentTree assignment && assignment.getVariable() == path.getLeaf()) {
            return true; // assigned to, not read
        }
        return parent instanceof MemberSelectTree select && !select.getIdentifier().contentEquals("close")
                && grandparent instanceof MethodInvocationTree;
    }

    /** {@code Arena a = Arena.ofConfined(); rest...} becomes {@code try (Arena a = ...) { rest... }}. */
    private static SuggestedFix tryWithResources(VariableTree variable, Tree holder, VisitorState state) {
        if (!(holder instanceof BlockTree block)) {
            return null;
        }
        List<? extends StatementTree> statements = block.getStatements();
        int at = statements.indexOf(variable);
        if (at < 0) {
            return null;
        }
        List<? extends StatementTree> rest = statements.subList(at + 1, statements.size());
        if (returnsValue(rest)) {
            return null; // a returned segment would outlive the arena
        }
        SuggestedFix.Builder fix = SuggestedFix.builder();
        String resource = SuggestedFixes.qualifyType(state, fix, ARENA) + " " + variable.getName() + " = " + state.getSourceForNode(variable.getInitializer());
        String body = rest.isEmpty() ? "" : state.getSourceCode()
                .subSequence(ASTHelpers.getStartPosition(rest.get(0)), state.getEndPosition(rest.getLast()))
                .toString();
        int end = rest.isEmpty() ? state.getEndPosition(variable) : state.getEndPosition(rest.getLast());
        return fix.replace(ASTHelpers.getStartPosition(variable), end, "try (" + resource + ") {\n" + body + "\n}")
                .build();
    }

    private static boolean returnsValue(List<? extends StatementTree> statements) {
        boolean[] found = new boolean[1];
        for (StatementTree statement : statements) {
            new com.sun.source.util.TreeScanner<Void, Void>() {
                @Override
                public Void visitReturn(ReturnTree tree, Void unused) {
                    found[0] |= tree.getExpression() != null;
                    return null;
                }

                @Override
                public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                    return null;
                }

                @Override
                public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
                    return null;
                }
            }.scan(statement, null);
        }
        return found[0];
    }
}
