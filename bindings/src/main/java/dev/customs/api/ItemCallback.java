package dev.customs.api;

/** {@code customs_item_cb}: called once per item; a non-zero return stops the iteration. */
@FunctionalInterface
public interface ItemCallback {
    int onItem(long index, int item);
}
