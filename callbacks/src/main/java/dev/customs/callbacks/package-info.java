/**
 * Upcalls from native threads and exception-to-error-code conversion. Planned; the guard that keeps throwables out of
 * C frames is in {@code dev.customs.api} today. See this module's README.md.
 */
package dev.customs.callbacks;
