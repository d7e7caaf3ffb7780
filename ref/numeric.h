/* ref/numeric.h - exact conversions between double and the operand data types, and the
 * specification's "cast" algorithm for numeric options. Every function here handles NaN,
 * the infinities and the signed zeros explicitly. */
#ifndef REF_NUMERIC_H
#define REF_NUMERIC_H

#include <stdint.h>
#include "../webnn.h"

/* The class of a data type: how its values are held exactly during evaluation. */
typedef enum ref_class {
    REF_CLASS_FLOAT,    /* float32, float16: held as double */
    REF_CLASS_SIGNED,   /* int4, int8, int32, int64: held as int64_t */
    REF_CLASS_UNSIGNED  /* uint4, uint8, uint32, uint64: held as uint64_t */
} ref_class;

/* One element of any data type, held exactly. Only the field of the type's class is used. */
typedef struct ref_scalar {
    double f;
    int64_t i;
    uint64_t u;
} ref_scalar;

int ref_type_valid(WNNOperandDataType type); /* one of the 10 enum values */
ref_class ref_type_class(WNNOperandDataType type);
size_t ref_type_size(WNNOperandDataType type);
const char *ref_type_name(WNNOperandDataType type);
/* Smallest and largest value of an integer type. */
int64_t ref_type_min_i(WNNOperandDataType type);
int64_t ref_type_max_i(WNNOperandDataType type);
uint64_t ref_type_max_u(WNNOperandDataType type);

/* IEEE binary16 <-> double. to_double is exact; from_double rounds to nearest, ties to even,
 * overflows to infinity, keeps subnormals, the sign of zero and NaN. */
double ref_f16_to_double(uint16_t bits);
uint16_t ref_double_to_f16(double value);
/* double -> binary32, round to nearest even, overflow to infinity (no C undefined behaviour). */
float ref_double_to_f32(double value);
/* Round a double to the given float type once (the value returned is exactly representable). */
double ref_round_to_float_type(double value, WNNOperandDataType type);
/* Round to the nearest integer, ties to even, keeping the sign of zero and NaN. */
double ref_round_half_even(double value);

/* The spec's "cast" algorithm (ConvertToFloat / ConvertToInt) applied to an MLNumber. */
ref_scalar ref_cast_number(WNNNumber value, WNNOperandDataType type);
/* The same algorithm applied to a double (alpha, beta, epsilon options). */
ref_scalar ref_cast_double(double value, WNNOperandDataType type);
/* Compare two values of one type exactly: -1, 0, 1 (NaN compares as unordered: 2). */
int ref_scalar_compare(ref_scalar a, ref_scalar b, WNNOperandDataType type);

/* Write a value of the type as text ("%.17g", or the exact integer). */
void ref_scalar_format(ref_scalar v, WNNOperandDataType type, char *buf, size_t size);

/* Wrap an exact integer to the type's width (two's complement); *fits receives whether the
 * value was in range. */
int64_t ref_wrap_i(int64_t value, WNNOperandDataType type, int *fits);
uint64_t ref_wrap_u(uint64_t value, WNNOperandDataType type, int *fits);

int64_t ref_u64_as_i64(uint64_t bits); /* two's complement reinterpretation */
/* int64 arithmetic that wraps instead of overflowing; *overflow is set when it wrapped. */
int64_t ref_i64_add(int64_t a, int64_t b, int *overflow);
int64_t ref_i64_sub(int64_t a, int64_t b, int *overflow);
int64_t ref_i64_mul(int64_t a, int64_t b, int *overflow);
uint64_t ref_u64_add(uint64_t a, uint64_t b, int *overflow);
uint64_t ref_u64_sub(uint64_t a, uint64_t b, int *overflow);
uint64_t ref_u64_mul(uint64_t a, uint64_t b, int *overflow);

/* Exact integer -> float type conversion (one rounding). */
double ref_i64_to_float_type(int64_t value, WNNOperandDataType type);
double ref_u64_to_float_type(uint64_t value, WNNOperandDataType type);

#endif
