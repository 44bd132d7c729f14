package dev.customs.pinning.specimen;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code customs_for_each} linked {@code critical(false)}, bypassing {@code dev.customs.pinning.Downcall} (which
 * refuses that link), and called with an upcall stub. A critical call does not move the thread to the native state,
 * so the upcall finds it in the wrong one and HotSpot stops the JVM: {@code guarantee(thread->thread_state() ==
 * _thread_in_native) failed: wrong thread state for upcall}, exit code 1, a crash file. No Java code can catch it.
 */
public final class UpcallInsideCriticalCall {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private UpcallInsideCriticalCall() {}

    // The hazard this child JVM exists to show: an upcall from a function linked critical ends the JVM.
    @SuppressWarnings("FfmCriticalHandleGivenUpcall")
    public static void main(String[] args) throws Throwable {
        MethodHandle critical = Linker.nativeLinker().downcallHandle(customs_h.customs_for_each$address(),
                customs_h.customs_for_each$descriptor(), Linker.Option.critical(false));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment items = arena.allocate(JAVA_INT, 2);
            MemorySegment stub = customs_item_cb.allocate((user, index, item) -> {
                System.out.println("inside the upcall");
                return 0;
            }, arena);
            System.out.println("calling customs_for_each through a critical handle");
            System.out.flush();
            int status;
            try {
                status = (int) critical.invokeExact(items, 2L, stub, MemorySegment.NULL);
            } catch (Throwable t) {
                System.out.println("caught " + t);
                throw t;
            }
            System.out.println("returned " + status);
        }
        System.out.println("survived");
    }
}
