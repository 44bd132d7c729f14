package dev.customs.callbacks;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A group of stubs registered and released together, as a parser's start, end and text handlers are. "C" here is a
 * table the test keeps; each stub is called through a real downcall to its address, so a freed stub would be
 * noticed as a dead scope before anything is called.
 */
@Timeout(60)
class CallbackGroupTest {
    static final Linker LINKER = Linker.nativeLinker();
    static final FunctionDescriptor HANDLER = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    static final MethodHandle CALL = LINKER.downcallHandle(HANDLER);

    record Handlers(MemorySegment start, MemorySegment end, MemorySegment text) {}

    static int plus(int base, int x) {
        return base + x;
    }

    static MemorySegment stub(int base, Arena arena) {
        try {
            MethodHandle h = MethodHandles.insertArguments(MethodHandles.lookup().findStatic(
                    CallbackGroupTest.class, "plus", MethodType.methodType(int.class, int.class, int.class)),
                    0, base);
            return LINKER.upcallStub(h, HANDLER, arena);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static int call(MemorySegment stub, int x) {
        try {
            return (int) CALL.invokeExact(stub, x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void severalStubsAreUnregisteredTogetherThenFreedTogether() {
        List<MemorySegment> heldByC = new ArrayList<>();
        List<String> events = new ArrayList<>();
        AtomicReference<Handlers> made = new AtomicReference<>();
        CallbackRegistration<List<MemorySegment>> registration = CallbackRegistration.ffmGroup(
                arena -> new Handlers(stub(100, arena), stub(200, arena), stub(300, arena)),
                h -> {
                    made.set(h);
                    heldByC.addAll(List.of(h.start(), h.end(), h.text()));
                    return heldByC;
                },
                held -> {
                    events.add("unregister, stubs alive: " + held.stream().allMatch(s -> s.scope().isAlive()));
                    held.clear();
                });
        assertEquals(List.of(101, 202, 303), List.of(registration.call(held -> call(held.get(0), 1)),
                registration.call(held -> call(held.get(1), 2)), registration.call(held -> call(held.get(2), 3))));
        registration.close();
        assertEquals(List.of("unregister, stubs alive: true"), events, "unregistered first, while the stubs lived");
        Handlers h = made.get();
        assertFalse(h.start().scope().isAlive() || h.end().scope().isAlive() || h.text().scope().isAlive(),
                "then all freed at once");
        assertFalse(registration.isOpen());
        assertThrows(IllegalStateException.class, () -> registration.call(held -> 0));
        registration.close(); // idempotent
        assertEquals(1, events.size());
    }

    @Test
    void aRegistrationCRefusesFreesEveryStubAtOnce() {
        AtomicReference<Handlers> made = new AtomicReference<>();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> CallbackRegistration.ffmGroup(
                arena -> {
                    Handlers h = new Handlers(stub(1, arena), stub(2, arena), stub(3, arena));
                    made.set(h);
                    return h;
                },
                h -> {
                    throw new IllegalStateException("C refused the handlers");
                },
                (Object registration) -> {}));
        assertEquals("C refused the handlers", refused.getMessage());
        assertFalse(made.get().start().scope().isAlive(), "C never got them: freed at once");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> CallbackRegistration.ffmGroup(null, s -> s, r -> {}));
        assertThrows(NullPointerException.class, () -> CallbackRegistration.ffmGroup(a -> a, null, r -> {}));
        assertThrows(NullPointerException.class, () -> CallbackRegistration.ffmGroup(a -> a, s -> s, null));
        assertThrows(NullPointerException.class, () -> CallbackRegistration.ffmGroup(a -> null, s -> s, r -> {}));
        CallbackRegistration<Arena> open = CallbackRegistration.ffmGroup(a -> a, s -> s, r -> {});
        assertThrows(NullPointerException.class, () -> open.call(null));
        open.close();
        assertTrue(!open.isOpen());
    }
}
