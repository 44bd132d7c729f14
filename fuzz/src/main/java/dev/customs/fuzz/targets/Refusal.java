package dev.customs.fuzz.targets;

/**
 * A documented refusal: the exact exception type and a fragment its message must contain. Targets compute the one
 * the contract promises for an input (or none, when the call must succeed) and {@link Expect} checks it.
 */
record Refusal(Class<? extends Throwable> type, String fragment) {
    static Refusal of(Class<? extends Throwable> type, String fragment) {
        return new Refusal(type, fragment);
    }

    boolean matches(Throwable t) {
        return t.getClass() == type && t.getMessage() != null && t.getMessage().contains(fragment);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " containing \"" + fragment + "\"";
    }
}
