package dev.customs.checked.junit;

import dev.customs.checked.CheckedMode;
import dev.customs.checked.JnaHook;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails each test during which checked mode reported a hazard, even one the test caught and ignored, with the
 * hazards and their stacks in the failure message. Use with the agent ({@code -javaagent:customs-checked.jar} in
 * surefire's {@code argLine}):
 * {@snippet :
 * @ExtendWith(CheckedModeExtension.class)
 * class MyBindingsTest { ... }
 * }
 * Without the agent it still installs the JNA callback exception handler, so JNA callback exceptions fail the test.
 * Arenas leak silently until a GC: after a test that opened arenas, the extension runs one (at most 100 ms).
 */
public final class CheckedModeExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            CheckedModeExtension.class);
    private static volatile boolean warned;

    private record Mark(long hazards, long arenas) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!CheckedMode.active()) {
            JnaHook.installIfPresent(context.getRequiredTestClass().getClassLoader());
            if (!warned) {
                warned = true;
                System.err.println("customs-checked: the agent is not running (add -javaagent:customs-checked.jar"
                        + " to the test JVM); the extension checks JNA callbacks only");
            }
        }
        context.getStore(NAMESPACE).put(Mark.class, new Mark(CheckedMode.mark(), CheckedMode.arenasOpened()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Mark mark = context.getStore(NAMESPACE).remove(Mark.class, Mark.class);
        if (mark == null) {
            return;
        }
        if (CheckedMode.arenasOpened() != mark.arenas()) {
            CheckedMode.collectLeakedArenas(100);
        }
        List<String> hazards = CheckedMode.hazardsSince(mark.hazards());
        if (!hazards.isEmpty()) {
            throw new AssertionError("checked mode reported " + hazards.size() + " hazard(s) during "
                    + context.getDisplayName() + ":" + System.lineSeparator()
                    + String.join(System.lineSeparator(), hazards));
        }
    }
}
