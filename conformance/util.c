/* conformance/util.c - growing text, allocation pools, number formats, data types. */
#include "conformance.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* cf_text                                                                                    */
/* ------------------------------------------------------------------------------------------ */

void cf_text_init(cf_text *t)
{
    t->s = NULL;
    t->length = t->capacity = 0;
}

void cf_text_free(cf_text *t)
{
    free(t->s);
    cf_text_init(t);
}

void cf_text_clear(cf_text *t)
{
    t->length = 0;
    if (t->s)
        t->s[0] = '\0';
}

static int reserve(cf_text *t, size_t extra)
{
    size_t need, cap;
    char *s;
    if (extra > ((size_t)-1) / 2 - t->length)
        return -1;
    need = t->length + extra + 1;
    if (need <= t->capacity)
        return 0;
    cap = t->capacity ? t->capacity : 128;
    while (cap < need)
        cap *= 2;
    s = (char *)realloc(t->s, cap);
    if (!s)
        return -1;
    t->s = s;
    t->capacity = cap;
    return 0;
}

void cf_text_printf(cf_text *t, const char *fmt, ...)
{
    va_list ap;
    int n;
    char small[256];
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(t, (size_t)n) != 0)
        return; /* out of memory: the text is cut short */
    if ((size_t)n < sizeof small)
        memcpy(t->s + t->length, small, (size_t)n + 1);
    else {
        va_start(ap, fmt);
        vsnprintf(t->s + t->length, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    t->length += (size_t)n;
}

void cf_text_append(cf_text *t, const char *s)
{
    size_t n = strlen(s);
    if (reserve(t, n) != 0)
        return;
    memcpy(t->s + t->length, s, n + 1);
    t->length += n;
}

const char *cf_text_str(const cf_text *t)
{
    return t->s ? t->s : "";
}

/* ------------------------------------------------------------------------------------------ */
/* cf_pool: each allocation is a block in a list                                              */
/* ------------------------------------------------------------------------------------------ */

typedef union cf_align {
    void *p;
    double d;
    long double ld;
    long long ll;
} cf_align;

struct cf_pool_block {
    struct cf_pool_block *next;
    cf_align data[];
};

void *cf_pool_alloc(cf_pool *p, size_t bytes)
{
    struct cf_pool_block *b;
    if (bytes > ((size_t)-1) / 2)
        return NULL;
    b = (struct cf_pool_block *)calloc(1, sizeof *b + (bytes ? bytes : 1));
    if (!b)
        return NULL;
    b->next = p->head;
    p->head = b;
    return b->data;
}

void *cf_pool_array(cf_pool *p, size_t count, size_t size)
{
    if (size && count > ((size_t)-1) / 2 / size)
        return NULL;
    return cf_pool_alloc(p, count * size);
}

char *cf_pool_strdup(cf_pool *p, const char *s)
{
    size_t n = strlen(s);
    char *d = (char *)cf_pool_alloc(p, n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

void cf_pool_free(cf_pool *p)
{
    struct cf_pool_block *b = p->head, *next;
    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    p->head = NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Number formats                                                                             */
/* ------------------------------------------------------------------------------------------ */

/* x >= 0 with at most a few fraction bits, rounded to an integer, ties to even. */
static double round_half_even(double x)
{
    double fl = floor(x), diff = x - fl;
    if (diff > 0.5)
        return fl + 1;
    if (diff < 0.5)
        return fl;
    return fmod(fl, 2.0) == 0 ? fl : fl + 1;
}

uint16_t cf_float16_from_double(double d)
{
    uint16_t sign = signbit(d) ? 0x8000u : 0u;
    double a = fabs(d);
    int e;
    uint32_t q;
    if (isnan(d))
        return (uint16_t)(sign | 0x7E00u);
    /* 65520 is halfway between the largest finite value 65504 and 2^16: ties to even go up,
     * to infinity; so does everything beyond, infinity included */
    if (a >= 65520.0)
        return (uint16_t)(sign | 0x7C00u);
    if (a < 0x1p-14) {
        /* subnormal (or zero): a multiple of 2^-24; rounding up to 2^-14 gives 0x0400, the
         * smallest normal number, by the same formula */
        q = (uint32_t)round_half_even(a * 0x1p24);
        return (uint16_t)(sign | q);
    }
    frexp(a, &e); /* a in [2^(e-1), 2^e), e - 1 in [-14, 15] */
    q = (uint32_t)round_half_even(ldexp(a, 11 - e)); /* 10 fraction bits: [1024, 2048] */
    /* biased exponent (e - 1 + 15) without the implicit bit, which q carries: a mantissa
     * that rounded up to 2048 moves to the next exponent by itself */
    return (uint16_t)(sign | (uint32_t)(((uint32_t)(e + 13) << 10) + q));
}

double cf_float16_to_double(uint16_t bits)
{
    int exponent = (bits >> 10) & 0x1F;
    int fraction = bits & 0x3FF;
    double m;
    if (exponent == 0)
        m = ldexp((double)fraction, -24);
    else if (exponent == 31)
        m = fraction ? (double)NAN : (double)INFINITY;
    else
        m = ldexp((double)(fraction + 1024), exponent - 25);
    return (bits & 0x8000) ? -m : m;
}

float cf_float32_from_double(double d)
{
    /* halfway between FLT_MAX and 2^128, and beyond: rounds to infinity (the conversion of
     * an out-of-range value is undefined in C, so it is not left to the cast) */
    if (fabs(d) >= 0x1.ffffffp127 && !isnan(d))
        return d < 0 ? -(float)INFINITY : (float)INFINITY;
    return (float)d;
}

/* ------------------------------------------------------------------------------------------ */
/* Data types                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static const struct {
    const char *name;
    WNNOperandDataType type;
} data_types[] = {
    {"float32", WNNOperandDataType_Float32}, {"float16", WNNOperandDataType_Float16},
    {"int32", WNNOperandDataType_Int32},     {"uint32", WNNOperandDataType_Uint32},
    {"int64", WNNOperandDataType_Int64},     {"uint64", WNNOperandDataType_Uint64},
    {"int8", WNNOperandDataType_Int8},       {"uint8", WNNOperandDataType_Uint8},
    {"int4", WNNOperandDataType_Int4},       {"uint4", WNNOperandDataType_Uint4},
};

int cf_data_type_from_name(const char *name, WNNOperandDataType *out)
{
    size_t k;
    for (k = 0; k < sizeof data_types / sizeof data_types[0]; k++)
        if (strcmp(name, data_types[k].name) == 0) {
            *out = data_types[k].type;
            return 1;
        }
    return 0;
}

const char *cf_data_type_name(WNNOperandDataType t)
{
    size_t k;
    for (k = 0; k < sizeof data_types / sizeof data_types[0]; k++)
        if (data_types[k].type == t)
            return data_types[k].name;
    return "unknown";
}

cf_class cf_data_type_class(WNNOperandDataType t)
{
    switch (t) {
    case WNNOperandDataType_Float32:
    case WNNOperandDataType_Float16:
        return CF_CLASS_FLOAT;
    case WNNOperandDataType_Int32:
    case WNNOperandDataType_Int64:
    case WNNOperandDataType_Int8:
    case WNNOperandDataType_Int4:
        return CF_CLASS_SIGNED;
    default:
        return CF_CLASS_UNSIGNED;
    }
}

void cf_data_type_range(WNNOperandDataType t, int64_t *min, uint64_t *max)
{
    switch (t) {
    case WNNOperandDataType_Int32: *min = INT32_MIN; *max = INT32_MAX; break;
    case WNNOperandDataType_Uint32: *min = 0; *max = UINT32_MAX; break;
    case WNNOperandDataType_Int64: *min = INT64_MIN; *max = INT64_MAX; break;
    case WNNOperandDataType_Uint64: *min = 0; *max = UINT64_MAX; break;
    case WNNOperandDataType_Int8: *min = INT8_MIN; *max = INT8_MAX; break;
    case WNNOperandDataType_Uint8: *min = 0; *max = UINT8_MAX; break;
    case WNNOperandDataType_Int4: *min = -8; *max = 7; break;
    case WNNOperandDataType_Uint4: *min = 0; *max = 15; break;
    default: *min = 0; *max = 0; break;
    }
}
