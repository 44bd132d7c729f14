package dev.customs.harness;

/**
 * The stand-in demo of {@link CustomsScriptTest}'s scratch root: what the script's {@code demo} starts there. It notes a
 * refused AOT cache as the real demo does, then prints its arguments, the cache it was given and whether the JVM is
 * sharing classes from it.
 */
public final class FakeDemo {
    private FakeDemo() {}

    public static void main(String[] args) {
        AotCacheNote.printIfRefused(System.err);
        System.out.println("fake demo ran: " + String.join(" ", args) + "; cache "
                + System.getProperty(AotCacheNote.CACHE_PROPERTY) + "; vm " + System.getProperty("java.vm.info"));
    }
}
