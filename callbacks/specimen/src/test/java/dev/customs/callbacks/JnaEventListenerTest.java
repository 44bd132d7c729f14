package dev.customs.callbacks;

/** The registered listener on JNA: the registration holds the callback object strongly until unregistered. */
class JnaEventListenerTest extends EventListenerContract {
    @Override
    String backend() {
        return "jna";
    }
}
