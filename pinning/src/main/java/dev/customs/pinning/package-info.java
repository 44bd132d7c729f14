/**
 * Handing Java arrays to native code, with the rules enforced rather than documented. JDK only.
 *
 * <ul>
 *   <li>{@link dev.customs.pinning.Handoff}: the ways (the array itself, a native copy, a direct buffer), each with an
 *       FFM form ({@link dev.customs.pinning.Handoff#ffm()}; the JNA forms are in the {@code customs-jna} module),
 *       all behind {@link dev.customs.pinning.ArrayHandoff}, for every primitive array type and for several arrays
 *       in one call.</li>
 *   <li>{@link dev.customs.pinning.NativeFunction}: what a function does with pointers (calls back? retains?),
 *       described once per function of the library bound.</li>
 *   <li>{@link dev.customs.pinning.Downcall}: a downcall handle that checks every pointer argument against
 *       {@link dev.customs.pinning.HandoffRules}, and refuses a critical link for a function that may call back.</li>
 * </ul>
 * The failure table, each row with the test that shows it, is in this module's README.md.
 */
package dev.customs.pinning;
