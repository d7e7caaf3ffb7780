/* ref/exact_sum.h - the exact sum of doubles.
 *
 * Accumulating in double loses the small terms of a sum with cancellation: in double,
 * FLT_MAX + 1 - FLT_MAX is 0, where the exact sum is 1. This accumulator keeps the sum exact
 * as a list of non-overlapping partial sums (Shewchuk's algorithm, "Adaptive precision
 * floating-point arithmetic", 1997), so that a sum of exact terms (float32/float16 inputs,
 * and their products, are exact in double) is rounded only once, at the end. */
#ifndef REF_EXACT_SUM_H
#define REF_EXACT_SUM_H

#include <stddef.h>

/* Non-overlapping doubles span at most 2098 bits of exponent range: 40 partials at most. */
#define REF_EXACT_SUM_PARTIALS 48

typedef struct ref_exact_sum {
    double partials[REF_EXACT_SUM_PARTIALS]; /* increasing magnitude, non-overlapping */
    size_t count;
    double special; /* the IEEE sum of the infinite and NaN terms */
    int hasSpecial;
    int terms;          /* whether any term was added */
    int onlyNegativeZeros; /* every term was -0: the IEEE sum is -0, not +0 */
} ref_exact_sum;

void ref_exact_sum_init(ref_exact_sum *s);
void ref_exact_sum_add(ref_exact_sum *s, double x);
/* The exact sum rounded to the nearest double (ties to even): for further computation. */
double ref_exact_sum_nearest(const ref_exact_sum *s);
/* The exact sum rounded to odd: a double that ref_store_f (or any rounding to float32 or
 * float16) rounds exactly as it would round the exact sum. For sums that are an output. */
double ref_exact_sum_odd(const ref_exact_sum *s);

#endif
