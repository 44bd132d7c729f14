/*
 * floor.c - the native floor for the benchmarks: what a call into libcustoms costs from C itself.
 *
 * Each function is called through a volatile function pointer, in a loop, from this separate executable linked
 * against the shared library, so the compiler can neither inline the call nor hoist it out of the loop: the figure
 * is one real indirect call through the PLT, as a C caller pays it. Prints one JSON object per line:
 *   {"function":"customs_noop","ns_per_call":0.9,"calls":100000000,"repeats":5}
 * ns_per_call is the median of the repeats. Usage: customs_floor [calls per repeat] [repeats]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "customs.h"

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void (*volatile noop_fn)(void) = customs_noop;
static int32_t (*volatile add_fn)(int32_t, int32_t) = customs_add;
static volatile int32_t sink;

static double time_noop(long calls) {
    double start = now_ns();
    for (long i = 0; i < calls; i++) {
        noop_fn();
    }
    return (now_ns() - start) / (double)calls;
}

static double time_add(long calls) {
    int32_t acc = 0;
    double start = now_ns();
    for (long i = 0; i < calls; i++) {
        acc = add_fn(acc, (int32_t)i);
    }
    double per_call = (now_ns() - start) / (double)calls;
    sink = acc;
    return per_call;
}

static void report(const char *name, double (*timer)(long), long calls, int repeats) {
    double samples[64];
    timer(calls / 10); /* warm the caches and the PLT entry */
    for (int r = 0; r < repeats; r++) {
        samples[r] = timer(calls);
    }
    qsort(samples, (size_t)repeats, sizeof samples[0], compare_doubles);
    printf("{\"function\":\"%s\",\"ns_per_call\":%.4f,\"calls\":%ld,\"repeats\":%d}\n", name, samples[repeats / 2],
           calls, repeats);
}

int main(int argc, char **argv) {
    long calls = argc > 1 ? atol(argv[1]) : 100000000L;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    if (calls < 1 || repeats < 1 || repeats > 64) {
        fprintf(stderr, "usage: customs_floor [calls per repeat >= 1] [repeats 1..64]\n");
        return 2;
    }
    report("customs_noop", time_noop, calls, repeats);
    report("customs_add", time_add, calls, repeats);
    return 0;
}
