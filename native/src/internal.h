/*
 * internal.h - helpers shared by the library's source files; never installed or exported.
 */
#ifndef CUSTOMS_INTERNAL_H
#define CUSTOMS_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Every library-owned allocation goes through these two, so that customs_live_allocations
 * can prove from Java that ownership transfers were honoured.
 */
void *customs_internal_alloc(size_t size);
void customs_internal_free(void *p);

/*
 * Bounded waits (waits.c). A condition variable made by customs_internal_cond_init waits on CLOCK_MONOTONIC, so a
 * wall-clock jump cannot stretch a wait; customs_internal_deadline gives the absolute time timeout_ms (>= 0) from now
 * on that clock, for pthread_cond_timedwait. customs_internal_cond_init returns 0 on success.
 */
int customs_internal_cond_init(pthread_cond_t *cond);
struct timespec customs_internal_deadline(int32_t timeout_ms);

#endif /* CUSTOMS_INTERNAL_H */
