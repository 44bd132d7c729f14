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

/* Initialises a condition variable on CLOCK_MONOTONIC (threads.c); 0 on success. */
int customs_internal_cond_init(pthread_cond_t *cond);

/*
 * The registry of live objects (handles.c), which makes teardown safe against calls in flight. Each listener, async
 * job and sink starts with a customs_handle, so that its public pointer is the handle's address.
 *  - handles_ready is called once before an object is created: CUSTOMS_OK, or CUSTOMS_E_NOMEM if the registry's
 *    condition variable could not be initialised.
 *  - handle_add registers a new, fully initialised object, just before its pointer is handed out.
 *  - handle_enter looks a public pointer up without dereferencing it: the object, counted as one more call in flight,
 *    or NULL if no such object of that kind is registered or it is closing. Every non-NULL enter is paired with one
 *    handle_leave, after which the call must not touch the object.
 *  - handle_owned_by tells whether the calling thread is the object's own, whose pthread_t is at thread_offset in it:
 *    1 if so, 0 if not or if the object is unknown or closing (the teardown that follows will say which).
 *  - handle_close begins a teardown: marks the object closing (new enters fail) and returns it, or NULL if it is
 *    unknown or another teardown of it is running. Then either handle_reopen (the teardown gives up: nothing changed),
 *    or handle_quiesce: waits until no call is in flight, at most until deadline (NULL: bounded by the calls
 *    themselves), and on CUSTOMS_OK removes the object, which the caller now owns alone and frees; on
 *    CUSTOMS_E_TIMEOUT the object is still registered and closing, and the caller must handle_reopen it.
 */
enum { CUSTOMS_KIND_LISTENER = 1, CUSTOMS_KIND_ASYNC, CUSTOMS_KIND_SINK };

typedef struct customs_handle {
    struct customs_handle *next; /* the registry's chain */
    int kind;
    int closing;                 /* a teardown is running */
    uint32_t users;              /* calls in flight */
} customs_handle;

int32_t customs_internal_handles_ready(void);
void customs_internal_handle_add(customs_handle *h, int kind);
customs_handle *customs_internal_handle_enter(const void *object, int kind);
void customs_internal_handle_leave(customs_handle *h);
int customs_internal_handle_owned_by(const void *object, int kind, size_t thread_offset);
customs_handle *customs_internal_handle_close(const void *object, int kind);
void customs_internal_handle_reopen(customs_handle *h);
int32_t customs_internal_handle_quiesce(customs_handle *h, const struct timespec *deadline);

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
