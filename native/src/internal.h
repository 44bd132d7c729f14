/*
 * internal.h - helpers shared by the library's source files; never installed or exported.
 */
#ifndef CUSTOMS_INTERNAL_H
#define CUSTOMS_INTERNAL_H

#include <stddef.h>

/*
 * Every library-owned allocation goes through these two, so that customs_live_allocations
 * can prove from Java that ownership transfers were honoured.
 */
void *customs_internal_alloc(size_t size);
void customs_internal_free(void *p);

#endif /* CUSTOMS_INTERNAL_H */
