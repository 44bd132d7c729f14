package dev.customs.bindings.jna;

import com.sun.jna.Structure;

/**
 * {@code customs_tally} for JNA: what {@code customs_stress_threads} counted in C. JNA adds the 4 bytes of trailing
 * padding itself (size 32).
 */
@Structure.FieldOrder({"calls", "failures", "failure_sum", "threads"})
public class customs_tally extends CustomsStructure {
    public long calls;
    public long failures;
    public long failure_sum;
    public int threads;
}
