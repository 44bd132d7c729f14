package dev.customs.api;

import static dev.customs.bindings.ffm.customs_h.C_CHAR;
import static dev.customs.bindings.ffm.customs_h.C_DOUBLE;
import static dev.customs.bindings.ffm.customs_h.C_INT;
import static dev.customs.bindings.ffm.customs_h.C_LONG;
import static dev.customs.bindings.ffm.customs_h.C_POINTER;
import static dev.customs.bindings.ffm.customs_h.C_SHORT;

import dev.customs.bindings.ffm.customs_sample;
import java.lang.foreign.FunctionDescriptor;

/**
 * The functions {@link FfmCustoms} links {@code critical(true)}, each with its descriptor: written here, beside the
 * generated {@code customs_h}, because taking them from it costs a second link per function.
 *
 * <p>jextract keeps each function's descriptor, address and downcall handle in one private holder class, so
 * {@code customs_h.customs_crc32$descriptor()} (or {@code $address()}) initialises that holder and links jextract's own,
 * plain handle as a side effect: a critical handle built from those accessors pays for two downcall stubs where it uses
 * one, about 20 wasted links and a fifth of {@code ./customs demo calls}' start-up here. So the descriptors are
 * repeated here, the addresses come from {@link dev.customs.bindings.ffm.CustomsLookup#find(String)}, and
 * {@code CriticalFunctionsTest} holds every one of them equal to jextract's, which the binding checker holds to the
 * header.
 */
enum CriticalFunctions {
    ADD("customs_add", FunctionDescriptor.of(C_INT, C_INT, C_INT)),
    NOOP("customs_noop", FunctionDescriptor.ofVoid()),
    VERSION("customs_version", FunctionDescriptor.of(C_POINTER)),
    STATUS_NAME("customs_status_name", FunctionDescriptor.of(C_POINTER, C_INT)),
    STATUS_MESSAGE("customs_status_message", FunctionDescriptor.of(C_POINTER, C_INT)),
    LIVE_ALLOCATIONS("customs_live_allocations", FunctionDescriptor.of(C_LONG)),
    CRC32("customs_crc32", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_LONG)),
    TRANSFORM("customs_transform", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_CHAR)),
    SUM_I32("customs_sum_i32", FunctionDescriptor.of(C_LONG, C_POINTER, C_LONG)),
    PARSE_RECORD("customs_parse_record", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER)),
    SINK_WRITE("customs_sink_write", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_LONG)),
    GREET("customs_greet", FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER, C_LONG)),
    TO_UPPER("customs_to_upper", FunctionDescriptor.of(C_POINTER, C_POINTER)),
    STRING_FREE("customs_string_free", FunctionDescriptor.ofVoid(C_POINTER)),
    LAYOUT_SIZE("customs_layout_size", FunctionDescriptor.of(C_LONG, C_POINTER)),
    LAYOUT_ALIGN("customs_layout_align", FunctionDescriptor.of(C_LONG, C_POINTER)),
    LAYOUT_FIELD_COUNT("customs_layout_field_count", FunctionDescriptor.of(C_LONG, C_POINTER)),
    LAYOUT_FIELD_NAME("customs_layout_field_name", FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG)),
    LAYOUT_OFFSET("customs_layout_offset", FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER)),
    SAMPLE_MAKE("customs_sample_make", FunctionDescriptor.of(customs_sample.layout(), C_CHAR, C_DOUBLE, C_SHORT,
            C_INT)),
    SAMPLE_SCORE("customs_sample_score", FunctionDescriptor.of(C_DOUBLE, customs_sample.layout())),
    SAMPLE_SCALE("customs_sample_scale", FunctionDescriptor.of(C_INT, C_POINTER, C_DOUBLE));

    final String symbol;
    final FunctionDescriptor descriptor;

    CriticalFunctions(String symbol, FunctionDescriptor descriptor) {
        this.symbol = symbol;
        this.descriptor = descriptor;
    }
}
