/* tests/check_where.c - where: selection, three-way broadcasting, every data type. */
#include "harness.h"

#include <math.h>

START_TEST(selects_bit_for_bit_with_broadcast)
{
    th_env env;
    static const uint32_t sc[] = {2, 1}, st[] = {3}, sf[] = {2, 3};
    static const uint8_t c[] = {0, 9};
    static const float t[] = {NAN, INFINITY, -0.0f};
    static const float f[] = {1, 2, 3, 4, 5, 6};
    WNNOperand xc, xt, xf, out;
    th_result r;
    size_t rank;
    const uint32_t *shape;
    th_init(&env);
    xc = th_input(&env, WNNOperandDataType_Uint8, sc, 2, c);
    xt = th_input(&env, WNNOperandDataType_Float32, st, 1, t);
    xf = th_input(&env, WNNOperandDataType_Float32, sf, 2, f);
    ck_assert_int_eq(wnnGraphBuilderWhere(env.builder, xc, xt, xf, NULL, &out), WNNStatus_Success);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, 2);
    ck_assert_uint_eq(shape[0], 2);
    ck_assert_uint_eq(shape[1], 3);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert(th_same(th_get(&r, 0), 1.0));
    ck_assert(th_same(th_get(&r, 2), 3.0));
    ck_assert(isnan(th_get(&r, 3)));
    ck_assert(th_same(th_get(&r, 4), INFINITY));
    ck_assert(th_same(th_get(&r, 5), -0.0));
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(integer_types_exact)
{
    th_env env;
    static const uint32_t s[] = {2};
    static const uint8_t c[] = {1, 0};
    static const int64_t t[] = {9007199254740993LL, 0}, f[] = {0, INT64_MIN};
    static const uint64_t ut[] = {18446744073709551615ULL, 0}, uf[] = {0, 7};
    WNNOperand outs[2];
    th_result r[2];
    th_init(&env);
    {
        WNNOperand xc = th_input(&env, WNNOperandDataType_Uint8, s, 1, c);
        WNNOperand a = th_input(&env, WNNOperandDataType_Int64, s, 1, t);
        WNNOperand b = th_input(&env, WNNOperandDataType_Int64, s, 1, f);
        WNNOperand ua = th_input(&env, WNNOperandDataType_Uint64, s, 1, ut);
        WNNOperand ub = th_input(&env, WNNOperandDataType_Uint64, s, 1, uf);
        ck_assert_int_eq(wnnGraphBuilderWhere(env.builder, xc, a, b, NULL, &outs[0]), WNNStatus_Success);
        ck_assert_int_eq(wnnGraphBuilderWhere(env.builder, xc, ua, ub, NULL, &outs[1]), WNNStatus_Success);
    }
    ck_assert_int_eq(th_run(&env, 2, outs, r), WNNStatus_Success);
    ck_assert(((int64_t *)r[0].data)[0] == 9007199254740993LL);
    ck_assert(((int64_t *)r[0].data)[1] == INT64_MIN);
    ck_assert(((uint64_t *)r[1].data)[0] == 18446744073709551615ULL);
    ck_assert(((uint64_t *)r[1].data)[1] == 7);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

START_TEST(zero_size_and_errors)
{
    th_env env;
    static const uint32_t s0[] = {0}, s2[] = {2}, s3[] = {3}, s1[] = {1};
    static const uint8_t c[3] = {0};
    static const float f[3] = {0};
    static const int32_t i[3] = {0};
    WNNOperand c0, c2, c3, f1, f2, f3, i2, out = NULL;
    th_result r;
    th_init(&env);
    c0 = th_input(&env, WNNOperandDataType_Uint8, s0, 1, c);
    c2 = th_input(&env, WNNOperandDataType_Uint8, s2, 1, c);
    c3 = th_input(&env, WNNOperandDataType_Uint8, s3, 1, c);
    f1 = th_input(&env, WNNOperandDataType_Float32, s1, 1, f);
    f2 = th_input(&env, WNNOperandDataType_Float32, s2, 1, f);
    f3 = th_input(&env, WNNOperandDataType_Float32, s3, 1, f);
    i2 = th_input(&env, WNNOperandDataType_Int32, s2, 1, i);
    th_assert_status(&env, wnnGraphBuilderWhere(env.builder, f2, f2, f2, NULL, &out),
                     WNNStatus_TypeError, "where: the data type of condition must be one of uint8, got float32");
    th_assert_status(&env, wnnGraphBuilderWhere(env.builder, c2, f2, i2, NULL, &out),
                     WNNStatus_TypeError, "data types of trueValue and falseValue must be equal");
    th_assert_status(&env, wnnGraphBuilderWhere(env.builder, c2, f2, f3, NULL, &out),
                     WNNStatus_TypeError, "trueValue and falseValue are not bidirectionally broadcastable");
    th_assert_status(&env, wnnGraphBuilderWhere(env.builder, c3, f2, f1, NULL, &out),
                     WNNStatus_TypeError, "condition is not bidirectionally broadcastable");
    th_assert_status(&env, wnnGraphBuilderWhere(env.builder, c2, NULL, f1, NULL, &out),
                     WNNStatus_TypeError, "where: trueValue is NULL");
    ck_assert_ptr_null(out);
    (void)c0;
    th_free(&env);
    /* an empty condition broadcast with one-element values gives an empty output */
    th_init(&env);
    c0 = th_input(&env, WNNOperandDataType_Uint8, s0, 1, c);
    f1 = th_input(&env, WNNOperandDataType_Float32, s1, 1, f);
    ck_assert_int_eq(wnnGraphBuilderWhere(env.builder, c0, f1, f1, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

static Suite *where_suite(void)
{
    Suite *s = suite_create("where");
    TCase *t = tcase_create("core");
    tcase_add_test(t, selects_bit_for_bit_with_broadcast);
    tcase_add_test(t, integer_types_exact);
    tcase_add_test(t, zero_size_and_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(where_suite)
