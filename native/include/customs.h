/*
 * customs.h - the specimen C library that Customs inspects at the Java/C border.
 *
 * Every function here exists to exercise one hazard of a foreign-function boundary:
 * scalars, caller-owned buffers, strings in and out, ownership transfer, structs with
 * padding, status codes and errno, a parser of untrusted bytes, callbacks from the
 * calling thread and from threads created in C, and a pointer the library retains
 * after the call that handed it over.
 *
 * This header is the source of truth for the Java bindings: the FFM layer is jextract's
 * output of it (bindings/jextract/customs.args), checked against it by the C compiler, and
 * the JNA layer is checked against the FFM layer (bindings/README.md, "Conformance"). When a
 * symbol is added here, add its line to customs.args and run ./customs bindings.
 *
 * Conventions that hold for every function unless its comment says otherwise:
 *  - Status codes: 0 (CUSTOMS_OK) is success, library errors are negative
 *    (enum customs_status). A callback may stop an iteration by returning any non-zero
 *    value; by convention callbacks use positive values so they cannot be mistaken for
 *    the library's own errors. customs_status_name/customs_status_message describe both.
 *  - Sizes are size_t; the library assumes an LP64 platform (size_t is 64 bits).
 *  - Ownership: the caller owns every buffer it passes in, and the library does not keep
 *    a pointer past the return of the call, except customs_sink_attach and customs_listener_register
 *    (see there).
 *    What the library allocates is counted by customs_live_allocations until freed.
 *  - Threading: functions without shared state are safe from any thread at once. The objects with a
 *    lifecycle (async jobs, listeners, sinks) may be used from several threads at once, teardown included:
 *    a teardown (customs_async_join, customs_listener_unregister, customs_sink_detach) waits for the calls
 *    already inside the object to leave, and a call that starts once the teardown has begun is refused with
 *    CUSTOMS_E_STATE; the library never dereferences a pointer to an object it has freed. native/README.md
 *    gives the outcome of every pair of concurrent calls on one object. Using a pointer after its teardown
 *    returned CUSTOMS_OK is still the caller's error: the address may by then belong to a new object.
 *  - Every wait is bounded: by a timeout_ms argument (CUSTOMS_E_TIMEOUT when it runs out), or by design
 *    (the comment says by what).
 */
#ifndef CUSTOMS_H
#define CUSTOMS_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CUSTOMS_API __attribute__((visibility("default")))
#else
#define CUSTOMS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------- */
/* Status codes                                                                        */
/* ---------------------------------------------------------------------------------- */

/** Status codes returned by the library. Library errors are negative. */
typedef enum customs_status {
    CUSTOMS_OK = 0,
    CUSTOMS_E_NULL = -1,      /* a required pointer argument was NULL */
    CUSTOMS_E_RANGE = -2,     /* a length, count or index is outside its documented range */
    CUSTOMS_E_TRUNCATED = -3, /* the input ended in the middle of a field */
    CUSTOMS_E_FORMAT = -4,    /* the input is malformed: bad magic, version or tag */
    CUSTOMS_E_NOMEM = -5,     /* the library could not allocate memory */
    CUSTOMS_E_STATE = -6,     /* the object is in the wrong state for this call */
    CUSTOMS_E_THREAD = -7,    /* a native thread could not be created */
    CUSTOMS_E_TIMEOUT = -8    /* a bounded wait ended before the work was done */
} customs_status;

/**
 * The symbolic name of a status code, e.g. "CUSTOMS_E_RANGE".
 * Positive values are callback statuses and give "CUSTOMS_CALLBACK_STATUS"; unknown negative
 * values give "CUSTOMS_E_UNKNOWN".
 * Ownership: returns a static string; the caller must not free it. Never returns NULL.
 * Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API const char *customs_status_name(int32_t status);

/**
 * A one-sentence English description of a status code, in the style of strerror.
 * Ownership: returns a static string; the caller must not free it. Never returns NULL.
 * Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API const char *customs_status_message(int32_t status);

/**
 * The library's version, "MAJOR.MINOR.PATCH".
 * Ownership: static string, never freed. Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API const char *customs_version(void);

/* ---------------------------------------------------------------------------------- */
/* 1. Scalars                                                                          */
/* ---------------------------------------------------------------------------------- */

/**
 * a + b with two's-complement wrap-around (no undefined behaviour on overflow), like Java's int +.
 * Ownership: none. Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API int32_t customs_add(int32_t a, int32_t b);

/**
 * Does nothing; exists to measure the bare cost of a call.
 * Ownership: none. Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API void customs_noop(void);

/* ---------------------------------------------------------------------------------- */
/* 2. Caller-owned buffers                                                             */
/* ---------------------------------------------------------------------------------- */

/**
 * CRC-32 (IEEE 802.3, the polynomial of zlib and java.util.zip.CRC32) of len bytes at data,
 * continuing from crc (pass 0 to start). customs_crc32(customs_crc32(0, a, n), b, m) is the
 * CRC of a followed by b.
 * Ownership: data is caller-owned, read only during the call.
 * Threading: any thread. Calls back: no. Short and bounded: safe to link as a critical call.
 * Errors: data == NULL returns crc unchanged, whatever len is.
 */
CUSTOMS_API uint32_t customs_crc32(uint32_t crc, const uint8_t *data, size_t len);

/**
 * Transforms len bytes at data in place: data[i] = data[i] ^ (uint8_t)(key + i).
 * Applying it twice with the same key restores the input.
 * Ownership: data is caller-owned, read and written only during the call.
 * Threading: any thread. Calls back: no. Safe to link as a critical call.
 * Errors: CUSTOMS_E_NULL if data is NULL and len > 0; otherwise CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_transform(uint8_t *data, size_t len, uint8_t key);

/**
 * The sum of count int32 values as a 64-bit integer (no overflow for count < 2^32).
 * Ownership: values is caller-owned, read only during the call.
 * Threading: any thread. Calls back: no. Safe to link as a critical call.
 * Errors: values == NULL returns 0.
 */
CUSTOMS_API int64_t customs_sum_i32(const int32_t *values, size_t count);

/* ---------------------------------------------------------------------------------- */
/* 3. Strings                                                                          */
/* ---------------------------------------------------------------------------------- */

/**
 * Writes "Hello, NAME!" into out, snprintf style: at most cap bytes including the
 * terminating NUL are written, the result is always NUL-terminated when cap > 0, and the
 * return value is the length the full greeting needs, not counting the NUL. A return value
 * >= cap means the output was truncated; call again with a larger buffer.
 * name is NUL-terminated UTF-8 and is copied byte for byte. name may overlap out, for example
 * to greet in place: the result is as if name were copied before anything is written.
 * Ownership: name and out are caller-owned, used only during the call.
 * Threading: any thread. Calls back: no.
 * Errors: CUSTOMS_E_NULL if name is NULL, or if out is NULL and cap > 0.
 */
CUSTOMS_API int64_t customs_greet(const char *name, char *out, size_t cap);

/**
 * Returns a newly allocated copy of s with ASCII letters upper-cased (other bytes unchanged).
 * Ownership: the result is owned by the caller, who must release it with customs_string_free
 * (never with free()): it counts as one live allocation until then.
 * Threading: any thread. Calls back: no.
 * Errors: returns NULL if s is NULL or memory is exhausted.
 */
CUSTOMS_API char *customs_to_upper(const char *s);

/**
 * Releases a string returned by customs_to_upper. NULL is ignored.
 * Ownership: takes ownership of s; s must not be used afterwards, nor freed twice.
 * Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API void customs_string_free(char *s);

/* ---------------------------------------------------------------------------------- */
/* 4. Structs                                                                          */
/* ---------------------------------------------------------------------------------- */

/**
 * A measurement with padding and mixed alignment (LP64: size 40, alignment 8):
 * 7 bytes of padding after tag, 2 after count, 3 after kind.
 */
typedef struct customs_sample {
    uint8_t tag;     /* offset  0 */
    double value;    /* offset  8 */
    int16_t count;   /* offset 16 */
    int32_t flags;   /* offset 20 */
    uint8_t kind;    /* offset 24 */
    int32_t weight;  /* offset 28 */
    int64_t stamp;   /* offset 32 */
} customs_sample;

/**
 * Returns a sample built from its arguments, by value (kind = 1, weight = count * 2, stamp =
 * tag * 1000 + count).
 * Ownership: none (returned by value). Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API customs_sample customs_sample_make(uint8_t tag, double value, int16_t count, int32_t flags);

/**
 * A score computed from a sample passed by value: value * weight + count + flags + tag + kind + stamp.
 * Ownership: none (the argument is a copy). Threading: any thread. Calls back: no. Errors: none.
 */
CUSTOMS_API double customs_sample_score(customs_sample sample);

/**
 * Scales a sample in place, passed by pointer: value *= factor, count += 1, stamp += 1,
 * flags |= 0x100. Padding bytes are left untouched.
 * Ownership: sample is caller-owned, read and written only during the call.
 * Threading: any thread. Calls back: no.
 * Errors: CUSTOMS_E_NULL if sample is NULL; otherwise CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_sample_scale(customs_sample *sample, double factor);

/* ---------------------------------------------------------------------------------- */
/* 5. errno                                                                            */
/* ---------------------------------------------------------------------------------- */

/**
 * The size in bytes of the regular file at path, reporting failure through errno as POSIX
 * functions do. Only regular files have a size here: a device (/dev/null), FIFO or socket is
 * refused, and so is a file on procfs or sysfs (/proc, /sys), whose size stat(2) reports as 0 or
 * 4096 whatever reading it would give.
 * Ownership: path is caller-owned, used only during the call.
 * Threading: any thread (errno is thread-local). Calls back: no.
 * Errors: returns -1 and sets errno: EINVAL if path is NULL, EISDIR if path is a directory,
 * EINVAL if it is neither a directory nor a regular file, or is on procfs or sysfs; otherwise
 * what stat(2) sets (ENOENT, EACCES, ENOTDIR, ...). errno is meaningful only when
 * the result is -1.
 */
CUSTOMS_API int64_t customs_file_size(const char *path);

/* ---------------------------------------------------------------------------------- */
/* 6. A parser of untrusted bytes                                                      */
/* ---------------------------------------------------------------------------------- */

/**
 * Record format, all integers little-endian:
 *   magic   4 bytes  "CUST"
 *   version u8       must be 1
 *   nfields u8       number of fields that follow, at most CUSTOMS_MAX_FIELDS
 *   field:  tag u8, length u16, then length bytes of body
 *     tag 1 NAME: body is 1..64 bytes of text, no NUL byte
 *     tag 2 DATA: body is any bytes
 *     tag 3 LIST: body is count u16, then count items of (len u8, len bytes);
 *                 the items must fill the body exactly
 * Bytes after the last field are an error (CUSTOMS_E_FORMAT).
 */
#define CUSTOMS_MAX_FIELDS 32

/** What customs_parse_record found. */
typedef struct customs_record_info {
    uint8_t version;       /* offset  0 */
    uint8_t field_count;   /* offset  1 */
    uint16_t name_length;  /* offset  2: length of the NAME field, 0 if none */
    uint32_t item_count;   /* offset  4: LIST items over all LIST fields */
    uint64_t data_bytes;   /* offset  8: DATA body bytes over all DATA fields */
    uint32_t checksum;     /* offset 16: CRC-32 of every field body in order */
    int32_t error_offset;  /* offset 20: byte offset of the first bad byte, -1 on success */
} customs_record_info;

/**
 * Parses one record of len bytes at data and fills *out. Bounds-checked: it never reads
 * outside [data, data + len) whatever the bytes say, for every input.
 * Ownership: data and out are caller-owned, used only during the call.
 * Threading: any thread. Calls back: no.
 * Errors: CUSTOMS_E_NULL if out is NULL, or data is NULL and len > 0; CUSTOMS_E_TRUNCATED if
 * the input ends inside the header or a field; CUSTOMS_E_FORMAT for a bad magic, version,
 * tag, NAME body or trailing bytes; CUSTOMS_E_RANGE for too many fields, a second NAME, or
 * LIST items that do not fill their body exactly. On error out->error_offset says where; the
 * other fields of *out are unspecified.
 */
CUSTOMS_API int32_t customs_parse_record(const uint8_t *data, size_t len, customs_record_info *out);

/* ---------------------------------------------------------------------------------- */
/* 7. Callbacks                                                                        */
/* ---------------------------------------------------------------------------------- */

/** Called once per item by customs_for_each; a non-zero return stops the iteration. */
typedef int32_t (*customs_item_cb)(void *user, int64_t index, int32_t item);

/**
 * Calls cb(user, i, items[i]) for i = 0, 1, ... count - 1 on the calling thread, and stops
 * at the first non-zero return, which it returns unchanged (the error-code channel).
 * Ownership: items is caller-owned and read only during the call; user is passed through.
 * Threading: the callback runs on the calling thread, before this function returns.
 * Calls back: yes, synchronously. Must not be linked as a critical call.
 * Errors: CUSTOMS_E_NULL if cb is NULL, or items is NULL and count > 0; otherwise 0 when every
 * item was visited, or the callback's non-zero status.
 */
CUSTOMS_API int32_t customs_for_each(const int32_t *items, size_t count, customs_item_cb cb, void *user);

/** Called by the threads of customs_run_threads; a non-zero return stops all threads. */
typedef int32_t (*customs_thread_cb)(void *user, int32_t thread_index, int32_t call_index);

#define CUSTOMS_MAX_THREADS 256

/**
 * Starts nthreads pthreads; each calls cb(user, t, c) for c = 0 .. calls_per_thread - 1, and
 * joins them all before returning. The first non-zero callback status (first in time) is
 * recorded; once one is recorded, every thread stops before its next call.
 * Ownership: user is passed through; the library keeps nothing after return.
 * Threading: the callback runs on threads created here, concurrently; none outlives the call.
 * Calls back: yes, from foreign threads. Must not be linked as a critical call.
 * Bounded by design: the joins wait for at most nthreads * calls_per_thread callbacks, and for
 * nothing else. A callback that never returns holds this call, since returning earlier would
 * leave a thread inside cb after cb's owner may have freed it.
 * Errors: CUSTOMS_E_NULL if cb is NULL; CUSTOMS_E_RANGE unless 1 <= nthreads <=
 * CUSTOMS_MAX_THREADS and calls_per_thread >= 0; CUSTOMS_E_THREAD if a thread could not be
 * created (the threads already started are joined first); otherwise 0 or the first
 * non-zero callback status.
 */
CUSTOMS_API int32_t customs_run_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user);

/**
 * What customs_stress_threads counted in C while it ran (LP64: size 32, alignment 8, with 4
 * bytes of padding at the end, after threads).
 */
typedef struct customs_tally {
    int64_t calls;        /* offset  0: callbacks made, over all threads */
    int64_t failures;     /* offset  8: of those, how many returned a non-zero status */
    int64_t failure_sum;  /* offset 16: the sum of those non-zero statuses (failures * S when every one was S) */
    int32_t threads;      /* offset 24: threads started; every one is joined before the call returns */
} customs_tally;

/**
 * The load generator of the stress suite: like customs_run_threads, nthreads pthreads each call
 * cb(user, t, c) for c = 0 .. calls_per_thread - 1, but a non-zero status never stops anything.
 * Every thread makes all its calls, and C counts what it made and what it was told in *out, so
 * that the caller can compare C's count with its own: none lost, none duplicated, every failure
 * seen by C. The counts are atomic; *out is written once, after every thread has been joined.
 * Ownership: out is caller-owned, written before return; user is passed through; the library
 * keeps nothing after return.
 * Threading: the callback runs on threads created here, concurrently; none outlives the call.
 * Calls back: yes, from foreign threads. Must not be linked as a critical call.
 * Bounded by design, as customs_run_threads: by the callbacks themselves.
 * Errors: CUSTOMS_E_NULL if cb or out is NULL; CUSTOMS_E_RANGE unless 1 <= nthreads <=
 * CUSTOMS_MAX_THREADS and calls_per_thread >= 0 (*out is zeroed for both); CUSTOMS_E_THREAD if
 * a thread could not be created: the threads already started still make all their calls and are
 * joined, and *out counts them. Otherwise CUSTOMS_OK, whatever the callbacks returned.
 */
CUSTOMS_API int32_t customs_stress_threads(int32_t nthreads, int32_t calls_per_thread, customs_thread_cb cb, void *user, customs_tally *out);

#define CUSTOMS_MAX_ASYNC_DELAY_MS 60000

/** Called once by the thread of an asynchronous job; its return is the job's result. */
typedef int32_t (*customs_async_cb)(void *user, int32_t value);

/** An asynchronous job: opaque, allocated by customs_async_start, freed by customs_async_join. */
typedef struct customs_async customs_async;

/**
 * Starts one pthread that sleeps delay_ms milliseconds, then calls cb(user, value) once and
 * records its return. The call returns at once: the callback runs after it has returned.
 * Ownership: *job_out receives a library-allocated job (one live allocation) that the caller
 * must pass to customs_async_join until it returns CUSTOMS_OK. cb and user must stay valid until then.
 * Threading: the callback runs on a thread created here. Calls back: yes, asynchronously.
 * Errors: CUSTOMS_E_NULL if cb or job_out is NULL; CUSTOMS_E_RANGE unless 0 <= delay_ms <=
 * CUSTOMS_MAX_ASYNC_DELAY_MS; CUSTOMS_E_NOMEM; CUSTOMS_E_THREAD. On error *job_out is set to NULL (when not NULL).
 */
CUSTOMS_API int32_t customs_async_start(customs_async_cb cb, void *user, int32_t value, int32_t delay_ms, customs_async **job_out);

/**
 * Waits at most timeout_ms milliseconds for the job's callback to have returned.
 * Ownership: job stays owned by the caller. Threading: any thread, several at once, also while
 * another thread is inside customs_async_join (which waits for this call to leave).
 * Calls back: no.
 * Errors: CUSTOMS_E_NULL if job is NULL; CUSTOMS_E_RANGE if timeout_ms < 0; CUSTOMS_E_STATE if
 * the job is being joined or has been joined; CUSTOMS_E_TIMEOUT if the callback has not returned
 * in time; otherwise CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_async_wait(customs_async *job, int32_t timeout_ms);

/**
 * Waits at most timeout_ms milliseconds for the job's callback to have returned and for the
 * customs_async_wait calls inside the job to leave, then joins the job's thread, stores the
 * callback's result in *result_out (when not NULL) and frees the job.
 * Ownership: on CUSTOMS_OK takes ownership of job; it must not be used afterwards, and the library
 * no longer holds cb or user. On any error nothing is freed and the job stays as it was: join it
 * again later.
 * Threading: any thread except the job's own. Once it has begun, customs_async_wait and another
 * customs_async_join on the job return CUSTOMS_E_STATE. Calls back: no.
 * Errors: CUSTOMS_E_NULL if job is NULL; CUSTOMS_E_RANGE if timeout_ms < 0; CUSTOMS_E_STATE when
 * called from the job's own thread (inside its callback), while another join of it is running, or
 * after it was joined; CUSTOMS_E_TIMEOUT if the callback has not returned in time; otherwise
 * CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_async_join(customs_async *job, int32_t *result_out, int32_t timeout_ms);

/** Called on a listener's own thread for each event posted; customs_listener_post returns its status. */
typedef int32_t (*customs_event_cb)(void *user, int32_t event);

/** A registered callback with its own thread: opaque, allocated by customs_listener_register. */
typedef struct customs_listener customs_listener;

/**
 * Registers cb: starts one thread that lives until customs_listener_unregister and calls
 * cb(user, event) for every event posted, one event at a time, always on that same thread.
 * Ownership: the library RETAINS cb and user until customs_listener_unregister returns
 * CUSTOMS_OK: the caller must keep both valid until then, across calls. *listener_out receives a
 * library-allocated listener (one live allocation).
 * Threading: cb runs on the listener's own thread, never on a caller's. Calls back: yes, from
 * one foreign thread, across calls (see customs_listener_post).
 * Errors: CUSTOMS_E_NULL if cb or listener_out is NULL; CUSTOMS_E_NOMEM; CUSTOMS_E_THREAD. On
 * error *listener_out is set to NULL (when not NULL).
 */
CUSTOMS_API int32_t customs_listener_register(customs_event_cb cb, void *user, customs_listener **listener_out);

/**
 * Hands event to the listener's thread and waits at most timeout_ms milliseconds for cb to
 * return; returns cb's status. Posts are serialised: a post first waits, within the same
 * timeout, until no earlier event is pending or running.
 * Ownership: none.
 * Threading: any thread except the listener's own, several at once, also while another thread is
 * inside customs_listener_unregister (which waits for this call to leave). Calls back: yes, on the
 * listener's thread, before this returns (unless it times out). Must not be linked as a critical
 * call.
 * Errors: CUSTOMS_E_NULL if listener is NULL; CUSTOMS_E_RANGE if timeout_ms < 0;
 * CUSTOMS_E_STATE when called from the listener's own thread (inside cb), which would wait for
 * itself, or once unregistering has begun and the event was not yet handed over (it is never
 * delivered); CUSTOMS_E_TIMEOUT if cb has not returned in time: an event already handed over is
 * still delivered, and its status is dropped.
 */
CUSTOMS_API int32_t customs_listener_post(customs_listener *listener, int32_t event, int32_t timeout_ms);

/**
 * Unregisters: stops the listener taking new events, waits at most timeout_ms milliseconds for an
 * event already handed over to finish and for the posts inside the listener to leave, joins the
 * listener's thread and frees the listener.
 * Ownership: on CUSTOMS_OK takes ownership of listener; it must not be used afterwards, the
 * library never calls cb again and holds neither cb nor user: only then may the caller release
 * them. On any error nothing is freed and the library still holds cb and user; after
 * CUSTOMS_E_TIMEOUT the listener stays stopping (posts return CUSTOMS_E_STATE): unregister again
 * to finish.
 * Threading: any thread except the listener's own, also while posts are in flight on other
 * threads. Calls back: only to finish an event already handed over.
 * Errors: CUSTOMS_E_NULL if listener is NULL; CUSTOMS_E_RANGE if timeout_ms < 0; CUSTOMS_E_STATE
 * when called from the listener's own thread (inside cb), while another unregister of it is
 * running, or after it was unregistered; CUSTOMS_E_TIMEOUT if the event in progress has not
 * finished in time (this bounds a wait cycle such as cb joining an async job whose callback
 * unregisters this listener); otherwise CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_listener_unregister(customs_listener *listener, int32_t timeout_ms);

/* ---------------------------------------------------------------------------------- */
/* 8. A retained pointer                                                               */
/* ---------------------------------------------------------------------------------- */

/** A sink writing into a caller buffer it retains between calls: opaque. */
typedef struct customs_sink customs_sink;

/**
 * Attaches a caller buffer of cap bytes: later customs_sink_write calls append into it.
 * Ownership: the library RETAINS buf until customs_sink_detach returns: the caller must keep
 * the memory alive and unmoved until then (the one exception to the header's ownership
 * convention). *sink_out receives a library-allocated sink (one live allocation).
 * Threading: a sink may be used from any thread; calls on one sink are serialised, and
 * customs_sink_detach may race writes (see there).
 * Calls back: no.
 * Errors: CUSTOMS_E_NULL if buf or sink_out is NULL; CUSTOMS_E_RANGE if cap is 0;
 * CUSTOMS_E_NOMEM. On error *sink_out is set to NULL (when not NULL).
 */
CUSTOMS_API int32_t customs_sink_attach(uint8_t *buf, size_t cap, customs_sink **sink_out);

/**
 * Appends len bytes from data to the attached buffer. All or nothing: if they do not fit,
 * nothing is written.
 * Ownership: data is caller-owned, read only during the call; writes go to the retained buf.
 * Threading: see customs_sink_attach. Calls back: no.
 * Errors: CUSTOMS_E_NULL if sink is NULL, or data is NULL and len > 0; CUSTOMS_E_STATE (nothing
 * written) once the sink is being detached or has been detached; CUSTOMS_E_RANGE if the bytes do
 * not fit in what is left of the buffer.
 */
CUSTOMS_API int32_t customs_sink_write(customs_sink *sink, const uint8_t *data, size_t len);

/**
 * Detaches and frees the sink; stores the number of bytes written into *written_out (when
 * not NULL). After it returns the library no longer touches buf.
 * Ownership: takes ownership of sink; it must not be used afterwards.
 * Threading: see customs_sink_attach. Writes already inside finish first (and are counted);
 * writes that start once the detach has begun return CUSTOMS_E_STATE. Bounded by design: a write
 * holds the sink only to copy at most cap bytes. Calls back: no.
 * Errors: CUSTOMS_E_NULL if sink is NULL; CUSTOMS_E_STATE (nothing done) while another detach of
 * it is running, or after it was detached; otherwise CUSTOMS_OK.
 */
CUSTOMS_API int32_t customs_sink_detach(customs_sink *sink, size_t *written_out);

/* ---------------------------------------------------------------------------------- */
/* 9. Accounting                                                                       */
/* ---------------------------------------------------------------------------------- */

/**
 * The number of library-owned allocations not yet released: strings from customs_to_upper,
 * async jobs, listeners and sinks. Tests use it to prove that nothing leaks.
 * Ownership: none. Threading: any thread (an atomic counter). Calls back: no. Errors: none.
 */
CUSTOMS_API int64_t customs_live_allocations(void);

/* ---------------------------------------------------------------------------------- */
/* 10. Self-description                                                                */
/* ---------------------------------------------------------------------------------- */

/**
 * sizeof the public struct named type (e.g. "customs_sample"), as this library was compiled.
 * Ownership: type is caller-owned. Threading: any thread. Calls back: no.
 * Errors: returns -1 if type is NULL or not a public struct.
 */
CUSTOMS_API int64_t customs_layout_size(const char *type);

/**
 * alignof the public struct named type.
 * Errors and the rest: as customs_layout_size.
 */
CUSTOMS_API int64_t customs_layout_align(const char *type);

/**
 * The number of fields of the public struct named type.
 * Errors and the rest: as customs_layout_size.
 */
CUSTOMS_API int64_t customs_layout_field_count(const char *type);

/**
 * The name of field number index (0-based, in declaration order) of the struct named type.
 * Ownership: returns a static string, never freed. Threading: any thread. Calls back: no.
 * Errors: returns NULL if type is unknown or index is out of range.
 */
CUSTOMS_API const char *customs_layout_field_name(const char *type, int64_t index);

/**
 * offsetof(type, field) for the public struct named type.
 * Errors: returns -1 if type or field is NULL or unknown. The rest: as customs_layout_size.
 */
CUSTOMS_API int64_t customs_layout_offset(const char *type, const char *field);

#ifdef __cplusplus
}
#endif

#endif /* CUSTOMS_H */
