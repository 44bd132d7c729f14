package dev.customs.bindings.jna;

import com.sun.jna.Structure;

/**
 * {@code customs_sample} for JNA. JNA computes the padding from the field types and its platform alignment rules;
 * the conformance check compares the result with the C library's own {@code offsetof}.
 */
@Structure.FieldOrder({"tag", "value", "count", "flags", "kind", "weight", "stamp"})
public class customs_sample extends CustomsStructure {
    public byte tag;
    public double value;
    public short count;
    public int flags;
    public byte kind;
    public int weight;
    public long stamp;

    public customs_sample() {}

    /** The same struct passed and returned by value. */
    public static class ByValue extends customs_sample implements Structure.ByValue {}
}
