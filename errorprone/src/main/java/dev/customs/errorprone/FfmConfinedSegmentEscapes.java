package dev.customs.errorprone;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static dev.customs.errorprone.FfmTrees.ARENA;
import static dev.customs.errorprone.FfmTrees.SEGMENT;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * A segment of a confined arena (or the arena itself) used by code handed to another thread: a {@code Thread}, an
 * {@code Executor}, {@code CompletableFuture.*Async}, or a parallel stream. FFM refuses the access there with
 * {@code WrongThreadException}.
 */
@BugPattern(
        summary = "Confined arena or its segment used by code that runs on another thread: FFM throws"
                + " WrongThreadException",
        explanation = "A confined arena's segments can be accessed, and passed to downcalls, only by the thread that"
                + " opened it. Code run by another thread (new Thread, an Executor, CompletableFuture.*Async, a"
                + " parallel stream) gets WrongThreadException. Allocate from Arena.ofShared(), or do the work on"
                + " the owning thread.",
        severity = ERROR)
public final class FfmConfinedSegmentEscapes extends BugChecker
        implements MethodInvocationTreeMatcher, NewClassTreeMatcher {
    private static final Set<String> EXECUTOR_METHODS = Set.of("execute", "submit", "invokeAll", "invokeAny",
            "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
    private static final Set<String> SEGMENT_VIEWS = Set.of("asSlice", "asReadOnly", "reinterpret");
    private static final int MAX_HOPS = 8;

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
        if (!FfmTrees.isSubtype(ASTHelpers.getType(tree), "java.lang.Thread", state)) {
            return Description.NO_MATCH;
        }
        List<Tree> work = new ArrayList<>(tree.getArguments());
        if (tree.getClassBody() != null) {
            work.add(tree.getClassBody());
        }
        return matchWork(tree, work, state);
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        return runsElsewhere(tree, state) ? matchWork(tree, new ArrayList<>(tree.getArguments()), state)
                : Description.NO_MATCH;
    }

    /** True when the call hands its functional arguments to another thread. */
    private static boolean runsElsewhere(MethodInvocationTree tree, VisitorState state) {
        MethodSymbol method = FfmTrees.method(tree);
        if (method == null) {
            return false;
        }
        String name = method.getSimpleName().toString();
        Type owner = method.owner.type;
        if (FfmTrees.isSubtype(owner, "java.util.concurrent.Executor", state)) {
            return EXECUTOR_METHODS.contains(name);
        }
        if (FfmTrees.isSubtype(owner, "java.util.concurrent.CompletionStage", state)) {
            return name.endsWith("Async");
        }
        if (FfmTrees.isType(owner, "java.lang.Thread", state)) {
            return name.equals("startVirtualThread");
        }
        if (FfmTrees.isSubtype(owner, "java.lang.Thread.Builder", state)) {
            return name.equals("start") || name.equals("unstarted");
        }
        if (FfmTrees.isSubtype(owner, "java.util.concurrent.ThreadFactory", state)) {
            return name.equals("newThread");
        }
        if (FfmTrees.isSubtype(owner, "java.util.stream.BaseStream", state)) {
            return isParallel(ASTHelpers.getReceiver(tree));
        }
        return false;
    }

    /** True when a stream pipeline's receiver chain turned parallel ({@code parallel()}, {@code parallelStream()}). */
    private static boolean isParallel(ExpressionTree receiver) {
        ExpressionTree current = receiver;
        for (int hop = 0; hop < 32 && current instanceof MethodInvocationTree call; hop++) {
            MethodSymbol method = FfmTrees.method(call);
            if (method != null && method.getSimpleName().contentEquals("sequential")) {
                return false;
            }
            if (method != null && (method.getSimpleName().contentEquals("parallel")
                    || method.getSimpleName().contentEquals("parallelStream"))) {
                return true;
            }
            current = ASTHelpers.getReceiver(call);
        }
        return false;
    }

    private Description matchWork(Tree handOff, List<Tree> work, VisitorState state) {
        for (Tree item : work) {
            Tree body = switch (ASTHelpers.stripParentheses(item)) {
                case LambdaExpressionTree lambda -> lambda;
                case MemberReferenceTree reference -> reference;
                case com.sun.source.tree.ClassTree anonymous -> anonymous;
                case NewClassTree created when created.getClassBody() != null -> created.getClassBody();
                default -> null;
            };
            if (body == null) {
                continue;
            }
            for (VarSymbol captured : capturedLocals(body)) {
                MethodInvocationTree opened = confinedArenaOf(captured, state);
                if (opened != null) {
                    return buildDescription(handOff)
                            .setMessage(captured.getSimpleName() + " belongs to the confined arena "
                                    + state.getSourceForNode(opened) + " and is used by code that runs on another"
                                    + " thread: FFM throws WrongThreadException there. Open the arena with"
                                    + " Arena.ofShared(), or do this work on the owning thread.")
                            .addFix(openShared(opened, state))
                            .build();
                }
            }
        }
        return Description.NO_MATCH;
    }

    private static SuggestedFix openShared(MethodInvocationTree opened, VisitorState state) {
        SuggestedFix.Builder fix = SuggestedFix.builder();
        return fix.replace(opened, SuggestedFixes.qualifyType(state, fix, ARENA) + ".ofShared()").build();
    }

    /** The local variables a lambda, method reference or class body uses but does not declare. */
    private static List<VarSymbol> capturedLocals(Tree body) {
        Set<VarSymbol> declared = new HashSet<>();
        List<VarSymbol> used = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree tree, Void unused) {
                if (ASTHelpers.getSymbol(tree) != null) {
                    declared.add(ASTHelpers.getSymbol(tree));
                }
                return super.visitVariable(tree, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                if (ASTHelpers.getSymbol(tree) instanceof VarSymbol v
                        && (v.getKind() == ElementKind.LOCAL_VARIABLE || v.getKind() == ElementKind.RESOURCE_VARIABLE
                            || v.getKind() == ElementKind.PARAMETER)
                        && !used.contains(v)) {
                    used.add(v);
                }
                return null;
            }
        }.scan(body, null);
        used.removeAll(declared);
        return used;
    }

    /**
     * The {@code Arena.ofConfined()} call that {@code variable}'s value belongs to: the arena itself, a segment it
     * allocated, or a slice, view or reinterpretation of one. Null when it is not traced to one.
     */
    private static MethodInvocationTree confinedArenaOf(VarSymbol variable, VisitorState state) {
        ExpressionTree current = FfmTrees.definition(variable, state);
        for (int hop = 0; hop < MAX_HOPS && current != null; hop++) {
            current = FfmTrees.source(current, state);
            if (FfmTrees.isCall(current, ARENA, "ofConfined")) {
                return (MethodInvocationTree) current;
            }
            MethodSymbol method = FfmTrees.method(current);
            if (method == null) {
                return null;
            }
            String name = method.getSimpleName().toString();
            Type returned = method.getReturnType();
            if (FfmTrees.isType(returned, SEGMENT, state) && method.isStatic()
                    && (name.equals("allocate") || name.equals("allocateArray"))) {
                current = arenaArgument(((MethodInvocationTree) current).getArguments(), state); // jextract struct
            } else if (name.startsWith("allocate") && FfmTrees.isType(returned, SEGMENT, state)
                    || FfmTrees.isType(method.owner.type, SEGMENT, state) && SEGMENT_VIEWS.contains(name)) {
                ExpressionTree arena = arenaArgument(((MethodInvocationTree) current).getArguments(), state);
                current = arena != null ? arena : ASTHelpers.getReceiver(current); // reinterpret(size, arena, ...)
            } else {
                return null;
            }
        }
        return null;
    }

    private static ExpressionTree arenaArgument(List<? extends ExpressionTree> args, VisitorState state) {
        for (ExpressionTree arg : args) {
            if (FfmTrees.isSubtype(ASTHelpers.getType(arg), "java.lang.foreign.SegmentAllocator", state)) {
                return arg;
            }
        }
        return null;
    }
}
