package dev.customs.harness.scenarios;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_async_cb;
import dev.customs.bindings.ffm.customs_h;
import dev.customs.bindings.ffm.customs_item_cb;
import dev.customs.bindings.ffm.customs_thread_cb;
import dev.customs.checked.CheckedMode;
import dev.customs.harness.Report;
import dev.customs.harness.Scenario;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./customs demo --checked}: the fatal scenarios (unguarded upcall on the caller and on a native thread, upcall
 * after its arena closed, upcall from a critical call, leaked arena) run in this JVM, under the checked-mode agent,
 * through the raw jextract bindings with no Customs guard. Each becomes an exception or a report instead of a dead JVM.
 */
@SuppressWarnings({"FfmUnguardedUpcall", "FfmArenaNotClosed", "FfmCriticalHandleGivenUpcall", "FfmAutoArenaInLoop",
        "FfmConfinedSegmentEscapes"}) // the hazards checked mode is shown on, on purpose
public final class UnderCheckedMode extends Scenario {
    static final int CALLS = 5;
    static final String MESSAGE = "unguarded callback failed on call 1";

    public UnderCheckedMode() {
        super("checked", "the fatal scenarios in this JVM under checked mode (-javaagent:customs-checked.jar)");
    }

    @Override
    public void run(Report r) {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it, on first use (bindings/README.md)
        r.say("Raw jextract bindings, no guard: what ends the JVM elsewhere in this demo runs here, in the demo's own");
        r.say("JVM, with the checked-mode agent rewriting the call sites. Each row names the hazard checked mode reported.");
        r.columns();
        r.sideBySide("throws on the caller, no guard",
                "the callback's own IllegalStateException, caught around customs_for_each; C went on: 5 calls",
                UnderCheckedMode::throwsOnCaller,
                "C returned 0 after 5 calls; reported jna-callback-threw",
                jna -> jnaOutcome(calls -> jna.raw().customs_for_each(new int[CALLS], CALLS,
                        (user, index, item) -> body(calls), null)));
        r.sideBySide("throws on a native thread, no guard",
                "C returned 0 after 5 calls; reported upcall-threw-no-downcall",
                UnderCheckedMode::throwsOnNativeThread,
                "C returned 0 after 5 calls; reported jna-callback-threw",
                jna -> jnaOutcome(calls -> jna.raw().customs_run_threads(1, CALLS,
                        (user, thread, call) -> body(calls), null)));
        r.check("upcall after its arena closed (FFM)",
                "the callback did not run; C received 0; reported upcall-after-close, naming where the stub was"
                        + " created and its arena closed", afterArenaClosed());
        r.check("upcall from a critical call (FFM)",
                "IllegalArgumentException: critical downcall customs_for_each was given upcall stub; refused before"
                        + " the call", criticalCall());
        r.check("leaked arena (FFM)", "reported arena-leaked with the stack that opened it", leakedArena());
        r.lesson("checked mode turns each of these from a dead JVM, a SIGSEGV or silence into an exception on the"
                + " thread that made the call, or a report with a stack; it needs no change to the code, only"
                + " -javaagent:customs-checked.jar. It checks; it does not make unguarded code correct.");
    }

    private static int body(AtomicInteger calls) {
        if (calls.getAndIncrement() == 1) {
            throw new IllegalStateException(MESSAGE);
        }
        return 0;
    }

    /** The kinds of hazard reported since {@code mark}, joined, e.g. "upcall-threw". */
    private static String reported(long mark) {
        List<String> kinds = CheckedMode.hazardsSince(mark).stream()
                .map(h -> h.substring(1, h.indexOf(']'))).distinct().toList();
        return kinds.isEmpty() ? "nothing reported" : "reported " + String.join(", ", kinds);
    }

    private interface JnaCall {
        int call(AtomicInteger calls);
    }

    private static String jnaOutcome(JnaCall call) {
        long mark = CheckedMode.mark();
        AtomicInteger calls = new AtomicInteger();
        int status = call.call(calls);
        return "C returned " + status + " after " + calls + " calls; " + reported(mark);
    }

    private static String throwsOnCaller() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = customs_item_cb.allocate((user, index, item) -> {
                try {
                    return body(calls);
                } catch (IllegalStateException e) {
                    thrown.set(e);
                    throw e;
                }
            }, arena);
            customs_h.customs_for_each(arena.allocate(ValueLayout.JAVA_INT, CALLS), CALLS, stub, MemorySegment.NULL);
            return "nothing thrown after " + calls + " calls";
        } catch (IllegalStateException e) {
            return (e == thrown.get() ? "the callback's own" : "another") + " IllegalStateException, caught around"
                    + " customs_for_each; C went on: " + calls + " calls";
        }
    }

    private static String throwsOnNativeThread() {
        long mark = CheckedMode.mark();
        AtomicInteger calls = new AtomicInteger();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment stub = customs_thread_cb.allocate((user, thread, call) -> body(calls), arena);
            int status = customs_h.customs_run_threads(1, CALLS, stub, MemorySegment.NULL);
            return "C returned " + status + " after " + calls + " calls; " + reported(mark);
        }
    }

    private static String afterArenaClosed() {
        long mark = CheckedMode.mark();
        AtomicInteger ran = new AtomicInteger();
        MemorySegment jobOut = Arena.global().allocate(ValueLayout.ADDRESS);
        MemorySegment result = Arena.global().allocate(ValueLayout.JAVA_INT);
        Arena stubArena = Arena.ofShared();
        MemorySegment stub = customs_async_cb.allocate((user, value) -> {
            ran.incrementAndGet();
            return value * 2;
        }, stubArena);
        customs_h.customs_async_start(stub, MemorySegment.NULL, 21, 300, jobOut);
        stubArena.close();
        int joined = customs_h.customs_async_join(jobOut.get(ValueLayout.ADDRESS, 0), result, 10_000);
        if (joined != 0) {
            return "customs_async_join failed with status " + joined;
        }
        List<String> hazards = CheckedMode.hazardsSince(mark);
        boolean named = hazards.stream().anyMatch(h -> h.contains("was created at ")
                && h.contains("UnderCheckedMode.afterArenaClosed") && h.contains("its arena was closed at "));
        return (ran.get() == 0 ? "the callback did not run" : "the callback ran") + "; C received "
                + result.get(ValueLayout.JAVA_INT, 0) + "; " + reported(mark)
                + (named ? ", naming where the stub was created and its arena closed" : "");
    }

    private static String criticalCall() {
        MethodHandle critical = Linker.nativeLinker().downcallHandle(customs_h.customs_for_each$address(),
                customs_h.customs_for_each$descriptor(), Linker.Option.critical(false));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = customs_item_cb.allocate((user, index, item) -> 0, arena);
            int status = (int) critical.invokeExact(arena.allocate(ValueLayout.JAVA_INT, 2), 2L, stub,
                    MemorySegment.NULL);
            return "called; status " + status;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            return "IllegalArgumentException: " + m.substring(0, m.indexOf(" 0x")) + "; refused before the call";
        } catch (Throwable t) {
            return "unexpected " + t;
        }
    }

    private static String leakedArena() {
        long mark = CheckedMode.mark();
        leakOne();
        CheckedMode.collectLeakedArenas(500);
        List<String> hazards = CheckedMode.hazardsSince(mark);
        boolean withStack = hazards.stream().anyMatch(h -> h.contains("UnderCheckedMode.leakOne"));
        return reported(mark) + (withStack ? " with the stack that opened it" : "");
    }

    private static void leakOne() {
        Arena arena = Arena.ofConfined();
        arena.allocate(64);
    }
}
