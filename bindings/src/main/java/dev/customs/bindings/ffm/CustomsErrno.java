package dev.customs.bindings.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Hand-written (not jextract output): {@code customs_file_size} linked with {@code captureCallState("errno")}, which
 * jextract never generates (its guide says to add linker options by hand beside the generated code).
 *
 * <p>The descriptor is written here rather than taken from {@code customs_h.customs_file_size$descriptor()}: reading
 * that (or {@code $address()}) initialises jextract's holder, which links its own plain handle too, a second stub this
 * class never calls. {@code CriticalFunctionsTest} holds it equal to jextract's, which the binding checker holds to the
 * header. FFM writes errno into the capture segment right after the C function returns, before the JVM can run
 * anything that would overwrite it.
 */
public final class CustomsErrno {
    /**
     * The layout of the call state FFM can capture on this platform. Allocate one segment of it per call (or per
     * thread) and pass it first to {@link #customs_file_size}.
     */
    public static final StructLayout CAPTURE_STATE_LAYOUT = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO = CAPTURE_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code int64_t customs_file_size(const char *path)}: the same descriptor as jextract's. */
    public static final FunctionDescriptor FILE_SIZE_DESCRIPTOR = FunctionDescriptor.of(customs_h.C_LONG,
            customs_h.C_POINTER);

    private CustomsErrno() {}

    private static final class FileSize {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                CustomsLookup.find("customs_file_size"), FILE_SIZE_DESCRIPTOR, Linker.Option.captureCallState("errno"));
    }

    /**
     * {@code int64_t customs_file_size(const char *path)}, with errno captured into {@code capturedState}.
     *
     * @return the size, or -1 with errno in {@code capturedState} (read it with {@link #errno})
     */
    public static long customs_file_size(MemorySegment capturedState, MemorySegment path) {
        try {
            return (long) FileSize.HANDLE.invokeExact(capturedState, path);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
    }

    /**
     * The errno value captured into {@code capturedState} by the last call that used it. Meaningful only when that call
     * reported failure.
     */
    public static int errno(MemorySegment capturedState) {
        return (int) ERRNO.get(capturedState, 0L);
    }
}
