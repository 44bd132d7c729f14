package dev.customs.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * What the six checks share: recognising FFM calls by their declaring type, and following a value back to the one
 * expression that defined it. Every question here answers "unknown" (null, or false) rather than guess: a check reports
 * only what it has traced to its source.
 */
final class FfmTrees {
    static final String ARENA = "java.lang.foreign.Arena";
    static final String LINKER = "java.lang.foreign.Linker";
    static final String LINKER_OPTION = "java.lang.foreign.Linker.Option";
    static final String SEGMENT = "java.lang.foreign.MemorySegment";
    static final String SEGMENT_ALLOCATOR = "java.lang.foreign.SegmentAllocator";
    static final String FUNCTION_DESCRIPTOR = "java.lang.foreign.FunctionDescriptor";
    static final String METHOD_HANDLE = "java.lang.invoke.MethodHandle";
    static final String METHOD_HANDLES = "java.lang.invoke.MethodHandles";
    static final String GUARD = "UpcallGuard";

    /** How many definitions a value is followed through before the answer is "unknown". */
    private static final int MAX_HOPS = 12;

    private static final Set<String> HANDLE_ADAPTERS = Set.of("bindTo", "asType", "asSpreader", "asCollector",
            "asFixedArity", "asVarargsCollector", "withVarargs");
    private static final Set<String> HANDLES_COMBINATORS = Set.of("insertArguments", "dropArguments",
            "filterArguments", "filterReturnValue", "collectArguments", "foldArguments", "permuteArguments",
            "dropReturn");

    private FfmTrees() {}

    /** The method an invocation calls, or null when javac has none for it. */
    static MethodSymbol method(ExpressionTree tree) {
        ExpressionTree bare = ASTHelpers.stripParentheses(tree);
        return bare instanceof MethodInvocationTree call && ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol m
                ? m : null;
    }

    /** True when {@code tree} calls one of {@code names} declared by {@code owner} (a canonical class name). */
    static boolean isCall(ExpressionTree tree, String owner, String... names) {
        MethodSymbol m = method(tree);
        if (m == null || !m.owner.getQualifiedName().contentEquals(owner)) {
            return false;
        }
        for (String name : names) {
            if (m.getSimpleName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code tree} is a guard call: a method of a class whose simple name is {@code UpcallGuard} (in any
     * package), or a method given an {@code UpcallGuard} (a wrapper that guards with it, such as
     * {@code CustomsGuards.items(guard, callback)}).
     */
    static boolean isGuardCall(ExpressionTree tree) {
        MethodSymbol m = method(tree);
        if (m == null) {
            return false;
        }
        if (m.owner.getSimpleName().contentEquals(GUARD)) {
            return true;
        }
        for (ExpressionTree arg : ((MethodInvocationTree) ASTHelpers.stripParentheses(tree)).getArguments()) {
            Type type = ASTHelpers.getType(arg);
            if (type != null && type.tsym != null && type.tsym.getSimpleName().contentEquals(GUARD)) {
                return true;
            }
        }
        return false;
    }

    static boolean isType(Type type, String name, VisitorState state) {
        Type wanted = state.getTypeFromString(name);
        return type != null && wanted != null && ASTHelpers.isSameType(type, wanted, state);
    }

    static boolean isSubtype(Type type, String name, VisitorState state) {
        Type wanted = state.getTypeFromString(name);
        return type != null && wanted != null && ASTHelpers.isSubtype(type, wanted, state);
    }

    /**
     * A jextract callback factory: {@code static MemorySegment allocate(Fi fi, Arena arena)} where {@code Fi} is a
     * functional interface. The stub it returns calls {@code fi} from native code.
     */
    static boolean isCallbackAllocate(ExpressionTree tree, VisitorState state) {
        MethodSymbol m = method(tree);
        if (m == null || !m.isStatic() || !m.getSimpleName().contentEquals("allocate") || m.params().size() != 2) {
            return false;
        }
        Type fi = m.params().get(0).type;
        return isType(m.getReturnType(), SEGMENT, state)
                && isType(m.params().get(1).type, ARENA, state)
                && fi.tsym != null && fi.tsym.getKind() == ElementKind.INTERFACE;
    }

    /** True when the value of {@code tree} is an upcall stub: {@code Linker.upcallStub} or a jextract callback. */
    static boolean isUpcallStub(ExpressionTree tree, VisitorState state) {
        ExpressionTree source = source(tree, state);
        return isCall(source, LINKER, "upcallStub") || isCallbackAllocate(source, state);
    }

    /**
     * The expression a value comes from: parentheses and casts are looked through, and a variable is replaced by its
     * single definition in this compilation unit (initializer or the one assignment), repeatedly. A parameter, or a
     * variable defined more than once or elsewhere, is its own source.
     */
    static ExpressionTree source(ExpressionTree tree, VisitorState state) {
        ExpressionTree current = tree;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            current = stripParensAndCasts(current);
            if (!(current instanceof IdentifierTree || current instanceof MemberSelectTree)
                    || !(ASTHelpers.getSymbol(current) instanceof VarSymbol variable)) {
                return current;
            }
            ExpressionTree definition = definition(variable, state);
            if (definition == null) {
                return current;
            }
            current = definition;
        }
        return current;
    }

    /**
     * Where a method handle comes from, looking through the adapters that keep its linkage: {@code bindTo},
     * {@code asType}, {@code MethodHandles.insertArguments} and their kind.
     */
    static ExpressionTree handleSource(ExpressionTree tree, VisitorState state) {
        ExpressionTree current = tree;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            current = source(current, state);
            if (isCall(current, METHOD_HANDLE, HANDLE_ADAPTERS.toArray(String[]::new))) {
                current = ASTHelpers.getReceiver(current);
            } else if (isCall(current, METHOD_HANDLES, HANDLES_COMBINATORS.toArray(String[]::new))
                    && !((MethodInvocationTree) current).getArguments().isEmpty()) {
                current = ((MethodInvocationTree) current).getArguments().get(0);
            } else {
                return current;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static ExpressionTree stripParensAndCasts(ExpressionTree tree) {
        ExpressionTree current = tree;
        while (true) {
            if (current instanceof ParenthesizedTree p) {
                current = p.getExpression();
            } else if (current instanceof TypeCastTree c) {
                current = c.getExpression();
            } else {
                return current;
            }
        }
    }

    /** The single expression assigned to {@code variable} in this compilation unit, or null. */
    static ExpressionTree definition(VarSymbol variable, VisitorState state) {
        List<ExpressionTree> definitions = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree tree, Void unused) {
                if (tree.getInitializer() != null && ASTHelpers.getSymbol(tree) == variable) {
                    definitions.add(tree.getInitializer());
                }
                return super.visitVariable(tree, unused);
            }

            @Override
            public Void visitAssignment(AssignmentTree tree, Void unused) {
                if (ASTHelpers.getSymbol(tree.getVariable()) == variable) {
                    definitions.add(tree.getExpression());
                }
                return super.visitAssignment(tree, unused);
            }
        }.scan(state.getPath().getCompilationUnit(), null);
        return definitions.size() == 1 ? definitions.get(0) : null;
    }

    /** The source of a method compiled in this javac run, or null (a library method, or an abstract one). */
    static MethodTree declaration(MethodSymbol method, VisitorState state) {
        Tree tree = JavacTrees.instance(state.context).getTree(method);
        return tree instanceof MethodTree m && m.getBody() != null ? m : null;
    }

    /** The methods named {@code name} that {@code owner} declares. */
    static List<MethodSymbol> methodsNamed(ClassSymbol owner, String name) {
        List<MethodSymbol> found = new ArrayList<>();
        for (Symbol member : owner.getEnclosedElements()) {
            if (member instanceof MethodSymbol m && m.getSimpleName().contentEquals(name)) {
                found.add(m);
            }
        }
        return found;
    }

    /** True for the literal {@code true}. */
    static boolean isTrue(ExpressionTree tree) {
        return stripParensAndCasts(tree) instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue());
    }

    /** True for the literal {@code false}. */
    static boolean isFalse(ExpressionTree tree) {
        return stripParensAndCasts(tree) instanceof LiteralTree literal && Boolean.FALSE.equals(literal.getValue());
    }
}
