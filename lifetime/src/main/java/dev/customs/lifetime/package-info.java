/**
 * Arena lifetime at the Java/C border: memory that must outlive the native code using it, and no longer.
 *
 * <ul>
 *   <li>{@link dev.customs.lifetime.RetainedMemory}: memory a library retains after the call (attach/detach); its
 *       {@code close()} detaches first and frees second.</li>
 *   <li>{@link dev.customs.lifetime.LibraryOwned}: a library-allocated result tied to an arena, so the library's own
 *       free runs exactly once when the arena closes.</li>
 *   <li>{@link dev.customs.lifetime.ArenaLeakDetector}: arenas that report it when they become unreachable without
 *       {@code close()}, naming where they were opened.</li>
 * </ul>
 * The failure table, each row with the test that shows it, is in this module's README.md.
 */
package dev.customs.lifetime;
