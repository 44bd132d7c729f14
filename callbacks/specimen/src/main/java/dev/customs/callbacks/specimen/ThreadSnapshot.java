package dev.customs.callbacks.specimen;

/**
 * What Java code sees of the thread it runs on: the facts that differ between an upcall on a Java thread and one on a
 * thread C created, and between FFM and JNA.
 */
public record ThreadSnapshot(long id, String name, boolean daemon, String group, ClassLoader contextClassLoader,
                             boolean virtual) {
    /** The current facts of {@code thread}. */
    public static ThreadSnapshot of(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return new ThreadSnapshot(thread.threadId(), thread.getName(), thread.isDaemon(),
                group == null ? null : group.getName(), thread.getContextClassLoader(), thread.isVirtual());
    }

    /** The name with every run of digits replaced by N ({@code Thread-12} gives {@code Thread-N}), to compare runs. */
    public String namePattern() {
        return name.replaceAll("[0-9]+", "N");
    }

    /** One line, without the id: {@code Thread-N, daemon, group main, loader null, platform}. */
    public String describe() {
        return namePattern() + ", " + (daemon ? "daemon" : "non-daemon") + ", group " + group + ", loader "
                + (contextClassLoader == null ? "null" : contextClassLoader.getClass().getSimpleName()) + ", "
                + (virtual ? "virtual" : "platform");
    }
}
