package dev.customs.stress;

/** The exception a stress upcall throws on purpose, naming the call it was thrown from so it can be accounted for. */
public final class InjectedFault extends RuntimeException {
    private final int thread;
    private final int call;

    public InjectedFault(int thread, int call) {
        super("injected fault in call " + call + " of native thread " + thread);
        this.thread = thread;
        this.call = call;
    }

    public int thread() {
        return thread;
    }

    public int call() {
        return call;
    }
}
