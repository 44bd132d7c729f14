/*
 * sink.c - a sink that retains a caller buffer between calls (the one exception to the
 * header's ownership convention).
 */
#include <pthread.h>
#include <string.h>

#include "customs.h"
#include "internal.h"

struct customs_sink {
    customs_handle handle; /* first: the public pointer is the registry's handle */
    uint8_t *buf;
    size_t cap;
    size_t used;           /* guarded by mutex; used <= cap always */
    pthread_mutex_t mutex; /* serialises calls on one sink, which may come from any thread */
};

int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out) {
    if (sink_out != NULL) {
        *sink_out = NULL;
    }
    if (buf == NULL || sink_out == NULL) {
        return CUSTOMS_E_NULL;
    }
    if (cap == 0) {
        return CUSTOMS_E_RANGE;
    }
    if (customs_internal_handles_ready() != CUSTOMS_OK) {
        return CUSTOMS_E_NOMEM;
    }
    customs_sink *sink = customs_internal_alloc(sizeof *sink);
    if (sink == NULL) {
        return CUSTOMS_E_NOMEM;
    }
    sink->buf = buf;
    sink->cap = cap;
    sink->used = 0;
    /* Fails only for lack of resources. */
    if (pthread_mutex_init(&sink->mutex, NULL) != 0) {
        customs_internal_free(sink);
        return CUSTOMS_E_NOMEM;
    }
    customs_internal_handle_add(&sink->handle, CUSTOMS_KIND_SINK);
    *sink_out = sink;
    return CUSTOMS_OK;
}

int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len) {
    if (sink == NULL || (data == NULL && len > 0)) {
        return CUSTOMS_E_NULL;
    }
    customs_handle *h = customs_internal_handle_enter(sink, CUSTOMS_KIND_SINK);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* detached, or being detached */
    }
    int32_t status = CUSTOMS_OK;
    pthread_mutex_lock(&sink->mutex);
    /* cap - used cannot wrap because used <= cap; used + len could. */
    if (len > sink->cap - sink->used) {
        status = CUSTOMS_E_RANGE;
    } else if (len > 0) {
        memcpy(sink->buf + sink->used, data, len);
        sink->used += len;
    }
    pthread_mutex_unlock(&sink->mutex);
    customs_internal_handle_leave(h);
    return status;
}

int32_t customs_sink_detach(customs_sink *sink, size_t *written_out) {
    if (sink == NULL) {
        return CUSTOMS_E_NULL;
    }
    customs_handle *h = customs_internal_handle_close(sink, CUSTOMS_KIND_SINK);
    if (h == NULL) {
        return CUSTOMS_E_STATE; /* detached already, or another detach is running */
    }
    /* Bounded by design: a write inside holds the sink for one copy of at most cap bytes, and no new write enters. */
    customs_internal_handle_quiesce(h, NULL);
    /* Taking the lock orders the last write's bytes before this read. */
    pthread_mutex_lock(&sink->mutex);
    size_t used = sink->used;
    pthread_mutex_unlock(&sink->mutex);
    if (written_out != NULL) {
        *written_out = used;
    }
    pthread_mutex_destroy(&sink->mutex);
    customs_internal_free(sink);
    return CUSTOMS_OK;
}
