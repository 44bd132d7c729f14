/*
 * threads.c - the helper threads of callbacks.c and listener.c: starting one together with the mutex and condition
 * variable it shares with its callers, joining it, and bounded waits on the monotonic clock; and the worker pools of
 * customs_run_threads and customs_stress_threads.
 */
#include <pthread.h>
#include <time.h>

#include "customs.h"
#include "internal.h"

/* A wall-clock jump cannot stretch a wait on CLOCK_MONOTONIC. */
int customs_internal_cond_init(pthread_cond_t *cond) {
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) {
        return -1;
    }
    int rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0) {
        rc = pthread_cond_init(cond, &attr);
    }
    pthread_condattr_destroy(&attr);
    return rc == 0 ? 0 : -1;
}

int32_t customs_internal_thread_start(pthread_t *thread, pthread_mutex_t *mutex, pthread_cond_t *cond,
                                      void *(*main)(void *), void *arg) {
    /* Mutex and condition initialisation fail only for lack of resources. */
    if (pthread_mutex_init(mutex, NULL) != 0) {
        return CUSTOMS_E_NOMEM;
    }
    if (customs_internal_cond_init(cond) != 0) {
        pthread_mutex_destroy(mutex);
        return CUSTOMS_E_NOMEM;
    }
    if (pthread_create(thread, NULL, main, arg) != 0) {
        pthread_cond_destroy(cond);
        pthread_mutex_destroy(mutex);
        return CUSTOMS_E_THREAD;
    }
    return CUSTOMS_OK;
}

void customs_internal_thread_join(pthread_t thread, pthread_mutex_t *mutex, pthread_cond_t *cond) {
    pthread_join(thread, NULL);
    pthread_cond_destroy(cond);
    pthread_mutex_destroy(mutex);
}

struct timespec customs_internal_deadline(int32_t timeout_ms) {
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}

int32_t customs_internal_run_workers(customs_worker *workers, int32_t nthreads, void *(*main)(void *), void *shared,
                                     void (*on_create_failure)(void *shared)) {
    int32_t started = 0;
    for (; started < nthreads; started++) {
        workers[started].shared = shared;
        workers[started].index = started;
        if (pthread_create(&workers[started].thread, NULL, main, &workers[started]) != 0) {
            if (on_create_failure != NULL) {
                on_create_failure(shared);
            }
            break;
        }
    }
    for (int32_t t = 0; t < started; t++) {
        pthread_join(workers[t].thread, NULL);
    }
    return started;
}
