/**
 * Programs that kill their own JVM on purpose, to show a pinning mistake's real outcome. Run them only in a child JVM
 * ({@link dev.customs.bindings.ChildJvm}); a run that survives prints "survived" and exits 0.
 */
package dev.customs.pinning.specimens;
