/* shapes.h - a small header for the checker's own tests: a struct passed by value, a typedef'd anonymous struct, and
 * the scalar kinds, bound by hand in dev.customs.checker.Shapes. */
#ifndef SHAPES_H
#define SHAPES_H

#include <stdint.h>

struct point {
    int32_t x;
    int32_t y;
    double weight;
};

typedef struct {
    uint8_t tag;
    int64_t stamp;
    float ratio;
} stamp_t;

double point_weight(struct point p);
int32_t point_sum(const struct point *points, int32_t count);
stamp_t stamp_shift(stamp_t s, int shift);
float ratio_of(double numerator, uint16_t denominator);
void shapes_reset(void);

#endif
