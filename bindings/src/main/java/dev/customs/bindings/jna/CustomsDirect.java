package dev.customs.bindings.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * customs.h through JNA direct mapping: {@code native} methods bound once by {@code Native.register}, several times
 * faster per call than the interface proxy. It implements {@link CustomsLibrary}, so one contract serves both
 * mappings (JNA's own {@code DirectCallbacksTest} habit).
 */
public final class CustomsDirect implements CustomsLibrary {
    static {
        Native.register(CustomsDirect.class, JnaLibraries.library());
    }

    CustomsDirect() {}

    @Override
    public native String customs_status_name(int status);

    @Override
    public native String customs_status_message(int status);

    @Override
    public native String customs_version();

    @Override
    public native int customs_add(int a, int b);

    @Override
    public native void customs_noop();

    @Override
    public native int customs_crc32(int crc, Pointer data, long len);

    @Override
    public native int customs_crc32(int crc, byte[] data, long len);

    @Override
    public native int customs_transform(Pointer data, long len, byte key);

    @Override
    public native int customs_transform(byte[] data, long len, byte key);

    @Override
    public native long customs_sum_i32(Pointer values, long count);

    @Override
    public native long customs_sum_i32(int[] values, long count);

    @Override
    public native long customs_greet(String name, Pointer out, long cap);

    @Override
    public native Pointer customs_to_upper(String s);

    @Override
    public native void customs_string_free(Pointer s);

    @Override
    public native customs_sample.ByValue customs_sample_make(byte tag, double value, short count, int flags);

    @Override
    public native double customs_sample_score(customs_sample.ByValue sample);

    @Override
    public native int customs_sample_scale(customs_sample sample, double factor);

    @Override
    public native long customs_file_size(String path);

    @Override
    public native int customs_parse_record(Pointer data, long len, customs_record_info out);

    @Override
    public native int customs_parse_record(byte[] data, long len, customs_record_info out);

    @Override
    public native int customs_for_each(Pointer items, long count, customs_item_cb cb, Pointer user);

    @Override
    public native int customs_for_each(int[] items, long count, customs_item_cb cb, Pointer user);

    @Override
    public native int customs_run_threads(int nthreads, int callsPerThread, customs_thread_cb cb, Pointer user);

    @Override
    public native int customs_stress_threads(int nthreads, int callsPerThread, customs_thread_cb cb, Pointer user,
            customs_tally out);

    @Override
    public native int customs_async_start(customs_async_cb cb, Pointer user, int value, int delayMs, PointerByReference jobOut);

    @Override
    public native int customs_async_wait(Pointer job, int timeoutMs);

    @Override
    public native int customs_async_join(Pointer job, IntByReference resultOut, int timeoutMs);

    @Override
    public native int customs_listener_register(customs_event_cb cb, Pointer user, PointerByReference listenerOut);

    @Override
    public native int customs_listener_post(Pointer listener, int event, int timeoutMs);

    @Override
    public native int customs_listener_unregister(Pointer listener, int timeoutMs);

    @Override
    public native int customs_sink_attach(Pointer buf, long cap, PointerByReference sinkOut);

    @Override
    public native int customs_sink_write(Pointer sink, Pointer data, long len);

    @Override
    public native int customs_sink_write(Pointer sink, byte[] data, long len);

    @Override
    public native int customs_sink_detach(Pointer sink, LongByReference writtenOut);

    @Override
    public native long customs_live_allocations();

    @Override
    public native long customs_layout_size(String type);

    @Override
    public native long customs_layout_align(String type);

    @Override
    public native long customs_layout_field_count(String type);

    @Override
    public native String customs_layout_field_name(String type, long index);

    @Override
    public native long customs_layout_offset(String type, String field);
}
