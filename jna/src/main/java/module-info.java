/** The JNA forms of the toolkit's primitives: array handoffs and callback registrations. */
module dev.customs.jna {
    requires transitive com.sun.jna;
    requires transitive dev.customs.callbacks;
    requires transitive dev.customs.pinning;
    exports dev.customs.jna;
}
