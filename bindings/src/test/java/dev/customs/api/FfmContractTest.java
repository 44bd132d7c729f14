package dev.customs.api;

/** The contract on backend {@code ffm}. */
class FfmContractTest extends CustomsContract {
    @Override
    String backend() {
        return "ffm";
    }
}
