/* tests/check_reduce.c - reduceL1, reduceL2, reduceLogSum, reduceLogSumExp, reduceMax,
 * reduceMean, reduceMin, reduceProduct, reduceSum, reduceSumSquare. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <string.h>

typedef WNNStatus (*reduce_builder)(WNNGraphBuilder, WNNOperand, const WNNReduceOptions *,
                                    WNNOperand *);

enum { L1, L2, LOGSUM, LOGSUMEXP, MAX, MEAN, MIN, PRODUCT, SUM, SUMSQUARE, OP_COUNT };

static const struct {
    const char *name;
    reduce_builder build;
    unsigned types; /* allowed data types, bit (1 << WNNOperandDataType) */
} ops[OP_COUNT] = {
    {"reduceL1", wnnGraphBuilderReduceL1, 0x3F},
    {"reduceL2", wnnGraphBuilderReduceL2, 0x03},
    {"reduceLogSum", wnnGraphBuilderReduceLogSum, 0x03},
    {"reduceLogSumExp", wnnGraphBuilderReduceLogSumExp, 0x03},
    {"reduceMax", wnnGraphBuilderReduceMax, 0xFF},
    {"reduceMean", wnnGraphBuilderReduceMean, 0x03},
    {"reduceMin", wnnGraphBuilderReduceMin, 0xFF},
    {"reduceProduct", wnnGraphBuilderReduceProduct, 0x3F},
    {"reduceSum", wnnGraphBuilderReduceSum, 0x3F},
    {"reduceSumSquare", wnnGraphBuilderReduceSumSquare, 0x3F},
};

/* Run one reduction of a single input (raw data of `type`). axes NULL: not given. The output
 * shape goes to outShape/outRank when they are not NULL. */
static void run_reduce(int op, WNNOperandDataType type, const uint32_t *shape, size_t rank,
                       const void *data, const uint32_t *axes, size_t axesCount, int keep,
                       th_result *r, uint32_t *outShape, size_t *outRank)
{
    th_env env;
    WNNOperand x, out;
    WNNReduceOptions options = WNN_REDUCE_OPTIONS_INIT;
    WNNStatus s;
    th_init(&env);
    options.axes = axes;
    options.axesCount = axesCount;
    options.keepDimensions = (WNNBool)keep;
    x = th_input(&env, type, shape, rank, data);
    s = ops[op].build(env.builder, x, &options, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s: %s", ops[op].name,
                  wnnGraphBuilderGetErrorMessage(env.builder));
    if (outShape && outRank) {
        size_t i;
        const uint32_t *got = wnnOperandGetShape(out, outRank);
        for (i = 0; i < *outRank; i++)
            outShape[i] = got[i];
    }
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

/* A double rounded once to float16, read back exactly (through the test harness's own
 * independent conversion). */
static double round_f16(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(WNNOperandDataType_Float16, &v, 1, &bits);
    r.type = WNNOperandDataType_Float16;
    r.data = &bits;
    return th_get(&r, 0);
}

static double round_to(WNNOperandDataType type, double v)
{
    return type == WNNOperandDataType_Float16 ? round_f16(v) : (double)(float)v;
}

/* Naive reference formulas on a list of doubles, independent of the library's code. */
static double expect_float(int op, const double *x, size_t n)
{
    double acc = 0.0;
    size_t i;
    switch (op) {
    case L1:
        for (i = 0; i < n; i++)
            acc += fabs(x[i]);
        return acc;
    case L2:
        for (i = 0; i < n; i++)
            acc += x[i] * x[i];
        return sqrt(acc);
    case LOGSUM:
        for (i = 0; i < n; i++)
            acc += x[i];
        return log(acc);
    case LOGSUMEXP: /* small inputs only: no overflow in exp */
        for (i = 0; i < n; i++)
            acc += exp(x[i]);
        return log(acc);
    case MAX:
        acc = x[0];
        for (i = 1; i < n; i++)
            acc = x[i] > acc ? x[i] : acc;
        return acc;
    case MIN:
        acc = x[0];
        for (i = 1; i < n; i++)
            acc = x[i] < acc ? x[i] : acc;
        return acc;
    case MEAN:
        for (i = 0; i < n; i++)
            acc += x[i];
        return acc / (double)n;
    case PRODUCT:
        acc = 1.0;
        for (i = 0; i < n; i++)
            acc *= x[i];
        return acc;
    case SUM:
        for (i = 0; i < n; i++)
            acc += x[i];
        return acc;
    default:
        for (i = 0; i < n; i++)
            acc += x[i] * x[i];
        return acc;
    }
}

START_TEST(float_rows_every_op)
{
    /* [2, 3] reduced over axis 1 -> [2]; every op, float32 and float16. */
    static const double data[6] = {1.5, 2.0, 3.25, 0.5, 4.0, 2.5};
    static const uint32_t shape[2] = {2, 3}, axes[1] = {1};
    int op, t;
    for (t = 0; t < 2; t++) {
        WNNOperandDataType type = t ? WNNOperandDataType_Float16 : WNNOperandDataType_Float32;
        unsigned char raw[6 * 4];
        th_pack(type, data, 6, raw);
        for (op = 0; op < OP_COUNT; op++) {
            th_result r;
            uint32_t os[4];
            size_t orank, row;
            run_reduce(op, type, shape, 2, raw, axes, 1, 0, &r, os, &orank);
            ck_assert_uint_eq(orank, 1);
            ck_assert_uint_eq(os[0], 2);
            for (row = 0; row < 2; row++) {
                double want = round_to(type, expect_float(op, data + 3 * row, 3));
                ck_assert_msg(th_same(th_get(&r, row), want), "%s %s row %lu: %a, want %a",
                              ops[op].name, t ? "f16" : "f32", (unsigned long)row,
                              th_get(&r, row), want);
            }
            ck_assert_uint_eq(r.unspecified, 0);
            th_result_free(&r);
        }
    }
}
END_TEST

START_TEST(axes_absent_empty_multiple_and_keep_dimensions)
{
    /* [2, 3, 2] with values 1..12. */
    static const float data[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    static const uint32_t shape[3] = {2, 3, 2}, axes02[2] = {2, 0}, none[1] = {0};
    th_result r;
    uint32_t os[4];
    size_t orank, i;
    /* absent: all axes -> scalar 78 */
    run_reduce(SUM, WNNOperandDataType_Float32, shape, 3, data, NULL, 0, 0, &r, os, &orank);
    ck_assert_uint_eq(orank, 0);
    ck_assert(th_same(th_get(&r, 0), 78.0));
    th_result_free(&r);
    /* absent with keepDimensions -> [1, 1, 1] */
    run_reduce(SUM, WNNOperandDataType_Float32, shape, 3, data, NULL, 0, 1, &r, os, &orank);
    ck_assert_uint_eq(orank, 3);
    ck_assert(os[0] == 1 && os[1] == 1 && os[2] == 1);
    ck_assert(th_same(th_get(&r, 0), 78.0));
    th_result_free(&r);
    /* axes [2, 0] (any order) -> [3]: (1+2+7+8), (3+4+9+10), (5+6+11+12) */
    run_reduce(SUM, WNNOperandDataType_Float32, shape, 3, data, axes02, 2, 0, &r, os, &orank);
    ck_assert_uint_eq(orank, 1);
    ck_assert_uint_eq(os[0], 3);
    ck_assert(th_same(th_get(&r, 0), 18.0));
    ck_assert(th_same(th_get(&r, 1), 26.0));
    ck_assert(th_same(th_get(&r, 2), 34.0));
    th_result_free(&r);
    run_reduce(MAX, WNNOperandDataType_Float32, shape, 3, data, axes02, 2, 1, &r, os, &orank);
    ck_assert_uint_eq(orank, 3);
    ck_assert(os[0] == 1 && os[1] == 3 && os[2] == 1);
    ck_assert(th_same(th_get(&r, 0), 8.0));
    ck_assert(th_same(th_get(&r, 2), 12.0));
    th_result_free(&r);
    /* empty axes: nothing reduced, the function applied element-wise */
    {
        static const float e[4] = {-2.0f, 0.5f, 4.0f, -0.0f};
        static const uint32_t s4[1] = {4};
        run_reduce(L1, WNNOperandDataType_Float32, s4, 1, e, none, 0, 0, &r, os, &orank);
        ck_assert_uint_eq(orank, 1);
        ck_assert_uint_eq(os[0], 4);
        ck_assert(th_same(th_get(&r, 0), 2.0));
        ck_assert(th_same(th_get(&r, 3), 0.0));
        th_result_free(&r);
        run_reduce(LOGSUM, WNNOperandDataType_Float32, s4, 1, e, none, 0, 0, &r, NULL, NULL);
        ck_assert(isnan(th_get(&r, 0)));
        ck_assert(th_same(th_get(&r, 1), (double)logf(0.5f)));
        ck_assert(th_same(th_get(&r, 2), (double)(float)log(4.0)));
        ck_assert(th_same(th_get(&r, 3), -HUGE_VAL));
        th_result_free(&r);
        run_reduce(SUMSQUARE, WNNOperandDataType_Float32, s4, 1, e, none, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 4.0));
        ck_assert(th_same(th_get(&r, 1), 0.25));
        th_result_free(&r);
        /* the identity keeps -0 */
        for (i = 0; i < OP_COUNT; i++) {
            /* |x|, sqrt(x^2), log x and x^2 change -0; log(exp(-0)) is log(1) = +0 */
            if (i == L1 || i == L2 || i == LOGSUM || i == SUMSQUARE || i == LOGSUMEXP)
                continue;
            run_reduce((int)i, WNNOperandDataType_Float32, s4, 1, e, none, 0, 0, &r, NULL,
                       NULL);
            ck_assert_msg(th_same(th_get(&r, 3), -0.0), "%s(-0) = %a", ops[i].name,
                          th_get(&r, 3));
            ck_assert_msg(th_same(th_get(&r, 0), -2.0), "%s(-2) = %a", ops[i].name,
                          th_get(&r, 0));
            th_result_free(&r);
        }
    }
    /* A scalar input stays a scalar (axes absent means no axis). */
    {
        static const float v = -3.0f;
        run_reduce(L2, WNNOperandDataType_Float32, NULL, 0, &v, NULL, 0, 1, &r, os, &orank);
        ck_assert_uint_eq(orank, 0);
        ck_assert(th_same(th_get(&r, 0), 3.0));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(empty_reductions_give_identities)
{
    /* [2, 0] reduced over axis 1 -> [2] of identities. */
    static const uint32_t shape[2] = {2, 0}, axes[1] = {1};
    static const double want[OP_COUNT] = {0.0, 0.0, -HUGE_VAL, -HUGE_VAL, -HUGE_VAL, (double)NAN,
                                          HUGE_VAL, 1.0, 0.0, 0.0};
    float none[1] = {0};
    int op, t;
    for (t = 0; t < 2; t++) {
        WNNOperandDataType type = t ? WNNOperandDataType_Float16 : WNNOperandDataType_Float32;
        for (op = 0; op < OP_COUNT; op++) {
            th_result r;
            run_reduce(op, type, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
            ck_assert_uint_eq(r.count, 2);
            ck_assert_msg(th_same(th_get(&r, 0), want[op]) && th_same(th_get(&r, 1), want[op]),
                          "%s of nothing = %a, want %a", ops[op].name, th_get(&r, 0), want[op]);
            ck_assert_uint_eq(r.unspecified, 0);
            th_result_free(&r);
        }
    }
    /* Integer identities: sums 0, product 1, max the type's minimum, min its maximum. */
    {
        th_result r;
        run_reduce(MAX, WNNOperandDataType_Int8, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int8_t *)r.data)[0], -128);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Int8, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int8_t *)r.data)[1], 127);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Uint8, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint8_t *)r.data)[0], 255);
        th_result_free(&r);
        run_reduce(MAX, WNNOperandDataType_Uint32, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint32_t *)r.data)[0], 0);
        th_result_free(&r);
        run_reduce(MAX, WNNOperandDataType_Int64, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MIN);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Uint64, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == UINT64_MAX);
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Int32, shape, 2, none, axes, 1, 0, &r, NULL,
                   NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], 1);
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Uint64, shape, 2, none, axes, 1, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[1] == 0);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* Everything reduced from an empty tensor: a scalar identity. */
    {
        th_result r;
        uint32_t os[4];
        size_t orank;
        run_reduce(PRODUCT, WNNOperandDataType_Float32, shape, 2, none, NULL, 0, 0, &r, os,
                   &orank);
        ck_assert_uint_eq(orank, 0);
        ck_assert(th_same(th_get(&r, 0), 1.0));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_size_output)
{
    /* [0, 3] reduced over axis 1 -> [0]; keepDimensions -> [0, 1]. */
    static const uint32_t shape[2] = {0, 3}, axes[1] = {1};
    float none[1] = {0};
    int op;
    for (op = 0; op < OP_COUNT; op++) {
        th_result r;
        uint32_t os[4];
        size_t orank;
        run_reduce(op, WNNOperandDataType_Float32, shape, 2, none, axes, 1, 1, &r, os, &orank);
        ck_assert_uint_eq(orank, 2);
        ck_assert(os[0] == 0 && os[1] == 1);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(special_values)
{
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    th_result r;
    /* NaN propagates through sums; in max/min it is unspecified (NaN, marked). */
    {
        static const float a[3] = {1.0f, (double)NAN, 2.0f};
        int op;
        for (op = 0; op < OP_COUNT; op++) {
            run_reduce(op, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
            ck_assert_msg(isnan(th_get(&r, 0)), "%s with NaN = %a", ops[op].name,
                          th_get(&r, 0));
            ck_assert_uint_eq(r.unspecified, (op == MAX || op == MIN) ? 1 : 0);
            th_result_free(&r);
        }
    }
    /* Infinities. */
    {
        static const float a[3] = {HUGE_VAL, -HUGE_VAL, 1.0f};
        run_reduce(SUM, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(isnan(th_get(&r, 0)));
        th_result_free(&r);
        run_reduce(MAX, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), HUGE_VAL));
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), -HUGE_VAL));
        th_result_free(&r);
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), HUGE_VAL));
        th_result_free(&r);
        run_reduce(L1, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), HUGE_VAL));
        th_result_free(&r);
    }
    /* Signed zeros: max(-0, +0) = +0, min = -0, in either order. */
    {
        static const float a[2] = {-0.0f, 0.0f}, b[2] = {0.0f, -0.0f};
        run_reduce(MAX, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 0.0));
        th_result_free(&r);
        run_reduce(MAX, WNNOperandDataType_Float32, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 0.0));
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), -0.0));
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Float32, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), -0.0));
        th_result_free(&r);
        /* -0 + -0 = -0; -0 + +0 = +0 */
        {
            static const float z[2] = {-0.0f, -0.0f};
            run_reduce(SUM, WNNOperandDataType_Float32, s2, 1, z, NULL, 0, 0, &r, NULL, NULL);
            ck_assert(th_same(th_get(&r, 0), -0.0));
            th_result_free(&r);
        }
        run_reduce(SUM, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 0.0));
        th_result_free(&r);
    }
    /* logSum of a negative sum is NaN; of a zero sum -inf. */
    {
        static const float a[2] = {-3.0f, 1.0f}, z[2] = {-1.0f, 1.0f};
        run_reduce(LOGSUM, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(isnan(th_get(&r, 0)));
        th_result_free(&r);
        run_reduce(LOGSUM, WNNOperandDataType_Float32, s2, 1, z, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), -HUGE_VAL));
        th_result_free(&r);
    }
    /* Subnormals and extremes: L2 of float32 maxima does not overflow in double; the sum of
     * two float32 maxima does overflow float32 when rounded. */
    {
        static const float big[2] = {FLT_MAX, FLT_MAX}, tiny[2] = {0x1p-149f, 0x1p-149f};
        run_reduce(L2, WNNOperandDataType_Float32, s2, 1, big, NULL, 0, 0, &r, NULL, NULL);
        /* sqrt(2) * FLT_MAX is finite in double, beyond float32: rounds to +inf */
        ck_assert(th_same(th_get(&r, 0), HUGE_VAL));
        th_result_free(&r);
        run_reduce(MEAN, WNNOperandDataType_Float32, s2, 1, big, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), (double)FLT_MAX)); /* no intermediate overflow */
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Float32, s2, 1, tiny, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 0x1p-148));
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Float32, s2, 1, big, NULL, 0, 0, &r, NULL,
                   NULL);
        ck_assert(th_same(th_get(&r, 0), HUGE_VAL));
        th_result_free(&r);
        run_reduce(L2, WNNOperandDataType_Float32, s2, 1, tiny, NULL, 0, 0, &r, NULL, NULL);
        /* sqrt(2) * 2^-149 rounds to 2^-149 (subnormal kept, not flushed) */
        ck_assert(th_same(th_get(&r, 0), 0x1p-149));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(float16_rounds_once)
{
    /* In float16, 2048 + 1 rounds back to 2048 (ties to even); the exact sum 2050 is
     * representable: a single rounding at the end gives it. */
    static const double v[3] = {2048.0, 1.0, 1.0};
    static const uint32_t s3[1] = {3};
    uint16_t raw[3];
    th_result r;
    th_pack(WNNOperandDataType_Float16, v, 3, raw);
    run_reduce(SUM, WNNOperandDataType_Float16, s3, 1, raw, NULL, 0, 0, &r, NULL, NULL);
    ck_assert(th_same(th_get(&r, 0), 2050.0));
    th_result_free(&r);
    run_reduce(MEAN, WNNOperandDataType_Float16, s3, 1, raw, NULL, 0, 0, &r, NULL, NULL);
    ck_assert(th_same(th_get(&r, 0), round_f16(2050.0 / 3.0)));
    th_result_free(&r);
}
END_TEST

START_TEST(log_sum_exp_is_stable)
{
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    th_result r;
    /* exp(1000) overflows double; the result is 1000 + log(1 + 2 e^-1). */
    {
        static const float a[3] = {1000.0f, 1000.0f, 999.0f};
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), (double)(float)(1000.0 + log(2.0 + exp(-1.0)))));
        th_result_free(&r);
    }
    /* float32 extremes: the maximum dominates. */
    {
        static const float a[2] = {FLT_MAX, -FLT_MAX};
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), (double)FLT_MAX));
        th_result_free(&r);
    }
    /* float16: 60000 + log 2 rounds to 60000 (spacing 32 there). */
    {
        static const double v[2] = {60000.0, 60000.0};
        uint16_t raw[2];
        th_pack(WNNOperandDataType_Float16, v, 2, raw);
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float16, s2, 1, raw, NULL, 0, 0, &r, NULL,
                   NULL);
        ck_assert(th_same(th_get(&r, 0), 60000.0));
        th_result_free(&r);
    }
    /* Very negative values: exp underflows, the stable form does not. */
    {
        static const float a[2] = {-1000.0f, -1000.0f};
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), (double)(float)(-1000.0 + log(2.0))));
        th_result_free(&r);
    }
    /* All -inf: -inf; -inf beside a finite value is ignored. */
    {
        static const float a[2] = {-HUGE_VAL, -HUGE_VAL}, b[2] = {-HUGE_VAL, 3.0f};
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), -HUGE_VAL));
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(th_same(th_get(&r, 0), 3.0));
        th_result_free(&r);
    }
    /* A web-platform-tests case (reduceLogSumExp float32 1D tensor all positive). */
    {
        static const float a[24] = {
            0.7974132895469666f, 5.046889781951904f,  8.520371437072754f,  1.4063042402267456f,
            0.11882661283016205f, 0.2858544886112213f, 1.9325640201568604f, 3.7939958572387695f,
            2.6040232181549072f, 4.937509536743164f,  4.571482181549072f,  0.786512017250061f,
            0.21018670499324799f, 9.063042640686035f,  4.099809646606445f,  4.596248626708984f,
            0.2549232244491577f, 1.159480094909668f,  6.802876949310303f,  5.234325408935547f,
            8.914905548095703f,  9.166799545288086f,  5.717507362365723f,  0.3255050778388977f};
        static const uint32_t s24[1] = {24};
        run_reduce(LOGSUMEXP, WNNOperandDataType_Float32, s24, 1, a, NULL, 0, 0, &r, NULL,
                   NULL);
        ck_assert(fabs(th_get(&r, 0) - 10.39477825164795) <= 1e-5);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(integer_sums_are_exact)
{
    static const uint32_t s2[1] = {2}, s3[1] = {3}, s1[1] = {1};
    th_result r;
    /* int64 beyond 2^53 */
    {
        static const int64_t a[2] = {9007199254740993LL, 1};
        run_reduce(SUM, WNNOperandDataType_Int64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 9007199254740994LL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(MAX, WNNOperandDataType_Int64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 9007199254740993LL);
        th_result_free(&r);
        run_reduce(L1, WNNOperandDataType_Int64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 9007199254740994LL);
        th_result_free(&r);
    }
    {
        static const uint64_t a[2] = {18446744073709551613ULL, 1};
        run_reduce(SUM, WNNOperandDataType_Uint64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 18446744073709551614ULL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Uint64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 1);
        th_result_free(&r);
    }
    /* int64 overflow wraps and is marked; an intermediate wrap that comes back is not. */
    {
        static const int64_t over[2] = {INT64_MAX, 1}, back[3] = {INT64_MAX, 1, -1};
        static const int64_t under[2] = {INT64_MIN, -1};
        run_reduce(SUM, WNNOperandDataType_Int64, s2, 1, over, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MIN);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Int64, s3, 1, back, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MAX);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Int64, s2, 1, under, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MAX);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        /* |INT64_MIN| = 2^63 does not fit int64 */
        run_reduce(L1, WNNOperandDataType_Int64, s2, 1, under, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MIN + 1); /* 2^63 + 1 wrapped */
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    {
        static const uint64_t a[2] = {UINT64_MAX, 1};
        run_reduce(SUM, WNNOperandDataType_Uint64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 0);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    /* int32 / uint32 overflow */
    {
        static const int32_t a[2] = {INT32_MAX, 1}, n[2] = {-5, 3};
        static const uint32_t u[2] = {UINT32_MAX, 2};
        run_reduce(SUM, WNNOperandDataType_Int32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Int32, s2, 1, n, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], -2);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(L1, WNNOperandDataType_Int32, s2, 1, n, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], 8);
        th_result_free(&r);
        run_reduce(SUMSQUARE, WNNOperandDataType_Int32, s2, 1, n, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], 34);
        th_result_free(&r);
        run_reduce(SUM, WNNOperandDataType_Uint32, s2, 1, u, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint32_t *)r.data)[0], 1);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    /* sumSquare overflow: 46341^2 = 2147488281 > INT32_MAX; 2^32 squared wraps uint64. */
    {
        static const int32_t a[1] = {46341};
        static const uint64_t u[1] = {4294967296ULL};
        static const int64_t big[1] = {3037000499LL}; /* 3037000499^2 < 2^63 */
        run_reduce(SUMSQUARE, WNNOperandDataType_Int32, s1, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], (int32_t)(2147488281LL - 4294967296LL));
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_reduce(SUMSQUARE, WNNOperandDataType_Uint64, s1, 1, u, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 0);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_reduce(SUMSQUARE, WNNOperandDataType_Int64, s1, 1, big, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 9223372030926249001LL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(integer_products_are_exact)
{
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    th_result r;
    /* 2^62 * 2 * -1 = -2^63 fits, although 2^62 * 2 alone does not. */
    {
        static const int64_t a[3] = {4611686018427387904LL, 2, -1};
        run_reduce(PRODUCT, WNNOperandDataType_Int64, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == INT64_MIN);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* 2^62 * 4 overflows, but a zero factor makes the product 0. */
    {
        static const int64_t a[3] = {4611686018427387904LL, 4, 0};
        run_reduce(PRODUCT, WNNOperandDataType_Int64, s3, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 0);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* 2^32 * 2^32 = 2^64 wraps to 0, marked; beyond 2^53 exactly: 3 * (2^53 + 1). */
    {
        static const int64_t a[2] = {4294967296LL, 4294967296LL};
        static const int64_t b[2] = {3, 9007199254740993LL};
        run_reduce(PRODUCT, WNNOperandDataType_Int64, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 0);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Int64, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == 27021597764222979LL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* int32: -65536 * 32768 = -2^31 fits; 65536 * 32768 = 2^31 does not. */
    {
        static const int32_t a[2] = {-65536, 32768}, b[2] = {65536, 32768};
        run_reduce(PRODUCT, WNNOperandDataType_Int32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Int32, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    /* uint32 and uint64 */
    {
        static const uint32_t a[2] = {65536, 65535};
        static const uint64_t b[2] = {4294967296ULL, 4294967295ULL};
        static const uint64_t c[2] = {4294967296ULL, 4294967296ULL};
        run_reduce(PRODUCT, WNNOperandDataType_Uint32, s2, 1, a, NULL, 0, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint32_t *)r.data)[0], 4294901760u);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Uint64, s2, 1, b, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 18446744069414584320ULL);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_reduce(PRODUCT, WNNOperandDataType_Uint64, s2, 1, c, NULL, 0, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 0);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(max_min_every_type)
{
    /* [2, 3] reduced over axis 1, integers of every allowed type. */
    static const uint32_t shape[2] = {2, 3}, axes[1] = {1};
    th_result r;
    {
        static const int8_t a[6] = {-128, 5, 127, 3, -7, 0};
        run_reduce(MAX, WNNOperandDataType_Int8, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int8_t *)r.data)[0], 127);
        ck_assert_int_eq(((int8_t *)r.data)[1], 3);
        th_result_free(&r);
        run_reduce(MIN, WNNOperandDataType_Int8, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int8_t *)r.data)[0], -128);
        ck_assert_int_eq(((int8_t *)r.data)[1], -7);
        th_result_free(&r);
    }
    {
        static const uint8_t a[6] = {200, 5, 255, 3, 7, 0};
        run_reduce(MAX, WNNOperandDataType_Uint8, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint8_t *)r.data)[0], 255);
        ck_assert_uint_eq(((uint8_t *)r.data)[1], 7);
        th_result_free(&r);
    }
    {
        static const int32_t a[6] = {INT32_MIN, 0, -1, 4, 4, 2};
        run_reduce(MIN, WNNOperandDataType_Int32, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
        ck_assert_int_eq(((int32_t *)r.data)[1], 2);
        th_result_free(&r);
    }
    {
        static const uint32_t a[6] = {UINT32_MAX, 0, 1, 4, 4, 2};
        run_reduce(MAX, WNNOperandDataType_Uint32, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert_uint_eq(((uint32_t *)r.data)[0], UINT32_MAX);
        th_result_free(&r);
    }
    {
        static const uint64_t a[6] = {9007199254740993ULL, 9007199254740992ULL, 1,
                                      UINT64_MAX, 0, 2};
        run_reduce(MAX, WNNOperandDataType_Uint64, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert(((uint64_t *)r.data)[0] == 9007199254740993ULL);
        ck_assert(((uint64_t *)r.data)[1] == UINT64_MAX);
        th_result_free(&r);
    }
    {
        static const int64_t a[6] = {-9007199254740993LL, -9007199254740992LL, 0,
                                     INT64_MAX, INT64_MIN, 2};
        run_reduce(MIN, WNNOperandDataType_Int64, shape, 2, a, axes, 1, 0, &r, NULL, NULL);
        ck_assert(((int64_t *)r.data)[0] == -9007199254740993LL);
        ck_assert(((int64_t *)r.data)[1] == INT64_MIN);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(unspecified_input_elements_mark_only_their_outputs)
{
    /* add overflows in one int32 element; reduceSum over rows marks only that row. */
    th_env env;
    static const uint32_t shape[2] = {2, 2}, axes[1] = {1};
    static const int32_t a[4] = {INT32_MAX, 0, 1, 2}, b[4] = {1, 0, 1, 1};
    WNNOperand x, y, sum, red;
    WNNReduceOptions options = WNN_REDUCE_OPTIONS_INIT;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, shape, 2, a);
    y = th_input(&env, WNNOperandDataType_Int32, shape, 2, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    options.axes = axes;
    options.axesCount = 1;
    ck_assert_int_eq(wnnGraphBuilderReduceSum(env.builder, sum, &options, &red),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &red, &r), WNNStatus_Success);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(r.mask[1], 0);
    ck_assert_int_eq(((int32_t *)r.data)[1], 5);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(data_types_follow_the_table)
{
    static const uint32_t s2[1] = {2};
    static const uint64_t zeros[2] = {0, 0};
    int op, t;
    for (op = 0; op < OP_COUNT; op++) {
        for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
            th_env env;
            WNNOperand x, out = NULL;
            WNNStatus s;
            th_init(&env);
            x = th_input(&env, (WNNOperandDataType)t, s2, 1, zeros);
            s = ops[op].build(env.builder, x, NULL, &out);
            if (ops[op].types & (1u << t)) {
                ck_assert_msg(s == WNNStatus_Success, "%s %s: %s", ops[op].name,
                              wnnOperandDataTypeString((WNNOperandDataType)t),
                              wnnGraphBuilderGetErrorMessage(env.builder));
                ck_assert_int_eq(wnnOperandGetDataType(out), t);
            } else {
                char needle[96];
                strcpy(needle, ops[op].name);
                strcat(needle, ": the data type of input must be one of");
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
                strcpy(needle, "got ");
                strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
                th_assert_status(&env, s, WNNStatus_TypeError, needle);
            }
            th_free(&env);
        }
    }
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3};
    static const uint32_t bad[1] = {2}, dup[2] = {1, 1}, ok[1] = {1};
    static const float f[6] = {0};
    WNNOperand x, foreign, out = NULL;
    WNNReduceOptions options = WNN_REDUCE_OPTIONS_INIT;
    int op;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, f);
    for (op = 0; op < OP_COUNT; op++) {
        char needle[64];
        strcpy(needle, ops[op].name);
        strcat(needle, ": ");
        options.axes = bad;
        options.axesCount = 1;
        th_assert_status(&env, ops[op].build(env.builder, x, &options, &out),
                         WNNStatus_TypeError, needle);
        th_assert_status(&env, ops[op].build(env.builder, x, &options, &out),
                         WNNStatus_TypeError, "axes[0] must be less than the input's rank 2, got 2");
        options.axes = dup;
        options.axesCount = 2;
        th_assert_status(&env, ops[op].build(env.builder, x, &options, &out),
                         WNNStatus_TypeError, "axes must not contain duplicates, got 1 twice");
        th_assert_status(&env, ops[op].build(env.builder, NULL, NULL, &out),
                         WNNStatus_TypeError, "input is NULL");
        th_assert_status(&env, ops[op].build(env.builder, foreign, NULL, &out),
                         WNNStatus_TypeError, "input was created by another builder");
        th_assert_status(&env, ops[op].build(env.builder, x, NULL, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(ops[op].build(NULL, x, NULL, &out), WNNStatus_InvalidArgument);
        ck_assert_ptr_null(out);
    }
    options.axes = bad;
    options.axesCount = 1;
    options.label = "r1";
    th_assert_status(&env, wnnGraphBuilderReduceSum(env.builder, x, &options, &out),
                     WNNStatus_TypeError, "reduceSum[r1]: axes[0]");
    /* After build every reduction is refused. */
    {
        WNNNamedOperand named;
        WNNGraph g;
        options.axes = ok;
        options.label = NULL;
        ck_assert_int_eq(wnnGraphBuilderReduceSum(env.builder, x, &options, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        for (op = 0; op < OP_COUNT; op++)
            th_assert_status(&env, ops[op].build(env.builder, x, NULL, &out),
                             WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *reduce_suite(void)
{
    Suite *s = suite_create("reduce");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, float_rows_every_op);
    tcase_add_test(t, axes_absent_empty_multiple_and_keep_dimensions);
    tcase_add_test(t, empty_reductions_give_identities);
    tcase_add_test(t, zero_size_output);
    tcase_add_test(t, special_values);
    tcase_add_test(t, float16_rounds_once);
    tcase_add_test(t, log_sum_exp_is_stable);
    tcase_add_test(t, integer_sums_are_exact);
    tcase_add_test(t, integer_products_are_exact);
    tcase_add_test(t, max_min_every_type);
    tcase_add_test(t, unspecified_input_elements_mark_only_their_outputs);
    tcase_add_test(t, data_types_follow_the_table);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(reduce_suite)
