package dev.customs.checked;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * JNA's callback exception handler, installed by reflection so that the agent needs only the JDK. JNA's own handler
 * prints the exception and hands C zero; this one records a {@link Hazard#JNA_CALLBACK_THREW} (so that the JUnit
 * extension fails the test), prints it, and C still receives zero.
 */
public final class JnaHook {
    private static volatile boolean installed;

    private JnaHook() {
    }

    /**
     * Called at the end of {@code com.sun.jna.Native}'s static initializer in checked mode, and by the JUnit extension
     * when the agent is not running. Does nothing if JNA is absent; never throws.
     */
    public static void install(Class<?> nativeClass) {
        try {
            Class<?> handlerType = Class.forName("com.sun.jna.Callback$UncaughtExceptionHandler", true,
                    nativeClass.getClassLoader());
            InvocationHandler record = JnaHook::invoke;
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[]{handlerType}, record);
            nativeClass.getMethod("setCallbackExceptionHandler", handlerType).invoke(null, handler);
            installed = true;
        } catch (Throwable t) {
            System.err.println("customs-checked: could not install the JNA callback exception handler (" + t
                    + "); JNA callback exceptions are only logged by JNA");
        }
    }

    /** Installs the handler if JNA is on the class path of {@code loader}; true if it is installed. */
    public static boolean installIfPresent(ClassLoader loader) {
        if (!installed) {
            try {
                install(Class.forName("com.sun.jna.Native", true, loader));
            } catch (Throwable absent) {
                return false;
            }
        }
        return installed;
    }

    private static Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "uncaughtException" -> {
                Throwable t = (Throwable) args[1];
                Hazards.recordAndPrint(Hazard.JNA_CALLBACK_THREW, "JNA callback " + args[0] + " threw " + t
                        + " on thread " + Thread.currentThread().getName() + "; C received zero", t);
                return null;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "toString" -> {
                return "customs-checked JNA callback exception handler";
            }
            default -> {
                return null;
            }
        }
    }
}
