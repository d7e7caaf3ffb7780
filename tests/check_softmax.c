/* tests/check_softmax.c - softmax. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <string.h>

static void run_softmax(WNNOperandDataType type, const uint32_t *shape, size_t rank,
                        const void *data, uint32_t axis, th_result *r)
{
    th_env env;
    WNNOperand x, out;
    WNNStatus s;
    size_t outRank, i;
    const uint32_t *outShape;
    th_init(&env);
    x = th_input(&env, type, shape, rank, data);
    s = wnnGraphBuilderSoftmax(env.builder, x, axis, NULL, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    outShape = wnnOperandGetShape(out, &outRank);
    ck_assert_uint_eq(outRank, rank);
    for (i = 0; i < rank; i++)
        ck_assert_uint_eq(outShape[i], shape[i]);
    ck_assert_int_eq(wnnOperandGetDataType(out), type);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static double round_f16(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(WNNOperandDataType_Float16, &v, 1, &bits);
    r.type = WNNOperandDataType_Float16;
    r.data = &bits;
    return th_get(&r, 0);
}

START_TEST(rows_and_columns)
{
    /* [[1, 2, 3],
     *  [0, 0, 0]] */
    static const float a[6] = {1, 2, 3, 0, 0, 0};
    static const uint32_t shape[2] = {2, 3};
    th_result r;
    size_t i;
    double s = exp(1.0) + exp(2.0) + exp(3.0);
    /* axis 1: naive exp(x) / sum exp(x) (small values), rounded once to float32 */
    run_softmax(WNNOperandDataType_Float32, shape, 2, a, 1, &r);
    for (i = 0; i < 3; i++)
        ck_assert_msg(th_same(th_get(&r, i), (double)(float)(exp((double)a[i]) / s)),
                      "element %lu: %a", (unsigned long)i, th_get(&r, i));
    for (i = 3; i < 6; i++)
        ck_assert(th_same(th_get(&r, i), (double)(float)(1.0 / 3.0)));
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    /* axis 0: columns {1, 0}, {2, 0}, {3, 0} */
    run_softmax(WNNOperandDataType_Float32, shape, 2, a, 0, &r);
    for (i = 0; i < 3; i++) {
        double e = exp((double)a[i]);
        ck_assert(th_same(th_get(&r, i), (double)(float)(e / (e + 1.0))));
        ck_assert(th_same(th_get(&r, 3 + i), (double)(float)(1.0 / (e + 1.0))));
    }
    th_result_free(&r);
    /* float16 */
    {
        static const double v[3] = {0.5, -1.0, 2.0};
        static const uint32_t s3[1] = {3};
        uint16_t raw[3];
        double sum = exp(0.5) + exp(-1.0) + exp(2.0);
        th_pack(WNNOperandDataType_Float16, v, 3, raw);
        run_softmax(WNNOperandDataType_Float16, s3, 1, raw, 0, &r);
        for (i = 0; i < 3; i++)
            ck_assert(th_same(th_get(&r, i), round_f16(exp(v[i]) / sum)));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(three_d_middle_axis)
{
    /* [2, 2, 2] along axis 1: pairs (x[i,0,k], x[i,1,k]). */
    static const float a[8] = {0, 1, 2, 1, -1, 5, -1, 3};
    static const uint32_t shape[3] = {2, 2, 2};
    th_result r;
    run_softmax(WNNOperandDataType_Float32, shape, 3, a, 1, &r);
    /* (0, 2): e^0 / (e^0 + e^2) */
    ck_assert(th_same(th_get(&r, 0), (double)(float)(1.0 / (1.0 + exp(2.0)))));
    ck_assert(th_same(th_get(&r, 2), (double)(float)(exp(2.0) / (1.0 + exp(2.0)))));
    /* (1, 1): 1/2 each */
    ck_assert(th_same(th_get(&r, 1), 0.5));
    ck_assert(th_same(th_get(&r, 3), 0.5));
    /* (-1, -1): 1/2; (5, 3) */
    ck_assert(th_same(th_get(&r, 4), 0.5));
    ck_assert(th_same(th_get(&r, 6), 0.5));
    ck_assert(th_same(th_get(&r, 5), (double)(float)(1.0 / (1.0 + exp(-2.0)))));
    th_result_free(&r);
}
END_TEST

START_TEST(large_inputs_stay_finite)
{
    static const uint32_t s2[1] = {2}, s3[1] = {3};
    th_result r;
    {
        static const float a[2] = {1000.0f, 1000.0f}, b[2] = {1000.0f, 0.0f};
        static const float c[3] = {-1000.0f, -1000.0f, -1000.0f};
        static const float d[2] = {FLT_MAX, -FLT_MAX}, e[2] = {FLT_MAX, FLT_MAX};
        run_softmax(WNNOperandDataType_Float32, s2, 1, a, 0, &r);
        ck_assert(th_same(th_get(&r, 0), 0.5) && th_same(th_get(&r, 1), 0.5));
        th_result_free(&r);
        run_softmax(WNNOperandDataType_Float32, s2, 1, b, 0, &r);
        ck_assert(th_same(th_get(&r, 0), 1.0));
        ck_assert(th_same(th_get(&r, 1), 0.0)); /* e^-1000 underflows to +0 */
        th_result_free(&r);
        run_softmax(WNNOperandDataType_Float32, s3, 1, c, 0, &r);
        ck_assert(th_same(th_get(&r, 2), (double)(float)(1.0 / 3.0)));
        th_result_free(&r);
        run_softmax(WNNOperandDataType_Float32, s2, 1, d, 0, &r);
        ck_assert(th_same(th_get(&r, 0), 1.0) && th_same(th_get(&r, 1), 0.0));
        th_result_free(&r);
        run_softmax(WNNOperandDataType_Float32, s2, 1, e, 0, &r);
        ck_assert(th_same(th_get(&r, 0), 0.5) && th_same(th_get(&r, 1), 0.5));
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    {
        static const double v[2] = {65504.0, 65472.0};
        uint16_t raw[2];
        th_pack(WNNOperandDataType_Float16, v, 2, raw);
        run_softmax(WNNOperandDataType_Float16, s2, 1, raw, 0, &r);
        ck_assert(th_same(th_get(&r, 0), round_f16(1.0 / (1.0 + exp(-32.0)))));
        ck_assert(th_same(th_get(&r, 1), round_f16(exp(-32.0) / (1.0 + exp(-32.0)))));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(special_values)
{
    /* Four rows of 3 along axis 1. */
    static const float a[12] = {
        1.0f,      (double)NAN,       2.0f,      /* NaN propagates to the row */
        -HUGE_VAL, -HUGE_VAL, -HUGE_VAL, /* undefined: NaN, marked */
        HUGE_VAL,  1.0f,      2.0f,      /* undefined: NaN, marked */
        -HUGE_VAL, 0.0f,      0.0f};     /* -inf gets 0 */
    static const uint32_t shape[2] = {4, 3};
    th_result r;
    size_t i;
    run_softmax(WNNOperandDataType_Float32, shape, 2, a, 1, &r);
    for (i = 0; i < 9; i++)
        ck_assert_msg(isnan(th_get(&r, i)), "element %lu: %a", (unsigned long)i, th_get(&r, i));
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(r.mask[i], 0);
    for (i = 3; i < 9; i++)
        ck_assert_int_eq(r.mask[i], 1);
    ck_assert(th_same(th_get(&r, 9), 0.0));
    ck_assert(th_same(th_get(&r, 10), 0.5));
    ck_assert(th_same(th_get(&r, 11), 0.5));
    ck_assert_uint_eq(r.unspecified, 6);
    th_result_free(&r);
    /* signed zeros and subnormals are ordinary small values */
    {
        static const float z[2] = {-0.0f, 0x1p-149f};
        static const uint32_t s2[1] = {2};
        run_softmax(WNNOperandDataType_Float32, s2, 1, z, 0, &r);
        ck_assert(th_same(th_get(&r, 0), 0.5) && th_same(th_get(&r, 1), 0.5));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(web_platform_tests_case)
{
    /* softmax float32 2D tensor all positive (the suite's axis was the last). */
    static const float a[24] = {
        7.9037346839904785f, 6.358251571655273f, 4.833756923675537f, 9.5791654586792f,
        0.21071857213974f,   4.554958820343018f, 7.150174140930176f, 8.330297470092773f,
        1.5359858274459839f, 6.63361930847168f,  1.4539369344711304f, 0.213418647646904f,
        5.257819652557373f,  8.192137718200684f, 8.16172981262207f,  2.874434232711792f,
        8.950733184814453f,  6.111632823944092f, 1.6371468305587769f, 0.27626121044158936f,
        5.02822732925415f,   3.8983259201049805f, 2.8967113494873047f, 6.88947057723999f};
    static const double want[24] = {
        0.15068615972995758,  0.03212761878967285,  0.006995180621743202,
        0.8048291206359863,   6.871300138300285e-05, 0.005293202120810747,
        0.2057899534702301,   0.6698001027107239,   0.0007502624066546559,
        0.1227685883641243,   0.0006911618984304368, 0.00019990770670119673,
        0.012398251332342625, 0.23319464921951294,  0.22621041536331177,
        0.0011435872875154018, 0.4979347288608551,  0.029118351638317108,
        0.004253828432410955, 0.001090824487619102, 0.12633030116558075,
        0.040812913328409195, 0.014990009367465973, 0.8125221133232117};
    static const uint32_t shape[2] = {4, 6};
    th_result r;
    size_t i;
    run_softmax(WNNOperandDataType_Float32, shape, 2, a, 1, &r);
    for (i = 0; i < 24; i++)
        ck_assert_msg(fabs(th_get(&r, i) - want[i]) <= 3e-6 * want[i], "element %lu: %.9g",
                      (unsigned long)i, th_get(&r, i));
    th_result_free(&r);
}
END_TEST

START_TEST(zero_size)
{
    static const uint32_t s03[2] = {0, 3}, s30[2] = {3, 0};
    static const float none[1] = {0};
    th_result r;
    run_softmax(WNNOperandDataType_Float32, s03, 2, none, 1, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    run_softmax(WNNOperandDataType_Float16, s30, 2, none, 1, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3};
    static const uint64_t zeros[6] = {0};
    WNNOperand x, scalar, foreign, out = NULL;
    WNNOperatorOptions options = WNN_OPERATOR_OPTIONS_INIT;
    int t;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, zeros);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, zeros);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, zeros);
    for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
        WNNOperand y = th_input(&env, (WNNOperandDataType)t, s23, 2, zeros);
        WNNStatus s = wnnGraphBuilderSoftmax(env.builder, y, 1, NULL, &out);
        if (t == WNNOperandDataType_Float32 || t == WNNOperandDataType_Float16) {
            ck_assert_int_eq(s, WNNStatus_Success);
        } else {
            char needle[64];
            th_assert_status(&env, s, WNNStatus_TypeError,
                             "softmax: the data type of input must be one of float32, float16");
            strcpy(needle, "got ");
            strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
            th_assert_status(&env, s, WNNStatus_TypeError, needle);
        }
    }
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, x, 2, NULL, &out),
                     WNNStatus_TypeError,
                     "softmax: axis must be less than the input's rank 2, got 2");
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, scalar, 0, NULL, &out),
                     WNNStatus_TypeError, "axis must be less than the input's rank 0, got 0");
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, NULL, 0, NULL, &out),
                     WNNStatus_TypeError, "softmax: input is NULL");
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, foreign, 0, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, x, 0, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderSoftmax(NULL, x, 0, NULL, &out), WNNStatus_InvalidArgument);
    options.label = "sm";
    th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, x, 9, &options, &out),
                     WNNStatus_TypeError, "softmax[sm]: axis");
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderSoftmax(env.builder, x, 0, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderSoftmax(env.builder, x, 0, NULL, &out),
                         WNNStatus_InvalidStateError, "softmax: the builder has already");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *softmax_suite(void)
{
    Suite *s = suite_create("softmax");
    TCase *t = tcase_create("core");
    tcase_add_test(t, rows_and_columns);
    tcase_add_test(t, three_d_middle_axis);
    tcase_add_test(t, large_inputs_stay_finite);
    tcase_add_test(t, special_values);
    tcase_add_test(t, web_platform_tests_case);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(softmax_suite)
