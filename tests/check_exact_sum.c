/* tests/check_exact_sum.c - sums are exact and rounded once: reductions, cumulativeSum and
 * matmul under cancellation, and the single rounding of a sum to float32 (round to odd). */
#include "harness.h"

#include <float.h>
#include <math.h>

static th_result reduce(WNNStatus (*build)(WNNGraphBuilder, WNNOperand, const WNNReduceOptions *,
                                           WNNOperand *),
                        const float *data, uint32_t n)
{
    th_env env;
    WNNOperand x, out;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, &n, 1, data);
    ck_assert_int_eq(build(env.builder, x, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    th_free(&env);
    return r;
}

START_TEST(cancellation_keeps_small_terms)
{
    /* In double, FLT_MAX + 1 - FLT_MAX is 0; the exact sum is 1. */
    static const float data[] = {FLT_MAX, 1.0f, -FLT_MAX, 0.0f};
    th_result r = reduce(wnnGraphBuilderReduceSum, data, 4);
    ck_assert(th_same(th_get(&r, 0), 1.0));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceMean, data, 4);
    ck_assert(th_same(th_get(&r, 0), 0.25));
    th_result_free(&r);
    {
        th_env env;
        uint32_t n = 4;
        WNNOperand x, out;
        th_init(&env);
        x = th_input(&env, WNNOperandDataType_Float32, &n, 1, data);
        ck_assert_int_eq(wnnGraphBuilderCumulativeSum(env.builder, x, 0, NULL, &out),
                         WNNStatus_Success);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        ck_assert(th_same(th_get(&r, 2), 1.0));
        ck_assert(th_same(th_get(&r, 3), 1.0));
        th_result_free(&r);
        th_free(&env);
    }
}
END_TEST

START_TEST(sum_is_rounded_once)
{
    /* 1 + 2^-24 + 2^-60: the exact sum is just above the midpoint of 1 and 1 + 2^-23, so it
     * rounds up. Rounding to double first (2^-60 lost) and then to float32 would give the
     * tie, broken to even: 1. */
    static const float data[] = {1.0f, 0x1p-24f, 0x1p-60f};
    th_result r = reduce(wnnGraphBuilderReduceSum, data, 3);
    ck_assert_msg(th_same(th_get(&r, 0), 1.0 + 0x1p-23), "got %a", th_get(&r, 0));
    th_result_free(&r);
}
END_TEST

START_TEST(matmul_dot_product_is_exact)
{
    /* [1e30, 1, -1e30] . [1e8, 3, 1e8] = 3 exactly (the big products cancel). */
    th_env env;
    static const uint32_t sa[] = {1, 3}, sb[] = {3, 1};
    static const float a[] = {1e30f, 1.0f, -1e30f}, b[] = {1e8f, 3.0f, 1e8f};
    WNNOperand x, y, out;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, sa, 2, a);
    y = th_input(&env, WNNOperandDataType_Float32, sb, 2, b);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, x, y, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_msg(th_same(th_get(&r, 0), 3.0), "got %a", th_get(&r, 0));
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(special_values_and_zero_signs)
{
    static const float inf[] = {INFINITY, 1.0f, -INFINITY};
    static const float negzeros[] = {-0.0f, -0.0f};
    static const float mixed[] = {-0.0f, 0.0f};
    th_result r = reduce(wnnGraphBuilderReduceSum, inf, 3);
    ck_assert(isnan(th_get(&r, 0)));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceSum, inf, 2);
    ck_assert(th_same(th_get(&r, 0), INFINITY));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceSum, negzeros, 2);
    ck_assert(th_same(th_get(&r, 0), -0.0));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceSum, mixed, 2);
    ck_assert(th_same(th_get(&r, 0), 0.0));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceL1, negzeros, 2);
    ck_assert(th_same(th_get(&r, 0), 0.0));
    th_result_free(&r);
    r = reduce(wnnGraphBuilderReduceSum, negzeros, 0);
    ck_assert(th_same(th_get(&r, 0), 0.0));
    th_result_free(&r);
}
END_TEST

static Suite *exact_sum_suite(void)
{
    Suite *s = suite_create("exact_sum");
    TCase *t = tcase_create("core");
    tcase_add_test(t, cancellation_keeps_small_terms);
    tcase_add_test(t, sum_is_rounded_once);
    tcase_add_test(t, matmul_dot_product_is_exact);
    tcase_add_test(t, special_values_and_zero_signs);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(exact_sum_suite)
