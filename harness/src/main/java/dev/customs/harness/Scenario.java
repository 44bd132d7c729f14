package dev.customs.harness;

/** One demo scenario: it shows a behaviour at the border on every backend and checks it is the expected one. */
public abstract class Scenario {
    private final String name;
    private final String title;

    /**
     * @param name  what {@code ./customs demo NAME} takes
     * @param title one line: what it shows
     */
    protected Scenario(String name, String title) {
        this.name = name;
        this.title = title;
    }

    public final String name() {
        return name;
    }

    public final String title() {
        return title;
    }

    /** Runs the scenario, recording every observation in {@code report}. */
    public abstract void run(Report report);
}
