/*
 * listener.c - a callback the library retains across calls (customs_listener_*): one long-lived
 * thread per listener calls it for each event posted, until the listener is unregistered.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>

#include "customs.h"
#include "internal.h"

struct customs_listener {
    customs_event_cb cb;
    void *user;
    pthread_t thread;
    pthread_mutex_t mutex;
    pthread_cond_t cond; /* on CLOCK_MONOTONIC, so a wall-clock jump cannot stretch a wait */
    /* Everything below is guarded by mutex. */
    int posting;     /* a post is between handing over its event and reading its status */
    int has_event;   /* an event is handed over and not yet taken by the thread */
    int running;     /* the thread is inside cb */
    int stopping;    /* unregister has begun: the thread exits once no event is pending */
    int32_t event;
    int32_t status;  /* cb's status for the event numbered done */
    uint64_t posted; /* events handed over so far */
    uint64_t done;   /* events whose cb has returned */
};

static void *listener_main(void *arg) {
    customs_listener *l = arg;
    pthread_mutex_lock(&l->mutex);
    for (;;) {
        while (!l->has_event && !l->stopping) {
            pthread_cond_wait(&l->cond, &l->mutex);
        }
        if (!l->has_event) {
            break; /* stopping, and nothing left to deliver */
        }
        int32_t event = l->event;
        l->has_event = 0;
        l->running = 1;
        pthread_mutex_unlock(&l->mutex);
        int32_t status = l->cb(l->user, event);
        pthread_mutex_lock(&l->mutex);
        l->status = status;
        l->running = 0;
        l->done++;
        pthread_cond_broadcast(&l->cond);
    }
    pthread_mutex_unlock(&l->mutex);
    return NULL;
}

int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out) {
    if (listener_out != NULL) {
        *listener_out = NULL;
    }
    if (cb == NULL || listener_out == NULL) {
        return CUSTOMS_E_NULL;
    }
    customs_listener *l = customs_internal_alloc(sizeof *l);
    if (l == NULL) {
        return CUSTOMS_E_NOMEM;
    }
    *l = (customs_listener){.cb = cb, .user = user};
    int32_t started = customs_internal_thread_start(&l->thread, &l->mutex, &l->cond, listener_main, l);
    if (started != CUSTOMS_OK) {
        customs_internal_free(l);
        return started;
    }
    *listener_out = l;
    return CUSTOMS_OK;
}

/* Waits on the listener's condition until the absolute monotonic deadline; 0, or ETIMEDOUT. */
static int wait_until(customs_listener *l, const struct timespec *deadline) {
    return pthread_cond_timedwait(&l->cond, &l->mutex, deadline) == ETIMEDOUT ? ETIMEDOUT : 0;
}

int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms) {
    if (listener == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (timeout_ms < 0) {
        return CUSTOMS_E_RANGE;
    }
    if (pthread_equal(pthread_self(), listener->thread)) {
        return CUSTOMS_E_STATE;
    }
    struct timespec deadline = customs_internal_deadline(timeout_ms);
    customs_listener *l = listener;
    pthread_mutex_lock(&l->mutex);
    /* Serialise: wait until no other post is in progress and no earlier event is pending or running. Each loop
     * re-checks its condition, since a wake-up can be spurious; only ETIMEDOUT means the time is up. */
    while (l->posting || l->has_event || l->running) {
        if (wait_until(l, &deadline) == ETIMEDOUT && (l->posting || l->has_event || l->running)) {
            pthread_mutex_unlock(&l->mutex);
            return CUSTOMS_E_TIMEOUT;
        }
    }
    l->posting = 1;
    l->event = event;
    l->has_event = 1;
    uint64_t mine = ++l->posted;
    pthread_cond_broadcast(&l->cond);
    int32_t result = CUSTOMS_OK;
    while (l->done < mine) {
        if (wait_until(l, &deadline) == ETIMEDOUT && l->done < mine) {
            result = CUSTOMS_E_TIMEOUT;
            break;
        }
    }
    if (result == CUSTOMS_OK) {
        /* posting kept every other post out, so the last status recorded is this event's. */
        result = l->status;
    }
    l->posting = 0;
    pthread_cond_broadcast(&l->cond);
    pthread_mutex_unlock(&l->mutex);
    return result;
}

int32_t customs_listener_unregister(customs_listener *listener) {
    if (listener == NULL) {
        return CUSTOMS_E_NULL;
    }
    /* From inside cb, joining would wait for this very thread, and freeing would pull the listener from under it. */
    if (pthread_equal(pthread_self(), listener->thread)) {
        return CUSTOMS_E_STATE;
    }
    pthread_mutex_lock(&listener->mutex);
    listener->stopping = 1;
    pthread_cond_broadcast(&listener->cond);
    pthread_mutex_unlock(&listener->mutex);
    customs_internal_thread_join(listener->thread, &listener->mutex, &listener->cond);
    customs_internal_free(listener);
    return CUSTOMS_OK;
}
