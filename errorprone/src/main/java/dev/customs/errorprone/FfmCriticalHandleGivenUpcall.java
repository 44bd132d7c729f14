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
 * A downcall handle linked {@code Linker.Option.critical(...)} invoked with an upcall stub as an argument: a critical
 * function runs without the thread-state transition, so when C calls the stub back the JVM dies.
 */
@BugPattern(
        summary = "Upcall stub passed to a downcall handle linked Linker.Option.critical: the upcall ends the JVM"
                + " (fatal error: wrong thread state for upcall)",
        explanation = "A function linked critical runs in the Java thread state, with no transition to native; if it"
                + " calls an upcall stub the JVM aborts with a fatal error (\"wrong thread state for upcall\")."
                + " Link a function that calls back without Linker.Option.critical.",
        severity = ERROR)
public final class FfmCriticalHandleGivenUpcall extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        List<? extends ExpressionTree> args = Downcalls.handleInvocationArguments(tree);
        if (args == null) {
            return Description.NO_MATCH;
        }
        for (ExpressionTree arg : args) {
            if (FfmTrees.isUpcallStub(arg, state)) {
                if (!Downcalls.linkageOfInvokedHandle(tree, state).critical) {
                    return Description.NO_MATCH;
                }
                return buildDescription(tree)
                        .setMessage("Upcall stub " + state.getSourceForNode(arg) + " passed to a downcall linked"
                                + " Linker.Option.critical: when C calls it the JVM ends with a fatal error (wrong"
                                + " thread state for upcall). Link this function without critical.")
                        .build();
            }
        }
        return Description.NO_MATCH;
    }
}
