package dev.customs.errorprone;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.List;

/**
 * A heap segment ({@code MemorySegment.ofArray}, or a slice of one) given to a downcall that was not linked with
 * {@code Linker.Option.critical(true)}: FFM refuses it with {@code IllegalArgumentException: Heap segment not allowed}.
 */
@BugPattern(
        summary = "Heap segment passed to a downcall handle not linked with Linker.Option.critical(true): FFM throws"
                + " IllegalArgumentException (\"Heap segment not allowed\")",
        explanation = "Only a function linked with Linker.Option.critical(true) may receive a heap segment (the JVM"
                + " pins the array for the call). Copy the array into a native segment (arena.allocateFrom), or"
                + " link the function critical(true) if it is short, never calls back and never blocks.",
        severity = ERROR)
public final class FfmHeapSegmentToPlainHandle extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        List<? extends ExpressionTree> handleArgs = Downcalls.handleInvocationArguments(tree);
        ExpressionTree heap;
        if (handleArgs != null) {
            heap = firstHeapSegment(handleArgs, state);
            if (heap == null || Downcalls.linkageOfInvokedHandle(tree, state).mayTakeHeap) {
                return Description.NO_MATCH;
            }
        } else {
            if (!Segments.anySegment(tree.getArguments(), state) || !Downcalls.isHeapRefusingJextractWrapper(tree, state)) {
                return Description.NO_MATCH;
            }
            heap = firstHeapSegment(tree.getArguments(), state);
            if (heap == null) {
                return Description.NO_MATCH;
            }
        }
        return buildDescription(tree)
                .setMessage("Heap segment " + state.getSourceForNode(heap) + " passed to a downcall not linked with"
                        + " Linker.Option.critical(true): FFM throws IllegalArgumentException (\"Heap segment not"
                        + " allowed\"). Copy it into a native segment (arena.allocateFrom), or link the function"
                        + " critical(true).")
                .build();
    }

    private static ExpressionTree firstHeapSegment(List<? extends ExpressionTree> args, VisitorState state) {
        for (ExpressionTree arg : args) {
            if (Segments.isHeap(arg, state)) {
                return arg;
            }
        }
        return null;
    }
}
