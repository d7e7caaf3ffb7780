/* tests/check_clamp.c - clamp: absent and NaN bounds, the cast of bounds, every data type. */
#include "harness.h"

#include <float.h>
#include <math.h>

static WNNStatus run_clamp(th_env *env, WNNOperandDataType type, const void *data, uint32_t n,
                           const WNNClampOptions *options, th_result *r)
{
    WNNOperand x, out;
    WNNStatus s;
    x = th_input(env, type, &n, 1, data);
    s = wnnGraphBuilderClamp(env->builder, x, options, &out);
    if (s)
        return s;
    return th_run(env, 1, &out, r);
}

static const double grid[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, -1.0, 0.5, 2.0, 3.0,
                              0x1p-149, FLT_MAX, -FLT_MAX};
#define GRID_N (sizeof grid / sizeof grid[0])

START_TEST(float_bounds_on_special_values)
{
    /* For each pair of bounds (absent, NaN, or a value), every grid input. */
    static const double bounds[] = {0.0 /* absent */, NAN, -1.0, 0.0, 2.0, INFINITY};
    size_t lo, hi, i;
    float data[GRID_N];
    th_pack(WNNOperandDataType_Float32, grid, GRID_N, data);
    for (lo = 0; lo < 6; lo++)
        for (hi = 0; hi < 6; hi++) {
            WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
            th_env env;
            th_result r;
            int hasLo = lo != 0 && !isnan(bounds[lo]), hasHi = hi != 0 && !isnan(bounds[hi]);
            o.hasMinValue = lo != 0;
            o.minValue = wnnNumberFromDouble(bounds[lo]);
            o.hasMaxValue = hi != 0;
            o.maxValue = wnnNumberFromDouble(bounds[hi]);
            th_init(&env);
            if (hasLo && hasHi && bounds[lo] > bounds[hi]) {
                th_assert_status(&env, run_clamp(&env, WNNOperandDataType_Float32, data, GRID_N, &o, &r),
                                 WNNStatus_TypeError, "clamp: minValue must not be greater than maxValue");
                th_free(&env);
                continue;
            }
            ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Float32, data, GRID_N, &o, &r),
                             WNNStatus_Success);
            for (i = 0; i < GRID_N; i++) {
                double x = (double)data[i], want = x;
                if (hasLo && x < bounds[lo])
                    want = bounds[lo];
                if (hasHi && want > bounds[hi])
                    want = bounds[hi];
                ck_assert_msg(th_same(th_get(&r, i), want), "clamp(%a, %a, %a) = %a, want %a", x,
                              bounds[lo], bounds[hi], th_get(&r, i), want);
            }
            th_result_free(&r);
            th_free(&env);
        }
}
END_TEST

START_TEST(bounds_are_cast_to_the_input_type)
{
    WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
    th_env env;
    th_result r;
    static const int8_t data[] = {-128, -3, 0, 3, 127};
    static const uint16_t h[] = {0x3C00, 0x3C01, 0x3BFF}; /* 1, 1+2^-10, 1-2^-11 */
    /* int8: 2.5 -> 2 (half even), -300 -> -128 */
    o.hasMinValue = 1;
    o.minValue = wnnNumberFromDouble(-300.0);
    o.hasMaxValue = 1;
    o.maxValue = wnnNumberFromDouble(2.5);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Int8, data, 5, &o, &r), WNNStatus_Success);
    ck_assert_int_eq(((int8_t *)r.data)[0], -128);
    ck_assert_int_eq(((int8_t *)r.data)[3], 2);
    ck_assert_int_eq(((int8_t *)r.data)[4], 2);
    th_result_free(&r);
    th_free(&env);
    /* int8: min 2.4 and max 1.6 both cast to 2: equal bounds are allowed */
    o.minValue = wnnNumberFromDouble(2.4);
    o.maxValue = wnnNumberFromDouble(1.6);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Int8, data, 5, &o, &r), WNNStatus_Success);
    ck_assert_int_eq(((int8_t *)r.data)[0], 2);
    th_result_free(&r);
    th_free(&env);
    /* float16: max 1.0001 rounds to 1.0 */
    o.hasMinValue = 0;
    o.maxValue = wnnNumberFromDouble(1.0001);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Float16, h, 3, &o, &r), WNNStatus_Success);
    ck_assert_int_eq(((uint16_t *)r.data)[1], 0x3C00);
    ck_assert_int_eq(((uint16_t *)r.data)[2], 0x3BFF);
    th_result_free(&r);
    th_free(&env);
    /* min > max only after casting: uint8 min 300 -> 255 > max 200 */
    o.hasMinValue = 1;
    o.minValue = wnnNumberFromDouble(300.0);
    o.maxValue = wnnNumberFromDouble(200.0);
    th_init(&env);
    th_assert_status(&env, run_clamp(&env, WNNOperandDataType_Uint8, data, 5, &o, &r),
                     WNNStatus_TypeError, "after casting to uint8, got 255 and 200");
    th_free(&env);
}
END_TEST

START_TEST(integer_types_and_64_bit_bounds)
{
    WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
    th_env env;
    th_result r;
    static const int64_t data[] = {INT64_MIN, 9007199254740993LL, 9007199254740995LL, INT64_MAX};
    static const uint64_t udata[] = {0, 18446744073709551615ULL};
    static const uint32_t u32[] = {0, 4000000000u};
    o.hasMinValue = 1;
    o.minValue = wnnNumberFromInt64(-9007199254740993LL);
    o.hasMaxValue = 1;
    o.maxValue = wnnNumberFromInt64(9007199254740994LL);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Int64, data, 4, &o, &r), WNNStatus_Success);
    ck_assert(((int64_t *)r.data)[0] == -9007199254740993LL);
    ck_assert(((int64_t *)r.data)[1] == 9007199254740993LL);
    ck_assert(((int64_t *)r.data)[2] == 9007199254740994LL);
    ck_assert(((int64_t *)r.data)[3] == 9007199254740994LL);
    th_result_free(&r);
    th_free(&env);
    o.minValue = wnnNumberFromUint64(1);
    o.maxValue = wnnNumberFromUint64(18446744073709551614ULL);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Uint64, udata, 2, &o, &r), WNNStatus_Success);
    ck_assert(((uint64_t *)r.data)[0] == 1);
    ck_assert(((uint64_t *)r.data)[1] == 18446744073709551614ULL);
    th_result_free(&r);
    th_free(&env);
    /* uint32 with a bound above 2^31: unsigned cast bounds */
    o.minValue = wnnNumberFromDouble(3e9);
    o.hasMaxValue = 0;
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Uint32, u32, 2, &o, &r), WNNStatus_Success);
    ck_assert_uint_eq(((uint32_t *)r.data)[0], 3000000000u);
    ck_assert_uint_eq(((uint32_t *)r.data)[1], 4000000000u);
    th_result_free(&r);
    th_free(&env);
    /* NaN bound on an integer type: no bound (not 0) */
    o.minValue = wnnNumberFromDouble(NAN);
    th_init(&env);
    ck_assert_int_eq(run_clamp(&env, WNNOperandDataType_Uint32, u32, 2, &o, &r), WNNStatus_Success);
    ck_assert_uint_eq(((uint32_t *)r.data)[0], 0);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(zero_size_and_errors)
{
    th_env env, other;
    th_result r;
    WNNOperand x, out = NULL;
    WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
    static const uint32_t s0[] = {3, 0};
    static const float f[1] = {0};
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s0, 2, f);
    ck_assert_int_eq(wnnGraphBuilderClamp(env.builder, x, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    th_free(&env);
    th_init(&env);
    th_init(&other);
    x = th_input(&other, WNNOperandDataType_Float32, s0, 2, f);
    out = NULL;
    th_assert_status(&env, wnnGraphBuilderClamp(env.builder, x, NULL, &out), WNNStatus_TypeError,
                     "clamp: input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderClamp(env.builder, NULL, NULL, &out),
                     WNNStatus_TypeError, "clamp: input is NULL");
    o.label = "c1";
    o.hasMinValue = o.hasMaxValue = 1;
    o.minValue = wnnNumberFromDouble(1.0);
    o.maxValue = wnnNumberFromDouble(-1.0);
    x = th_input(&env, WNNOperandDataType_Float32, s0, 2, f);
    th_assert_status(&env, wnnGraphBuilderClamp(env.builder, x, &o, &out), WNNStatus_TypeError,
                     "clamp[c1]: minValue must not be greater than maxValue");
    ck_assert_ptr_null(out);
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *clamp_suite(void)
{
    Suite *s = suite_create("clamp");
    TCase *t = tcase_create("core");
    tcase_add_test(t, float_bounds_on_special_values);
    tcase_add_test(t, bounds_are_cast_to_the_input_type);
    tcase_add_test(t, integer_types_and_64_bit_bounds);
    tcase_add_test(t, zero_size_and_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(clamp_suite)
