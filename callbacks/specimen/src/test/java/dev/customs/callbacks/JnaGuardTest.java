package dev.customs.callbacks;

/** The guard on JNA: the same guard, in a JNA {@code Callback}, instead of JNA's global exception handler. */
class JnaGuardTest extends GuardContract {
    @Override
    String backend() {
        return "jna";
    }
}
