/* tests/check_arg_min_max.c - argMin, argMax. */
#include "harness.h"

#include <math.h>
#include <string.h>

typedef WNNStatus (*arg_builder)(WNNGraphBuilder, WNNOperand, uint32_t,
                                 const WNNArgMinMaxOptions *, WNNOperand *);

/* Run argMin (wantMax 0) or argMax on one input; the output indices are returned as int64
 * in idx[] (room for r.count), the mask in r. */
static void run_arg(int wantMax, WNNOperandDataType type, const uint32_t *shape, size_t rank,
                    const void *data, uint32_t axis, int keep, WNNOperandDataType outType,
                    th_result *r, uint32_t *outShape, size_t *outRank)
{
    th_env env;
    WNNOperand x, out;
    WNNArgMinMaxOptions options = WNN_ARG_MIN_MAX_OPTIONS_INIT;
    WNNStatus s;
    th_init(&env);
    options.keepDimensions = (WNNBool)keep;
    options.outputDataType = outType;
    x = th_input(&env, type, shape, rank, data);
    s = (wantMax ? wnnGraphBuilderArgMax : wnnGraphBuilderArgMin)(env.builder, x, axis,
                                                                  &options, &out);
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(wnnOperandGetDataType(out), outType);
    if (outShape && outRank) {
        size_t i;
        const uint32_t *got = wnnOperandGetShape(out, outRank);
        for (i = 0; i < *outRank; i++)
            outShape[i] = got[i];
    }
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static int64_t index_at(const th_result *r, size_t i)
{
    if (r->type == WNNOperandDataType_Int64)
        return ((const int64_t *)r->data)[i];
    return ((const int32_t *)r->data)[i];
}

START_TEST(small_matrix_both_axes)
{
    /* [[3, 1, 2],
     *  [4, 6, 5]] */
    static const float a[6] = {3, 1, 2, 4, 6, 5};
    static const uint32_t shape[2] = {2, 3};
    th_result r;
    uint32_t os[4];
    size_t orank;
    run_arg(0, WNNOperandDataType_Float32, shape, 2, a, 1, 0, WNNOperandDataType_Int32, &r, os,
            &orank);
    ck_assert_uint_eq(orank, 1);
    ck_assert_uint_eq(os[0], 2);
    ck_assert_int_eq(index_at(&r, 0), 1);
    ck_assert_int_eq(index_at(&r, 1), 0);
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_arg(1, WNNOperandDataType_Float32, shape, 2, a, 1, 1, WNNOperandDataType_Int64, &r, os,
            &orank);
    ck_assert_uint_eq(orank, 2);
    ck_assert(os[0] == 2 && os[1] == 1);
    ck_assert(index_at(&r, 0) == 0);
    ck_assert(index_at(&r, 1) == 1);
    th_result_free(&r);
    run_arg(0, WNNOperandDataType_Float32, shape, 2, a, 0, 0, WNNOperandDataType_Int32, &r, os,
            &orank);
    ck_assert_uint_eq(orank, 1);
    ck_assert_uint_eq(os[0], 3);
    ck_assert(index_at(&r, 0) == 0 && index_at(&r, 1) == 0 && index_at(&r, 2) == 0);
    th_result_free(&r);
    run_arg(1, WNNOperandDataType_Float32, shape, 2, a, 0, 1, WNNOperandDataType_Int32, &r, os,
            &orank);
    ck_assert_uint_eq(orank, 2);
    ck_assert(os[0] == 1 && os[1] == 3);
    ck_assert(index_at(&r, 0) == 1 && index_at(&r, 1) == 1 && index_at(&r, 2) == 1);
    th_result_free(&r);
}
END_TEST

START_TEST(three_d_middle_axis)
{
    /* [2, 3, 2]: along axis 1 for each (i, k). */
    static const int32_t a[12] = {5, 0, 7, 9, 1, 4,   /* i = 0: columns {5,7,1} {0,9,4} */
                                  -1, 2, -3, 2, 8, 2}; /* i = 1: {-1,-3,8} {2,2,2} */
    static const uint32_t shape[3] = {2, 3, 2};
    th_result r;
    run_arg(1, WNNOperandDataType_Int32, shape, 3, a, 1, 0, WNNOperandDataType_Int32, &r, NULL,
            NULL);
    ck_assert_int_eq(index_at(&r, 0), 1);
    ck_assert_int_eq(index_at(&r, 1), 1);
    ck_assert_int_eq(index_at(&r, 2), 2);
    ck_assert_int_eq(index_at(&r, 3), 0); /* all equal: a tie, the first index, marked */
    ck_assert_int_eq(r.mask[3], 1);
    ck_assert_uint_eq(r.unspecified, 1);
    th_result_free(&r);
    run_arg(0, WNNOperandDataType_Int32, shape, 3, a, 1, 0, WNNOperandDataType_Int32, &r, NULL,
            NULL);
    ck_assert_int_eq(index_at(&r, 0), 2);
    ck_assert_int_eq(index_at(&r, 1), 0);
    ck_assert_int_eq(index_at(&r, 2), 1);
    ck_assert_int_eq(index_at(&r, 3), 0);
    th_result_free(&r);
}
END_TEST

START_TEST(ties_take_the_first_index_and_are_marked)
{
    static const float a[4] = {1, 5, 5, 1};
    static const float z[2] = {-0.0f, 0.0f};
    static const uint32_t s4[1] = {4}, s2[1] = {2};
    th_result r;
    run_arg(1, WNNOperandDataType_Float32, s4, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
            NULL);
    ck_assert_int_eq(index_at(&r, 0), 1);
    ck_assert_uint_eq(r.unspecified, 1);
    th_result_free(&r);
    run_arg(0, WNNOperandDataType_Float32, s4, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
            NULL);
    ck_assert_int_eq(index_at(&r, 0), 0);
    ck_assert_uint_eq(r.unspecified, 1);
    th_result_free(&r);
    /* -0 and +0 are equal: a tie. */
    run_arg(1, WNNOperandDataType_Float32, s2, 1, z, 0, 0, WNNOperandDataType_Int32, &r, NULL,
            NULL);
    ck_assert_int_eq(index_at(&r, 0), 0);
    ck_assert_uint_eq(r.unspecified, 1);
    th_result_free(&r);
    /* A tie that is not the extreme does not matter. */
    {
        static const float b[4] = {2, 2, 7, 1};
        run_arg(1, WNNOperandDataType_Float32, s4, 1, b, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 2);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(special_values)
{
    static const uint32_t s4[1] = {4}, s3[1] = {3};
    th_result r;
    /* NaN: the first NaN is the extreme, marked. */
    {
        static const float a[4] = {1.0f, (double)NAN, 3.0f, (double)NAN};
        run_arg(1, WNNOperandDataType_Float32, s4, 1, a, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 1);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
        run_arg(0, WNNOperandDataType_Float32, s4, 1, a, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 1);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    /* NaN first. */
    {
        static const float a[3] = {(double)NAN, -1.0f, 4.0f};
        run_arg(0, WNNOperandDataType_Float32, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 0);
        ck_assert_uint_eq(r.unspecified, 1);
        th_result_free(&r);
    }
    /* Infinities are ordinary extremes. */
    {
        static const float a[3] = {-HUGE_VAL, 2.0f, HUGE_VAL};
        run_arg(1, WNNOperandDataType_Float32, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 2);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        run_arg(0, WNNOperandDataType_Float32, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 0);
        th_result_free(&r);
    }
    /* float16 subnormals: 2^-24 > 0 > -2^-24. */
    {
        static const double v[3] = {0.0, 0x1p-24, -0x1p-24};
        uint16_t raw[3];
        th_pack(WNNOperandDataType_Float16, v, 3, raw);
        run_arg(1, WNNOperandDataType_Float16, s3, 1, raw, 0, 0, WNNOperandDataType_Int32, &r,
                NULL, NULL);
        ck_assert_int_eq(index_at(&r, 0), 1);
        th_result_free(&r);
        run_arg(0, WNNOperandDataType_Float16, s3, 1, raw, 0, 0, WNNOperandDataType_Int64, &r,
                NULL, NULL);
        ck_assert(index_at(&r, 0) == 2);
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(every_input_type)
{
    static const uint32_t s3[1] = {3};
    th_result r;
    {
        static const int64_t a[3] = {9007199254740992LL, 9007199254740993LL, -5};
        run_arg(1, WNNOperandDataType_Int64, s3, 1, a, 0, 0, WNNOperandDataType_Int64, &r, NULL,
                NULL);
        ck_assert(index_at(&r, 0) == 1); /* 2^53 + 1 > 2^53 (equal as doubles) */
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
    }
    {
        static const uint64_t a[3] = {UINT64_MAX, 18446744073709551614ULL, UINT64_MAX};
        run_arg(0, WNNOperandDataType_Uint64, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
                NULL);
        ck_assert_int_eq(index_at(&r, 0), 1);
        th_result_free(&r);
        run_arg(1, WNNOperandDataType_Uint64, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
                NULL);
        ck_assert_int_eq(index_at(&r, 0), 0);
        ck_assert_uint_eq(r.unspecified, 1); /* tie at 0 and 2 */
        th_result_free(&r);
    }
    {
        static const uint32_t a[3] = {7, UINT32_MAX, 0};
        run_arg(1, WNNOperandDataType_Uint32, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
                NULL);
        ck_assert_int_eq(index_at(&r, 0), 1);
        th_result_free(&r);
    }
    {
        static const int8_t a[3] = {-128, 127, 0};
        run_arg(0, WNNOperandDataType_Int8, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
                NULL);
        ck_assert_int_eq(index_at(&r, 0), 0);
        th_result_free(&r);
    }
    {
        static const uint8_t a[3] = {3, 255, 2};
        run_arg(0, WNNOperandDataType_Uint8, s3, 1, a, 0, 0, WNNOperandDataType_Int32, &r, NULL,
                NULL);
        ck_assert_int_eq(index_at(&r, 0), 2);
        th_result_free(&r);
    }
    {
        static const int32_t a[3] = {INT32_MIN, INT32_MAX, 0};
        run_arg(1, WNNOperandDataType_Int32, s3, 1, a, 0, 0, WNNOperandDataType_Int64, &r, NULL,
                NULL);
        ck_assert(index_at(&r, 0) == 1);
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_size)
{
    /* [0, 3] over axis 1: no output element, allowed. */
    static const uint32_t s03[2] = {0, 3}, s20[2] = {2, 0};
    static const float none[1] = {0};
    th_result r;
    uint32_t os[4];
    size_t orank;
    run_arg(1, WNNOperandDataType_Float32, s03, 2, none, 1, 0, WNNOperandDataType_Int32, &r, os,
            &orank);
    ck_assert_uint_eq(orank, 1);
    ck_assert_uint_eq(os[0], 0);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    /* An empty axis has no index to return: TypeError when building. */
    {
        th_env env;
        WNNOperand x, out = NULL;
        th_init(&env);
        x = th_input(&env, WNNOperandDataType_Float32, s20, 2, none);
        th_assert_status(&env, wnnGraphBuilderArgMax(env.builder, x, 1, NULL, &out),
                         WNNStatus_TypeError, "argMax: the input's dimension at axis must not be 0");
        th_assert_status(&env, wnnGraphBuilderArgMin(env.builder, x, 1, NULL, &out),
                         WNNStatus_TypeError, "argMin: ");
        ck_assert_int_eq(wnnGraphBuilderArgMin(env.builder, x, 0, NULL, &out),
                         WNNStatus_Success);
        th_free(&env);
    }
}
END_TEST

START_TEST(unspecified_input_elements_mark_only_their_outputs)
{
    th_env env;
    static const uint32_t shape[2] = {2, 2};
    static const int32_t a[4] = {INT32_MAX, 0, 1, 2}, b[4] = {1, 0, 1, 1};
    WNNOperand x, y, sum, arg;
    th_result r;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, shape, 2, a);
    y = th_input(&env, WNNOperandDataType_Int32, shape, 2, b);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderArgMax(env.builder, sum, 1, NULL, &arg), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &arg, &r), WNNStatus_Success);
    ck_assert_int_eq(r.mask[0], 1);
    ck_assert_int_eq(r.mask[1], 0);
    ck_assert_int_eq(((int32_t *)r.data)[1], 1);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s23[2] = {2, 3};
    static const float f[6] = {0};
    WNNOperand x, scalar, foreign, out = NULL;
    WNNArgMinMaxOptions options = WNN_ARG_MIN_MAX_OPTIONS_INIT;
    int k;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s23, 2, f);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s23, 2, f);
    for (k = 0; k < 2; k++) {
        arg_builder build = k ? wnnGraphBuilderArgMax : wnnGraphBuilderArgMin;
        const char *name = k ? "argMax: " : "argMin: ";
        int t;
        th_assert_status(&env, build(env.builder, x, 2, NULL, &out), WNNStatus_TypeError, name);
        th_assert_status(&env, build(env.builder, x, 2, NULL, &out), WNNStatus_TypeError,
                         "axis must be less than the input's rank 2, got 2");
        th_assert_status(&env, build(env.builder, scalar, 0, NULL, &out), WNNStatus_TypeError,
                         "axis must be less than the input's rank 0, got 0");
        for (t = 0; t <= (int)WNNOperandDataType_Uint8; t++) {
            options.outputDataType = (WNNOperandDataType)t;
            if (t == WNNOperandDataType_Int32 || t == WNNOperandDataType_Int64) {
                ck_assert_int_eq(build(env.builder, x, 1, &options, &out), WNNStatus_Success);
            } else {
                char needle[96];
                th_assert_status(&env, build(env.builder, x, 1, &options, &out),
                                 WNNStatus_TypeError, name);
                strcpy(needle, "outputDataType) must be one of int32, int64, got ");
                strcat(needle, wnnOperandDataTypeString((WNNOperandDataType)t));
                th_assert_status(&env, build(env.builder, x, 1, &options, &out),
                                 WNNStatus_TypeError, needle);
            }
        }
        options.outputDataType = (WNNOperandDataType)42;
        th_assert_status(&env, build(env.builder, x, 1, &options, &out), WNNStatus_TypeError,
                         "got invalid");
        options.outputDataType = WNNOperandDataType_Int32;
        th_assert_status(&env, build(env.builder, NULL, 0, NULL, &out), WNNStatus_TypeError,
                         "input is NULL");
        th_assert_status(&env, build(env.builder, foreign, 0, NULL, &out), WNNStatus_TypeError,
                         "input was created by another builder");
        th_assert_status(&env, build(env.builder, x, 0, NULL, NULL), WNNStatus_InvalidArgument,
                         "output pointer is NULL");
        ck_assert_int_eq(build(NULL, x, 0, NULL, &out), WNNStatus_InvalidArgument);
    }
    options.label = "am";
    th_assert_status(&env, wnnGraphBuilderArgMax(env.builder, x, 5, &options, &out),
                     WNNStatus_TypeError, "argMax[am]: axis");
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderArgMax(env.builder, x, 0, NULL, &out), WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderArgMin(env.builder, x, 0, NULL, &out),
                         WNNStatus_InvalidStateError, "argMin: the builder has already built");
        th_assert_status(&env, wnnGraphBuilderArgMax(env.builder, x, 0, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *arg_min_max_suite(void)
{
    Suite *s = suite_create("arg_min_max");
    TCase *t = tcase_create("core");
    tcase_add_test(t, small_matrix_both_axes);
    tcase_add_test(t, three_d_middle_axis);
    tcase_add_test(t, ties_take_the_first_index_and_are_marked);
    tcase_add_test(t, special_values);
    tcase_add_test(t, every_input_type);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, unspecified_input_elements_mark_only_their_outputs);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(arg_min_max_suite)
