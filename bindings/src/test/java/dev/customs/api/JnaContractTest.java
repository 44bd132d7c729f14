package dev.customs.api;

/** The contract on backend {@code jna}. */
class JnaContractTest extends CustomsContract {
    @Override
    String backend() {
        return "jna";
    }
}
