package dev.customs.checked;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The checked downcall: the raw handle inside a try/finally built from method handle combinators, so that the JIT
 * inlines it whole. Entering counts the thread's depth; leaving rethrows what the upcalls of this call raised. A
 * downcall linked {@code critical} also refuses live upcall stubs among its address arguments.
 */
final class Downcalls {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle ENTER = find("enter", MethodType.methodType(CallState.class));
    private static final MethodHandle REFUSE_STUB = find("refuseStub",
            MethodType.methodType(MemorySegment.class, String.class, MemorySegment.class));
    private static final MethodHandle REFUSE_STUB_AT = find("refuseStubAt",
            MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));

    private Downcalls() {
    }

    private static MethodHandle find(String name, MethodType type) {
        return Handles.find(LOOKUP, name, type);
    }

    static boolean isCritical(Linker.Option... options) {
        for (Linker.Option o : options) {
            if (o.equals(Linker.Option.critical(false)) || o.equals(Linker.Option.critical(true))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Wraps {@code raw}. {@code address} is the function's address when known at link time (null for the handle whose
     * first parameter is the address).
     */
    static MethodHandle wrap(MethodHandle raw, MemorySegment address, FunctionDescriptor fd, Linker.Option... options) {
        MethodHandle target = raw;
        if (isCritical(options)) {
            target = refusingStubs(raw, address, fd);
        }
        Class<?> r = raw.type().returnType();
        MethodHandle body = MethodHandles.dropArguments(target, 0, CallState.class);
        MethodHandle cleanup = r == void.class
                ? find("exitVoid", MethodType.methodType(void.class, Throwable.class, CallState.class))
                : exitFor(r);
        return MethodHandles.foldArguments(MethodHandles.tryFinally(body, cleanup), ENTER);
    }

    private static MethodHandle exitFor(Class<?> r) {
        Class<?> carrier = r.isPrimitive() ? r : Object.class;
        String name = "exit" + (r.isPrimitive() ? Character.toUpperCase(r.getName().charAt(0)) + r.getName().substring(1)
                : "Object");
        MethodHandle exit = find(name, MethodType.methodType(carrier, Throwable.class, carrier, CallState.class));
        return exit.asType(MethodType.methodType(r, Throwable.class, r, CallState.class));
    }

    /** Puts a check before each address argument of a critical downcall. */
    private static MethodHandle refusingStubs(MethodHandle raw, MemorySegment address, FunctionDescriptor fd) {
        List<MemoryLayout> args = fd.argumentLayouts();
        int offset = raw.type().parameterCount() - args.size();
        MethodHandle checked = raw;
        String name = address == null ? null : Symbols.nameOf(address);
        for (int i = 0; i < args.size(); i++) {
            if (!(args.get(i) instanceof AddressLayout)) {
                continue;
            }
            if (name != null) {
                checked = MethodHandles.filterArguments(checked, offset + i,
                        MethodHandles.insertArguments(REFUSE_STUB, 0, name));
            } else {
                // The function's address is the handle's first parameter; it names the function if a stub is found.
                MethodHandle check = MethodHandles.permuteArguments(REFUSE_STUB_AT,
                        checked.type().changeReturnType(void.class), 0, offset + i);
                checked = MethodHandles.foldArguments(checked, check);
            }
        }
        return checked;
    }

    private static CallState enter() {
        return CallState.enterDowncall();
    }

    private static MemorySegment refuseStub(String function, MemorySegment arg) {
        if (Stubs.isStub(arg)) {
            throw refused(function, arg);
        }
        return arg;
    }

    private static void refuseStubAt(MemorySegment function, MemorySegment arg) {
        if (Stubs.isStub(arg)) {
            throw refused(Symbols.nameOf(function), arg);
        }
    }

    private static IllegalArgumentException refused(String function, MemorySegment stub) {
        IllegalArgumentException e = new IllegalArgumentException("critical downcall " + function
                + " was given upcall stub 0x" + Long.toHexString(stub.address())
                + " (created at " + Stacks.where(Stubs.createdAt(stub)) + "): a downcall linked with"
                + " Linker.Option.critical must not upcall (the JVM would end with a fatal error,"
                + " \"wrong thread state for upcall\"); refused before the call");
        Hazards.record(Hazard.CRITICAL_GIVEN_UPCALL_STUB, e.getMessage(), e);
        return e;
    }

    private static void exitVoid(Throwable t, CallState cs) throws Throwable {
        cs.exitDowncall(t);
    }

    private static int exitInt(Throwable t, int r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static long exitLong(Throwable t, long r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static double exitDouble(Throwable t, double r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static float exitFloat(Throwable t, float r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static short exitShort(Throwable t, short r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static byte exitByte(Throwable t, byte r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static char exitChar(Throwable t, char r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static boolean exitBoolean(Throwable t, boolean r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }

    private static Object exitObject(Throwable t, Object r, CallState cs) throws Throwable {
        cs.exitDowncall(t);
        return r;
    }
}
