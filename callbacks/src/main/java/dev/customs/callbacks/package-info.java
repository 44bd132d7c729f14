/**
 * Upcalls from native threads, and Java exceptions turned into C error codes. The guard itself,
 * {@link dev.customs.callbacks.UpcallGuard}, lives in the bindings module so that every {@code Customs} call uses it; this
 * package holds what a library author adds around it:
 * <ul>
 *   <li>{@link dev.customs.callbacks.NativeThreadContext}: a name, class loader and handler for threads C created,
 *       and no thread-local state carried from one upcall to the next;</li>
 *   <li>{@link dev.customs.callbacks.CallbackRegistration}: one owner for a callback C keeps across calls, released
 *       in the safe order;</li>
 *   <li>{@link dev.customs.callbacks.ExceptionStatus}: the one table from Java throwable to C status;</li>
 *   <li>{@link dev.customs.callbacks.specimen.EventListener}: libcustoms' listener bound with all three;</li>
 *   <li>{@link dev.customs.callbacks.specimen.ThreadProbe}: what Java sees on upcall threads;</li>
 *   <li>{@code hazards}: what kills a JVM or loses an error, run in a child JVM only.</li>
 * </ul>
 * See this module's README.md.
 */
package dev.customs.callbacks;
