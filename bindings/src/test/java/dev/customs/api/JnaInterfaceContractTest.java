package dev.customs.api;

/** The contract on backend {@code jna-interface}. */
class JnaInterfaceContractTest extends CustomsContract {
    @Override
    String backend() {
        return "jna-interface";
    }
}
