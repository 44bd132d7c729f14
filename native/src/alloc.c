/*
 * alloc.c - the counting allocator behind customs_live_allocations.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "customs.h"
#include "internal.h"

static atomic_llong live_allocations;

void *customs_internal_alloc(size_t size) {
    void *p = malloc(size);
    if (p != NULL) {
        atomic_fetch_add_explicit(&live_allocations, 1, memory_order_relaxed);
    }
    return p;
}

void customs_internal_free(void *p) {
    if (p != NULL) {
        atomic_fetch_sub_explicit(&live_allocations, 1, memory_order_relaxed);
        free(p);
    }
}

int64_t customs_live_allocations(void) {
    return (int64_t)atomic_load_explicit(&live_allocations, memory_order_relaxed);
}
