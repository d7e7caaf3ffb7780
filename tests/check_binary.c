/* tests/check_binary.c - add, sub, mul, div, max, min, pow. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <string.h>

typedef WNNStatus (*binary_builder)(WNNGraphBuilder, WNNOperand, WNNOperand,
                                    const WNNOperatorOptions *, WNNOperand *);

static const struct {
    const char *name;
    binary_builder build;
} ops[] = {
    {"add", wnnGraphBuilderAdd}, {"sub", wnnGraphBuilderSub}, {"mul", wnnGraphBuilderMul},
    {"div", wnnGraphBuilderDiv}, {"max", wnnGraphBuilderMax}, {"min", wnnGraphBuilderMin},
    {"pow", wnnGraphBuilderPow},
};

/* Run one binary op on two 1-D inputs of n elements (b broadcast when nb == 1). */
static void run_binary(binary_builder build, WNNOperandDataType type, const void *a, size_t na,
                       const void *b, size_t nb, th_result *r)
{
    th_env env;
    uint32_t sa[1], sb[1];
    WNNOperand x, y, out;
    th_init(&env);
    sa[0] = (uint32_t)na;
    sb[0] = (uint32_t)nb;
    x = th_input(&env, type, sa, 1, a);
    y = th_input(&env, type, sb, 1, b);
    ck_assert_int_eq(build(env.builder, x, y, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

/* The special-value grid: every pair of these, in float32 and float16. */
static const double grid[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, 1.0, -1.0, 2.5, -0.5,
                              0x1p-149, -0x1p-149, FLT_MAX, -FLT_MAX, 65504.0, 6e-8};
#define GRID_N (sizeof grid / sizeof grid[0])

/* Expected float32 results from native float arithmetic (IEEE single precision, one
 * rounding), an oracle independent of the library's double-then-round path. */
static double expect_f32(int op, float x, float y)
{
    switch (op) {
    case 0: return (double)(x + y);
    case 1: return (double)(x - y);
    case 2: return (double)(x * y);
    case 3: return (double)(x / y);
    case 4:
        if (isnan(x) || isnan(y))
            return NAN;
        if (x == y)
            return signbit(x) ? (double)y : (double)x;
        return (double)(x > y ? x : y);
    default:
        if (isnan(x) || isnan(y))
            return NAN;
        if (x == y)
            return signbit(x) ? (double)x : (double)y;
        return (double)(x < y ? x : y);
    }
}

START_TEST(float32_special_value_grid)
{
    float a[GRID_N * GRID_N], b[GRID_N * GRID_N];
    size_t i, j, k, n = GRID_N * GRID_N;
    for (i = 0; i < GRID_N; i++)
        for (j = 0; j < GRID_N; j++) {
            a[i * GRID_N + j] = (float)grid[i];
            b[i * GRID_N + j] = (float)grid[j];
        }
    for (k = 0; k < 6; k++) {
        th_result r;
        run_binary(ops[k].build, WNNOperandDataType_Float32, a, n, b, n, &r);
        for (i = 0; i < n; i++) {
            double want = expect_f32((int)k, a[i], b[i]);
            ck_assert_msg(th_same(th_get(&r, i), want), "%s(%a, %a) = %a, want %a", ops[k].name,
                          (double)a[i], (double)b[i], th_get(&r, i), want);
        }
        /* NaN in max/min is unspecified and marked; nothing else is. */
        for (i = 0; i < n; i++) {
            int nan = isnan(a[i]) || isnan(b[i]);
            ck_assert_int_eq(r.mask[i], (k >= 4 && nan) ? 1 : 0);
        }
        th_result_free(&r);
    }
}
END_TEST

START_TEST(float16_rounds_once_to_nearest_even)
{
    /* a + b computed exactly, then rounded: ties to even, overflow at 65520, subnormals. */
    static const double a[] = {1.0, 1.0, 65504.0, 65504.0, 0x1p-24, 0x1p-24, -65504.0, 0.5};
    static const double b[] = {0x1p-11, 0x3p-11, 16.0, 15.0, 0x1p-24, -0x1p-24, -16.0, 0x1p-12};
    static const double want[] = {1.0, 1.0 + 0x1p-9, INFINITY, 65504.0, 0x1p-23, 0.0, -INFINITY,
                                  0.5};
    uint16_t pa[8], pb[8];
    th_result r;
    size_t i;
    th_pack(WNNOperandDataType_Float16, a, 8, pa);
    th_pack(WNNOperandDataType_Float16, b, 8, pb);
    run_binary(wnnGraphBuilderAdd, WNNOperandDataType_Float16, pa, 8, pb, 8, &r);
    for (i = 0; i < 8; i++)
        ck_assert_msg(th_same(th_get(&r, i), want[i]), "f16 %a + %a = %a, want %a", a[i], b[i],
                      th_get(&r, i), want[i]);
    th_result_free(&r);
}
END_TEST

START_TEST(float16_special_value_grid_matches_float32_rounding)
{
    /* For float16 inputs, +,-,*,/ in float32 then rounded to float16 is exact enough that
     * it must agree with the reference (float32 has more than 2*11+2 bits). */
    uint16_t a[GRID_N * GRID_N], b[GRID_N * GRID_N];
    double av[GRID_N * GRID_N], bv[GRID_N * GRID_N];
    size_t i, j, k, n = GRID_N * GRID_N;
    for (i = 0; i < GRID_N; i++)
        for (j = 0; j < GRID_N; j++) {
            av[i * GRID_N + j] = grid[i];
            bv[i * GRID_N + j] = grid[j];
        }
    th_pack(WNNOperandDataType_Float16, av, n, a);
    th_pack(WNNOperandDataType_Float16, bv, n, b);
    for (k = 0; k < 4; k++) {
        th_result r, ra, rb;
        uint16_t packed;
        run_binary(ops[k].build, WNNOperandDataType_Float16, a, n, b, n, &r);
        /* read back the float16 inputs exactly through identity-free path: th_get */
        ra.type = rb.type = WNNOperandDataType_Float16;
        ra.data = a;
        rb.data = b;
        for (i = 0; i < n; i++) {
            float x = (float)th_get(&ra, i), y = (float)th_get(&rb, i);
            double want = expect_f32((int)k, x, y);
            th_pack(WNNOperandDataType_Float16, &want, 1, &packed);
            ra.data = &packed;
            want = th_get(&ra, 0);
            ra.data = a;
            ck_assert_msg(th_same(th_get(&r, i), want), "f16 %s(%a, %a) = %a, want %a",
                          ops[k].name, (double)x, (double)y, th_get(&r, i), want);
        }
        th_result_free(&r);
    }
}
END_TEST

START_TEST(int32_wraps_and_marks_overflow)
{
    static const int32_t a[] = {INT32_MAX, INT32_MIN, -7, 7, INT32_MIN, 5, 100000, 3};
    static const int32_t b[] = {1, 1, 2, -2, -1, 0, 100000, 4};
    th_result r;
    size_t i;
    /* add */
    run_binary(wnnGraphBuilderAdd, WNNOperandDataType_Int32, a, 8, b, 8, &r);
    ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MIN);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(((int32_t *)r.data)[1], INT32_MIN + 1);
    ck_assert_int_eq(r.mask[1], 0);
    th_result_free(&r);
    /* div truncates toward zero; x/0 and MIN/-1 are unspecified */
    run_binary(wnnGraphBuilderDiv, WNNOperandDataType_Int32, a, 8, b, 8, &r);
    ck_assert_int_eq(((int32_t *)r.data)[2], -3);
    ck_assert_int_eq(((int32_t *)r.data)[3], -3);
    ck_assert_int_eq(((int32_t *)r.data)[4], INT32_MIN);
    ck_assert_int_eq(r.mask[4], 1);
    ck_assert_int_eq(((int32_t *)r.data)[5], 0);
    ck_assert_int_eq(r.mask[5], 1);
    ck_assert_uint_eq(r.unspecified, 2);
    th_result_free(&r);
    /* mul overflow */
    run_binary(wnnGraphBuilderMul, WNNOperandDataType_Int32, a, 8, b, 8, &r);
    ck_assert_int_eq(((int32_t *)r.data)[6], (int32_t)1410065408); /* 10^10 mod 2^32 */
    ck_assert_int_eq(r.mask[6], 1);
    /* pow 3^4 */
    th_result_free(&r);
    run_binary(wnnGraphBuilderPow, WNNOperandDataType_Int32, a, 8, b, 8, &r);
    ck_assert_int_eq(((int32_t *)r.data)[7], 81);
    ck_assert_int_eq(r.mask[7], 0);
    ck_assert_int_eq(r.mask[3], 1); /* 7^-2: negative exponent */
    ck_assert_int_eq(((int32_t *)r.data)[3], 0);
    for (i = 0; i < 8; i++)
        ck_assert_int_le(r.mask[i], 1);
    th_result_free(&r);
}
END_TEST

START_TEST(int64_and_uint64_are_exact_beyond_2_pow_53)
{
    static const int64_t a[] = {9007199254740993LL, INT64_MAX, INT64_MIN, -9007199254740993LL};
    static const int64_t b[] = {2, 1, -1, 3};
    static const uint64_t ua[] = {18446744073709551615ULL, 9007199254740993ULL, 10};
    static const uint64_t ub[] = {1, 2, 3};
    th_result r;
    run_binary(wnnGraphBuilderAdd, WNNOperandDataType_Int64, a, 4, b, 4, &r);
    ck_assert(((int64_t *)r.data)[0] == 9007199254740995LL);
    ck_assert(((int64_t *)r.data)[1] == INT64_MIN);
    ck_assert_int_eq(r.mask[1], 1);
    ck_assert(((int64_t *)r.data)[2] == INT64_MAX);
    ck_assert_int_eq(r.mask[2], 1);
    ck_assert(((int64_t *)r.data)[3] == -9007199254740990LL);
    th_result_free(&r);
    run_binary(wnnGraphBuilderMul, WNNOperandDataType_Int64, a, 4, b, 4, &r);
    ck_assert(((int64_t *)r.data)[3] == -27021597764222979LL);
    ck_assert(((int64_t *)r.data)[2] == INT64_MIN); /* MIN * -1 wraps */
    ck_assert_int_eq(r.mask[2], 1);
    th_result_free(&r);
    run_binary(wnnGraphBuilderAdd, WNNOperandDataType_Uint64, ua, 3, ub, 3, &r);
    ck_assert(((uint64_t *)r.data)[0] == 0);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert(((uint64_t *)r.data)[1] == 9007199254740995ULL);
    th_result_free(&r);
    run_binary(wnnGraphBuilderSub, WNNOperandDataType_Uint64, ub, 3, ua, 3, &r);
    ck_assert(((uint64_t *)r.data)[0] == 2); /* 1 - (2^64-1) wraps to 2 */
    ck_assert_int_eq(r.mask[0], 1);
    th_result_free(&r);
    run_binary(wnnGraphBuilderDiv, WNNOperandDataType_Uint64, ua, 3, ub, 3, &r);
    ck_assert(((uint64_t *)r.data)[2] == 3);
    ck_assert(((uint64_t *)r.data)[0] == 18446744073709551615ULL);
    th_result_free(&r);
}
END_TEST

START_TEST(small_integers_wrap)
{
    static const int8_t a[] = {100, -128, 127};
    static const int8_t b[] = {2, -1, 1};
    static const uint8_t ua[] = {200, 0, 255};
    static const uint8_t ub[] = {100, 1, 255};
    th_result r;
    run_binary(wnnGraphBuilderMul, WNNOperandDataType_Int8, a, 3, b, 3, &r);
    ck_assert_int_eq(((int8_t *)r.data)[0], -56);
    ck_assert_int_eq(((int8_t *)r.data)[1], -128);
    ck_assert_int_eq(((int8_t *)r.data)[2], 127);
    ck_assert_int_eq(r.mask[0] + r.mask[1] + r.mask[2], 2);
    th_result_free(&r);
    run_binary(wnnGraphBuilderSub, WNNOperandDataType_Uint8, ua, 3, ub, 3, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 100);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 255);
    ck_assert_int_eq(r.mask[1], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[2], 0);
    th_result_free(&r);
    run_binary(wnnGraphBuilderMax, WNNOperandDataType_Uint8, ua, 3, ub, 3, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 200);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 1);
    th_result_free(&r);
    {
        static const uint32_t pa[] = {2, 2, 0};
        static const uint32_t pb[] = {31, 32, 0};
        run_binary(wnnGraphBuilderPow, WNNOperandDataType_Uint32, pa, 3, pb, 3, &r);
        ck_assert_uint_eq(((uint32_t *)r.data)[0], 2147483648u);
        ck_assert_int_eq(r.mask[0], 0);
        ck_assert_uint_eq(((uint32_t *)r.data)[1], 0);
        ck_assert_int_eq(r.mask[1], 1);
        ck_assert_uint_eq(((uint32_t *)r.data)[2], 1); /* 0^0 = 1 */
        th_result_free(&r);
    }
}
END_TEST

START_TEST(float_pow_special_cases)
{
    static const float a[] = {2.0f, -8.0f, 1.0f, NAN, 0.0f, -0.0f, 4.0f, -2.0f};
    static const float b[] = {10.0f, 1.0f / 3.0f, NAN, 0.0f, -1.0f, -1.0f, 0.5f, 3.0f};
    static const double want[] = {1024.0, NAN, 1.0, 1.0, INFINITY, -INFINITY, 2.0, -8.0};
    th_result r;
    size_t i;
    run_binary(wnnGraphBuilderPow, WNNOperandDataType_Float32, a, 8, b, 8, &r);
    for (i = 0; i < 8; i++)
        ck_assert_msg(th_same(th_get(&r, i), want[i]), "pow case %lu: %a", (unsigned long)i,
                      th_get(&r, i));
    th_result_free(&r);
}
END_TEST

START_TEST(broadcasting_and_zero_size)
{
    th_env env;
    static const uint32_t s21[] = {2, 1}, s3[] = {3}, s03[] = {0, 3}, s13[] = {1, 3};
    static const float a[] = {10.0f, 20.0f}, b[] = {1.0f, 2.0f, 3.0f};
    WNNOperand x, y, out, z, w, empty;
    th_result r[2];
    size_t rank;
    const uint32_t *shape;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s21, 2, a);
    y = th_input(&env, WNNOperandDataType_Float32, s3, 1, b);
    ck_assert_int_eq(wnnGraphBuilderSub(env.builder, x, y, NULL, &out), WNNStatus_Success);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, 2);
    ck_assert_uint_eq(shape[0], 2);
    ck_assert_uint_eq(shape[1], 3);
    z = th_input(&env, WNNOperandDataType_Float32, s03, 2, a);
    w = th_input(&env, WNNOperandDataType_Float32, s13, 2, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, z, w, NULL, &empty), WNNStatus_Success);
    shape = wnnOperandGetShape(empty, &rank);
    ck_assert_uint_eq(shape[0], 0);
    ck_assert_uint_eq(shape[1], 3);
    {
        WNNOperand outs[2];
        outs[0] = out;
        outs[1] = empty;
        ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    }
    ck_assert(th_same(th_get(&r[0], 0), 9.0));
    ck_assert(th_same(th_get(&r[0], 2), 7.0));
    ck_assert(th_same(th_get(&r[0], 3), 19.0));
    ck_assert(th_same(th_get(&r[0], 5), 17.0));
    ck_assert_uint_eq(r[1].count, 0);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s2[] = {2}, s3[] = {3}, s23[] = {2, 3};
    static const float f[6] = {0};
    static const int32_t i[6] = {0};
    WNNOperand x, y, z, foreign, out = NULL;
    WNNOperatorOptions options = WNN_OPERATOR_OPTIONS_INIT;
    size_t k;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
    y = th_input(&env, WNNOperandDataType_Int32, s2, 1, i);
    z = th_input(&env, WNNOperandDataType_Float32, s3, 1, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s2, 1, f);
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        char needle[64];
        th_assert_status(&env, ops[k].build(env.builder, x, y, NULL, &out), WNNStatus_TypeError,
                         "data types of a and b must be equal");
        strcpy(needle, ops[k].name);
        strcat(needle, ": ");
        th_assert_status(&env, ops[k].build(env.builder, x, z, NULL, &out), WNNStatus_TypeError,
                         needle);
        th_assert_status(&env, ops[k].build(env.builder, x, z, NULL, &out), WNNStatus_TypeError,
                         "not bidirectionally broadcastable, got [2] and [3]");
        th_assert_status(&env, ops[k].build(env.builder, x, NULL, NULL, &out),
                         WNNStatus_TypeError, "b is NULL");
        th_assert_status(&env, ops[k].build(env.builder, foreign, x, NULL, &out),
                         WNNStatus_TypeError, "a was created by another builder");
        th_assert_status(&env, ops[k].build(env.builder, x, x, NULL, NULL),
                         WNNStatus_InvalidArgument, "output pointer is NULL");
        ck_assert_int_eq(ops[k].build(NULL, x, x, NULL, &out), WNNStatus_InvalidArgument);
        ck_assert_ptr_null(out); /* failed calls leave out unchanged */
    }
    options.label = "my label";
    th_assert_status(&env, wnnGraphBuilderAdd(env.builder, x, y, &options, &out),
                     WNNStatus_TypeError, "add[my label]: the data types");
    /* Broadcasting [2,3] with [3] works; after build, every builder call is refused. */
    {
        WNNOperand w = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, w, z, NULL, &out), WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderAdd(env.builder, x, x, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

START_TEST(unspecified_mask_flows_to_dependent_elements)
{
    th_env env;
    static const uint32_t s2[] = {2};
    static const int32_t a[] = {INT32_MAX, 1}, b[] = {1, 1};
    WNNOperand x, y, sum, twice;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s2, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s2, 1, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderSub(env.builder, sum, y, NULL, &twice), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &twice, &r), WNNStatus_Success);
    ck_assert_int_eq(r.mask[0], 1); /* depends on the overflowed element */
    ck_assert_int_eq(r.mask[1], 0);
    ck_assert_int_eq(((int32_t *)r.data)[1], 1);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

static Suite *binary_suite(void)
{
    Suite *s = suite_create("binary");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float32_special_value_grid);
    tcase_add_test(t, float16_rounds_once_to_nearest_even);
    tcase_add_test(t, float16_special_value_grid_matches_float32_rounding);
    tcase_add_test(t, int32_wraps_and_marks_overflow);
    tcase_add_test(t, int64_and_uint64_are_exact_beyond_2_pow_53);
    tcase_add_test(t, small_integers_wrap);
    tcase_add_test(t, float_pow_special_cases);
    tcase_add_test(t, broadcasting_and_zero_size);
    tcase_add_test(t, validation_errors);
    tcase_add_test(t, unspecified_mask_flows_to_dependent_elements);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(binary_suite)
