/* ref/numeric.c - see numeric.h. */
#include "numeric.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int ref_type_valid(WNNOperandDataType type)
{
    return (unsigned)type <= (unsigned)WNNOperandDataType_Uint4;
}

ref_class ref_type_class(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Float32:
    case WNNOperandDataType_Float16: return REF_CLASS_FLOAT;
    case WNNOperandDataType_Uint32:
    case WNNOperandDataType_Uint64:
    case WNNOperandDataType_Uint8:
    case WNNOperandDataType_Uint4: return REF_CLASS_UNSIGNED;
    default: return REF_CLASS_SIGNED;
    }
}

size_t ref_type_size(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Float32: case WNNOperandDataType_Int32:
    case WNNOperandDataType_Uint32: return 4;
    case WNNOperandDataType_Float16: return 2;
    case WNNOperandDataType_Int64: case WNNOperandDataType_Uint64: return 8;
    case WNNOperandDataType_Int8: case WNNOperandDataType_Uint8:
    case WNNOperandDataType_Int4: case WNNOperandDataType_Uint4: return 1;
    default: return 0;
    }
}

const char *ref_type_name(WNNOperandDataType type)
{
    static const char *const names[] = {"float32", "float16", "int32", "uint32", "int64",
                                        "uint64", "int8", "uint8", "int4", "uint4"};
    return ref_type_valid(type) ? names[type] : NULL;
}

int64_t ref_type_min_i(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Int4: return -8;
    case WNNOperandDataType_Int8: return INT8_MIN;
    case WNNOperandDataType_Int32: return INT32_MIN;
    case WNNOperandDataType_Int64: return INT64_MIN;
    default: return 0;
    }
}

int64_t ref_type_max_i(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Int4: return 7;
    case WNNOperandDataType_Int8: return INT8_MAX;
    case WNNOperandDataType_Int32: return INT32_MAX;
    case WNNOperandDataType_Int64: return INT64_MAX;
    case WNNOperandDataType_Uint4: return 15;
    case WNNOperandDataType_Uint8: return UINT8_MAX;
    case WNNOperandDataType_Uint32: return UINT32_MAX;
    default: return INT64_MAX; /* uint64: the signed view's maximum */
    }
}

uint64_t ref_type_max_u(WNNOperandDataType type)
{
    switch (type) {
    case WNNOperandDataType_Uint4: return 15;
    case WNNOperandDataType_Uint8: return UINT8_MAX;
    case WNNOperandDataType_Uint32: return UINT32_MAX;
    case WNNOperandDataType_Uint64: return UINT64_MAX;
    default: return (uint64_t)ref_type_max_i(type);
    }
}

double ref_f16_to_double(uint16_t bits)
{
    int sign = bits >> 15;
    int exponent = (bits >> 10) & 0x1F;
    int fraction = bits & 0x3FF;
    double magnitude;
    if (exponent == 0x1F) /* infinity or NaN */
        magnitude = fraction ? NAN : INFINITY;
    else if (exponent == 0) /* zero or subnormal: fraction * 2^-24 */
        magnitude = ldexp((double)fraction, -24);
    else
        magnitude = ldexp((double)(fraction | 0x400), exponent - 25);
    return sign ? -magnitude : magnitude;
}

double ref_round_half_even(double value)
{
    double down, rest;
    if (!isfinite(value) || value == 0.0)
        return value; /* NaN, infinities and both zeros are their own rounding */
    down = floor(value);
    rest = value - down; /* exact: value and floor(value) share the exponent range */
    if (rest > 0.5 || (rest == 0.5 && fmod(down, 2.0) != 0.0))
        down += 1.0;
    if (down == 0.0)
        return value < 0 ? -0.0 : 0.0; /* -0.3 rounds to -0 */
    return down;
}

uint16_t ref_double_to_f16(double value)
{
    uint16_t sign = (uint16_t)(signbit(value) ? 0x8000 : 0);
    double magnitude = fabs(value);
    double significand;
    int exponent;
    if (isnan(value))
        return (uint16_t)(sign | 0x7E00); /* quiet NaN, sign kept */
    /* Values at or above 65520, the midpoint between 65504 and 2^16, round to infinity
     * (the tie goes to the even significand, which is 2^16). */
    if (magnitude >= 65520.0)
        return (uint16_t)(sign | 0x7C00);
    if (magnitude < ldexp(1.0, -14)) {
        /* Subnormal range: units of 2^-24. A result of 1024 is the smallest normal, whose
         * encoding is exactly 0x400, so no special case is needed. */
        return (uint16_t)(sign | (uint16_t)ref_round_half_even(ldexp(magnitude, 24)));
    }
    (void)frexp(magnitude, &exponent); /* magnitude = m * 2^exponent, m in [0.5, 1) */
    exponent -= 1;                      /* magnitude in [2^exponent, 2^(exponent+1)) */
    significand = ref_round_half_even(ldexp(magnitude, 10 - exponent)); /* in [1024, 2048] */
    if (significand == 2048.0) {
        significand = 1024.0;
        exponent += 1;
    }
    return (uint16_t)(sign | (uint16_t)((exponent + 15) << 10) | (uint16_t)(significand - 1024.0));
}

float ref_double_to_f32(double value)
{
    /* Converting an out-of-range double to float is undefined in C99 without Annex F, so
     * overflow is decided here: at or above the midpoint between FLT_MAX and 2^128 the value
     * rounds to infinity (ties go to the even significand, 2^128). */
    if (fabs(value) > (double)FLT_MAX) {
        if (isnan(value))
            return (float)value;
        if (fabs(value) >= 0x1.ffffffp127)
            return value < 0 ? -INFINITY : INFINITY;
        return value < 0 ? -FLT_MAX : FLT_MAX;
    }
    return (float)value;
}

double ref_round_to_float_type(double value, WNNOperandDataType type)
{
    if (type == WNNOperandDataType_Float16)
        return ref_f16_to_double(ref_double_to_f16(value));
    return (double)ref_double_to_f32(value);
}

int64_t ref_wrap_i(int64_t value, WNNOperandDataType type, int *fits)
{
    int bits = type == WNNOperandDataType_Int4 ? 4 : (int)ref_type_size(type) * 8;
    uint64_t mask, low;
    *fits = value >= ref_type_min_i(type) && value <= ref_type_max_i(type);
    if (bits == 64)
        return value;
    mask = ((uint64_t)1 << bits) - 1;
    low = (uint64_t)value & mask;
    if (low >> (bits - 1)) /* sign bit set: the value is low - 2^bits */
        return -(int64_t)(mask - low) - 1;
    return (int64_t)low;
}

uint64_t ref_wrap_u(uint64_t value, WNNOperandDataType type, int *fits)
{
    uint64_t max = ref_type_max_u(type);
    *fits = value <= max;
    return value & max; /* every unsigned maximum is 2^n - 1 */
}

/* Reinterpret 64 bits as two's complement without implementation-defined conversion. */
int64_t ref_u64_as_i64(uint64_t bits)
{
    return bits > (uint64_t)INT64_MAX ? -(int64_t)(UINT64_MAX - bits) - 1 : (int64_t)bits;
}

int64_t ref_i64_add(int64_t a, int64_t b, int *overflow)
{
    uint64_t r = (uint64_t)a + (uint64_t)b; /* unsigned arithmetic wraps without UB */
    *overflow = (b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b);
    return ref_u64_as_i64(r);
}

int64_t ref_i64_sub(int64_t a, int64_t b, int *overflow)
{
    uint64_t r = (uint64_t)a - (uint64_t)b;
    *overflow = (b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b);
    return ref_u64_as_i64(r);
}

int64_t ref_i64_mul(int64_t a, int64_t b, int *overflow)
{
    uint64_t r = (uint64_t)a * (uint64_t)b;
    if (a == 0 || b == 0)
        *overflow = 0;
    else if (a == -1)
        *overflow = b == INT64_MIN;
    else if (b == -1)
        *overflow = a == INT64_MIN;
    else if ((a > 0) == (b > 0))
        *overflow = a > 0 ? a > INT64_MAX / b : a < INT64_MAX / b;
    else
        *overflow = a > 0 ? b < INT64_MIN / a : a < INT64_MIN / b;
    return ref_u64_as_i64(r);
}

uint64_t ref_u64_add(uint64_t a, uint64_t b, int *overflow)
{
    *overflow = a > UINT64_MAX - b;
    return a + b;
}

uint64_t ref_u64_sub(uint64_t a, uint64_t b, int *overflow)
{
    *overflow = b > a;
    return a - b;
}

uint64_t ref_u64_mul(uint64_t a, uint64_t b, int *overflow)
{
    *overflow = a != 0 && b > UINT64_MAX / a;
    return a * b;
}

double ref_i64_to_float_type(int64_t value, WNNOperandDataType type)
{
    if (type == WNNOperandDataType_Float32)
        return (double)(float)value; /* C converts integers to float with one rounding */
    /* float16: beyond +-65520 every value rounds to infinity; below, the double is exact. */
    if (value >= 65520)
        return INFINITY;
    if (value <= -65520)
        return -INFINITY;
    return ref_round_to_float_type((double)value, type);
}

double ref_u64_to_float_type(uint64_t value, WNNOperandDataType type)
{
    if (type == WNNOperandDataType_Float32)
        return (double)(float)value;
    if (value >= 65520)
        return INFINITY;
    return ref_round_to_float_type((double)value, type);
}

/* ConvertToInt for a double: NaN -> 0, clamp to the type's range, round half to even. */
static ref_scalar convert_double_to_int(double x, WNNOperandDataType type)
{
    ref_scalar s = {0.0, 0, 0};
    /* SPEC-STEP 3-4 of ConvertToInt: -0 becomes +0 and NaN becomes +0. */
    if (isnan(x) || x == 0.0)
        return s;
    if (ref_type_class(type) == REF_CLASS_UNSIGNED) {
        double max = (double)ref_type_max_u(type); /* uint64: 2^64 exactly, handled below */
        /* SPEC-STEP 5: clamp; SPEC-STEP 6: round half to even. */
        if (x <= 0.0)
            return s;
        if (type == WNNOperandDataType_Uint64 && x >= 18446744073709551616.0)
            s.u = UINT64_MAX;
        else if (x >= max)
            s.u = ref_type_max_u(type);
        else
            s.u = (uint64_t)ref_round_half_even(x);
        return s;
    }
    if (type == WNNOperandDataType_Int64) {
        if (x >= 9223372036854775808.0)
            s.i = INT64_MAX;
        else if (x <= -9223372036854775808.0)
            s.i = INT64_MIN;
        else
            s.i = (int64_t)ref_round_half_even(x);
        return s;
    }
    if (x >= (double)ref_type_max_i(type))
        s.i = ref_type_max_i(type);
    else if (x <= (double)ref_type_min_i(type))
        s.i = ref_type_min_i(type);
    else
        s.i = (int64_t)ref_round_half_even(x);
    return s;
}

ref_scalar ref_cast_double(double value, WNNOperandDataType type)
{
    ref_scalar s = {0.0, 0, 0};
    if (ref_type_class(type) == REF_CLASS_FLOAT) {
        /* ConvertToFloat: nearest value, ties to even, +-2^128 (+-2^16) become infinities,
         * NaN stays NaN. SPEC-SILENT: the text's "If y is +0 and x is negative" is read with
         * -0 counted as negative, so -0 stays -0 (as WebIDL's conversion does). */
        s.f = ref_round_to_float_type(value, type);
        return s;
    }
    /* SPEC-ISSUE ops-§8.6: the uint32 branch of the text converts with signed 32-bit bounds; the
     * unsigned bounds are meant and used (uint32 values above 2^31-1 must be reachable). */
    return convert_double_to_int(value, type);
}

ref_scalar ref_cast_number(WNNNumber value, WNNOperandDataType type)
{
    ref_scalar s = {0.0, 0, 0};
    ref_class cls = ref_type_class(type);
    if (value.type == WNNNumberType_Double)
        return ref_cast_double(value.asDouble, type);
    if (value.type == WNNNumberType_Int64) {
        int64_t v = value.asInt64;
        if (cls == REF_CLASS_FLOAT) {
            s.f = ref_i64_to_float_type(v, type);
        } else if (cls == REF_CLASS_SIGNED) {
            s.i = v < ref_type_min_i(type) ? ref_type_min_i(type)
                : v > ref_type_max_i(type) ? ref_type_max_i(type) : v;
        } else {
            s.u = v < 0 ? 0 : (uint64_t)v > ref_type_max_u(type) ? ref_type_max_u(type)
                                                                   : (uint64_t)v;
        }
        return s;
    }
    {
        uint64_t v = value.asUint64;
        if (cls == REF_CLASS_FLOAT)
            s.f = ref_u64_to_float_type(v, type);
        else if (cls == REF_CLASS_SIGNED)
            s.i = v > (uint64_t)ref_type_max_i(type) ? ref_type_max_i(type) : (int64_t)v;
        else
            s.u = v > ref_type_max_u(type) ? ref_type_max_u(type) : v;
    }
    return s;
}

int ref_scalar_compare(ref_scalar a, ref_scalar b, WNNOperandDataType type)
{
    switch (ref_type_class(type)) {
    case REF_CLASS_FLOAT:
        if (isnan(a.f) || isnan(b.f))
            return 2;
        return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
    case REF_CLASS_SIGNED: return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    default: return a.u < b.u ? -1 : a.u > b.u ? 1 : 0;
    }
}

void ref_scalar_format(ref_scalar v, WNNOperandDataType type, char *buf, size_t size)
{
    switch (ref_type_class(type)) {
    case REF_CLASS_FLOAT: snprintf(buf, size, "%.17g", v.f); break;
    case REF_CLASS_SIGNED: snprintf(buf, size, "%lld", (long long)v.i); break;
    default: snprintf(buf, size, "%llu", (unsigned long long)v.u); break;
    }
}
