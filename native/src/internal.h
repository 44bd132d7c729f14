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
 * Helper threads (threads.c). customs_internal_thread_start initialises *mutex and *cond, the latter waiting on
 * CLOCK_MONOTONIC so a wall-clock jump cannot stretch a wait, and starts *thread running main(arg). It returns
 * CUSTOMS_OK, or CUSTOMS_E_NOMEM / CUSTOMS_E_THREAD after undoing what it did. customs_internal_thread_join joins the
 * thread and destroys both. customs_internal_deadline is the absolute time timeout_ms (>= 0) from now on that clock,
 * for pthread_cond_timedwait.
 */
int32_t customs_internal_thread_start(pthread_t *thread, pthread_mutex_t *mutex, pthread_cond_t *cond,
                                      void *(*main)(void *), void *arg);
void customs_internal_thread_join(pthread_t thread, pthread_mutex_t *mutex, pthread_cond_t *cond);
struct timespec customs_internal_deadline(int32_t timeout_ms);

/*
 * Worker pools (threads.c), for customs_run_threads and customs_stress_threads: customs_internal_run_workers starts
 * nthreads threads, thread i running main(&workers[i]) with workers[i].shared = shared and workers[i].index = i, then
 * joins every one that started. If a thread cannot be created, no more are started and on_create_failure(shared) is
 * called, when not NULL, before the joins, so that the threads already running can be told to stop early. It returns
 * how many threads started (nthreads unless a creation failed).
 */
typedef struct customs_worker {
    void *shared;
    int32_t index;
    pthread_t thread;
} customs_worker;

int32_t customs_internal_run_workers(customs_worker *workers, int32_t nthreads, void *(*main)(void *), void *shared,
                                     void (*on_create_failure)(void *shared));

#endif /* CUSTOMS_INTERNAL_H */
