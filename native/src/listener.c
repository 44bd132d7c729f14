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
    customs_handle handle; /* first: the public pointer is the registry's handle */
    customs_event_cb cb;
    void *user;
    pthread_t thread;
    pthread_mutex_t mutex;
    pthread_cond_t cond; /* on CLOCK_MONOTONIC, so a wall-clock jump cannot stretch a wait */
    /* Everything below is guarded by mutex. */
    int posting;     /* a post is between handing over its event and reading its status */
    int has_event;   /* an event is handed over and not yet taken by the thread */
    int running;     /* the thread is inside cb */
    int stopping;    /* unregister has begun: no new event is taken, the thread exits once none is pending */
    int exited;      /* the thread has left its loop and touches nothing more */
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
    l->exited = 1;
    pthread_cond_broadcast(&l->cond);
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
    if (customs_internal_handles_ready() != CUSTOMS_OK) {
        return CUSTOMS_E_NOMEM;
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
    customs_internal_handle_add(&l->handle, CUSTOMS_KIND_LISTENER);
    *listener_out = l;
    return CUSTOMS_OK;
}

/* Waits on the listener's condition until the absolute monotonic deadline; 0, or ETIMEDOUT. */
static int wait_until(customs_listener *l, const struct timespec *deadline) {
    return pthread_cond_timedwait(&l->cond, &l->mutex, deadline) == ETIMEDOUT ? ETIMEDOUT : 0;
}

/* The body of customs_listener_post, on a listener counted in (so it cannot be freed under this call). */
static int32_t post_entered(customs_listener *l, int32_t event, int32_t timeout_ms) {
    if (pthread_equal(pthread_self(), l->thread)) {
        return CUSTOMS_E_STATE;
    }
    struct timespec deadline = customs_internal_deadline(timeout_ms);
    pthread_mutex_lock(&l->mutex);
    /* Serialise: wait until no other post is in progress and no earlier event is pending or running. Each loop
     * re-checks its condition, since a wake-up can be spurious; only ETIMEDOUT means the time is up. Once unregister
     * has begun, no new event is handed over: the thread may already have exited. */
    while (!l->stopping && (l->posting || l->has_event || l->running)) {
        if (wait_until(l, &deadline) == ETIMEDOUT && !l->stopping && (l->posting || l->has_event || l->running)) {
            pthread_mutex_unlock(&l->mutex);
            return CUSTOMS_E_TIMEOUT;
        }
    }
    if (l->stopping) {
        pthread_mutex_unlock(&l->mutex);
        return CUSTOMS_E_STATE;
    }
    l->posting = 1;
    l->event = event;
    l->has_event = 1;
    uint64_t mine = ++l->posted;
    pthread_cond_broadcast(&l->cond);
    int32_t result = CUSTOMS_OK;
    /* The thread delivers a pending event before it exits, even when stopping, so this wait ends with the event. */
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

int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms) {
    if (listener == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (timeout_ms < 0) {
        return CUSTOMS_E_RANGE;
    }
    customs_handle *h = customs_internal_handle_enter(listener, CUSTOMS_KIND_LISTENER);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* unregistered, or being unregistered */
    }
    int32_t result = post_entered(listener, event, timeout_ms);
    customs_internal_handle_leave(h);
    return result;
}

int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms) {
    if (listener == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (timeout_ms < 0) {
        return CUSTOMS_E_RANGE;
    }
    /* From inside cb, waiting would wait for this very thread, and freeing would pull the listener from under it:
     * refuse, before the unregister begins, so that no other call sees it begin. */
    if (customs_internal_handle_owned_by(listener, CUSTOMS_KIND_LISTENER, offsetof(customs_listener, thread))) {
        return CUSTOMS_E_STATE;
    }
    customs_handle *h = customs_internal_handle_close(listener, CUSTOMS_KIND_LISTENER);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* unregistered already, or another unregister is running */
    }
    customs_listener *l = listener;
    struct timespec deadline = customs_internal_deadline(timeout_ms);
    pthread_mutex_lock(&l->mutex);
    l->stopping = 1;
    pthread_cond_broadcast(&l->cond);
    /* The thread finishes an event already handed over (its cb may take any time), then exits. */
    while (!l->exited) {
        if (wait_until(l, &deadline) == ETIMEDOUT && !l->exited) {
            pthread_mutex_unlock(&l->mutex);
            customs_internal_handle_reopen(h); /* still stopping: posts are refused; unregister again to finish */
            return CUSTOMS_E_TIMEOUT;
        }
    }
    pthread_mutex_unlock(&l->mutex);
    /* Posts still inside have their event delivered or see stopping, and leave at once. */
    if (customs_internal_handle_quiesce(h, &deadline) != CUSTOMS_OK) {
        customs_internal_handle_reopen(h);
        return CUSTOMS_E_TIMEOUT;
    }
    /* The thread set exited as its last act on the listener, so this join does not wait for cb. */
    customs_internal_thread_join(l->thread, &l->mutex, &l->cond);
    customs_internal_free(l);
    return CUSTOMS_OK;
}
