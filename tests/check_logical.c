/* tests/check_logical.c - comparisons, logical operators, isNaN, isInfinite. */
#include "harness.h"

#include <float.h>
#include <math.h>

typedef WNNStatus (*binary_builder)(WNNGraphBuilder, WNNOperand, WNNOperand,
                                    const WNNOperatorOptions *, WNNOperand *);
typedef WNNStatus (*unary_builder)(WNNGraphBuilder, WNNOperand, const WNNOperatorOptions *,
                                   WNNOperand *);

static const struct {
    const char *name;
    binary_builder build;
} comparisons[] = {
    {"equal", wnnGraphBuilderEqual},     {"notEqual", wnnGraphBuilderNotEqual},
    {"greater", wnnGraphBuilderGreater}, {"greaterOrEqual", wnnGraphBuilderGreaterOrEqual},
    {"lesser", wnnGraphBuilderLesser},   {"lesserOrEqual", wnnGraphBuilderLesserOrEqual},
};

/* The expected truth of comparison k, from C's own IEEE comparisons. */
static int expect_compare(size_t k, double x, double y)
{
    switch (k) {
    case 0: return x == y;
    case 1: return x != y;
    case 2: return x > y;
    case 3: return x >= y;
    case 4: return x < y;
    default: return x <= y;
    }
}

static void run2(binary_builder build, WNNOperandDataType type, const void *a, const void *b,
                 uint32_t n, th_result *r)
{
    th_env env;
    WNNOperand x, y, out;
    size_t rank;
    th_init(&env);
    x = th_input(&env, type, &n, 1, a);
    y = th_input(&env, type, &n, 1, b);
    ck_assert_int_eq(build(env.builder, x, y, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnOperandGetDataType(out), WNNOperandDataType_Uint8);
    ck_assert_uint_eq(wnnOperandGetShape(out, &rank)[0], n);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static void run1(unary_builder build, WNNOperandDataType type, const void *a, uint32_t n,
                 th_result *r)
{
    th_env env;
    WNNOperand x, out;
    th_init(&env);
    x = th_input(&env, type, &n, 1, a);
    ck_assert_int_eq(build(env.builder, x, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static const double grid[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, 1.0, -1.0, 0x1p-149,
                              FLT_MAX, -FLT_MAX, 0.5};
#define GRID_N (sizeof grid / sizeof grid[0])

START_TEST(float_comparisons_on_special_values)
{
    static const WNNOperandDataType types[] = {WNNOperandDataType_Float32,
                                               WNNOperandDataType_Float16};
    double av[GRID_N * GRID_N], bv[GRID_N * GRID_N];
    float fa[GRID_N * GRID_N], fb[GRID_N * GRID_N];
    uint16_t ha[GRID_N * GRID_N], hb[GRID_N * GRID_N];
    size_t i, j, k, t, n = GRID_N * GRID_N;
    for (i = 0; i < GRID_N; i++)
        for (j = 0; j < GRID_N; j++) {
            av[i * GRID_N + j] = grid[i];
            bv[i * GRID_N + j] = grid[j];
        }
    th_pack(WNNOperandDataType_Float32, av, n, fa);
    th_pack(WNNOperandDataType_Float32, bv, n, fb);
    th_pack(WNNOperandDataType_Float16, av, n, ha);
    th_pack(WNNOperandDataType_Float16, bv, n, hb);
    for (t = 0; t < 2; t++)
        for (k = 0; k < 6; k++) {
            th_result r, in;
            run2(comparisons[k].build, types[t], t ? (void *)ha : (void *)fa,
                 t ? (void *)hb : (void *)fb, (uint32_t)n, &r);
            for (i = 0; i < n; i++) {
                double x, y;
                in.type = types[t];
                in.data = t ? (void *)ha : (void *)fa;
                x = th_get(&in, i);
                in.data = t ? (void *)hb : (void *)fb;
                y = th_get(&in, i);
                ck_assert_msg(((uint8_t *)r.data)[i] == expect_compare(k, x, y),
                              "%s(%a, %a) = %d", comparisons[k].name, x, y,
                              ((uint8_t *)r.data)[i]);
            }
            ck_assert_uint_eq(r.unspecified, 0);
            th_result_free(&r);
        }
}
END_TEST

START_TEST(integer_comparisons_are_exact)
{
    /* 2^53 and 2^53 + 1 are equal as doubles but not as int64. */
    static const int64_t a[] = {9007199254740992LL, INT64_MIN, -1, 5};
    static const int64_t b[] = {9007199254740993LL, INT64_MAX, 0, 5};
    static const uint64_t ua[] = {18446744073709551615ULL, 0, 9007199254740993ULL};
    static const uint64_t ub[] = {18446744073709551614ULL, 1, 9007199254740992ULL};
    static const int8_t ia[] = {-128, 127, 0}, ib[] = {127, -128, 0};
    th_result r;
    run2(wnnGraphBuilderLesser, WNNOperandDataType_Int64, a, b, 4, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[2], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[3], 0);
    th_result_free(&r);
    run2(wnnGraphBuilderEqual, WNNOperandDataType_Int64, a, b, 4, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 0);
    ck_assert_int_eq(((uint8_t *)r.data)[3], 1);
    th_result_free(&r);
    run2(wnnGraphBuilderGreater, WNNOperandDataType_Uint64, ua, ub, 3, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 0);
    ck_assert_int_eq(((uint8_t *)r.data)[2], 1);
    th_result_free(&r);
    run2(wnnGraphBuilderGreaterOrEqual, WNNOperandDataType_Int8, ia, ib, 3, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 0);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 1);
    ck_assert_int_eq(((uint8_t *)r.data)[2], 1);
    th_result_free(&r);
}
END_TEST

START_TEST(logical_operators_treat_nonzero_as_true)
{
    static const uint8_t a[] = {0, 0, 7, 255}, b[] = {0, 2, 0, 1};
    static const uint8_t and_[] = {0, 0, 0, 1}, or_[] = {0, 1, 1, 1}, xor_[] = {0, 1, 1, 0},
                         not_[] = {1, 1, 0, 0};
    th_result r;
    size_t i;
    run2(wnnGraphBuilderLogicalAnd, WNNOperandDataType_Uint8, a, b, 4, &r);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], and_[i]);
    th_result_free(&r);
    run2(wnnGraphBuilderLogicalOr, WNNOperandDataType_Uint8, a, b, 4, &r);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], or_[i]);
    th_result_free(&r);
    run2(wnnGraphBuilderLogicalXor, WNNOperandDataType_Uint8, a, b, 4, &r);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], xor_[i]);
    th_result_free(&r);
    run1(wnnGraphBuilderLogicalNot, WNNOperandDataType_Uint8, a, 4, &r);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], not_[i]);
    th_result_free(&r);
}
END_TEST

START_TEST(is_nan_and_is_infinite)
{
    float f[GRID_N];
    uint16_t h[GRID_N];
    th_result r;
    size_t i;
    th_pack(WNNOperandDataType_Float32, grid, GRID_N, f);
    th_pack(WNNOperandDataType_Float16, grid, GRID_N, h);
    run1(wnnGraphBuilderIsNaN, WNNOperandDataType_Float32, f, GRID_N, &r);
    for (i = 0; i < GRID_N; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], isnan(grid[i]) ? 1 : 0);
    th_result_free(&r);
    run1(wnnGraphBuilderIsInfinite, WNNOperandDataType_Float32, f, GRID_N, &r);
    for (i = 0; i < GRID_N; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], isinf(grid[i]) ? 1 : 0);
    th_result_free(&r);
    /* In float16, FLT_MAX is infinite and 2^-149 is zero. */
    run1(wnnGraphBuilderIsInfinite, WNNOperandDataType_Float16, h, GRID_N, &r);
    for (i = 0; i < GRID_N; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i],
                         (isinf(grid[i]) || fabs(grid[i]) == (double)FLT_MAX) ? 1 : 0);
    th_result_free(&r);
    run1(wnnGraphBuilderIsNaN, WNNOperandDataType_Float16, h, GRID_N, &r);
    for (i = 0; i < GRID_N; i++)
        ck_assert_int_eq(((uint8_t *)r.data)[i], isnan(grid[i]) ? 1 : 0);
    th_result_free(&r);
}
END_TEST

START_TEST(broadcast_and_zero_size)
{
    th_env env;
    static const uint32_t s0[] = {0}, s1[] = {1}, s23[] = {2, 3}, s3[] = {3};
    static const int32_t a[] = {1, 2, 3, 4, 5, 6}, b[] = {2, 5, 6};
    WNNOperand x, y, z, w, outs[2];
    th_result r[2];
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s23, 2, a);
    y = th_input(&env, WNNOperandDataType_Int32, s3, 1, b);
    z = th_input(&env, WNNOperandDataType_Int32, s0, 1, a);
    w = th_input(&env, WNNOperandDataType_Int32, s1, 1, b);
    ck_assert_int_eq(wnnGraphBuilderLesser(env.builder, x, y, NULL, &outs[0]), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderEqual(env.builder, z, w, NULL, &outs[1]), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    {
        static const uint8_t want[] = {1, 1, 1, 0, 0, 0};
        size_t i;
        for (i = 0; i < 6; i++)
            ck_assert_int_eq(((uint8_t *)r[0].data)[i], want[i]);
    }
    ck_assert_uint_eq(r[1].count, 0);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env;
    static const uint32_t s2[] = {2}, s3[] = {3};
    static const float f[3] = {0};
    static const uint8_t u[3] = {0};
    static const int32_t i32[3] = {0};
    WNNOperand fx, ux, ux3, ix, out = NULL;
    size_t k;
    th_init(&env);
    fx = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
    ux = th_input(&env, WNNOperandDataType_Uint8, s2, 1, u);
    ux3 = th_input(&env, WNNOperandDataType_Uint8, s3, 1, u);
    ix = th_input(&env, WNNOperandDataType_Int32, s2, 1, i32);
    for (k = 0; k < 6; k++) {
        th_assert_status(&env, comparisons[k].build(env.builder, fx, ix, NULL, &out),
                         WNNStatus_TypeError, "data types of a and b must be equal");
        th_assert_status(&env, comparisons[k].build(env.builder, ux, ux3, NULL, &out),
                         WNNStatus_TypeError, "not bidirectionally broadcastable");
        th_assert_status(&env, comparisons[k].build(env.builder, fx, NULL, NULL, &out),
                         WNNStatus_TypeError, "b is NULL");
    }
    th_assert_status(&env, wnnGraphBuilderLogicalAnd(env.builder, fx, fx, NULL, &out),
                     WNNStatus_TypeError, "logicalAnd: the data type of a must be one of uint8, got float32");
    th_assert_status(&env, wnnGraphBuilderLogicalOr(env.builder, ux, ix, NULL, &out),
                     WNNStatus_TypeError, "logicalOr: the data types of a and b must be equal");
    th_assert_status(&env, wnnGraphBuilderLogicalXor(env.builder, ix, ux, NULL, &out),
                     WNNStatus_TypeError, "logicalXor: the data type of a");
    th_assert_status(&env, wnnGraphBuilderLogicalNot(env.builder, ix, NULL, &out),
                     WNNStatus_TypeError, "logicalNot: the data type of a");
    th_assert_status(&env, wnnGraphBuilderIsNaN(env.builder, ix, NULL, &out),
                     WNNStatus_TypeError, "isNaN: the data type of a must be one of float32, float16, got int32");
    th_assert_status(&env, wnnGraphBuilderIsInfinite(env.builder, ux, NULL, &out),
                     WNNStatus_TypeError, "isInfinite: ");
    th_assert_status(&env, wnnGraphBuilderIsInfinite(env.builder, NULL, NULL, &out),
                     WNNStatus_TypeError, "isInfinite: a is NULL");
    ck_assert_ptr_null(out);
    th_free(&env);
}
END_TEST

static Suite *logical_suite(void)
{
    Suite *s = suite_create("logical");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float_comparisons_on_special_values);
    tcase_add_test(t, integer_comparisons_are_exact);
    tcase_add_test(t, logical_operators_treat_nonzero_as_true);
    tcase_add_test(t, is_nan_and_is_infinite);
    tcase_add_test(t, broadcast_and_zero_size);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(logical_suite)
