package dev.customs.callbacks.specimen.hazards;

import dev.customs.api.Customs;
import dev.customs.api.FfmCustoms;
import dev.customs.api.JnaCustoms;
import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.ffm.customs_thread_cb;
import dev.customs.bindings.jna.CustomsLibrary;
import dev.customs.callbacks.NativeThreadContext;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM only: a callback that throws, with no guard, through the raw bindings. Arguments: the backend, and
 * {@code caller} (customs_for_each over 5 items, on the calling thread) or {@code native} (customs_run_threads, one
 * native thread making 5 calls). The callback throws on its second call. On the native thread the callback first
 * sets the thread's uncaught-exception handler through a {@link NativeThreadContext}, to show that neither backend
 * consults it.
 *
 * <p>FFM ends the JVM with exit code 1 and "Unrecoverable uncaught exception encountered"; the {@code result:} line
 * is never printed. JNA logs "JNA: Callback ... threw the following exception", gives C 0, so C carries on, and the
 * JVM survives: the {@code result:} line shows C called all 5 times and saw success.
 */
public final class UnguardedUpcall {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    static final String MESSAGE = "unguarded callback failed on call 1";
    static final int CALLS = 5;

    private UnguardedUpcall() {}

    public static void main(String[] args) {
        Customs customs = Customs.open(args[0]);
        boolean onNativeThread = args[1].equals("native");
        NativeThreadContext context = NativeThreadContext.named("unguarded")
                .uncaughtExceptionHandler((thread, e) -> System.out.println("handler called with " + e))
                .build();
        AtomicInteger calls = new AtomicInteger();
        System.out.println("calling back " + CALLS + " times on the " + (onNativeThread ? "native" : "calling")
                + " thread; the callback throws on call 1");
        int status = switch (customs) {
            case FfmCustoms ffm -> onNativeThread ? ffmNative(context, calls) : ffmCaller(calls);
            case JnaCustoms jna -> onNativeThread ? jnaNative(jna.raw(), context, calls) : jnaCaller(jna.raw(), calls);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("result: C returned " + status + " after " + calls.get() + " calls");
    }

    private static int body(AtomicInteger calls) {
        if (calls.getAndIncrement() == 1) {
            throw new IllegalStateException(MESSAGE);
        }
        return 0;
    }

    // The hazard this child JVM exists to show: the callback throws, unguarded, and FFM ends the JVM.
    @SuppressWarnings("FfmUnguardedUpcall")
    private static int ffmCaller(AtomicInteger calls) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = customs_item_cb.allocate((user, index, item) -> body(calls), arena);
            return customs_h.customs_for_each(arena.allocate(ValueLayout.JAVA_INT, CALLS), CALLS, stub,
                    MemorySegment.NULL);
        }
    }

    // The same hazard on a native thread: the child JVM's expected end.
    @SuppressWarnings("FfmUnguardedUpcall")
    private static int ffmNative(NativeThreadContext context, AtomicInteger calls) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment stub = customs_thread_cb.allocate((user, thread, call) -> {
                context.enter();
                return body(calls);
            }, arena);
            return customs_h.customs_run_threads(1, CALLS, stub, MemorySegment.NULL);
        }
    }

    private static int jnaCaller(CustomsLibrary lib, AtomicInteger calls) {
        return lib.customs_for_each(new int[CALLS], CALLS, (user, index, item) -> body(calls), null);
    }

    private static int jnaNative(CustomsLibrary lib, NativeThreadContext context, AtomicInteger calls) {
        return lib.customs_run_threads(1, CALLS, (user, thread, call) -> {
            context.enter();
            return body(calls);
        }, null);
    }
}
