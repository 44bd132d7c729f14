package dev.customs.api;

/** {@code customs_async_cb}: called once on a native thread, after the starting call has returned. */
@FunctionalInterface
public interface AsyncCallback {
    int onComplete(int value);
}
