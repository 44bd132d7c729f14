/**
 * Upcalls that never unwind into C, and what a library author adds around them. JDK only.
 * <ul>
 *   <li>{@link dev.customs.callbacks.UpcallGuard}: catches every throwable in an upcall, hands C the error value,
 *       and rethrows the throwable on the Java caller's thread once the downcall has returned;</li>
 *   <li>{@link dev.customs.callbacks.ExceptionStatus}: the one table from Java throwable to C status;</li>
 *   <li>{@link dev.customs.callbacks.NativeThreadContext}: a name, class loader and handler for threads C created,
 *       and no thread-local state carried from one upcall to the next;</li>
 *   <li>{@link dev.customs.callbacks.CallbackRegistration}: one owner for the callbacks C keeps across calls,
 *       released in the safe order.</li>
 * </ul>
 * See this module's README.md.
 */
package dev.customs.callbacks;
