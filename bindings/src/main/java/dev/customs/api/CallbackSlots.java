package dev.customs.api;

import dev.customs.callbacks.UpcallGuard;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The callbacks of the {@link Customs} API that C may be calling right now, each in a numbered slot. C never sees a
 * Java object: every downcall that takes a callback passes one long-lived upcall stub per callback type (created once,
 * never per call) and the slot's number as C's {@code void *user}; the stub looks the slot up and calls what is in it.
 * That is what guards against the cost this class exists for: an upcall stub per call (tens of microseconds, issue
 * 15) and, on JNA, a new native trampoline per callback object.
 *
 * <p>Correct for concurrent callers and native threads: a caller takes a free slot (one compare-and-set, starting at
 * a place derived from its thread, so concurrent callers rarely meet), fills it, makes the downcall, and gives the
 * slot back only once C can no longer call it (the downcall has returned; for an asynchronous job, once it is joined).
 * Slots are never moved or freed, so a native thread that reads one while another caller takes a different one sees
 * a consistent table. Nested calls (a callback that calls {@code forEach} again) take another slot.
 *
 * <p>Each slot carries its own reusable {@link UpcallGuard}: nothing is allocated per call. A slot number C passes
 * back that names no filled slot (C corrupted {@code user}) gets {@link Customs#CALLBACK_THREW}, never an exception
 * into C.
 */
final class CallbackSlots {
    /** The one table every backend and instance uses: the stubs that read it are static too. */
    static final CallbackSlots SHARED = new CallbackSlots();

    private static final int CHUNK = 64;

    /** Chunks never change once published; only this directory grows. */
    private volatile Slot[][] chunks = {chunk(0)};

    private static Slot[] chunk(int index) {
        Slot[] slots = new Slot[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            slots[i] = new Slot(index * CHUNK + i + 1);
        }
        return slots;
    }

    /** A free slot, now owned by the caller until {@link Slot#release()}. */
    Slot acquire() {
        long start = Thread.currentThread().threadId() & Long.MAX_VALUE;
        for (;;) {
            Slot[][] seen = chunks;
            int n = seen.length * CHUNK;
            for (int i = 0; i < n; i++) {
                int at = (int) ((start + i) % n);
                Slot slot = seen[at / CHUNK][at % CHUNK];
                if (slot.busy.compareAndSet(false, true)) {
                    return slot;
                }
            }
            grow(seen);
        }
    }

    private synchronized void grow(Slot[][] seen) {
        if (chunks == seen) {
            Slot[][] more = Arrays.copyOf(seen, seen.length + 1);
            more[seen.length] = chunk(seen.length);
            chunks = more;
        }
    }

    /** The slot numbered {@code id} (what C passed back as {@code user}), or null if there is none. */
    Slot find(long id) {
        Slot[][] seen = chunks;
        if (id < 1 || id > (long) seen.length * CHUNK) {
            return null;
        }
        int at = (int) id - 1;
        return seen[at / CHUNK][at % CHUNK];
    }

    /** Slots in use right now: for tests that check every call gave its slot back. */
    int inUse() {
        int count = 0;
        for (Slot[] chunk : chunks) {
            for (Slot slot : chunk) {
                count += slot.busy.get() ? 1 : 0;
            }
        }
        return count;
    }

    // What the long-lived stubs call. Each returns CALLBACK_THREW for a slot number that names no callback.

    int onItem(long id, long index, int item) {
        Slot slot = find(id);
        if (slot == null || !(slot.callback instanceof ItemCallback callback)) {
            return Customs.CALLBACK_THREW;
        }
        try {
            return Customs.callbackStatus(callback.onItem(index, item));
        } catch (Throwable t) {
            return slot.guard.capture(t);
        }
    }

    int onCall(long id, int thread, int call) {
        Slot slot = find(id);
        if (slot == null || !(slot.callback instanceof ThreadCallback callback)) {
            return Customs.CALLBACK_THREW;
        }
        try {
            return Customs.callbackStatus(callback.onCall(thread, call));
        } catch (Throwable t) {
            return slot.guard.capture(t);
        }
    }

    /** The async callback arrives already guarded by its job's own guard (the job outlives the starting call). */
    int onComplete(long id, int value) {
        Slot slot = find(id);
        if (slot == null || !(slot.callback instanceof AsyncCallback callback)) {
            return Customs.CALLBACK_THREW;
        }
        try {
            return callback.onComplete(value);
        } catch (Throwable t) {
            return slot.guard.capture(t);
        }
    }

    /** One in-flight callback: its number for C, what to call, and the guard that keeps throwables out of C. */
    static final class Slot {
        private final long id;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final UpcallGuard guard = CustomsGuards.guard();
        /** An ItemCallback, ThreadCallback or AsyncCallback; a stub of another type finds nothing here. */
        private volatile Object callback;

        private Slot(long id) {
            this.id = id;
        }

        /** The number to pass to C as {@code user}. */
        long id() {
            return id;
        }

        /** Fills the slot; returns its number for C. */
        long fill(Object callback) {
            this.callback = callback;
            return id;
        }

        /**
         * Empties the slot and gives it back; call only once C can no longer call it. Returns what its callback threw
         * (see {@link UpcallGuard#takeFailure()}), or null.
         */
        Throwable release() {
            Throwable failure = guard.failed() ? guard.takeFailure() : null;
            callback = null;
            busy.setRelease(false);
            return failure;
        }
    }
}
