/*
 * stress.c - customs_stress_threads: N threads x M upcalls that never stop early, counted in C so the caller can
 * compare C's count with its own.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "customs.h"
#include "internal.h"

struct stress_shared {
    customs_thread_cb cb;
    void *user;
    int32_t calls_per_thread;
    atomic_llong calls;
    atomic_llong failures;
    atomic_llong failure_sum;
};

static void *stress_worker_main(void *arg) {
    customs_worker *worker = arg;
    struct stress_shared *shared = worker->shared;
    for (int32_t c = 0; c < shared->calls_per_thread; c++) {
        int32_t rc = shared->cb(shared->user, worker->index, c);
        /* Counted after the callback returned: a call C made is a call whose status C received. */
        atomic_fetch_add_explicit(&shared->calls, 1, memory_order_relaxed);
        if (rc != 0) {
            atomic_fetch_add_explicit(&shared->failures, 1, memory_order_relaxed);
            atomic_fetch_add_explicit(&shared->failure_sum, rc, memory_order_relaxed);
        }
    }
    return NULL;
}

int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user,
                               customs_tally *out) {
    if (cb == NULL || out == NULL) {
        return CUSTOMS_E_NULL;
    }
    *out = (customs_tally){0};
    if (nthreads < 1 || nthreads > CUSTOMS_MAX_THREADS || calls_per_thread < 0) {
        return CUSTOMS_E_RANGE;
    }
    /* Bounded by CUSTOMS_MAX_THREADS, so the workers live on the stack: no allocation that could fail. */
    customs_worker workers[CUSTOMS_MAX_THREADS];
    struct stress_shared shared = {.cb = cb, .user = user, .calls_per_thread = calls_per_thread};
    atomic_init(&shared.calls, 0);
    atomic_init(&shared.failures, 0);
    atomic_init(&shared.failure_sum, 0);
    /* No stop on a failed thread creation: the threads already started make all their calls, and are counted. */
    int32_t started = customs_internal_run_workers(workers, nthreads, stress_worker_main, &shared, NULL);
    /* pthread_join orders every worker's counting before these loads. */
    out->calls = atomic_load(&shared.calls);
    out->failures = atomic_load(&shared.failures);
    out->failure_sum = atomic_load(&shared.failure_sum);
    out->threads = started;
    return started == nthreads ? CUSTOMS_OK : CUSTOMS_E_THREAD;
}
