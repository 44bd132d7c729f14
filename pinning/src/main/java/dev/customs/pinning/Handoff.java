package dev.customs.pinning;

import java.lang.foreign.MemorySegment;

/**
 * The ways a Java array can reach native code, each with an FFM form and a JNA form.
 *
 * <table>
 *   <caption>The ways, per backend</caption>
 *   <tr><th>way</th><th>FFM ({@link #ffm()})</th><th>JNA ({@code dev.customs.jna.JnaHandoffs})</th></tr>
 *   <tr><td>{@link #HEAP}</td><td>a heap segment of the array through a {@code critical(true)} handle: zero-copy,
 *       the GC keeps the array in place for the call</td><td>the {@code byte[]} argument: JNA copies it into native
 *       memory and back around every call</td></tr>
 *   <tr><td>{@link #NATIVE_COPY}</td><td>a copy in a confined arena, freed when the call returns</td><td>a copy in a
 *       {@code Memory}, closed when the call returns</td></tr>
 *   <tr><td>{@link #DIRECT_BUFFER}</td><td>{@code MemorySegment.ofBuffer} of a direct {@code ByteBuffer}</td><td>
 *       {@code Native.getDirectBufferPointer}</td></tr>
 * </table>
 * Copies go back into the array once, after the call, for {@link Access#OUT} and {@link Access#IN_OUT}.
 */
public enum Handoff {
    /** The array itself. */
    HEAP,
    /** A copy in native memory that lives for the call. */
    NATIVE_COPY,
    /** A direct {@code ByteBuffer}: for data that already lives in one, or staged through one. */
    DIRECT_BUFFER;

    /** A new FFM handoff of this way, with its own counters. */
    public ArrayHandoff<MemorySegment> ffm() {
        return switch (this) {
            case HEAP -> new FfmHandoffs.HeapSegment();
            case NATIVE_COPY -> new FfmHandoffs.ConfinedCopy();
            case DIRECT_BUFFER -> new DirectBufferHandoff<>("ffm", MemorySegment::ofBuffer);
        };
    }
}
