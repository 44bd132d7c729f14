package dev.customs.bindings.jna;

import com.sun.jna.Structure;
import java.util.List;

/** A JNA {@code Structure} that reports the layout JNA computed for it, so it can be checked against the C library. */
public abstract class CustomsStructure extends Structure {
    protected CustomsStructure() {}

    /** The fields in declaration order. */
    public final List<String> fieldNames() {
        return getFieldOrder();
    }

    /** The offset JNA gives {@code field}. */
    public final long offsetOf(String field) {
        return fieldOffset(field);
    }

    /** The alignment JNA gives the whole struct. */
    public final long alignment() {
        return getStructAlignment();
    }
}
