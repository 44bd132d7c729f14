package dev.customs.errorprone;

import static dev.customs.errorprone.FfmTrees.SEGMENT;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import java.util.List;

/** Where a segment's memory lives, as far as the source shows. */
final class Segments {
    private static final int MAX_SLICES = 8;

    private Segments() {}

    /** True when some argument is typed {@code MemorySegment} (cheap; checked before anything is traced). */
    static boolean anySegment(List<? extends ExpressionTree> args, VisitorState state) {
        for (ExpressionTree arg : args) {
            if (FfmTrees.isType(ASTHelpers.getType(arg), SEGMENT, state)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code tree} is a heap segment: {@code MemorySegment.ofArray(...)}, or a slice or view of one. */
    static boolean isHeap(ExpressionTree tree, VisitorState state) {
        ExpressionTree current = tree;
        for (int hop = 0; hop < MAX_SLICES && current != null; hop++) {
            current = FfmTrees.source(current, state);
            if (FfmTrees.isCall(current, SEGMENT, "ofArray")) {
                return true;
            }
            if (!FfmTrees.isCall(current, SEGMENT, "asSlice", "asReadOnly")) {
                return false;
            }
            current = ASTHelpers.getReceiver(current);
        }
        return false;
    }
}
