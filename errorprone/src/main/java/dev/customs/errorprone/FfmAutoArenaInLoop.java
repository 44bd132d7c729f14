package dev.customs.errorprone;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static dev.customs.errorprone.FfmTrees.ARENA;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;

/**
 * {@code Arena.ofAuto()} inside a loop: every iteration makes an arena that only the GC frees, so native memory grows
 * with the loop, not with what is reachable, until allocation fails.
 */
@BugPattern(
        summary = "Arena.ofAuto() inside a loop: each iteration's native memory waits for the GC, which does not see"
                + " native memory pressure",
        explanation = "An automatic arena is freed only after the GC finds it unreachable. Made once per iteration,"
                + " native memory grows with the loop until allocation fails (OutOfMemoryError: Cannot reserve ..."
                + " bytes of direct buffer memory) or the process is killed. Use a confined arena in"
                + " try-with-resources inside the loop, or one arena outside it.",
        severity = ERROR)
public final class FfmAutoArenaInLoop extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        if (!FfmTrees.isCall(tree, ARENA, "ofAuto")) {
            return Description.NO_MATCH;
        }
        Tree child = tree;
        for (TreePath path = state.getPath().getParentPath(); path != null; path = path.getParentPath()) {
            Tree node = path.getLeaf();
            if (node instanceof MethodTree || node instanceof LambdaExpressionTree || node instanceof ClassTree) {
                return Description.NO_MATCH;
            }
            if (repeats(node, child)) {
                return buildDescription(tree)
                        .setMessage("Arena.ofAuto() inside a loop: each iteration's native memory waits for the GC"
                                + " (OutOfMemoryError: Cannot reserve ... bytes of direct buffer memory). Use"
                                + " try (Arena arena = Arena.ofConfined()) in the loop, or one arena outside it.")
                        .build();
            }
            child = node;
        }
        return Description.NO_MATCH;
    }

    /** True when {@code child} of {@code loop} runs once per iteration (not a for's initializer or a foreach's source). */
    private static boolean repeats(Tree loop, Tree child) {
        return switch (loop) {
            case ForLoopTree f -> !f.getInitializer().contains(child);
            case EnhancedForLoopTree f -> child == f.getStatement();
            case WhileLoopTree w -> true;
            case DoWhileLoopTree d -> true;
            default -> false;
        };
    }
}
