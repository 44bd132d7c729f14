package dev.customs.checked;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** The static methods the combinators are built from, found once in each class's static initializer. */
final class Handles {
    private Handles() {
    }

    /** A static method of {@code lookup}'s own class; failing to find one is a bug of the agent. */
    static MethodHandle find(MethodHandles.Lookup lookup, String name, MethodType type) {
        try {
            return lookup.findStatic(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
