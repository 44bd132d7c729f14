/*
 * stress.c - customs_stress_threads: N threads x M upcalls that never stop early, counted in C so the caller can
 * compare C's count with its own.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "customs.h"

struct stress_shared {
    customs_thread_cb cb;
    void *user;
    int32_t calls_per_thread;
    atomic_llong calls;
    atomic_llong failures;
    atomic_llong failure_sum;
};

struct stress_worker {
    struct stress_shared *shared;
    int32_t index;
    pthread_t thread;
};

static void *stress_worker_main(void *arg) {
    struct stress_worker *worker = arg;
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
    struct stress_worker workers[CUSTOMS_MAX_THREADS];
    struct stress_shared shared = {.cb = cb, .user = user, .calls_per_thread = calls_per_thread};
    atomic_init(&shared.calls, 0);
    atomic_init(&shared.failures, 0);
    atomic_init(&shared.failure_sum, 0);

    int32_t started = 0;
    for (; started < nthreads; started++) {
        workers[started].shared = &shared;
        workers[started].index = started;
        if (pthread_create(&workers[started].thread, NULL, stress_worker_main, &workers[started]) != 0) {
            break;
        }
    }
    for (int32_t t = 0; t < started; t++) {
        pthread_join(workers[t].thread, NULL);
    }
    /* pthread_join orders every worker's counting before these loads. */
    out->calls = atomic_load(&shared.calls);
    out->failures = atomic_load(&shared.failures);
    out->failure_sum = atomic_load(&shared.failure_sum);
    out->threads = started;
    return started == nthreads ? CUSTOMS_OK : CUSTOMS_E_THREAD;
}
