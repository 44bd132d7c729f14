/*
 * test_races.c - libcustoms' objects torn down while other threads are inside them: each race of issue 16 run many
 * times with varied timing, and every outcome checked against the table in native/README.md.
 *
 *  - post / unregister (and unregister / unregister): a listener unregistered while posts are in flight;
 *  - wait / join (and join / join): an async job joined while other threads wait on it;
 *  - write / detach (and detach / detach): a sink detached while writers are blocked on its lock;
 *  - the wait cycle: a listener's callback joins an async job whose callback unregisters that listener.
 *
 * Timing is varied per thread and per iteration from one seed, printed first (set CUSTOMS_RACE_SEED to replay it):
 * nothing, yields, sleeps of up to 200 us or a short spin before each call. When the process may use SCHED_FIFO
 * (root, or CAP_SYS_NICE), the tearing-down thread runs under it, above the callers, which is how the use-after-free
 * in unregister was first reproduced; the line "priorities:" says whether that was possible. That thread never
 * spins (its jitter sleeps instead), so it cannot hog a core of a shared machine.
 * CUSTOMS_RACE_ITERATIONS sets the iterations per race, CUSTOMS_RACES a comma-separated subset of
 * post-unregister, wait-join, write-detach and wait-cycle. A watchdog ends the process after
 * CUSTOMS_RACE_WATCHDOG_S seconds (600 by default), so a hang fails the test instead of stalling CI. Under ASan or TSan a race in the library fails it with the sanitizer's
 * report; in any build a wrong outcome fails a CHECK.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "customs.h"

static atomic_int passes;
static atomic_int failures;

/* Checked from several threads; keeps going after a failure so one run reports every broken expectation. */
#define CHECK(expr)                                                                                                  \
    do {                                                                                                             \
        if (expr) {                                                                                                  \
            atomic_fetch_add(&passes, 1);                                                                            \
        } else {                                                                                                     \
            atomic_fetch_add(&failures, 1);                                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr);                                 \
        }                                                                                                            \
    } while (0)

/* Generous: no call here should come near it; a call that does is a bug the CHECKs report. */
#define LONG_MS 10000
#define MAX_CALLERS 4

static uint64_t seed;
static int iterations = 300;
static int use_priorities; /* SCHED_FIFO threads can be created */

static uint64_t next_random(uint64_t *state) {
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* A generator for one thread of one iteration of one race, derived from the seed. */
static uint64_t stream(int race, int iteration, int thread) {
    uint64_t s = seed ^ ((uint64_t)race << 48) ^ ((uint64_t)iteration << 16) ^ (uint64_t)thread;
    s = s * 0x9E3779B97F4A7C15ull + 1;
    for (int i = 0; i < 4; i++) {
        next_random(&s);
    }
    return s;
}

static void sleep_us(long us) {
    struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000L};
    nanosleep(&ts, NULL);
}

/* Set by each teardown thread when it runs under SCHED_FIFO. */
static _Thread_local int realtime;

/* Varied timing before a call: nothing, a few yields, a sleep of up to 200 us, or a short spin (a short sleep on a
 * SCHED_FIFO thread). */
static void jitter(uint64_t *rng) {
    uint64_t r = next_random(rng);
    uint64_t amount = r >> 8;
    switch (r % 4) {
    case 0:
        break;
    case 1:
        for (uint64_t i = 0; i < amount % 8; i++) {
            sched_yield();
        }
        break;
    case 2:
        sleep_us((long)(amount % 200));
        break;
    default:
        if (realtime) {
            sleep_us((long)(amount % 50));
        } else {
            for (volatile uint64_t i = 0; i < amount % 20000; i++) {
            }
        }
        break;
    }
}

/* Starts a thread; with priorities, a teardown thread runs under SCHED_FIFO, above the callers. */
static int start(pthread_t *thread, void *(*main)(void *), void *arg, int teardown) {
    if (use_priorities && teardown) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
        pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
        struct sched_param param = {.sched_priority = 1};
        pthread_attr_setschedparam(&attr, &param);
        int rc = pthread_create(thread, &attr, main, arg);
        pthread_attr_destroy(&attr);
        if (rc == 0) {
            return 0;
        }
    }
    return pthread_create(thread, NULL, main, arg);
}

static void *nothing(void *arg) {
    return arg;
}

static int probe_priorities(void) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
    struct sched_param param = {.sched_priority = 10};
    pthread_attr_setschedparam(&attr, &param);
    pthread_t t;
    int rc = pthread_create(&t, &attr, nothing, NULL);
    pthread_attr_destroy(&attr);
    if (rc == 0) {
        pthread_join(t, NULL);
        printf("priorities: teardown threads under SCHED_FIFO, callers under the default policy\n");
        return 1;
    }
    printf("priorities: unavailable (%s); default scheduling\n", strerror(rc));
    return 0;
}

/* Every caller and teardown thread of an iteration waits here, so they all start together. */
static pthread_barrier_t go;

typedef struct call {
    void *object;
    uint64_t rng;
    int32_t status;
    int32_t arg;
    int calls; /* writes: how many */
    int32_t statuses[64];
} call;

/* ---- post / unregister ---- */

static atomic_int delivered;

static int32_t on_event(void *user, int32_t event) {
    uint64_t rng = (uint64_t)event * 0x2545F4914F6CDD1Dull + 1;
    (void)user;
    jitter(&rng);
    atomic_fetch_add(&delivered, 1);
    return event + 1000;
}

static void *poster(void *arg) {
    call *c = arg;
    pthread_barrier_wait(&go);
    jitter(&c->rng);
    c->status = customs_listener_post(c->object, c->arg, LONG_MS);
    return NULL;
}

static void *unregisterer(void *arg) {
    call *c = arg;
    realtime = use_priorities;
    pthread_barrier_wait(&go);
    jitter(&c->rng);
    c->status = customs_listener_unregister(c->object, LONG_MS);
    return NULL;
}

/* Starts callers and teardowns, releases them together, joins them; returns 0 if every thread started. */
static int run_round(call *callers, int ncallers, void *(*caller_main)(void *), call *teardowns, int nteardowns,
                     void *(*teardown_main)(void *)) {
    pthread_t threads[MAX_CALLERS + 2];
    int n = 0;
    int ok = 1;
    pthread_barrier_init(&go, NULL, (unsigned)(ncallers + nteardowns));
    for (int i = 0; i < ncallers; i++) {
        ok &= start(&threads[n++], caller_main, &callers[i], 0) == 0;
    }
    for (int i = 0; i < nteardowns; i++) {
        ok &= start(&threads[n++], teardown_main, &teardowns[i], 1) == 0;
    }
    if (!ok) {
        fprintf(stderr, "could not start the threads of a round\n");
        exit(2); /* the barrier would wait for a thread that never came */
    }
    for (int i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
    }
    pthread_barrier_destroy(&go);
    return 0;
}

/* Of the teardowns, exactly one succeeded, and each other one was refused. */
static void check_one_teardown(const call *teardowns, int nteardowns) {
    int ok = 0;
    for (int i = 0; i < nteardowns; i++) {
        ok += teardowns[i].status == CUSTOMS_OK;
        CHECK(teardowns[i].status == CUSTOMS_OK || teardowns[i].status == CUSTOMS_E_STATE);
    }
    CHECK(ok == 1);
}

static void race_post_unregister(void) {
    int lost = 0;
    for (int it = 0; it < iterations; it++) {
        uint64_t rng = stream(1, it, 99);
        int ncallers = 1 + (int)(next_random(&rng) % MAX_CALLERS);
        int nteardowns = 1 + (int)(next_random(&rng) % 4 == 0);
        customs_listener *l = NULL;
        atomic_store(&delivered, 0);
        CHECK(customs_listener_register(on_event, NULL, &l) == CUSTOMS_OK);
        call callers[MAX_CALLERS] = {0};
        call teardowns[2] = {0};
        for (int i = 0; i < ncallers; i++) {
            callers[i] = (call){.object = l, .rng = stream(1, it, i), .arg = it * 10 + i};
        }
        for (int i = 0; i < nteardowns; i++) {
            teardowns[i] = (call){.object = l, .rng = stream(1, it, 50 + i)};
        }
        run_round(callers, ncallers, poster, teardowns, nteardowns, unregisterer);
        check_one_teardown(teardowns, nteardowns);
        /* A post was delivered (cb's status) or refused (E_STATE, its event never delivered): nothing else. */
        int ok = 0;
        for (int i = 0; i < ncallers; i++) {
            int32_t s = callers[i].status;
            ok += s == callers[i].arg + 1000;
            CHECK(s == callers[i].arg + 1000 || s == CUSTOMS_E_STATE);
        }
        lost += ncallers - ok;
        /* Every event delivered was answered: after unregister returned, cb is never called again. */
        CHECK(atomic_load(&delivered) == ok);
        CHECK(customs_live_allocations() == 0);
    }
    printf("post/unregister: %d iterations, %d posts refused by a teardown already begun\n", iterations, lost);
}

/* ---- wait / join ---- */

static int32_t async_double(void *user, int32_t value) {
    (void)user;
    return value * 2;
}

static void *waiter(void *arg) {
    call *c = arg;
    pthread_barrier_wait(&go);
    jitter(&c->rng);
    c->status = customs_async_wait(c->object, c->arg);
    return NULL;
}

static void *joiner(void *arg) {
    call *c = arg;
    realtime = use_priorities;
    pthread_barrier_wait(&go);
    jitter(&c->rng);
    c->status = customs_async_join(c->object, &c->arg, LONG_MS);
    return NULL;
}

static void race_wait_join(void) {
    int refused = 0;
    for (int it = 0; it < iterations; it++) {
        uint64_t rng = stream(2, it, 99);
        int ncallers = 1 + (int)(next_random(&rng) % MAX_CALLERS);
        int nteardowns = 1 + (int)(next_random(&rng) % 4 == 0);
        int32_t delay_ms = (int32_t)(next_random(&rng) % 3);
        customs_async *job = NULL;
        CHECK(customs_async_start(async_double, NULL, it, delay_ms, &job) == CUSTOMS_OK);
        call callers[MAX_CALLERS] = {0};
        call teardowns[2] = {0};
        for (int i = 0; i < ncallers; i++) {
            /* Some waits are short enough to time out, some are not. */
            int32_t timeout = (i % 2 == 0) ? (int32_t)(next_random(&rng) % 3) : LONG_MS;
            callers[i] = (call){.object = job, .rng = stream(2, it, i), .arg = timeout};
        }
        for (int i = 0; i < nteardowns; i++) {
            teardowns[i] = (call){.object = job, .rng = stream(2, it, 50 + i), .arg = -1};
        }
        run_round(callers, ncallers, waiter, teardowns, nteardowns, joiner);
        check_one_teardown(teardowns, nteardowns);
        for (int i = 0; i < nteardowns; i++) {
            if (teardowns[i].status == CUSTOMS_OK) {
                CHECK(teardowns[i].arg == it * 2);
            }
        }
        for (int i = 0; i < ncallers; i++) {
            int32_t s = callers[i].status;
            refused += s == CUSTOMS_E_STATE;
            CHECK(s == CUSTOMS_OK || s == CUSTOMS_E_STATE || (s == CUSTOMS_E_TIMEOUT && callers[i].arg < LONG_MS));
        }
        CHECK(customs_live_allocations() == 0);
    }
    printf("wait/join: %d iterations, %d waits refused by a join already begun\n", iterations, refused);
}

/* ---- write / detach ---- */

#define CHUNK (16 * 1024)
#define WRITES 8

static void *writer(void *arg) {
    call *c = arg;
    static uint8_t chunks[MAX_CALLERS][CHUNK];
    memset(chunks[c->arg], 'A' + c->arg, CHUNK);
    pthread_barrier_wait(&go);
    for (int i = 0; i < c->calls; i++) {
        jitter(&c->rng);
        c->statuses[i] = customs_sink_write(c->object, chunks[c->arg], CHUNK);
    }
    return NULL;
}

static void *detacher(void *arg) {
    call *c = arg;
    realtime = use_priorities;
    size_t written = 0;
    pthread_barrier_wait(&go);
    jitter(&c->rng);
    /* A sleep lets some writes in and others queue on the sink's lock behind a 16 KiB copy. */
    sleep_us((long)(next_random(&c->rng) % 400));
    c->status = customs_sink_detach(c->object, &written);
    c->arg = (int32_t)(written / CHUNK);
    CHECK(written % CHUNK == 0);
    return NULL;
}

static void race_write_detach(void) {
    static uint8_t buf[MAX_CALLERS * WRITES * CHUNK];
    int refused = 0;
    for (int it = 0; it < iterations; it++) {
        uint64_t rng = stream(3, it, 99);
        int ncallers = 1 + (int)(next_random(&rng) % MAX_CALLERS);
        int nteardowns = 1 + (int)(next_random(&rng) % 4 == 0);
        customs_sink *sink = NULL;
        CHECK(customs_sink_attach(buf, sizeof buf, &sink) == CUSTOMS_OK);
        call callers[MAX_CALLERS] = {0};
        call teardowns[2] = {0};
        for (int i = 0; i < ncallers; i++) {
            callers[i] = (call){.object = sink, .rng = stream(3, it, i), .arg = i, .calls = WRITES};
        }
        for (int i = 0; i < nteardowns; i++) {
            teardowns[i] = (call){.object = sink, .rng = stream(3, it, 50 + i)};
        }
        run_round(callers, ncallers, writer, teardowns, nteardowns, detacher);
        check_one_teardown(teardowns, nteardowns);
        int32_t chunks_written = -1;
        for (int i = 0; i < nteardowns; i++) {
            if (teardowns[i].status == CUSTOMS_OK) {
                chunks_written = teardowns[i].arg;
            }
        }
        /* Each write went in whole (OK) or was refused (E_STATE); once one writer was refused, it stays refused.
         * The detach counted exactly the writes that went in, and the buffer holds each writer's chunks. */
        int total_ok = 0;
        for (int i = 0; i < ncallers; i++) {
            int ok = 0;
            int seen_refusal = 0;
            for (int w = 0; w < WRITES; w++) {
                int32_t s = callers[i].statuses[w];
                CHECK(s == CUSTOMS_OK || s == CUSTOMS_E_STATE);
                CHECK(!(seen_refusal && s == CUSTOMS_OK));
                seen_refusal |= s == CUSTOMS_E_STATE;
                ok += s == CUSTOMS_OK;
            }
            int in_buffer = 0;
            for (int32_t k = 0; k < chunks_written; k++) {
                in_buffer += buf[(size_t)k * CHUNK] == 'A' + i && buf[(size_t)k * CHUNK + CHUNK - 1] == 'A' + i;
            }
            CHECK(in_buffer == ok);
            refused += WRITES - ok;
            total_ok += ok;
        }
        CHECK(chunks_written == total_ok);
        CHECK(customs_live_allocations() == 0);
    }
    printf("write/detach: %d iterations, %d writes refused by a detach already begun\n", iterations, refused);
}

/* ---- the wait cycle: listener cb joins a job whose cb unregisters the listener ---- */

#define CYCLE_MS 200

typedef struct cycle {
    customs_listener *listener;
    customs_async *job;
    int32_t unregister_status; /* what the job's callback got from unregistering the listener */
    int32_t join_status;       /* what the listener's callback got from joining the job */
} cycle;

static int32_t job_unregisters_listener(void *user, int32_t value) {
    cycle *cy = user;
    cy->unregister_status = customs_listener_unregister(cy->listener, value);
    return 7;
}

static int32_t listener_joins_job(void *user, int32_t event) {
    cycle *cy = user;
    int32_t result = 0;
    cy->join_status = customs_async_join(cy->job, &result, event);
    return 1;
}

static long long elapsed_ms(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

static void race_wait_cycle(void) {
    int rounds = iterations < 5 ? iterations : 5;
    for (int it = 0; it < rounds; it++) {
        uint64_t rng = stream(4, it, 99);
        cycle cy = {.unregister_status = 99, .join_status = 99};
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        CHECK(customs_listener_register(listener_joins_job, &cy, &cy.listener) == CUSTOMS_OK);
        /* The job's and the listener's bounds differ from round to round, so either side may give up first. */
        int32_t unregister_ms = CYCLE_MS + (int32_t)(next_random(&rng) % 100);
        int32_t join_ms = CYCLE_MS + (int32_t)(next_random(&rng) % 100);
        /* The job sleeps first, so the event is handed over before the job's callback unregisters the listener. */
        CHECK(customs_async_start(job_unregisters_listener, &cy, unregister_ms, 50, &cy.job) == CUSTOMS_OK);
        /* The listener's callback joins the job while the job's callback unregisters the listener: each waits for
         * the other until one bound runs out. */
        int32_t posted = customs_listener_post(cy.listener, join_ms, LONG_MS);
        CHECK(posted == 1);
        /* Whichever gave up is finished from here, within a bound too. A join that succeeded (in the callback or
         * here) orders the job's callback, and so unregister_status, before what follows. */
        if (cy.join_status != CUSTOMS_OK) {
            int32_t result = 0;
            CHECK(customs_async_join(cy.job, &result, LONG_MS) == CUSTOMS_OK);
            CHECK(result == 7);
        }
        if (cy.unregister_status != CUSTOMS_OK) {
            CHECK(customs_listener_unregister(cy.listener, LONG_MS) == CUSTOMS_OK);
        }
        CHECK(cy.unregister_status == CUSTOMS_E_TIMEOUT || cy.join_status == CUSTOMS_E_TIMEOUT);
        long long took = elapsed_ms(&t0);
        CHECK(took < 4 * CYCLE_MS + 2000);
        CHECK(customs_live_allocations() == 0);
        printf("wait cycle %d: unregister %s, join %s, %lld ms\n", it, customs_status_name(cy.unregister_status),
               customs_status_name(cy.join_status), took);
    }
}

static void on_watchdog(int sig) {
    (void)sig;
    static const char message[] = "test_races: the watchdog fired: a wait is not bounded\n";
    ssize_t ignored = write(2, message, sizeof message - 1);
    (void)ignored;
    _exit(3);
}

int main(void) {
    const char *s = getenv("CUSTOMS_RACE_SEED");
    seed = s != NULL ? strtoull(s, NULL, 0) : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    const char *n = getenv("CUSTOMS_RACE_ITERATIONS");
    if (n != NULL) {
        iterations = atoi(n);
    }
    printf("race seed 0x%llx (CUSTOMS_RACE_SEED=0x%llx replays it), %d iterations per race\n",
           (unsigned long long)seed, (unsigned long long)seed, iterations);
    use_priorities = probe_priorities();
    const char *w = getenv("CUSTOMS_RACE_WATCHDOG_S");
    signal(SIGALRM, on_watchdog);
    alarm(w != NULL ? (unsigned)atoi(w) : 600);
    const char *only = getenv("CUSTOMS_RACES");
    static const struct {
        const char *name;
        void (*run)(void);
    } races[] = {
        {"post-unregister", race_post_unregister},
        {"wait-join", race_wait_join},
        {"write-detach", race_write_detach},
        {"wait-cycle", race_wait_cycle},
    };
    for (size_t i = 0; i < sizeof races / sizeof races[0]; i++) {
        if (only == NULL || strstr(only, races[i].name) != NULL) {
            fflush(stdout);
            races[i].run();
        }
    }
    printf("%d passed, %d failed\n", atomic_load(&passes), atomic_load(&failures));
    return atomic_load(&failures) == 0 ? 0 : 1;
}
