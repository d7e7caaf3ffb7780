/* tests/check_cumulative_sum.c - cumulativeSum. */
#include "harness.h"

#include <math.h>
#include <string.h>

static void run_cumsum(WNNOperandDataType type, const uint32_t *shape, size_t rank,
                       const void *data, uint32_t axis, int exclusive, int reversed,
                       th_result *r)
{
    th_env env;
    WNNOperand x, out;
    WNNCumulativeSumOptions options = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
    WNNStatus s;
    size_t outRank, i;
    const uint32_t *outShape;
    th_init(&env);
    options.exclusive = (WNNBool)exclusive;
    options.reversed = (WNNBool)reversed;
    x = th_input(&env, type, shape, rank, data);
    s = wnnGraphBuilderCumulativeSum(env.builder, x, axis, &options, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    outShape = wnnOperandGetShape(out, &outRank);
    ck_assert_uint_eq(outRank, rank);
    for (i = 0; i < rank; i++)
        ck_assert_uint_eq(outShape[i], shape[i]);
    ck_assert_int_eq(wnnOperandGetDataType(out), type);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static void expect_values(const th_result *r, const double *want, size_t n)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "element %lu: %a, want %a",
                      (unsigned long)i, th_get(r, i), want[i]);
}

START_TEST(inclusive_exclusive_forward_reversed)
{
    static const double v[4] = {1, 2, 3, 4};
    static const double incl[4] = {1, 3, 6, 10}, excl[4] = {0, 1, 3, 6};
    static const double rev[4] = {10, 9, 7, 4}, rexcl[4] = {9, 7, 4, 0};
    static const uint32_t s4[1] = {4};
    int t;
    for (t = 0; t < 6; t++) {
        static const WNNOperandDataType types[6] = {
            WNNOperandDataType_Float32, WNNOperandDataType_Float16, WNNOperandDataType_Int32,
            WNNOperandDataType_Uint32,  WNNOperandDataType_Int64,   WNNOperandDataType_Uint64};
        unsigned char raw[4 * 8];
        th_result r;
        th_pack(types[t], v, 4, raw);
        run_cumsum(types[t], s4, 1, raw, 0, 0, 0, &r);
        expect_values(&r, incl, 4);
        th_result_free(&r);
        run_cumsum(types[t], s4, 1, raw, 0, 1, 0, &r);
        expect_values(&r, excl, 4);
        th_result_free(&r);
        run_cumsum(types[t], s4, 1, raw, 0, 0, 1, &r);
        expect_values(&r, rev, 4);
        th_result_free(&r);
        run_cumsum(types[t], s4, 1, raw, 0, 1, 1, &r);
        expect_values(&r, rexcl, 4);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(axes_of_a_tensor)
{
    /* web-platform-tests: int32 [1, 1, 3, 4], axis 2. */
    static const int32_t a[12] = {2, 1, 3, 5, 3, 8, 7, 3, 9, 6, 2, 4};
    static const double want[12] = {2, 1, 3, 5, 5, 9, 10, 8, 14, 15, 12, 12};
    static const uint32_t shape[4] = {1, 1, 3, 4};
    /* [2, 2, 2] = 1..8 along axis 1, 0 and 2. */
    static const float b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    static const uint32_t s222[3] = {2, 2, 2};
    static const double axis1[8] = {1, 2, 4, 6, 5, 6, 12, 14};
    static const double axis0[8] = {1, 2, 3, 4, 6, 8, 10, 12};
    static const double axis2rev[8] = {3, 2, 7, 4, 11, 6, 15, 8};
    th_result r;
    run_cumsum(WNNOperandDataType_Int32, shape, 4, a, 2, 0, 0, &r);
    expect_values(&r, want, 12);
    th_result_free(&r);
    run_cumsum(WNNOperandDataType_Float32, s222, 3, b, 1, 0, 0, &r);
    expect_values(&r, axis1, 8);
    th_result_free(&r);
    run_cumsum(WNNOperandDataType_Float32, s222, 3, b, 0, 0, 0, &r);
    expect_values(&r, axis0, 8);
    th_result_free(&r);
    run_cumsum(WNNOperandDataType_Float32, s222, 3, b, 2, 0, 1, &r);
    expect_values(&r, axis2rev, 8);
    th_result_free(&r);
}
END_TEST

START_TEST(float_rounding_and_special_values)
{
    static const uint32_t s3[1] = {3}, s2[1] = {2};
    th_result r;
    /* float16: each output is the exact prefix sum rounded once: 2049 rounds to 2048 (tie to
     * even), then 2050 is exact (a float16 running sum would stay at 2048). */
    {
        static const double v[3] = {2048, 1, 1}, want[3] = {2048, 2048, 2050};
        uint16_t raw[3];
        th_pack(WNNOperandDataType_Float16, v, 3, raw);
        run_cumsum(WNNOperandDataType_Float16, s3, 1, raw, 0, 0, 0, &r);
        expect_values(&r, want, 3);
        th_result_free(&r);
    }
    /* float32: 2^24 + 1 + 1 */
    {
        static const float a[3] = {16777216.0f, 1.0f, 1.0f};
        static const double want[3] = {16777216.0, 16777216.0, 16777218.0};
        run_cumsum(WNNOperandDataType_Float32, s3, 1, a, 0, 0, 0, &r);
        expect_values(&r, want, 3);
        th_result_free(&r);
    }
    /* infinities and NaN */
    {
        static const float a[3] = {HUGE_VAL, -HUGE_VAL, 1.0f};
        static const float n[3] = {1.0f, (double)NAN, 2.0f};
        static const double wantA[3] = {HUGE_VAL, (double)NAN, (double)NAN}, wantN[3] = {1.0, (double)NAN, (double)NAN};
        static const double wantAR[3] = {(double)NAN, -HUGE_VAL, 1.0};
        run_cumsum(WNNOperandDataType_Float32, s3, 1, a, 0, 0, 0, &r);
        expect_values(&r, wantA, 3);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Float32, s3, 1, a, 0, 0, 1, &r);
        expect_values(&r, wantAR, 3);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Float32, s3, 1, n, 0, 0, 0, &r);
        expect_values(&r, wantN, 3);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    /* Signed zeros: -0 + -0 = -0; the empty sum (exclusive first) is +0. */
    {
        static const float z[2] = {-0.0f, -0.0f}, m[2] = {-0.0f, 0.0f};
        static const double incl[2] = {-0.0, -0.0}, excl[2] = {0.0, -0.0};
        static const double mixed[2] = {-0.0, 0.0};
        run_cumsum(WNNOperandDataType_Float32, s2, 1, z, 0, 0, 0, &r);
        expect_values(&r, incl, 2);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Float32, s2, 1, z, 0, 1, 0, &r);
        expect_values(&r, excl, 2);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Float32, s2, 1, m, 0, 0, 0, &r);
        expect_values(&r, mixed, 2);
        th_result_free(&r);
    }
    /* subnormals add exactly; float32 maxima overflow to infinity when rounded. */
    {
        static const float a[3] = {0x1p-149f, 0x1p-149f, 3.4028234663852886e38f};
        static const double want[3] = {0x1p-149, 0x1p-148, 3.4028234663852886e38};
        static const float big[2] = {3.4028234663852886e38f, 3.4028234663852886e38f};
        static const double wantBig[2] = {3.4028234663852886e38, HUGE_VAL};
        run_cumsum(WNNOperandDataType_Float32, s3, 1, a, 0, 0, 0, &r);
        expect_values(&r, want, 3);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Float32, s2, 1, big, 0, 0, 0, &r);
        expect_values(&r, wantBig, 2);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(integers_exact_and_overflow_marked)
{
    static const uint32_t s3[1] = {3};
    th_result r;
    {
        static const int32_t a[3] = {INT32_MAX, 1, -1};
        run_cumsum(WNNOperandDataType_Int32, s3, 1, a, 0, 0, 0, &r);
        ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MAX);
        ck_assert_int_eq(((int32_t *)r.data)[1], INT32_MIN); /* wrapped */
        ck_assert_int_eq(((int32_t *)r.data)[2], INT32_MAX); /* exact again */
        ck_assert(r.mask[0] == 0 && r.mask[1] == 1 && r.mask[2] == 0);
        th_result_free(&r);
    }
    {
        static const int64_t a[3] = {INT64_MAX, 1, -1};
        static const int64_t b[3] = {INT64_MIN, -1, 1};
        static const int64_t c[3] = {9007199254740993LL, 2, -9007199254740996LL};
        run_cumsum(WNNOperandDataType_Int64, s3, 1, a, 0, 0, 0, &r);
        ck_assert(((int64_t *)r.data)[1] == INT64_MIN);
        ck_assert(((int64_t *)r.data)[2] == INT64_MAX);
        ck_assert(r.mask[0] == 0 && r.mask[1] == 1 && r.mask[2] == 0);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Int64, s3, 1, b, 0, 0, 0, &r);
        ck_assert(((int64_t *)r.data)[1] == INT64_MAX);
        ck_assert(((int64_t *)r.data)[2] == INT64_MIN);
        ck_assert(r.mask[0] == 0 && r.mask[1] == 1 && r.mask[2] == 0);
        th_result_free(&r);
        run_cumsum(WNNOperandDataType_Int64, s3, 1, c, 0, 0, 1, &r);
        ck_assert(((int64_t *)r.data)[2] == -9007199254740996LL);
        ck_assert(((int64_t *)r.data)[1] == -9007199254740994LL);
        ck_assert(((int64_t *)r.data)[0] == -1);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    {
        static const uint64_t a[3] = {UINT64_MAX, 1, 9007199254740993ULL};
        run_cumsum(WNNOperandDataType_Uint64, s3, 1, a, 0, 1, 0, &r);
        ck_assert(((uint64_t *)r.data)[0] == 0);
        ck_assert(((uint64_t *)r.data)[1] == UINT64_MAX);
        ck_assert(((uint64_t *)r.data)[2] == 0); /* 2^64 wrapped */
        ck_assert(r.mask[0] == 0 && r.mask[1] == 0 && r.mask[2] == 1);
        th_result_free(&r);
    }
    {
        static const uint32_t a[3] = {UINT32_MAX, 1, 5};
        run_cumsum(WNNOperandDataType_Uint32, s3, 1, a, 0, 0, 0, &r);
        ck_assert_uint_eq(((uint32_t *)r.data)[1], 0);
        ck_assert_uint_eq(((uint32_t *)r.data)[2], 5);
        ck_assert(r.mask[0] == 0 && r.mask[1] == 1 && r.mask[2] == 1);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_size)
{
    static const uint32_t s0[1] = {0}, s20[2] = {2, 0}, s03[2] = {0, 3};
    static const float none[1] = {0};
    th_result r;
    run_cumsum(WNNOperandDataType_Float32, s0, 1, none, 0, 0, 0, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    run_cumsum(WNNOperandDataType_Int64, s20, 2, none, 0, 1, 1, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    run_cumsum(WNNOperandDataType_Uint32, s03, 2, none, 1, 0, 0, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(unspecified_inputs_mark_the_sums_that_include_them)
{
    th_env env;
    static const uint32_t s4[1] = {4};
    static const int32_t a[4] = {1, INT32_MAX, 1, 1}, b[4] = {0, 1, 0, 0};
    WNNOperand x, y, sum, incl, excl;
    WNNOperand outs[2];
    WNNCumulativeSumOptions options = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
    th_result r[2];
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s4, 1, a);
    y = th_input(&env, WNNOperandDataType_Int32, s4, 1, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderCumulativeSum(env.builder, sum, 0, NULL, &incl),
                     WNNStatus_Success);
    options.exclusive = 1;
    ck_assert_int_eq(wnnGraphBuilderCumulativeSum(env.builder, sum, 0, &options, &excl),
                     WNNStatus_Success);
    outs[0] = incl;
    outs[1] = excl;
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert(r[0].mask[0] == 0 && r[0].mask[1] == 1 && r[0].mask[2] == 1 && r[0].mask[3] == 1);
    ck_assert(r[1].mask[0] == 0 && r[1].mask[1] == 0 && r[1].mask[2] == 1 && r[1].mask[3] == 1);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3};
    static const uint64_t zeros[6] = {0};
    WNNOperand x, scalar, foreign, out = NULL;
    WNNCumulativeSumOptions options = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
    int t;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, zeros);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, zeros);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, zeros);
    for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
        WNNOperand y = th_input(&env, (WNNOperandDataType)t, s23, 2, zeros);
        WNNStatus s = wnnGraphBuilderCumulativeSum(env.builder, y, 1, NULL, &out);
        if (t == WNNOperandDataType_Int8 || t == WNNOperandDataType_Uint8) {
            char needle[64];
            th_assert_status(&env, s, WNNStatus_TypeError,
                             "cumulativeSum: the data type of input must be one of float32, "
                             "float16, int32, uint32, int64, uint64");
            strcpy(needle, "got ");
            strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
            th_assert_status(&env, s, WNNStatus_TypeError, needle);
        } else {
            ck_assert_int_eq(s, WNNStatus_Success);
        }
    }
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, x, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "cumulativeSum: axis must be less than the input's rank 2, got 2");
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, scalar, 0, NULL, &out),
                     WNNStatus_TypeError, "axis must be less than the input's rank 0, got 0");
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, NULL, 0, NULL, &out),
                     WNNStatus_TypeError, "cumulativeSum: input is NULL");
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, foreign, 0, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, x, 0, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderCumulativeSum(NULL, x, 0, NULL, &out),
                     WNNStatus_InvalidArgument);
    options.label = "cs";
    th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, x, 7, &options, &out),
                     WNNStatus_TypeError, "cumulativeSum[cs]: axis");
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderCumulativeSum(env.builder, x, 0, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderCumulativeSum(env.builder, x, 0, NULL, &out),
                         WNNStatus_InvalidStateError, "cumulativeSum: the builder has already");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *cumulative_sum_suite(void)
{
    Suite *s = suite_create("cumulative_sum");
    TCase *t = tcase_create("core");
    tcase_add_test(t, inclusive_exclusive_forward_reversed);
    tcase_add_test(t, axes_of_a_tensor);
    tcase_add_test(t, float_rounding_and_special_values);
    tcase_add_test(t, integers_exact_and_overflow_marked);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, unspecified_inputs_mark_the_sums_that_include_them);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(cumulative_sum_suite)
