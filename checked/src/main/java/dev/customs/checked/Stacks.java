package dev.customs.checked;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Stack traces as text, and the first frame of the application in them. */
final class Stacks {
    private Stacks() {
    }

    /** A marker throwable whose stack says where something happened ("stub created here"). */
    static Throwable here(String what) {
        return new Throwable(what);
    }

    static String text(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /**
     * The first frame outside the agent and the JDK and the one that called it, e.g.
     * {@code Callbacks.allocate(Callbacks.java:52), called from Main.sort(Main.java:31)}: the first is often a
     * generated binding, the second the application's own line. "an unknown place" if there is none.
     */
    static String where(Throwable marker) {
        if (marker == null) {
            return "an unknown place";
        }
        String first = null;
        for (StackTraceElement frame : marker.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("dev.customs.checked.") || c.startsWith("java.") || c.startsWith("jdk.")
                    || c.startsWith("sun.") || c.startsWith("com.sun.") && !c.startsWith("com.sun.jna.")) {
                continue;
            }
            if (first != null) {
                return first + ", called from " + frame;
            }
            first = frame.toString();
        }
        return first != null ? first : "an unknown place";
    }
}
