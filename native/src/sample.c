/*
 * sample.c - a struct with padding, passed and returned by value and by pointer.
 */
#include "customs.h"

customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags) {
    /* The initialiser zeroes the padding too, so the returned bytes are deterministic. */
    customs_sample s = {0};
    s.tag = tag;
    s.value = value;
    s.count = count;
    s.flags = flags;
    s.kind = 1;
    s.weight = count * 2;
    s.stamp = (int64_t)tag * 1000 + count;
    return s;
}

double customs_sample_score(customs_sample sample) {
    /* Every term is converted to double and summed left to right, so the same expression
     * written in Java gives the same bits. */
    return sample.value * sample.weight + sample.count + sample.flags + sample.tag + sample.kind
        + (double)sample.stamp;
}

int32_t customs_sample_scale(customs_sample *sample, double factor) {
    if (sample == NULL) {
        return CUSTOMS_E_NULL;
    }
    /* Field by field: a whole-struct store may rewrite the padding bytes, which the caller
     * is promised we leave alone. The increments wrap like Java's: count + 1 is computed in
     * int and narrowed (gcc and clang define that as modulo), stamp in uint64_t because
     * INT64_MAX + 1 would be undefined behaviour. */
    sample->value *= factor;
    sample->count = (int16_t)(sample->count + 1);
    sample->stamp = (int64_t)((uint64_t)sample->stamp + 1u);
    sample->flags |= 0x100;
    return CUSTOMS_OK;
}
