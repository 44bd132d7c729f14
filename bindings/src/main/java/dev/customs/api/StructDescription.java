package dev.customs.api;

import java.util.List;

/** A struct's size, alignment and field offsets, from the C library's self-description or a Java binding. */
public record StructDescription(String name, long size, long alignment, List<Field> fields) {
    public record Field(String name, long offset) {}

    public StructDescription {
        fields = List.copyOf(fields);
    }
}
