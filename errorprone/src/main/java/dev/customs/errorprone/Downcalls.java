package dev.customs.errorprone;

import static dev.customs.errorprone.FfmTrees.FUNCTION_DESCRIPTOR;
import static dev.customs.errorprone.FfmTrees.LINKER;
import static dev.customs.errorprone.FfmTrees.LINKER_OPTION;
import static dev.customs.errorprone.FfmTrees.METHOD_HANDLE;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/** Downcalls: how a downcall handle was linked, and which calls invoke one. */
final class Downcalls {
    /** How a handle was linked, as far as the source shows. */
    enum Linkage {
        /** Linked without {@code Linker.Option.critical}. */
        PLAIN(false, false),
        /** Linked with {@code Linker.Option.critical(false)}: no upcalls, no heap segments either. */
        CRITICAL(true, false),
        /** Linked with {@code Linker.Option.critical(true)}: no upcalls; heap segments allowed. */
        CRITICAL_HEAP(true, true),
        /** Not a downcall handle, or its options are not all visible. */
        UNKNOWN(false, true);

        final boolean critical;
        final boolean mayTakeHeap;

        Linkage(boolean critical, boolean mayTakeHeap) {
            this.critical = critical;
            this.mayTakeHeap = mayTakeHeap;
        }
    }

    private Downcalls() {}

    /** The arguments passed to a downcall handle: the ones of {@code invokeExact}/{@code invoke}, else null. */
    static List<? extends ExpressionTree> handleInvocationArguments(MethodInvocationTree call) {
        return FfmTrees.isCall(call, METHOD_HANDLE, "invokeExact", "invoke", "invokeWithArguments")
                ? call.getArguments() : null;
    }

    /** How the handle an invocation calls was linked. */
    static Linkage linkageOfInvokedHandle(MethodInvocationTree call, VisitorState state) {
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        return receiver == null ? Linkage.UNKNOWN : linkage(FfmTrees.handleSource(receiver, state), state);
    }

    /** How {@code handle} (the source of a handle) was linked: {@code Linker.downcallHandle} and its options. */
    static Linkage linkage(ExpressionTree handle, VisitorState state) {
        if (handle == null || !FfmTrees.isCall(handle, LINKER, "downcallHandle")) {
            return Linkage.UNKNOWN;
        }
        List<? extends ExpressionTree> args = ((MethodInvocationTree) handle).getArguments();
        int descriptor = -1;
        for (int i = 0; i < args.size(); i++) {
            if (FfmTrees.isType(ASTHelpers.getType(args.get(i)), FUNCTION_DESCRIPTOR, state)) {
                descriptor = i;
                break;
            }
        }
        if (descriptor < 0) {
            return Linkage.UNKNOWN;
        }
        Linkage linkage = Linkage.PLAIN;
        for (ExpressionTree option : args.subList(descriptor + 1, args.size())) {
            ExpressionTree source = FfmTrees.source(option, state);
            if (FfmTrees.isCall(source, LINKER_OPTION, "critical")) {
                ExpressionTree allowHeap = ((MethodInvocationTree) source).getArguments().get(0);
                if (FfmTrees.isTrue(allowHeap)) {
                    linkage = Linkage.CRITICAL_HEAP;
                } else if (FfmTrees.isFalse(allowHeap)) {
                    linkage = linkage == Linkage.CRITICAL_HEAP ? linkage : Linkage.CRITICAL;
                } else {
                    return Linkage.UNKNOWN;
                }
            } else if (!(FfmTrees.method(source) instanceof MethodSymbol m
                    && m.owner.getQualifiedName().contentEquals(LINKER_OPTION))) {
                return Linkage.UNKNOWN; // an Option[] or an option from elsewhere: not visible
            }
        }
        return linkage;
    }

    /**
     * A jextract function wrapper, {@code header_h.f(...)}: a static method whose class holds a nested class of the
     * same name with a {@code MethodHandle HANDLE}. jextract links every function without options (it has none for
     * {@code critical}), so the wrapper's handle is plain unless the nested class is in this compilation and says
     * otherwise.
     */
    static boolean isHeapRefusingJextractWrapper(MethodInvocationTree call, VisitorState state) {
        MethodSymbol m = FfmTrees.method(call);
        if (m == null || !m.isStatic() || !(m.owner instanceof ClassSymbol owner)) {
            return false;
        }
        for (Symbol member : owner.getEnclosedElements()) {
            if (member instanceof ClassSymbol nested && nested.getSimpleName().contentEquals(m.getSimpleName())) {
                VarSymbol handle = handleField(nested, state);
                if (handle == null) {
                    return false;
                }
                Tree declared = JavacTrees.instance(state.context).getTree(handle);
                return !(declared instanceof VariableTree v && v.getInitializer() != null)
                        || !linkage(FfmTrees.handleSource(v.getInitializer(), state), state).mayTakeHeap;
            }
        }
        return false;
    }

    private static VarSymbol handleField(ClassSymbol nested, VisitorState state) {
        for (Symbol member : nested.getEnclosedElements()) {
            if (member instanceof VarSymbol field && field.getSimpleName().contentEquals("HANDLE")) {
                Type type = field.type;
                return FfmTrees.isType(type, METHOD_HANDLE, state) ? field : null;
            }
        }
        return null;
    }
}
