/*
 * floor.c - the native floor for the benchmarks: what a call into libcustoms costs from C itself.
 *
 * Each function is called through a volatile function pointer, in a loop, from this separate executable linked
 * against the shared library, so the compiler can neither inline the call nor hoist it out of the loop: the figure
 * is one real indirect call through the PLT, as a C caller pays it. Prints one JSON object per line:
 *   {"function":"customs_noop","ns_per_call":0.9,"calls":100000000,"repeats":5}
 * and, for the bandwidth-bound customs_sum_i32 over a buffer of "bytes" bytes (the floor of the array benchmarks at
 * 64 KiB and 1 MiB, where a copy's cost shows), the same with "bytes":N; its calls are scaled down by the size.
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

static int64_t (*volatile sum_fn)(const int32_t *, size_t) = customs_sum_i32;
static volatile int64_t sum_sink;
static int32_t *sum_values;
static size_t sum_count;

static double time_sum(long calls) {
    int64_t acc = 0;
    double start = now_ns();
    for (long i = 0; i < calls; i++) {
        acc += sum_fn(sum_values, sum_count);
    }
    double per_call = (now_ns() - start) / (double)calls;
    sum_sink = acc;
    return per_call;
}

static double median(double (*timer)(long), long calls, int repeats) {
    double samples[64];
    timer(calls / 10 + 1); /* warm the caches and the PLT entry */
    for (int r = 0; r < repeats; r++) {
        samples[r] = timer(calls);
    }
    qsort(samples, (size_t)repeats, sizeof samples[0], compare_doubles);
    return samples[repeats / 2];
}

static void report(const char *name, double (*timer)(long), long calls, int repeats) {
    printf("{\"function\":\"%s\",\"ns_per_call\":%.4f,\"calls\":%ld,\"repeats\":%d}\n", name,
           median(timer, calls, repeats), calls, repeats);
}

/* customs_sum_i32 over bytes bytes of int32s, from a buffer allocated once; 0 on success. */
static int report_sum(size_t bytes, long calls, int repeats) {
    sum_count = bytes / sizeof(int32_t);
    sum_values = malloc(bytes);
    if (sum_values == NULL) {
        fprintf(stderr, "customs_floor: cannot allocate %zu bytes\n", bytes);
        return 1;
    }
    for (size_t i = 0; i < sum_count; i++) {
        sum_values[i] = (int32_t)(i * 2654435761u);
    }
    long scaled = calls / (long)(bytes / 16) + 1;
    printf("{\"function\":\"customs_sum_i32\",\"bytes\":%zu,\"ns_per_call\":%.4f,\"calls\":%ld,\"repeats\":%d}\n",
           bytes, median(time_sum, scaled, repeats), scaled, repeats);
    free(sum_values);
    sum_values = NULL;
    return 0;
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
    if (report_sum(64 * 1024, calls, repeats) != 0 || report_sum(1024 * 1024, calls, repeats) != 0) {
        return 1;
    }
    return 0;
}
