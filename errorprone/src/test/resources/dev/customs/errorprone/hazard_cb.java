package reviewer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/** Shaped like jextract's output for {@code typedef int (*hazard_cb)(void *user, int value);}. */
public final class hazard_cb {
    public interface Function {
        int apply(MemorySegment user, int value);
    }

    private static final FunctionDescriptor DESC =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle UP;

    static {
        try {
            UP = MethodHandles.lookup().findVirtual(Function.class, "apply", DESC.toMethodType());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private hazard_cb() {}

    public static MemorySegment allocate(Function fi, Arena arena) {
        return Linker.nativeLinker().upcallStub(UP.bindTo(fi), DESC, arena);
    }
}
