package dev.customs.pinning;

import java.util.Objects;
import java.util.Set;

/**
 * What a native function does with the pointers it is given, as its header comment says: the facts that decide how
 * a Java array may be handed to it. Described once per function of the library bound.
 *
 * @param name   the C name, used in every message about the function
 * @param traits what it does beyond reading and writing its arguments during the call
 */
public record NativeFunction(String name, Set<Trait> traits) {
    /** What makes handing over a Java array dangerous. */
    public enum Trait {
        /** It may call back into Java (an upcall), so the GC may run and move arrays before it returns. */
        CALLS_BACK,
        /** It keeps a pointer it was given after it returns (attach/detach, async jobs). */
        RETAINS_POINTER
    }

    public NativeFunction {
        Objects.requireNonNull(name, "name");
        traits = Set.copyOf(traits);
    }

    /** A function with those traits; none means it uses its pointers only during the call and never calls back. */
    public static NativeFunction of(String name, Trait... traits) {
        return new NativeFunction(name, Set.of(traits));
    }

    public boolean callsBack() {
        return traits.contains(Trait.CALLS_BACK);
    }

    public boolean retainsPointer() {
        return traits.contains(Trait.RETAINS_POINTER);
    }
}
