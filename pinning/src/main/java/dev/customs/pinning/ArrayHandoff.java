package dev.customs.pinning;

/**
 * One way to hand a region of a Java {@code byte[]} to a native function for the length of one call, with the rules
 * of {@link HandoffRules} checked first. {@code P} is what the call receives: a {@code MemorySegment} (FFM), a
 * {@code byte[]} or a {@code com.sun.jna.Pointer} (JNA). Get one from {@link Handoff#ffm()} or {@link JnaHandoffs}.
 *
 * <pre>{@code
 * ArrayHandoff<MemorySegment> heap = Handoff.HEAP.ffm();
 * int crc = heap.pass(CustomsFunctions.CRC32, data, 0, data.length, Access.IN,
 *         segment -> (int) CustomsFunctions.CRC32_CRITICAL.handle().invokeExact(0, segment, (long) data.length));
 * }</pre>
 *
 * <p>What every handoff guarantees:
 * <ul>
 *   <li>The pointer is valid exactly for the duration of {@code call}; never keep it.</li>
 *   <li>A copy is written back at most once, after {@code call} returns normally, and only for {@link Access#OUT} and
 *       {@link Access#IN_OUT}. If {@code call} throws, the array is left as it was (except with the zero-copy FFM
 *       {@link Handoff#HEAP}, where C wrote into the array itself).</li>
 *   <li>{@link #copiesIn()} and {@link #writeBacks()} count the copies this handoff made, so a test can prove a
 *       zero-copy path copies nothing and an out-parameter is written back exactly once.</li>
 *   <li>Instances are thread-safe.</li>
 * </ul>
 */
public interface ArrayHandoff<P> {
    /** The native call, given the pointer to pass. */
    @FunctionalInterface
    interface NativeCall<P, R> {
        R call(P pointer) throws Throwable;
    }

    /** Which way this is. */
    Handoff way();

    /** {@code ffm} or {@code jna}. */
    String backend();

    /** True when C sees the Java array itself rather than a copy. */
    boolean zeroCopy();

    /**
     * Hands {@code array[offset, offset + length)} to {@code call} as a {@code P}.
     *
     * @param function what the native function does with the pointer: checked against {@link HandoffRules}
     * @return what {@code call} returned
     * @throws IllegalArgumentException   when a rule refuses this handoff for {@code function}
     * @throws IndexOutOfBoundsException  for a region outside the array
     * @throws java.lang.reflect.UndeclaredThrowableException if {@code call} threw a checked exception
     */
    <R> R pass(NativeFunction function, byte[] array, int offset, int length, Access access, NativeCall<P, R> call);

    /** Copies from an array into memory C saw, so far. */
    long copiesIn();

    /** Copies from memory C wrote back into an array, so far. */
    long writeBacks();
}
