/* tests/check_cast.c - cast between every pair of data types. */
#include "harness.h"

#include <float.h>
#include <math.h>

static void run_cast(WNNOperandDataType from, WNNOperandDataType to, const void *data,
                     uint32_t n, th_result *r)
{
    th_env env;
    WNNOperand x, out;
    size_t rank;
    th_init(&env);
    x = th_input(&env, from, &n, 1, data);
    ck_assert_int_eq(wnnGraphBuilderCast(env.builder, x, to, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnOperandGetDataType(out), to);
    ck_assert_uint_eq(wnnOperandGetShape(out, &rank)[0], n);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

START_TEST(float_to_integer_truncates_and_marks_out_of_range)
{
    static const float f[] = {2.9f, -2.9f, -0.0f, 127.9f, 128.0f, -128.9f, -129.0f, NAN,
                              INFINITY, -INFINITY, 0x1p-149f};
    static const int8_t want8[] = {2, -2, 0, 127, 127, -128, -128, 0, 127, -128, 0};
    static const uint8_t mark8[] = {0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0};
    static const uint8_t wantU8[] = {2, 0, 0, 127, 128, 0, 0, 0, 255, 0, 0};
    static const uint8_t markU8[] = {0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0};
    th_result r;
    size_t i;
    run_cast(WNNOperandDataType_Float32, WNNOperandDataType_Int8, f, 11, &r);
    for (i = 0; i < 11; i++) {
        ck_assert_msg(((int8_t *)r.data)[i] == want8[i], "int8 %lu: %d", (unsigned long)i,
                      ((int8_t *)r.data)[i]);
        ck_assert_msg(r.mask[i] == mark8[i], "int8 mask %lu", (unsigned long)i);
    }
    th_result_free(&r);
    run_cast(WNNOperandDataType_Float32, WNNOperandDataType_Uint8, f, 11, &r);
    for (i = 0; i < 11; i++) {
        ck_assert_msg(((uint8_t *)r.data)[i] == wantU8[i], "uint8 %lu: %d", (unsigned long)i,
                      ((uint8_t *)r.data)[i]);
        ck_assert_msg(r.mask[i] == markU8[i], "uint8 mask %lu", (unsigned long)i);
    }
    th_result_free(&r);
}
END_TEST

START_TEST(float_to_64_bit_integers)
{
    static const float f[] = {9.2233715e18f, -9.223372e18f, 1.8446743e19f, 16777217.0f};
    th_result r;
    /* 2^63 is out of int64 range, -2^63 is in range; 2^64 is out of uint64 range */
    run_cast(WNNOperandDataType_Float32, WNNOperandDataType_Int64, f, 4, &r);
    ck_assert(((int64_t *)r.data)[0] == 9223371487098961920LL);
    ck_assert_int_eq(r.mask[0], 0);
    ck_assert(((int64_t *)r.data)[1] == INT64_MIN);
    ck_assert_int_eq(r.mask[1], 0);
    ck_assert(((int64_t *)r.data)[2] == INT64_MAX);
    ck_assert_int_eq(r.mask[2], 1);
    th_result_free(&r);
    run_cast(WNNOperandDataType_Float32, WNNOperandDataType_Uint64, f, 4, &r);
    ck_assert(((uint64_t *)r.data)[2] == 18446742974197923840ULL);
    ck_assert_int_eq(r.mask[2], 0);
    ck_assert(((uint64_t *)r.data)[3] == 16777216ULL);
    th_result_free(&r);
}
END_TEST

START_TEST(integer_to_integer_wraps)
{
    static const int32_t i32[] = {-1, 256, 300, -129, 2147483647};
    static const int64_t i64[] = {-1, 4294967296LL + 5, INT64_MIN};
    static const uint64_t u64[] = {18446744073709551615ULL, 9223372036854775808ULL};
    th_result r;
    run_cast(WNNOperandDataType_Int32, WNNOperandDataType_Uint8, i32, 5, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[0], 255);
    ck_assert_int_eq(((uint8_t *)r.data)[1], 0);
    ck_assert_int_eq(((uint8_t *)r.data)[2], 44);
    ck_assert_int_eq(((uint8_t *)r.data)[3], 127);
    ck_assert_uint_eq(r.unspecified, 0); /* wrapping is defined */
    th_result_free(&r);
    run_cast(WNNOperandDataType_Int32, WNNOperandDataType_Int8, i32, 5, &r);
    ck_assert_int_eq(((int8_t *)r.data)[2], 44);
    ck_assert_int_eq(((int8_t *)r.data)[3], 127);
    ck_assert_int_eq(((int8_t *)r.data)[4], -1);
    th_result_free(&r);
    run_cast(WNNOperandDataType_Int64, WNNOperandDataType_Uint32, i64, 3, &r);
    ck_assert_uint_eq(((uint32_t *)r.data)[0], 4294967295u);
    ck_assert_uint_eq(((uint32_t *)r.data)[1], 5);
    ck_assert_uint_eq(((uint32_t *)r.data)[2], 0);
    th_result_free(&r);
    run_cast(WNNOperandDataType_Uint64, WNNOperandDataType_Int64, u64, 2, &r);
    ck_assert(((int64_t *)r.data)[0] == -1);
    ck_assert(((int64_t *)r.data)[1] == INT64_MIN);
    th_result_free(&r);
    run_cast(WNNOperandDataType_Int64, WNNOperandDataType_Uint64, i64, 3, &r);
    ck_assert(((uint64_t *)r.data)[0] == 18446744073709551615ULL);
    th_result_free(&r);
}
END_TEST

START_TEST(to_float_rounds_once)
{
    static const int64_t i64[] = {16777217, 9007199254740993LL, INT64_MAX, 65519, 65520, -70000};
    static const double f[] = {0.1, 1e39, 0x1p-150, 65520.0, 1.0 + 0x1p-11, -0.0, NAN};
    float f32[7];
    th_result r;
    run_cast(WNNOperandDataType_Int64, WNNOperandDataType_Float32, i64, 6, &r);
    ck_assert(th_same(th_get(&r, 0), 16777216.0));
    ck_assert(th_same(th_get(&r, 1), 9007199254740992.0));
    ck_assert(th_same(th_get(&r, 2), 9223372036854775808.0));
    th_result_free(&r);
    run_cast(WNNOperandDataType_Int64, WNNOperandDataType_Float16, i64, 6, &r);
    ck_assert(th_same(th_get(&r, 3), 65504.0));
    ck_assert(th_same(th_get(&r, 4), INFINITY));
    ck_assert(th_same(th_get(&r, 5), -INFINITY));
    ck_assert(th_same(th_get(&r, 2), INFINITY));
    th_result_free(&r);
    th_pack(WNNOperandDataType_Float32, f, 7, f32);
    run_cast(WNNOperandDataType_Float32, WNNOperandDataType_Float16, f32, 7, &r);
    ck_assert(th_same(th_get(&r, 0), 0x1.998p-4)); /* float32 0.1 -> nearest float16 */
    ck_assert(th_same(th_get(&r, 1), INFINITY));
    ck_assert(th_same(th_get(&r, 2), 0.0));
    ck_assert(th_same(th_get(&r, 3), INFINITY));
    ck_assert(th_same(th_get(&r, 4), 1.0));
    ck_assert(th_same(th_get(&r, 5), -0.0));
    ck_assert(isnan(th_get(&r, 6)));
    th_result_free(&r);
    {
        static const uint16_t h[] = {0x0001, 0x7BFF, 0xFC00};
        run_cast(WNNOperandDataType_Float16, WNNOperandDataType_Float32, h, 3, &r);
        ck_assert(th_same(th_get(&r, 0), 0x1p-24));
        ck_assert(th_same(th_get(&r, 1), 65504.0));
        ck_assert(th_same(th_get(&r, 2), -INFINITY));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(every_type_pair_round_trips_small_values)
{
    /* 0..7 are exact in every type: casting any type to any other keeps them. */
    static const WNNOperandDataType types[] = {
        WNNOperandDataType_Float32, WNNOperandDataType_Float16, WNNOperandDataType_Int32,
        WNNOperandDataType_Uint32,  WNNOperandDataType_Int64,   WNNOperandDataType_Uint64,
        WNNOperandDataType_Int8,    WNNOperandDataType_Uint8,   WNNOperandDataType_Int4,
        WNNOperandDataType_Uint4};
    static const double values[] = {0, 1, 2, 3, 4, 5, 6, 7};
    size_t a, b, i;
    for (a = 0; a < 10; a++)
        for (b = 0; b < 10; b++) {
            unsigned char buf[64];
            th_result r;
            th_pack(types[a], values, 8, buf);
            run_cast(types[a], types[b], buf, 8, &r);
            for (i = 0; i < 8; i++)
                ck_assert_msg(th_get(&r, i) == values[i], "cast %d -> %d element %lu",
                              (int)types[a], (int)types[b], (unsigned long)i);
            ck_assert_uint_eq(r.unspecified, 0);
            th_result_free(&r);
        }
}
END_TEST

START_TEST(int4_extension_wraps)
{
    static const int32_t v[] = {7, 8, -9, 15, 16};
    th_result r;
    run_cast(WNNOperandDataType_Int32, WNNOperandDataType_Int4, v, 5, &r);
    ck_assert_int_eq(((int8_t *)r.data)[0], 7);
    ck_assert_int_eq(((int8_t *)r.data)[1], -8);
    ck_assert_int_eq(((int8_t *)r.data)[2], 7);
    ck_assert_int_eq(((int8_t *)r.data)[3], -1);
    th_result_free(&r);
    run_cast(WNNOperandDataType_Int32, WNNOperandDataType_Uint4, v, 5, &r);
    ck_assert_int_eq(((uint8_t *)r.data)[3], 15);
    ck_assert_int_eq(((uint8_t *)r.data)[4], 0);
    th_result_free(&r);
}
END_TEST

START_TEST(zero_size_and_errors)
{
    th_env env;
    static const uint32_t s0[] = {0, 4};
    static const float f[1] = {0};
    WNNOperand x, out = NULL;
    th_result r;
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s0, 2, f);
    th_assert_status(&env, wnnGraphBuilderCast(env.builder, x, (WNNOperandDataType)77, NULL, &out),
                     WNNStatus_TypeError, "cast: the data type of the target dataType must be one of");
    o.label = "k";
    th_assert_status(&env, wnnGraphBuilderCast(env.builder, NULL, WNNOperandDataType_Int8, &o, &out),
                     WNNStatus_TypeError, "cast[k]: input is NULL");
    ck_assert_int_eq(wnnGraphBuilderCast(env.builder, x, WNNOperandDataType_Int64, NULL, &out),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

static Suite *cast_suite(void)
{
    Suite *s = suite_create("cast");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float_to_integer_truncates_and_marks_out_of_range);
    tcase_add_test(t, float_to_64_bit_integers);
    tcase_add_test(t, integer_to_integer_wraps);
    tcase_add_test(t, to_float_rounds_once);
    tcase_add_test(t, every_type_pair_round_trips_small_values);
    tcase_add_test(t, int4_extension_wraps);
    tcase_add_test(t, zero_size_and_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(cast_suite)
