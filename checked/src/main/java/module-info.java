/**
 * Checked mode: a Java agent that rewrites the FFM call sites of application classes so that an upcall that throws,
 * an upcall into a freed stub, an upcall stub handed to a critical downcall and an arena nobody closed become reports
 * with stacks instead of a dead JVM or silence. JDK only; JUnit is needed only by the optional extension.
 */
module dev.customs.checked {
    requires java.instrument;
    requires static org.junit.jupiter.api;

    exports dev.customs.checked;
    exports dev.customs.checked.junit;
}
