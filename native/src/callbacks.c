/*
 * callbacks.c - callbacks on the calling thread (customs_for_each), from threads that run
 * during the call (customs_run_threads) and from a thread that outlives the call
 * (customs_async_*).
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "customs.h"
#include "internal.h"

int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user) {
    if (cb == NULL || (items == NULL && count > 0)) {
        return CUSTOMS_E_NULL;
    }
    for (size_t i = 0; i < count; i++) {
        int32_t rc = cb(user, (int64_t)i, items[i]);
        if (rc != 0) {
            return rc;
        }
    }
    return CUSTOMS_OK;
}

/* ---- customs_run_threads ---- */

struct run_shared {
    customs_thread_cb cb;
    void *user;
    int32_t calls_per_thread;
    /* 0 until the first failure; a compare-and-swap from 0 keeps the first one in time. */
    atomic_int status;
};

static void record_first_status(struct run_shared *shared, int32_t status) {
    int expected = 0;
    atomic_compare_exchange_strong(&shared->status, &expected, status);
}

/* A thread could not be created: make the threads already running stop early; the result is E_THREAD anyway. */
static void stop_on_create_failure(void *shared) {
    record_first_status(shared, CUSTOMS_E_THREAD);
}

static void *run_worker_main(void *arg) {
    customs_worker *worker = arg;
    struct run_shared *shared = worker->shared;
    for (int32_t c = 0; c < shared->calls_per_thread; c++) {
        if (atomic_load(&shared->status) != 0) {
            break;
        }
        int32_t rc = shared->cb(shared->user, worker->index, c);
        if (rc != 0) {
            record_first_status(shared, rc);
            break;
        }
    }
    return NULL;
}

int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user) {
    if (cb == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (nthreads < 1 || nthreads > CUSTOMS_MAX_THREADS || calls_per_thread < 0) {
        return CUSTOMS_E_RANGE;
    }
    /* Bounded by CUSTOMS_MAX_THREADS, so the workers live on the stack and this call has no
     * allocation that could fail. */
    customs_worker workers[CUSTOMS_MAX_THREADS];
    struct run_shared shared = {.cb = cb, .user = user, .calls_per_thread = calls_per_thread};
    atomic_init(&shared.status, 0);
    int32_t started = customs_internal_run_workers(workers, nthreads, run_worker_main, &shared, stop_on_create_failure);
    return started < nthreads ? CUSTOMS_E_THREAD : (int32_t)atomic_load(&shared.status);
}

/* ---- customs_async_* ---- */

struct customs_async {
    customs_handle handle; /* first: the public pointer is the registry's handle */
    customs_async_cb cb;
    void *user;
    int32_t value;
    int32_t delay_ms;
    pthread_mutex_t mutex;
    pthread_cond_t cond; /* on CLOCK_MONOTONIC, so a wall-clock jump cannot stretch a wait */
    pthread_t thread;
    /* Guarded by mutex until the thread has been joined. */
    int32_t result;
    int done;
};

static void sleep_ms(int32_t ms) {
    struct timespec left = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    /* A signal handled on this thread must not cut the delay short. */
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}

static void *async_main(void *arg) {
    customs_async *job = arg;
    sleep_ms(job->delay_ms);
    int32_t result = job->cb(job->user, job->value);
    pthread_mutex_lock(&job->mutex);
    job->result = result;
    job->done = 1;
    pthread_cond_broadcast(&job->cond);
    pthread_mutex_unlock(&job->mutex);
    return NULL;
}

int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out) {
    if (job_out != NULL) {
        *job_out = NULL;
    }
    if (cb == NULL || job_out == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (delay_ms < 0 || delay_ms > CUSTOMS_MAX_ASYNC_DELAY_MS) {
        return CUSTOMS_E_RANGE;
    }
    if (customs_internal_handles_ready() != CUSTOMS_OK) {
        return CUSTOMS_E_NOMEM;
    }
    customs_async *job = customs_internal_alloc(sizeof *job);
    if (job == NULL) {
        return CUSTOMS_E_NOMEM;
    }
    job->cb = cb;
    job->user = user;
    job->value = value;
    job->delay_ms = delay_ms;
    job->result = 0;
    job->done = 0;
    int32_t started = customs_internal_thread_start(&job->thread, &job->mutex, &job->cond, async_main, job);
    if (started != CUSTOMS_OK) {
        customs_internal_free(job);
        return started;
    }
    customs_internal_handle_add(&job->handle, CUSTOMS_KIND_ASYNC);
    *job_out = job;
    return CUSTOMS_OK;
}

/* Waits on the job's condition until done or the deadline; returns done. Needs job->mutex. */
static int wait_done(customs_async *job, const struct timespec *deadline) {
    /* Loop: a wake-up can be spurious, and only ETIMEDOUT means the time is up. */
    while (!job->done) {
        if (pthread_cond_timedwait(&job->cond, &job->mutex, deadline) == ETIMEDOUT) {
            break;
        }
    }
    return job->done;
}

int32_t customs_async_wait(customs_async *job, int32_t timeout_ms) {
    if (job == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (timeout_ms < 0) {
        return CUSTOMS_E_RANGE;
    }
    customs_handle *h = customs_internal_handle_enter(job, CUSTOMS_KIND_ASYNC);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* joined, or being joined */
    }
    struct timespec deadline = customs_internal_deadline(timeout_ms);
    pthread_mutex_lock(&job->mutex);
    int done = wait_done(job, &deadline);
    pthread_mutex_unlock(&job->mutex);
    customs_internal_handle_leave(h);
    return done ? CUSTOMS_OK : CUSTOMS_E_TIMEOUT;
}

int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms) {
    if (job == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (timeout_ms < 0) {
        return CUSTOMS_E_RANGE;
    }
    /* Joining from the job's own thread (inside its callback) would wait for itself, and freeing the job there would
     * pull it from under the running thread: refuse, before the join begins, so that no other call sees it begin. */
    if (customs_internal_handle_owned_by(job, CUSTOMS_KIND_ASYNC, offsetof(customs_async, thread))) {
        return CUSTOMS_E_STATE;
    }
    customs_handle *h = customs_internal_handle_close(job, CUSTOMS_KIND_ASYNC);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* joined already, or another join is running */
    }
    struct timespec deadline = customs_internal_deadline(timeout_ms);
    pthread_mutex_lock(&job->mutex);
    int done = wait_done(job, &deadline);
    pthread_mutex_unlock(&job->mutex);
    /* A wait still inside was woken by done and leaves at once. */
    if (!done || customs_internal_handle_quiesce(h, &deadline) != CUSTOMS_OK) {
        customs_internal_handle_reopen(h); /* nothing changed: the job stays waitable and joinable */
        return CUSTOMS_E_TIMEOUT;
    }
    /* The thread set done as its last act on the job, so this join does not wait for the callback. */
    customs_internal_thread_join(job->thread, &job->mutex, &job->cond);
    if (result_out != NULL) {
        *result_out = job->result;
    }
    customs_internal_free(job);
    return CUSTOMS_OK;
}
