/**
 * Programs that kill their own JVM on purpose, to show what an ownership mistake at the border really does. Each
 * {@code main} prints the steps it takes, then commits the mistake; a run that survives prints "survived" and exits 0.
 * Run them only in a child JVM ({@link dev.customs.bindings.ChildJvm}), never in a JVM that matters.
 *
 * <p>They free 64 MiB blocks: glibc serves allocations that large with {@code mmap} and returns them with
 * {@code munmap}, so touching the block after the free faults at once (SIGSEGV) instead of silently corrupting the
 * heap. That makes the outcome deterministic enough to assert.
 */
package dev.customs.lifetime.specimen;
