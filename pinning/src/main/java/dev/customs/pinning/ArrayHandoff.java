package dev.customs.pinning;

/**
 * One way to hand regions of Java primitive arrays to a native function for the length of one call, with the rules of
 * {@link HandoffRules} checked first. {@code P} is what the call receives: a {@code MemorySegment} on FFM (get one from
 * {@link Handoff#ffm()}); the JNA forms ({@code dev.customs.jna.JnaHandoffs}, module {@code customs-jna}) give a JNA
 * pointer or array.
 *
 * {@snippet :
 * NativeFunction memcpy = NativeFunction.of("memcpy");             // reads and writes only during the call
 * Downcall copy = Downcall.critical(memcpy, libc.findOrThrow("memcpy"),
 *         FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
 * ArrayHandoff<MemorySegment> heap = Handoff.HEAP.ffm();
 * heap.passAll(memcpy, List.of(ArrayRegion.of(src, Access.IN), ArrayRegion.of(dst, Access.OUT)),
 *         p -> (MemorySegment) copy.handle().invokeExact(p.get(1), p.get(0), src.length * 8L));
 * }
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

    /** The native call, given one pointer per region, in the order the regions were given. */
    @FunctionalInterface
    interface MultiCall<P, R> {
        R call(java.util.List<P> pointers) throws Throwable;
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

    /**
     * Hands a region of any primitive array to {@code call} as a {@code P}, with the same rules and copies as the
     * {@code byte[]} form.
     *
     * @throws NullPointerException       for a null argument
     * @throws IllegalArgumentException   when a rule refuses this handoff for {@code function}, or this handoff cannot
     *                                    carry the region's element type
     */
    <R> R pass(NativeFunction function, ArrayRegion region, NativeCall<P, R> call);

    /**
     * Hands several regions to one call: each gets its pointer, all valid for the duration of {@code call}. The rules
     * are checked for every region before anything is copied; each region is copied in (if C reads it) before the
     * call and written back exactly once (if C writes it) after the call returned normally; if {@code call} throws,
     * no region is written back.
     *
     * @throws NullPointerException     for a null argument or a null region
     * @throws IllegalArgumentException for no regions, when a rule refuses a region, or for two regions of the same
     *                                  array that share an element while C may write either (what C wrote would
     *                                  depend on the order of write-backs)
     */
    <R> R passAll(NativeFunction function, java.util.List<ArrayRegion> regions, MultiCall<P, R> call);

    /** Copies from an array into memory C saw, so far. */
    long copiesIn();

    /** Copies from memory C wrote back into an array, so far. */
    long writeBacks();
}
