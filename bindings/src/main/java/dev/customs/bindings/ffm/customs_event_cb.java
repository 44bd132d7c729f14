package dev.customs.bindings.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Binds the function pointer type {@code customs_event_cb}: called on a listener's own thread (registered by
 * {@code customs_listener_register}) for each event posted; {@code customs_listener_post} returns its status.
 * {@snippet lang=c :
 * typedef int32_t (*customs_event_cb)(void *user, int32_t event)
 * }
 *
 * <p>Kept by hand in the shape jextract generates; see bindings/README.md.
 */
public class customs_event_cb {

    customs_event_cb() {
        // Should not be called directly
    }

    /**
     * The function pointer signature, expressed as a functional interface
     */
    public interface Function {
        int apply(MemorySegment user, int event);
    }

    private static final FunctionDescriptor $DESC = FunctionDescriptor.of(
        customs_h.C_INT,
        customs_h.C_POINTER,
        customs_h.C_INT
    );

    /**
     * The descriptor of this function pointer
     */
    public static FunctionDescriptor descriptor() {
        return $DESC;
    }

    private static final MethodHandle UP$MH = customs_h.upcallHandle(customs_event_cb.Function.class, "apply", $DESC);

    /**
     * Allocates a new upcall stub, whose implementation is defined by {@code fi}.
     * The lifetime of the returned segment is managed by {@code arena}
     */
    public static MemorySegment allocate(customs_event_cb.Function fi, Arena arena) {
        return Linker.nativeLinker().upcallStub(UP$MH.bindTo(fi), $DESC, arena);
    }

    private static final MethodHandle DOWN$MH = Linker.nativeLinker().downcallHandle($DESC);

    /**
     * Invoke the upcall stub {@code funcPtr}, with given parameters
     */
    public static int invoke(MemorySegment funcPtr, MemorySegment user, int event) {
        try {
            return (int) DOWN$MH.invokeExact(funcPtr, user, event);
        } catch (RuntimeException | Error e) {
            throw e; // the one deliberate deviation from jextract's output here: FFM's own exceptions pass through unchanged
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
