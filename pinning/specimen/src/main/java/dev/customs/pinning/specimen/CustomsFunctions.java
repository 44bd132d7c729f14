package dev.customs.pinning.specimen;

import dev.customs.pinning.Downcall;
import dev.customs.pinning.NativeFunction;

import static dev.customs.pinning.NativeFunction.Trait.CALLS_BACK;
import static dev.customs.pinning.NativeFunction.Trait.RETAINS_POINTER;

import dev.customs.bindings.ffm.CustomsLookup;
import dev.customs.bindings.ffm.customs_h;
import java.util.List;

/**
 * libcustoms' functions that take pointers, described in one place: what each does with them (from its comment in
 * {@code customs.h}; {@code CustomsFunctionsTest} holds the two together), and the {@link Downcall}s this module links,
 * critical where the header says it is safe. The jextract-shaped layer ({@code customs_h}) is not edited for this: the
 * critical handles are linked here from its {@code $address()} and {@code $descriptor()} accessors.
 */
public final class CustomsFunctions {
    static {
        CustomsLookup.load(); // libcustoms where jextract's customs_h looks for it (bindings/README.md)
    }

    private CustomsFunctions() {}

    // What each function does with its pointers.

    /** Reads {@code data} during the call. Short and bounded: safe to link critical. */
    public static final NativeFunction CRC32 = NativeFunction.of("customs_crc32");
    /** Reads and writes {@code data} in place during the call. Safe to link critical. */
    public static final NativeFunction TRANSFORM = NativeFunction.of("customs_transform");
    /** Reads {@code values} during the call. Safe to link critical. */
    public static final NativeFunction SUM_I32 = NativeFunction.of("customs_sum_i32");
    /** Reads {@code data}, writes {@code out}, during the call. */
    public static final NativeFunction PARSE_RECORD = NativeFunction.of("customs_parse_record");
    /** Reads {@code name}, writes {@code out}, during the call. */
    public static final NativeFunction GREET = NativeFunction.of("customs_greet");
    /** Reads {@code data} during the call; writes into the buffer the sink retained. */
    public static final NativeFunction SINK_WRITE = NativeFunction.of("customs_sink_write");
    /** Calls back on the calling thread while it reads {@code items}. */
    public static final NativeFunction FOR_EACH = NativeFunction.of("customs_for_each", CALLS_BACK);
    /** Calls back from threads it creates. */
    public static final NativeFunction RUN_THREADS = NativeFunction.of("customs_run_threads", CALLS_BACK);
    /** Calls back from threads it creates; writes {@code out} once they are all joined. */
    public static final NativeFunction STRESS_THREADS = NativeFunction.of("customs_stress_threads", CALLS_BACK);
    /** Calls back after it returned, and keeps {@code cb} and {@code user} until the job is joined. */
    public static final NativeFunction ASYNC_START = NativeFunction.of("customs_async_start", CALLS_BACK,
            RETAINS_POINTER);
    /** Keeps {@code buf} until {@code customs_sink_detach}. */
    public static final NativeFunction SINK_ATTACH = NativeFunction.of("customs_sink_attach", RETAINS_POINTER);
    /** Keeps {@code cb} and {@code user} until {@code customs_listener_unregister}; calls back from its own thread. */
    public static final NativeFunction LISTENER_REGISTER = NativeFunction.of("customs_listener_register", CALLS_BACK,
            RETAINS_POINTER);
    /** Has the listener's thread call back while this call waits. */
    public static final NativeFunction LISTENER_POST = NativeFunction.of("customs_listener_post", CALLS_BACK);

    // How this module links them.

    /** {@code customs_crc32}, critical: takes heap segments. */
    public static final Downcall CRC32_CRITICAL = Downcall.critical(CRC32, customs_h.customs_crc32$address(),
            customs_h.customs_crc32$descriptor());
    /** {@code customs_crc32}, not critical: refuses heap segments (the hazard of item 11, caught before FFM). */
    public static final Downcall CRC32_PLAIN = Downcall.plain(CRC32, customs_h.customs_crc32$address(),
            customs_h.customs_crc32$descriptor());
    /** {@code customs_transform}, critical. */
    public static final Downcall TRANSFORM_CRITICAL = Downcall.critical(TRANSFORM,
            customs_h.customs_transform$address(), customs_h.customs_transform$descriptor());
    /** {@code customs_for_each}: may call back, so never critical, and refuses heap segments. */
    public static final Downcall FOR_EACH_PLAIN = Downcall.plain(FOR_EACH, customs_h.customs_for_each$address(),
            customs_h.customs_for_each$descriptor());
    /** {@code customs_sink_attach}: retains {@code buf}, so refuses heap segments. */
    public static final Downcall SINK_ATTACH_PLAIN = Downcall.plain(SINK_ATTACH,
            customs_h.customs_sink_attach$address(), customs_h.customs_sink_attach$descriptor());

    /** Every description above, for checks that walk them all. */
    public static List<NativeFunction> described() {
        return java.util.List.of(CRC32, TRANSFORM, SUM_I32, PARSE_RECORD, GREET, SINK_WRITE, FOR_EACH, RUN_THREADS,
                STRESS_THREADS, ASYNC_START, SINK_ATTACH, LISTENER_REGISTER, LISTENER_POST);
    }
}
