/* ref/exact_sum.c - see exact_sum.h. */
#include "exact_sum.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void ref_exact_sum_init(ref_exact_sum *s)
{
    s->count = 0;
    s->special = 0.0;
    s->hasSpecial = 0;
    s->terms = 0;
    s->onlyNegativeZeros = 1;
}

void ref_exact_sum_add(ref_exact_sum *s, double x)
{
    size_t i = 0, j;
    if (!(x == 0.0 && signbit(x)))
        s->onlyNegativeZeros = 0;
    s->terms = 1;
    if (!isfinite(x)) {
        /* Infinities and NaN follow IEEE addition: +inf + -inf is NaN. */
        s->special = s->hasSpecial ? s->special + x : x;
        s->hasSpecial = 1;
        return;
    }
    /* Add x to every partial, keeping the rounding errors (exact by TwoSum) as new
     * partials; the running sum ends as the largest partial. */
    for (j = 0; j < s->count; j++) {
        double y = s->partials[j], hi, lo;
        if (fabs(x) < fabs(y)) {
            double t = x;
            x = y;
            y = t;
        }
        hi = x + y;
        lo = y - (hi - x);
        if (lo != 0.0)
            s->partials[i++] = lo;
        x = hi;
    }
    if (!isfinite(x)) {
        /* Only sums beyond 1.8e308 overflow; no sum of float32 terms or products gets there
         * (2^31 terms of at most 2^256). Treated as IEEE overflow. */
        s->special = s->hasSpecial ? s->special + x : x;
        s->hasSpecial = 1;
        s->count = 0;
        return;
    }
    if (i == REF_EXACT_SUM_PARTIALS) {
        /* Cannot happen for non-overlapping partials; merge the two smallest to stay safe. */
        s->partials[1] += s->partials[0];
        memmove(s->partials, s->partials + 1, (i - 1) * sizeof(double));
        i--;
    }
    s->partials[i++] = x;
    s->count = i;
}

/* The value for an empty or all-special sum, or 0 with *done = 0. */
static double trivial(const ref_exact_sum *s, int *done)
{
    *done = 1;
    if (s->hasSpecial)
        return s->special;
    if (s->count == 0)
        return s->terms && s->onlyNegativeZeros ? -0.0 : 0.0;
    *done = 0;
    return 0.0;
}

/* Add the partials from the largest down while the additions are exact; return the rounded
 * sum hi, with *lo its rounding error (0 when hi is exact) and *n the partials left below. */
static double top(const ref_exact_sum *s, double *lo, size_t *n)
{
    double hi;
    *n = s->count;
    hi = s->partials[--*n];
    *lo = 0.0;
    while (*n > 0) {
        double x = hi, y = s->partials[--*n];
        hi = x + y;
        *lo = y - (hi - x);
        if (*lo != 0.0)
            break;
    }
    return hi;
}

double ref_exact_sum_nearest(const ref_exact_sum *s)
{
    double hi, lo;
    size_t n;
    int done;
    double value = trivial(s, &done);
    if (done)
        return value;
    hi = top(s, &lo, &n);
    /* hi + lo was a tie broken to even; the partials below decide it the other way when
     * they have lo's sign (the same correction as Python's math.fsum). */
    if (n > 0 && ((lo < 0.0 && s->partials[n - 1] < 0.0) ||
                  (lo > 0.0 && s->partials[n - 1] > 0.0))) {
        double y = lo * 2.0, x = hi + y;
        if (y == x - hi)
            hi = x;
    }
    return hi;
}

double ref_exact_sum_odd(const ref_exact_sum *s)
{
    double hi, lo;
    size_t n;
    uint64_t bits;
    int done;
    double value = trivial(s, &done);
    if (done)
        return value;
    hi = top(s, &lo, &n);
    if (lo == 0.0)
        return hi; /* exact */
    /* The exact sum lies strictly between hi and its neighbour on lo's side (the partials
     * below lo are smaller than lo's lowest bit, so lo gives the tail's sign). Round to odd:
     * keep hi if its last significand bit is 1, else take that neighbour. */
    memcpy(&bits, &hi, sizeof bits);
    if (!(bits & 1))
        hi = nextafter(hi, lo > 0.0 ? HUGE_VAL : -HUGE_VAL);
    return hi;
}
