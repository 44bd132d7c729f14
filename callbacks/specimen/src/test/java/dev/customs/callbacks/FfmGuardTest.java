package dev.customs.callbacks;

import dev.customs.api.CustomsGuards;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customs.api.Customs;
import dev.customs.callbacks.UpcallGuard;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** The guard on FFM, through jextract-shaped upcall stubs and through a raw upcall method handle. */
class FfmGuardTest extends GuardContract {
    static final IllegalStateException HANDLE_FAILURE = new IllegalStateException("thrown by a raw upcall handle");

    @Override
    String backend() {
        return "ffm";
    }

    static int throwingTarget(MemorySegment user, long index, int item) {
        throw HANDLE_FAILURE;
    }

    @Test
    void guardHandleGuardsARawUpcallMethodHandle() throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findStatic(FfmGuardTest.class, "throwingTarget",
                MethodType.methodType(int.class, MemorySegment.class, long.class, int.class));
        UpcallGuard guard = CustomsGuards.guard();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = Linker.nativeLinker().upcallStub(guard.guardHandle(target),
                    customs_item_cb.descriptor(), arena);
            int status = customs_h.customs_for_each(arena.allocateFrom(JAVA_INT, FIVE), FIVE.length, stub,
                    MemorySegment.NULL);
            assertEquals(Customs.CALLBACK_THREW, status);
        }
        assertSame(HANDLE_FAILURE, assertThrows(IllegalStateException.class, guard::rethrowIfAny));
    }
}
