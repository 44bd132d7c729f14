/**
 * Handing Java arrays to native code: heap segments, copies, direct buffers and JNA arrays, with their rules enforced.
 * Planned; see this module's README.md.
 */
package dev.customs.pinning;
