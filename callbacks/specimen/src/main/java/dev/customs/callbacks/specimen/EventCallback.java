package dev.customs.callbacks.specimen;

/** {@code customs_event_cb}: called on a listener's own thread for each event posted; its return is the post's. */
@FunctionalInterface
public interface EventCallback {
    int onEvent(int event);
}
