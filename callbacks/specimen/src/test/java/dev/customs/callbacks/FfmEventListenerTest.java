package dev.customs.callbacks;

/** The registered listener on FFM: the stub lives in an arena the registration owns. */
class FfmEventListenerTest extends EventListenerContract {
    @Override
    String backend() {
        return "ffm";
    }
}
