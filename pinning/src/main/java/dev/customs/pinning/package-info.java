/**
 * Handing Java arrays to native code, with the rules enforced rather than documented.
 *
 * <ul>
 *   <li>{@link dev.customs.pinning.Handoff}: the ways (the array itself, a native copy, a direct buffer), each with an
 *       FFM form ({@link dev.customs.pinning.Handoff#ffm()}) and a JNA form ({@link dev.customs.jna.JnaHandoffs}),
 *       all behind {@link dev.customs.pinning.ArrayHandoff}.</li>
 *   <li>{@link dev.customs.pinning.NativeFunction}: what a function does with pointers (calls back? retains?),
 *       described once per function in {@link dev.customs.pinning.specimen.CustomsFunctions}.</li>
 *   <li>{@link dev.customs.pinning.Downcall}: a downcall handle that checks every pointer argument against
 *       {@link dev.customs.pinning.HandoffRules}, and refuses a critical link for a function that may call back.</li>
 *   <li>{@link dev.customs.pinning.specimen.GcPressure}: the correctness run under heavy allocation.</li>
 * </ul>
 * The failure table, each row with the test that shows it, is in this module's README.md.
 */
package dev.customs.pinning;
