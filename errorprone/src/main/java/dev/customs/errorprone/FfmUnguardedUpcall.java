package dev.customs.errorprone;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static dev.customs.errorprone.FfmTrees.LINKER;
import static dev.customs.errorprone.FfmTrees.METHOD_HANDLES;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * An upcall target that can throw and is not wrapped in {@code catch (Throwable ...)} or an {@code UpcallGuard}:
 * on FFM a throwable that leaves an upcall ends the JVM ("Unrecoverable uncaught exception encountered").
 *
 * <p>Upcall targets are lambdas and method references given to a jextract callback factory
 * {@code allocate(Function, Arena)}, and methods looked up by name ({@code findStatic}, {@code findVirtual},
 * {@code findSpecial}) and passed to {@code Linker.upcallStub}.
 */
@BugPattern(
        summary = "Upcall target can throw and is not guarded: a throwable leaving an upcall ends the JVM on FFM"
                + " (\"Unrecoverable uncaught exception encountered\")",
        explanation = "FFM has no way to hand a Java throwable to C: one that leaves an upcall ends the JVM. Wrap the"
                + " target's whole body in try { ... } catch (Throwable t) { return guard.capture(t); } with an"
                + " UpcallGuard (dev.customs.callbacks.UpcallGuard), and rethrow after the downcall returns.",
        severity = ERROR)
public final class FfmUnguardedUpcall extends BugChecker implements MethodInvocationTreeMatcher {
    private static final String LOOKUP = "java.lang.invoke.MethodHandles.Lookup";

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
        if (FfmTrees.isCallbackAllocate(tree, state)) {
            return matchCallbackTarget(tree, ASTHelpers.stripParentheses(tree.getArguments().get(0)), state);
        }
        if (FfmTrees.isCall(tree, LINKER, "upcallStub") && !tree.getArguments().isEmpty()) {
            return matchStubTarget(tree, tree.getArguments().get(0), state);
        }
        return Description.NO_MATCH;
    }

    private Description matchCallbackTarget(MethodInvocationTree call, ExpressionTree target, VisitorState state) {
        if (target instanceof LambdaExpressionTree lambda) {
            Tree thrower = UpcallBodies.firstUnguardedThrow(lambda.getBody(), state);
            return thrower == null ? Description.NO_MATCH : report(call, thrower, guardFix(lambda, state), state);
        }
        if (target instanceof MemberReferenceTree reference
                && ASTHelpers.getSymbol(reference) instanceof MethodSymbol method) {
            return matchMethods(call, List.of(method), state);
        }
        return Description.NO_MATCH;
    }

    private Description matchStubTarget(MethodInvocationTree call, ExpressionTree target, VisitorState state) {
        ExpressionTree source = target;
        for (int hop = 0; hop < 8 && source != null; hop++) {
            source = FfmTrees.handleSource(source, state);
            if (source == null || FfmTrees.isGuardCall(source)) {
                return Description.NO_MATCH;
            }
            if (!FfmTrees.isCall(source, METHOD_HANDLES, "catchException")) {
                break;
            }
            List<? extends ExpressionTree> args = ((MethodInvocationTree) source).getArguments();
            if (args.size() == 3 && isClassLiteralOf(args.get(1), state.getSymtab().throwableType, state)) {
                return Description.NO_MATCH;
            }
            source = args.get(0);
        }
        if (source == null || !FfmTrees.isCall(source, LOOKUP, "findStatic", "findVirtual", "findSpecial")) {
            return Description.NO_MATCH;
        }
        List<? extends ExpressionTree> args = ((MethodInvocationTree) source).getArguments();
        ClassSymbol owner = classOfLiteral(args.get(0));
        if (owner == null || !(FfmTrees.stripParensAndCasts(args.get(1)) instanceof LiteralTree name)
                || !(name.getValue() instanceof String methodName)) {
            return Description.NO_MATCH;
        }
        return matchMethods(call, FfmTrees.methodsNamed(owner, methodName), state);
    }

    private Description matchMethods(MethodInvocationTree call, List<MethodSymbol> methods, VisitorState state) {
        for (MethodSymbol method : methods) {
            MethodTree declaration = FfmTrees.declaration(method, state);
            Tree thrower = declaration == null ? null : UpcallBodies.firstUnguardedThrow(declaration.getBody(), state);
            if (thrower != null) {
                return report(call, thrower, null, state);
            }
        }
        return Description.NO_MATCH;
    }

    private Description report(MethodInvocationTree call, Tree thrower, SuggestedFix fix, VisitorState state) {
        Description.Builder description = buildDescription(call)
                .setMessage("Upcall target can throw (at " + firstLine(state.getSourceForNode(thrower)) + ") and is"
                        + " not guarded: on FFM a throwable leaving an upcall ends the JVM (\"Unrecoverable uncaught"
                        + " exception encountered\"). Catch Throwable in the target and hand it to an UpcallGuard.");
        if (fix != null) {
            description.addFix(fix);
        }
        return description.build();
    }

    private static String firstLine(String source) {
        if (source == null) {
            return "?";
        }
        int end = source.indexOf('\n');
        return end < 0 ? source : source.substring(0, end) + " ...";
    }

    /**
     * Wraps the lambda's body in {@code try { ... } catch (Throwable t) { return guard.capture(t); }}, when an
     * {@code UpcallGuard} is in scope and the callback returns {@code int} or nothing.
     */
    private static SuggestedFix guardFix(LambdaExpressionTree lambda, VisitorState state) {
        VarSymbol guard = null;
        for (VarSymbol visible : FindIdentifiers.findAllIdents(state)) {
            if (visible.type != null && visible.type.tsym != null
                    && visible.type.tsym.getSimpleName().contentEquals(FfmTrees.GUARD)) {
                guard = visible;
                break;
            }
        }
        Type lambdaType = ASTHelpers.getType(lambda);
        Type descriptor = lambdaType == null ? null : state.getTypes().findDescriptorType(lambdaType);
        if (guard == null || descriptor == null) {
            return null;
        }
        Type returns = descriptor.getReturnType();
        boolean returnsVoid = returns.getKind() == javax.lang.model.type.TypeKind.VOID;
        if (!returnsVoid && returns.getKind() != javax.lang.model.type.TypeKind.INT) {
            return null;
        }
        String thrown = "t";
        for (VariableTree parameter : lambda.getParameters()) {
            if (parameter.getName().contentEquals(thrown)) {
                thrown = "thrown";
            }
        }
        String capture = guard.getSimpleName() + ".capture(" + thrown + ");";
        String body = state.getSourceForNode(lambda.getBody());
        String tryBlock = lambda.getBodyKind() == LambdaExpressionTree.BodyKind.STATEMENT
                ? body
                : "{ " + (returnsVoid ? "" : "return ") + body + "; }";
        String handler = "catch (Throwable " + thrown + ") { " + (returnsVoid ? "" : "return ") + capture + " }";
        return SuggestedFix.replace(lambda.getBody(), "{ try " + tryBlock + " " + handler + " }");
    }

    private static boolean isClassLiteralOf(ExpressionTree tree, Type type, VisitorState state) {
        ClassSymbol literal = classOfLiteral(tree);
        return literal != null && ASTHelpers.isSameType(literal.type, type, state);
    }

    /** The class of a class literal {@code X.class}, or null. */
    private static ClassSymbol classOfLiteral(ExpressionTree tree) {
        Type type = ASTHelpers.getType(FfmTrees.stripParensAndCasts(tree));
        if (type == null || type.getTypeArguments().size() != 1
                || !(type.getTypeArguments().get(0).tsym instanceof ClassSymbol owner)) {
            return null;
        }
        return owner;
    }
}
