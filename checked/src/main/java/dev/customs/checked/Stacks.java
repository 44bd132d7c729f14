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

    /** The first frame outside the agent and the JDK, e.g. {@code Main.sort(Main.java:31)}, or "an unknown place". */
    static String where(Throwable marker) {
        if (marker == null) {
            return "an unknown place";
        }
        for (StackTraceElement frame : marker.getStackTrace()) {
            String c = frame.getClassName();
            if (!c.startsWith("dev.customs.checked.") && !c.startsWith("java.") && !c.startsWith("jdk.")
                    && !c.startsWith("sun.")) {
                return frame.toString();
            }
        }
        StackTraceElement[] all = marker.getStackTrace();
        return all.length == 0 ? "an unknown place" : all[all.length - 1].toString();
    }
}
