/* tests/check_unary.c - abs, ceil, cos, erf, exp, floor, identity, log, neg, reciprocal,
 * roundEven, sin, sign, sqrt, tan. */
#include "harness.h"

#include <stdio.h>
#include <float.h>
#include <math.h>
#include <string.h>

/* C99 defines NAN and INFINITY as float constants; these are their double spellings. */
#define NAN_D ((double)NAN)
#define INF_D ((double)INFINITY)

typedef WNNStatus (*unary_builder)(WNNGraphBuilder, WNNOperand, const WNNOperatorOptions *,
                                   WNNOperand *);

enum { ABS, CEIL, COS, ERF, EXP, FLOOR, IDENTITY, LOG, NEG, RECIPROCAL, ROUND_EVEN, SIN, SIGN,
       SQRT, TAN, OP_COUNT };

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16
#define BIT(t) (1u << WNNOperandDataType_##t)
#define FLOATS (BIT(Float32) | BIT(Float16))
#define SIGNED (FLOATS | BIT(Int64) | BIT(Int32) | BIT(Int8))
#define ANY (FLOATS | BIT(Int32) | BIT(Uint32) | BIT(Int64) | BIT(Uint64) | BIT(Int8) | BIT(Uint8))

static const struct {
    const char *name;
    unary_builder build;
    unsigned allowed; /* the spec's allowed data types */
} ops[OP_COUNT] = {
    {"abs", wnnGraphBuilderAbs, SIGNED},
    {"ceil", wnnGraphBuilderCeil, FLOATS},
    {"cos", wnnGraphBuilderCos, FLOATS},
    {"erf", wnnGraphBuilderErf, FLOATS},
    {"exp", wnnGraphBuilderExp, FLOATS},
    {"floor", wnnGraphBuilderFloor, FLOATS},
    {"identity", wnnGraphBuilderIdentity, ANY},
    {"log", wnnGraphBuilderLog, FLOATS},
    {"neg", wnnGraphBuilderNeg, SIGNED},
    {"reciprocal", wnnGraphBuilderReciprocal, FLOATS},
    {"roundEven", wnnGraphBuilderRoundEven, FLOATS},
    {"sin", wnnGraphBuilderSin, FLOATS},
    {"sign", wnnGraphBuilderSign, SIGNED},
    {"sqrt", wnnGraphBuilderSqrt, FLOATS},
    {"tan", wnnGraphBuilderTan, FLOATS},
};

/* Run one unary op on a 1-D input of n elements. */
static void run_unary(unary_builder build, WNNOperandDataType type, const void *data, size_t n,
                      th_result *r)
{
    th_env env;
    uint32_t shape[1];
    WNNOperand x, out;
    th_init(&env);
    shape[0] = (uint32_t)n;
    x = th_input(&env, type, shape, 1, data);
    ck_assert_msg(build(env.builder, x, NULL, &out) == WNNStatus_Success, "%s",
                  wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

/* A double rounded to the nearest float16 value (through the harness's own converter). */
static double f16_round(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(F16, &v, 1, &bits);
    r.type = F16;
    r.data = &bits;
    return th_get(&r, 0);
}

/* The expected value, from the C library's long double functions (more precise than the
 * library's double path, and a different code path), rounded once to the type. */
static long double expect_ld(int op, long double x)
{
    switch (op) {
    case ABS: return fabsl(x);
    case CEIL: return ceill(x);
    case COS: return cosl(x);
    case ERF: return erfl(x);
    case EXP: return expl(x);
    case FLOOR: return floorl(x);
    case IDENTITY: return x;
    case LOG: return logl(x);
    case NEG: return -x;
    case RECIPROCAL: return 1.0L / x;
    case ROUND_EVEN: return nearbyintl(x); /* default rounding mode: nearest, ties to even */
    case SIN: return sinl(x);
    case SIGN: return x > 0 ? 1.0L : x < 0 ? -1.0L : 0.0L; /* NaN and -0 give +0 */
    case SQRT: return sqrtl(x);
    default: return tanl(x);
    }
}

static double expect(int op, WNNOperandDataType type, double x)
{
    long double v = expect_ld(op, (long double)x);
    if (type == F32)
        return (double)(float)v;
    return f16_round((double)v);
}

/* Special values and ordinary ones, float32. */
static const double grid32[] = {
    NAN_D, INF_D, -INF_D, 0.0, -0.0, 0x1p-149, -0x1p-149, (double)FLT_MAX, -(double)FLT_MAX, 0x1p-126,
    1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, (double)0.1f, (double)-0.1f, 2.0,
    -2.0, 10.0, -10.0, 100.0, -100.0, 88.75, -103.5, 1e10, -1e10, 65504.0, 8388607.5,
    -8388609.0, 1.5707963705062866, 3.1415927410125732, 0.7853981852531433};
#define GRID32_N (sizeof grid32 / sizeof grid32[0])

/* float16 (every value is a float16 value). */
static const double grid16[] = {
    NAN_D, INF_D, -INF_D, 0.0, -0.0, 0x1p-24, -0x1p-24, 65504.0, -65504.0, 0x1p-14,
    1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 0.0999755859375, 2.0, -2.0,
    10.0, -10.0, 11.125, -17.0, 1000.0, -1000.0, 1022.5, 1023.5, 1.5703125, 3.140625};
#define GRID16_N (sizeof grid16 / sizeof grid16[0])

START_TEST(float32_special_value_grid)
{
    float in[GRID32_N];
    size_t i, k;
    for (i = 0; i < GRID32_N; i++)
        in[i] = (float)grid32[i];
    for (k = 0; k < OP_COUNT; k++) {
        th_result r;
        run_unary(ops[k].build, F32, in, GRID32_N, &r);
        for (i = 0; i < GRID32_N; i++) {
            double want = expect((int)k, F32, (double)in[i]);
            int masked = k == SIGN && isnan(in[i]);
            ck_assert_msg(th_same(th_get(&r, i), want), "%s(%a) = %a, want %a", ops[k].name,
                          (double)in[i], th_get(&r, i), want);
            ck_assert_msg(r.mask[i] == masked, "%s(%a): mask %d", ops[k].name, (double)in[i],
                          r.mask[i]);
        }
        th_result_free(&r);
    }
}
END_TEST

START_TEST(float16_special_value_grid)
{
    uint16_t in[GRID16_N];
    size_t i, k;
    th_pack(F16, grid16, GRID16_N, in);
    for (i = 0; i < GRID16_N; i++)
        ck_assert(th_same(f16_round(grid16[i]), grid16[i])); /* the grid is float16-exact */
    for (k = 0; k < OP_COUNT; k++) {
        th_result r;
        run_unary(ops[k].build, F16, in, GRID16_N, &r);
        for (i = 0; i < GRID16_N; i++) {
            double want = expect((int)k, F16, grid16[i]);
            int masked = k == SIGN && isnan(grid16[i]);
            ck_assert_msg(th_same(th_get(&r, i), want), "f16 %s(%a) = %a, want %a",
                          ops[k].name, grid16[i], th_get(&r, i), want);
            ck_assert_int_eq(r.mask[i], masked);
        }
        th_result_free(&r);
    }
}
END_TEST

START_TEST(hand_checked_values)
{
    /* roundEven: the spec's own example, then ties at the float32 limits of fractions. */
    static const float re_in[] = {0.1f, 0.9f, 1.1f, 1.9f, -3.5f, -2.5f, -1.5f, 1.5f, 2.5f, 3.5f,
                                  -0.5f, 0.5f, 8388607.5f, 8388606.5f, -0.4f};
    static const double re_want[] = {0.0, 1.0, 1.0, 2.0, -4.0, -2.0, -2.0, 2.0, 2.0, 4.0,
                                     -0.0, 0.0, 8388608.0, 8388606.0, -0.0};
    static const float misc_in[] = {-0.5f, 0.5f, -0.0f, 4.0f, -4.0f, 0.0f};
    th_result r;
    size_t i;
    run_unary(wnnGraphBuilderRoundEven, F32, re_in, 15, &r);
    for (i = 0; i < 15; i++)
        ck_assert_msg(th_same(th_get(&r, i), re_want[i]), "roundEven(%a) = %a",
                      (double)re_in[i], th_get(&r, i));
    th_result_free(&r);
    /* ceil(-0.5) = -0, floor(0.5) = +0, sqrt(-0) = -0, reciprocal(-0) = -inf, log(0) = -inf */
    run_unary(wnnGraphBuilderCeil, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 0), -0.0));
    ck_assert(th_same(th_get(&r, 1), 1.0));
    th_result_free(&r);
    run_unary(wnnGraphBuilderFloor, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 0), -1.0));
    ck_assert(th_same(th_get(&r, 1), 0.0));
    th_result_free(&r);
    run_unary(wnnGraphBuilderSqrt, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 2), -0.0));
    ck_assert(th_same(th_get(&r, 3), 2.0));
    ck_assert(isnan(th_get(&r, 4)));
    ck_assert_int_eq(r.unspecified, 0); /* sqrt(-4) is NaN by IEEE: defined */
    th_result_free(&r);
    run_unary(wnnGraphBuilderReciprocal, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 0), -2.0));
    ck_assert(th_same(th_get(&r, 2), -INF_D));
    ck_assert(th_same(th_get(&r, 5), INF_D));
    th_result_free(&r);
    run_unary(wnnGraphBuilderLog, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 2), -INF_D));
    ck_assert(th_same(th_get(&r, 5), -INF_D));
    ck_assert(isnan(th_get(&r, 0)));
    th_result_free(&r);
    /* sign: 1 / -1 / 0, and both zeros give +0 (the emulation's constant); NaN gives 0,
     * marked unspecified */
    {
        static const float s_in[] = {-0.0f, 0.0f, 0x1p-149f, -INF_D, NAN_D};
        static const double s_want[] = {0.0, 0.0, 1.0, -1.0, 0.0};
        run_unary(wnnGraphBuilderSign, F32, s_in, 5, &r);
        for (i = 0; i < 5; i++)
            ck_assert_msg(th_same(th_get(&r, i), s_want[i]), "sign(%a) = %a", (double)s_in[i],
                          th_get(&r, i));
        ck_assert_uint_eq(r.unspecified, 1);
        ck_assert_int_eq(r.mask[4], 1);
        th_result_free(&r);
    }
    /* neg(+0) = -0 */
    run_unary(wnnGraphBuilderNeg, F32, misc_in, 6, &r);
    ck_assert(th_same(th_get(&r, 5), -0.0));
    ck_assert(th_same(th_get(&r, 2), 0.0));
    th_result_free(&r);
}
END_TEST

START_TEST(float16_rounds_once)
{
    /* exp(11.125) = 67940 > 65520: overflows to +inf; exp(-17) = 4.14e-8 rounds to the
     * smallest subnormal 2^-24 = 5.96e-8 (nearest); exp(-18) = 1.52e-8 < 2^-25: rounds to
     * +0; reciprocal(3) = 0.33325195 (1365 * 2^-12); sqrt(2) = 1.4140625 (1448 * 2^-10). */
    static const double in[] = {11.125, -17.0, -18.0, 3.0, 2.0};
    uint16_t bits[5];
    th_result r;
    th_pack(F16, in, 5, bits);
    run_unary(wnnGraphBuilderExp, F16, bits, 5, &r);
    ck_assert(th_same(th_get(&r, 0), INF_D));
    ck_assert(th_same(th_get(&r, 1), 0x1p-24));
    ck_assert(th_same(th_get(&r, 2), 0.0));
    th_result_free(&r);
    run_unary(wnnGraphBuilderReciprocal, F16, bits, 5, &r);
    ck_assert(th_same(th_get(&r, 3), 1365.0 / 4096.0));
    th_result_free(&r);
    run_unary(wnnGraphBuilderSqrt, F16, bits, 5, &r);
    ck_assert(th_same(th_get(&r, 4), 1448.0 / 1024.0));
    th_result_free(&r);
}
END_TEST

START_TEST(integer_abs_neg_sign)
{
    static const int8_t i8[] = {-128, -127, -1, 0, 1, 127};
    static const int32_t i32[] = {INT32_MIN, INT32_MIN + 1, -5, 0, 5, INT32_MAX};
    static const int64_t i64[] = {INT64_MIN, INT64_MIN + 1, -9007199254740993LL, 0,
                                  9007199254740993LL, INT64_MAX};
    th_result r;
    size_t i;
    /* int8: abs and neg of -128 wrap to -128, marked (overflow) */
    run_unary(wnnGraphBuilderAbs, WNNOperandDataType_Int8, i8, 6, &r);
    {
        static const int8_t want[] = {-128, 127, 1, 0, 1, 127};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int8_t *)r.data)[i], want[i]);
        ck_assert_int_eq(r.mask[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderNeg, WNNOperandDataType_Int8, i8, 6, &r);
    {
        static const int8_t want[] = {-128, 127, 1, 0, -1, -127};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int8_t *)r.data)[i], want[i]);
        ck_assert_int_eq(r.mask[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderSign, WNNOperandDataType_Int8, i8, 6, &r);
    {
        static const int8_t want[] = {-1, -1, -1, 0, 1, 1};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int8_t *)r.data)[i], want[i]);
        ck_assert_uint_eq(r.unspecified, 0);
    }
    th_result_free(&r);
    /* int32 */
    run_unary(wnnGraphBuilderAbs, WNNOperandDataType_Int32, i32, 6, &r);
    {
        static const int32_t want[] = {INT32_MIN, INT32_MAX, 5, 0, 5, INT32_MAX};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int32_t *)r.data)[i], want[i]);
        ck_assert_int_eq(r.mask[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderNeg, WNNOperandDataType_Int32, i32, 6, &r);
    {
        static const int32_t want[] = {INT32_MIN, INT32_MAX, 5, 0, -5, INT32_MIN + 1};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int32_t *)r.data)[i], want[i]);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderSign, WNNOperandDataType_Int32, i32, 6, &r);
    {
        static const int32_t want[] = {-1, -1, -1, 0, 1, 1};
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((int32_t *)r.data)[i], want[i]);
    }
    th_result_free(&r);
    /* int64: exact beyond 2^53 */
    run_unary(wnnGraphBuilderAbs, WNNOperandDataType_Int64, i64, 6, &r);
    {
        static const int64_t want[] = {INT64_MIN, INT64_MAX, 9007199254740993LL, 0,
                                       9007199254740993LL, INT64_MAX};
        for (i = 0; i < 6; i++)
            ck_assert(((int64_t *)r.data)[i] == want[i]);
        ck_assert_int_eq(r.mask[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderNeg, WNNOperandDataType_Int64, i64, 6, &r);
    {
        static const int64_t want[] = {INT64_MIN, INT64_MAX, 9007199254740993LL, 0,
                                       -9007199254740993LL, INT64_MIN + 1};
        for (i = 0; i < 6; i++)
            ck_assert(((int64_t *)r.data)[i] == want[i]);
        ck_assert_int_eq(r.mask[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
    }
    th_result_free(&r);
    run_unary(wnnGraphBuilderSign, WNNOperandDataType_Int64, i64, 6, &r);
    {
        static const int64_t want[] = {-1, -1, -1, 0, 1, 1};
        for (i = 0; i < 6; i++)
            ck_assert(((int64_t *)r.data)[i] == want[i]);
    }
    th_result_free(&r);
}
END_TEST

START_TEST(identity_copies_bits_for_every_type)
{
    /* float32 NaNs with payloads (one signalling), -0, a subnormal */
    static const uint32_t f32[] = {0x7FA00001u, 0xFFC12345u, 0x80000000u, 0x00000001u,
                                   0x7F7FFFFFu};
    static const uint16_t f16[] = {0x7D01u, 0xFE3Fu, 0x8000u, 0x0001u, 0x7BFFu};
    static const int32_t i32[] = {INT32_MIN, -1, 0, 1, INT32_MAX};
    static const uint32_t u32[] = {0, 1, 2147483648u, 4294967294u, 4294967295u};
    static const int64_t i64[] = {INT64_MIN, -9007199254740993LL, 0, 9007199254740993LL,
                                  INT64_MAX};
    static const uint64_t u64[] = {0, 1, 9007199254740993ULL, 9223372036854775808ULL,
                                   18446744073709551615ULL};
    static const int8_t i8[] = {-128, -1, 0, 1, 127};
    static const uint8_t u8[] = {0, 1, 128, 254, 255};
    static const struct {
        WNNOperandDataType type;
        const void *data;
        size_t bytes;
    } cases[] = {
        {F32, f32, sizeof f32}, {F16, f16, sizeof f16},
        {WNNOperandDataType_Int32, i32, sizeof i32}, {WNNOperandDataType_Uint32, u32, sizeof u32},
        {WNNOperandDataType_Int64, i64, sizeof i64}, {WNNOperandDataType_Uint64, u64, sizeof u64},
        {WNNOperandDataType_Int8, i8, sizeof i8}, {WNNOperandDataType_Uint8, u8, sizeof u8},
    };
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        th_result r;
        run_unary(wnnGraphBuilderIdentity, cases[k].type, cases[k].data, 5, &r);
        ck_assert_int_eq(r.type, cases[k].type);
        ck_assert_msg(memcmp(r.data, cases[k].data, cases[k].bytes) == 0,
                      "identity changed the bits of %s", wnnOperandDataTypeString(cases[k].type));
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_size_and_scalar_shapes)
{
    static const uint32_t s03[] = {0, 3}, s300[] = {3, 0, 0};
    static const float one[] = {-2.25f};
    size_t k;
    for (k = 0; k < OP_COUNT; k++) {
        th_env env;
        WNNOperand a, b, c, outs[3];
        th_result r[3];
        size_t rank;
        const uint32_t *shape;
        th_init(&env);
        a = th_input(&env, F32, s03, 2, one);
        b = th_input(&env, F16, s300, 3, one);
        c = th_input(&env, F32, NULL, 0, one); /* a scalar */
        ck_assert_int_eq(ops[k].build(env.builder, a, NULL, &outs[0]), WNNStatus_Success);
        ck_assert_int_eq(ops[k].build(env.builder, b, NULL, &outs[1]), WNNStatus_Success);
        ck_assert_int_eq(ops[k].build(env.builder, c, NULL, &outs[2]), WNNStatus_Success);
        shape = wnnOperandGetShape(outs[0], &rank);
        ck_assert_uint_eq(rank, 2);
        ck_assert_uint_eq(shape[0], 0);
        ck_assert_uint_eq(shape[1], 3);
        shape = wnnOperandGetShape(outs[1], &rank);
        ck_assert_uint_eq(rank, 3);
        ck_assert_uint_eq(shape[0], 3);
        ck_assert_int_eq(wnnOperandGetDataType(outs[1]), F16);
        wnnOperandGetShape(outs[2], &rank);
        ck_assert_uint_eq(rank, 0);
        ck_assert_int_eq(th_run(&env, 3, outs, r), WNNStatus_Success);
        ck_assert_uint_eq(r[0].count, 0);
        ck_assert_uint_eq(r[1].count, 0);
        ck_assert_uint_eq(r[2].count, 1);
        ck_assert_msg(th_same(th_get(&r[2], 0), expect((int)k, F32, -2.25)), "%s(-2.25) = %a",
                      ops[k].name, th_get(&r[2], 0));
        th_result_free(&r[0]);
        th_result_free(&r[1]);
        th_result_free(&r[2]);
        th_free(&env);
    }
}
END_TEST

START_TEST(validation_errors)
{
    static const WNNOperandDataType all[] = {
        WNNOperandDataType_Float32, WNNOperandDataType_Float16, WNNOperandDataType_Int32,
        WNNOperandDataType_Uint32,  WNNOperandDataType_Int64,   WNNOperandDataType_Uint64,
        WNNOperandDataType_Int8,    WNNOperandDataType_Uint8};
    static const uint32_t s2[] = {2};
    static const uint64_t zeros[2] = {0, 0};
    size_t k, t;
    for (k = 0; k < OP_COUNT; k++) {
        th_env env, other;
        WNNOperand x[8], foreign, out = NULL;
        WNNOperatorOptions options = WNN_OPERATOR_OPTIONS_INIT;
        char needle[96];
        th_init(&env);
        th_init(&other);
        for (t = 0; t < 8; t++)
            x[t] = th_input(&env, all[t], s2, 1, zeros);
        foreign = th_input(&other, F32, s2, 1, zeros);
        /* every data type: accepted exactly when the spec's table allows it */
        for (t = 0; t < 8; t++) {
            WNNStatus s = ops[k].build(env.builder, x[t], NULL, &out);
            if (ops[k].allowed & (1u << all[t])) {
                ck_assert_msg(s == WNNStatus_Success, "%s rejects %s", ops[k].name,
                              wnnOperandDataTypeString(all[t]));
                ck_assert_int_eq(wnnOperandGetDataType(out), all[t]);
            } else {
                snprintf(needle, sizeof needle, "%s: the data type of input must be one of",
                         ops[k].name);
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
                snprintf(needle, sizeof needle, "got %s", wnnOperandDataTypeString(all[t]));
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
            }
        }
        out = NULL;
        snprintf(needle, sizeof needle, "%s: input is NULL", ops[k].name);
        th_assert_status(&env, ops[k].build(env.builder, NULL, NULL, &out), WNNStatus_TypeError,
                         needle);
        th_assert_status(&env, ops[k].build(env.builder, foreign, NULL, &out),
                         WNNStatus_TypeError, "input was created by another builder");
        th_assert_status(&env, ops[k].build(env.builder, x[0], NULL, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(ops[k].build(NULL, x[0], NULL, &out), WNNStatus_InvalidArgument);
        ck_assert_ptr_null(out); /* failed calls leave out unchanged */
        options.label = "lbl";
        snprintf(needle, sizeof needle, "%s[lbl]: input is NULL", ops[k].name);
        th_assert_status(&env, ops[k].build(env.builder, NULL, &options, &out),
                         WNNStatus_TypeError, needle);
        /* after build, every call is refused */
        {
            WNNNamedOperand named;
            WNNGraph g;
            WNNOperand y;
            ck_assert_int_eq(ops[k].build(env.builder, x[0], NULL, &y), WNNStatus_Success);
            named.name = "o";
            named.operand = y;
            ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
            snprintf(needle, sizeof needle, "%s: the builder has already built", ops[k].name);
            th_assert_status(&env, ops[k].build(env.builder, x[0], NULL, &out),
                             WNNStatus_InvalidStateError, needle);
            wnnGraphRelease(g);
        }
        th_free(&env);
        th_free(&other);
    }
}
END_TEST

START_TEST(identity_rejects_types_outside_the_spec)
{
    /* int4/uint4 are a C-only extension; identity's "any data type" means MLOperandDataType */
    th_env env;
    static const uint32_t s2[] = {2};
    static const int8_t data[2] = {-8, 7};
    WNNOperand x, out;
    th_init(&env);
    x = th_constant(&env, WNNOperandDataType_Int4, s2, 1, data);
    th_assert_status(&env, wnnGraphBuilderIdentity(env.builder, x, NULL, &out),
                     WNNStatus_TypeError, "identity: the data type of input must be one of");
    th_assert_status(&env, wnnGraphBuilderIdentity(env.builder, x, NULL, &out),
                     WNNStatus_TypeError, "got int4");
    th_free(&env);
}
END_TEST

START_TEST(unspecified_mask_flows_through)
{
    th_env env;
    static const uint32_t s2[] = {2};
    static const int32_t a[] = {INT32_MAX, 1}, b[] = {1, 1};
    WNNOperand x, y, sum, id, ab, outs[2];
    th_result r[2];
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s2, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s2, 1, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderIdentity(env.builder, sum, NULL, &id), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderAbs(env.builder, sum, NULL, &ab), WNNStatus_Success);
    outs[0] = id;
    outs[1] = ab;
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert_int_eq(r[0].mask[0], 1);
    ck_assert_int_eq(r[0].mask[1], 0);
    ck_assert_int_eq(((int32_t *)r[0].data)[1], 2);
    ck_assert_int_eq(r[1].mask[0], 1);
    ck_assert_int_eq(r[1].mask[1], 0);
    ck_assert_int_eq(((int32_t *)r[1].data)[0], INT32_MIN); /* abs(MIN) wraps */
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

/* float16 values are ordered like their raw 16-bit patterns within one sign; the suite
 * subtracts raw patterns. */
static long ulp_f16(double a, double b)
{
    uint16_t ba, bb;
    th_pack(F16, &a, 1, &ba);
    th_pack(F16, &b, 1, &bb);
    return ba > bb ? (long)ba - bb : (long)bb - ba;
}

START_TEST(wpt_cases)
{
    /* Data from web-platform-tests webnn/conformance_tests (3-Clause BSD License, Copyright
     * web-platform-tests contributors): the first six elements of "erf float32 1D tensor"
     * and "tan float32 1D tensor" (ATOL 1/1024) and of "exp float16 1D tensor" (1 ULP). */
    static const float erf_in[] = {-0.5883062481880188f, -0.5323766469955444f,
                                   0.1279870569705963f, 0.5772181749343872f,
                                   0.904577910900116f, -0.49856746196746826f};
    static const double erf_want[] = {-0.5945858955383301, -0.5484867095947266,
                                      0.14363321661949158, 0.5856771469116211,
                                      0.7991966009140015, -0.5192402005195618};
    static const float tan_in[] = {52.69781494140625f, 70.06912994384766f, 90.49689483642578f,
                                   24.65666961669922f, 11.66512680053711f, -50.95264434814453f};
    static const double tan_want[] = {-0.8582430481910706, 1.410544753074646,
                                      -0.6978657245635986, -0.5156278610229492,
                                      -1.2633823156356812, -0.8205758929252625};
    static const double exp_in[] = {0.342041015625, -3.310546875, -3.697265625, -5.10546875,
                                    5.47265625, -0.06793212890625};
    static const double exp_want[] = {1.408203125, 0.0364990234375, 0.0247955322265625,
                                      0.00606536865234375, 238.125, 0.93408203125};
    uint16_t exp_bits[6];
    th_result r;
    size_t i;
    run_unary(wnnGraphBuilderErf, F32, erf_in, 6, &r);
    for (i = 0; i < 6; i++)
        ck_assert_msg(fabs(th_get(&r, i) - erf_want[i]) <= 1.0 / 1024, "erf(%a) = %a",
                      (double)erf_in[i], th_get(&r, i));
    th_result_free(&r);
    run_unary(wnnGraphBuilderTan, F32, tan_in, 6, &r);
    for (i = 0; i < 6; i++)
        ck_assert_msg(fabs(th_get(&r, i) - tan_want[i]) <= 1.0 / 1024, "tan(%a) = %a",
                      (double)tan_in[i], th_get(&r, i));
    th_result_free(&r);
    th_pack(F16, exp_in, 6, exp_bits);
    run_unary(wnnGraphBuilderExp, F16, exp_bits, 6, &r);
    for (i = 0; i < 6; i++)
        ck_assert_msg(ulp_f16(th_get(&r, i), exp_want[i]) <= 1, "exp(%a) = %a", exp_in[i],
                      th_get(&r, i));
    th_result_free(&r);
}
END_TEST

static Suite *unary_suite(void)
{
    Suite *s = suite_create("unary");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float32_special_value_grid);
    tcase_add_test(t, float16_special_value_grid);
    tcase_add_test(t, hand_checked_values);
    tcase_add_test(t, float16_rounds_once);
    tcase_add_test(t, integer_abs_neg_sign);
    tcase_add_test(t, identity_copies_bits_for_every_type);
    tcase_add_test(t, zero_size_and_scalar_shapes);
    tcase_add_test(t, validation_errors);
    tcase_add_test(t, identity_rejects_types_outside_the_spec);
    tcase_add_test(t, unspecified_mask_flows_through);
    tcase_add_test(t, wpt_cases);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(unary_suite)
