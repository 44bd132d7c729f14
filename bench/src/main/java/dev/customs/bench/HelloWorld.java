package dev.customs.bench;

/**
 * The reference process of the whole-process timings: a hello-world JVM on the same JDK, started from a folder of its
 * own with the JDK's default class-data sharing. It uses nothing but {@code System.out}.
 */
public final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
