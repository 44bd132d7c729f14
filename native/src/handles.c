/*
 * handles.c - the registry of live objects (listeners, async jobs, sinks) that makes teardown safe against calls in
 * flight.
 *
 * A call on an object first looks its pointer up here, under one lock, and counts itself in (enter); only then does
 * it touch the object, and it counts itself out (leave) when it no longer will. A teardown marks the object closing,
 * so that new calls are refused, and waits until no call is inside (quiesce) before it removes the object and frees
 * it. A pointer that is not registered is never dereferenced: a call that starts after the object was removed is
 * refused with CUSTOMS_E_STATE instead of touching freed memory.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>

#include "customs.h"
#include "internal.h"

#define BUCKETS 256

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static customs_handle *buckets[BUCKETS]; /* guarded by registry_lock */
static pthread_cond_t quiet;             /* a closing object's last call left; on CLOCK_MONOTONIC */
static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static int quiet_ready;                  /* set once, inside pthread_once */

static void init_quiet(void) {
    quiet_ready = customs_internal_cond_init(&quiet) == 0;
}

static size_t bucket_of(const void *object) {
    uintptr_t p = (uintptr_t)object;
    return (size_t)((p >> 4) ^ (p >> 12)) % BUCKETS;
}

/* The registered handle at object of that kind, or NULL; needs registry_lock. Never dereferences object itself. */
static customs_handle *find(const void *object, int kind) {
    for (customs_handle *h = buckets[bucket_of(object)]; h != NULL; h = h->next) {
        if ((const void *)h == object && h->kind == kind) {
            return h;
        }
    }
    return NULL;
}

int32_t customs_internal_handles_ready(void) {
    pthread_once(&quiet_once, init_quiet);
    return quiet_ready ? CUSTOMS_OK : CUSTOMS_E_NOMEM;
}

void customs_internal_handle_add(customs_handle *h, int kind) {
    *h = (customs_handle){.kind = kind};
    pthread_mutex_lock(&registry_lock);
    size_t b = bucket_of(h);
    h->next = buckets[b];
    buckets[b] = h;
    pthread_mutex_unlock(&registry_lock);
}

/* Unlinks h; needs registry_lock. */
static void unlink_handle(customs_handle *h) {
    for (customs_handle **p = &buckets[bucket_of(h)]; *p != NULL; p = &(*p)->next) {
        if (*p == h) {
            *p = h->next;
            return;
        }
    }
}

customs_handle *customs_internal_handle_enter(const void *object, int kind) {
    pthread_mutex_lock(&registry_lock);
    customs_handle *h = find(object, kind);
    if (h != NULL && h->closing) {
        h = NULL;
    }
    if (h != NULL) {
        h->users++;
    }
    pthread_mutex_unlock(&registry_lock);
    return h;
}

int customs_internal_handle_owned_by(const void *object, int kind, size_t thread_offset) {
    customs_handle *h = customs_internal_handle_enter(object, kind);
    if (h == NULL) {
        return 0;
    }
    const pthread_t *thread = (const pthread_t *)((const char *)h + thread_offset);
    int own = pthread_equal(pthread_self(), *thread);
    customs_internal_handle_leave(h);
    return own;
}

void customs_internal_handle_leave(customs_handle *h) {
    pthread_mutex_lock(&registry_lock);
    if (--h->users == 0 && h->closing) {
        pthread_cond_broadcast(&quiet);
    }
    pthread_mutex_unlock(&registry_lock);
}

customs_handle *customs_internal_handle_close(const void *object, int kind) {
    pthread_mutex_lock(&registry_lock);
    customs_handle *h = find(object, kind);
    if (h != NULL && h->closing) {
        h = NULL; /* another teardown of the same object is running */
    }
    if (h != NULL) {
        h->closing = 1;
    }
    pthread_mutex_unlock(&registry_lock);
    return h;
}

void customs_internal_handle_reopen(customs_handle *h) {
    pthread_mutex_lock(&registry_lock);
    h->closing = 0;
    pthread_mutex_unlock(&registry_lock);
}

int32_t customs_internal_handle_quiesce(customs_handle *h, const struct timespec *deadline) {
    int32_t status = CUSTOMS_OK;
    pthread_mutex_lock(&registry_lock);
    while (h->users > 0) {
        int rc = deadline == NULL ? pthread_cond_wait(&quiet, &registry_lock)
                                  : pthread_cond_timedwait(&quiet, &registry_lock, deadline);
        if (rc == ETIMEDOUT && h->users > 0) {
            status = CUSTOMS_E_TIMEOUT;
            break;
        }
    }
    if (status == CUSTOMS_OK) {
        unlink_handle(h);
    }
    pthread_mutex_unlock(&registry_lock);
    return status;
}
