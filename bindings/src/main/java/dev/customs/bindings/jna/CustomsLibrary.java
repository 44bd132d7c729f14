package dev.customs.bindings.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * customs.h through JNA. Used two ways: as an interface mapping ({@link JnaLibraries#interfaceMapped()}, a proxy
 * that converts arguments per call) and implemented by {@link CustomsDirect} (direct mapping, {@code Native.register}).
 *
 * <p>Type mapping (LP64 Linux): {@code int32_t}/{@code uint32_t} {@code int}; {@code int64_t}/{@code size_t}
 * {@code long}; {@code uint8_t} {@code byte}; {@code int16_t} {@code short}; {@code const char *} {@code String}
 * (UTF-8, set on the library); other pointers {@code Pointer}, a primitive array (JNA copies it in and out around the
 * call), a {@code Structure} (by reference) or a {@code *ByReference}. Buffer functions come in both a {@code Pointer}
 * and an array form: the conformance check holds each overload to the header.
 */
public interface CustomsLibrary extends Library {
    String customs_status_name(int status);

    String customs_status_message(int status);

    String customs_version();

    int customs_add(int a, int b);

    void customs_noop();

    int customs_crc32(int crc, Pointer data, long len);

    int customs_crc32(int crc, byte[] data, long len);

    int customs_transform(Pointer data, long len, byte key);

    int customs_transform(byte[] data, long len, byte key);

    long customs_sum_i32(Pointer values, long count);

    long customs_sum_i32(int[] values, long count);

    long customs_greet(String name, Pointer out, long cap);

    /** Returns a library-allocated string: read it, then release it with {@link #customs_string_free}. */
    Pointer customs_to_upper(String s);

    void customs_string_free(Pointer s);

    customs_sample.ByValue customs_sample_make(byte tag, double value, short count, int flags);

    double customs_sample_score(customs_sample.ByValue sample);

    int customs_sample_scale(customs_sample sample, double factor);

    /** Reports through errno: read {@code Native.getLastError()} right after a -1. */
    long customs_file_size(String path);

    int customs_parse_record(Pointer data, long len, customs_record_info out);

    int customs_parse_record(byte[] data, long len, customs_record_info out);

    int customs_for_each(Pointer items, long count, customs_item_cb cb, Pointer user);

    int customs_for_each(int[] items, long count, customs_item_cb cb, Pointer user);

    int customs_run_threads(int nthreads, int callsPerThread, customs_thread_cb cb, Pointer user);

    /** Fills {@code out} in C; JNA reads it back into the Java fields when the call returns. */
    int customs_stress_threads(int nthreads, int callsPerThread, customs_thread_cb cb, Pointer user, customs_tally out);

    int customs_async_start(customs_async_cb cb, Pointer user, int value, int delayMs, PointerByReference jobOut);

    int customs_async_wait(Pointer job, int timeoutMs);

    int customs_async_join(Pointer job, IntByReference resultOut, int timeoutMs);

    /** Retains {@code cb} until {@link #customs_listener_unregister} returns 0: hold it strongly until then. */
    int customs_listener_register(customs_event_cb cb, Pointer user, PointerByReference listenerOut);

    int customs_listener_post(Pointer listener, int event, int timeoutMs);

    int customs_listener_unregister(Pointer listener, int timeoutMs);

    int customs_sink_attach(Pointer buf, long cap, PointerByReference sinkOut);

    int customs_sink_write(Pointer sink, Pointer data, long len);

    int customs_sink_write(Pointer sink, byte[] data, long len);

    int customs_sink_detach(Pointer sink, LongByReference writtenOut);

    long customs_live_allocations();

    long customs_layout_size(String type);

    long customs_layout_align(String type);

    long customs_layout_field_count(String type);

    String customs_layout_field_name(String type, long index);

    long customs_layout_offset(String type, String field);
}
