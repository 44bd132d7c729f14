package dev.customs.api;

/** {@code customs_thread_cb}: called from native threads; a non-zero return stops them all. */
@FunctionalInterface
public interface ThreadCallback {
    int onCall(int threadIndex, int callIndex);
}
