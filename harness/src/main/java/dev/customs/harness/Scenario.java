package dev.customs.harness;

/** One demo scenario: it shows a behaviour at the border on every backend and checks it is the expected one. */
public interface Scenario {
    /** The name {@code ./customs demo NAME} takes. */
    String name();

    /** One line: what it shows. */
    String title();

    /** Runs the scenario, recording every observation in {@code report}. */
    void run(Report report);
}
