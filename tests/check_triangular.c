/* tests/check_triangular.c - triangular. */
#include "movement.h"

#include <math.h>

typedef struct tri_arg {
    int upper;
    int32_t diagonal;
} tri_arg;

static WNNStatus build_triangular(WNNGraphBuilder b, WNNOperand x, const void *arg,
                                  WNNOperand *out)
{
    const tri_arg *a = (const tri_arg *)arg;
    WNNTriangularOptions o = WNN_TRIANGULAR_OPTIONS_INIT;
    o.upper = (WNNBool)a->upper;
    o.diagonal = a->diagonal;
    return wnnGraphBuilderTriangular(b, x, &o, out);
}

/* The specification's examples on [[7,1,2],[9,4,8],[2,6,3]], expected outputs copied from
 * the text. */
static const float spec_input[] = {7, 1, 2, 9, 4, 8, 2, 6, 3};
static const struct {
    const char *name;
    int upper;
    int32_t diagonal;
    float want[9];
} spec_cases[] = {
    {"upper", 1, 0, {7, 1, 2, 0, 4, 8, 0, 0, 3}},
    {"upperPositive", 1, 1, {0, 1, 2, 0, 0, 8, 0, 0, 0}},
    {"upperNegative", 1, -1, {7, 1, 2, 9, 4, 8, 0, 6, 3}},
    {"lower", 0, 0, {7, 0, 0, 9, 4, 0, 2, 6, 3}},
    {"lowerPositive", 0, 1, {7, 1, 0, 9, 4, 8, 2, 6, 3}},
    {"lowerNegative", 0, -1, {0, 0, 0, 9, 0, 0, 2, 6, 0}},
};

START_TEST(spec_examples)
{
    static const uint32_t s33[] = {3, 3};
    size_t k, i;
    for (k = 0; k < sizeof spec_cases / sizeof spec_cases[0]; k++) {
        th_env env;
        th_result r;
        WNNOperand x, out;
        tri_arg a;
        size_t map[9];
        a.upper = spec_cases[k].upper;
        a.diagonal = spec_cases[k].diagonal;
        th_init(&env);
        x = th_input(&env, WNNOperandDataType_Float32, s33, 2, spec_input);
        ck_assert_int_eq(build_triangular(env.builder, x, &a, &out), WNNStatus_Success);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        for (i = 0; i < 9; i++)
            ck_assert_msg(th_same(th_get(&r, i), (double)spec_cases[k].want[i]),
                          "%s element %lu: %g", spec_cases[k].name, (unsigned long)i,
                          th_get(&r, i));
        th_result_free(&r);
        th_free(&env);
        /* the same positions kept or zeroed in every data type (the input has no zero) */
        for (i = 0; i < 9; i++)
            map[i] = spec_cases[k].want[i] != 0 ? i : MV_ZERO;
        mv_check(spec_cases[k].name, build_triangular, &a, s33, 2, s33, 2, map);
    }
}
END_TEST

START_TEST(batches_and_non_square_matrices)
{
    /* [2,2,3], upper, diagonal 1: in each matrix keep (0,1), (0,2), (1,2) */
    static const uint32_t s223[] = {2, 2, 3}, s42[] = {4, 2}, s24[] = {2, 4};
    static const size_t upper1[] = {MV_ZERO, 1, 2, MV_ZERO, MV_ZERO, 5,
                                    MV_ZERO, 7, 8, MV_ZERO, MV_ZERO, 11};
    /* [4,2] lower, diagonal -1: keep (1,0), (2,0), (2,1), (3,0), (3,1) */
    static const size_t lowerm1[] = {MV_ZERO, MV_ZERO, 2, MV_ZERO, 4, 5, 6, 7};
    /* [2,4] upper: diagonal -1 keeps everything in a 2-row matrix (j - i >= -1 always);
     * diagonal 2 keeps (0,2), (0,3), (1,3) */
    static const size_t all8[] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const size_t upper2[] = {MV_ZERO, MV_ZERO, 2, 3, MV_ZERO, MV_ZERO, MV_ZERO, 7};
    tri_arg a;
    a.upper = 1;
    a.diagonal = 1;
    mv_check("[2,2,3] upper 1", build_triangular, &a, s223, 3, s223, 3, upper1);
    a.upper = 0;
    a.diagonal = -1;
    mv_check("[4,2] lower -1", build_triangular, &a, s42, 2, s42, 2, lowerm1);
    a.upper = 1;
    mv_check("[2,4] upper -1", build_triangular, &a, s24, 2, s24, 2, all8);
    a.diagonal = 2;
    mv_check("[2,4] upper 2", build_triangular, &a, s24, 2, s24, 2, upper2);
}
END_TEST

START_TEST(extreme_diagonals)
{
    /* the int32 extremes cannot overflow j - i: everything or nothing is kept */
    static const uint32_t s23[] = {2, 3};
    static const size_t all[] = {0, 1, 2, 3, 4, 5};
    static const size_t none[] = {MV_ZERO, MV_ZERO, MV_ZERO, MV_ZERO, MV_ZERO, MV_ZERO};
    tri_arg a;
    a.upper = 1;
    a.diagonal = INT32_MAX;
    mv_check("upper INT32_MAX", build_triangular, &a, s23, 2, s23, 2, none);
    a.diagonal = INT32_MIN;
    mv_check("upper INT32_MIN", build_triangular, &a, s23, 2, s23, 2, all);
    a.upper = 0;
    mv_check("lower INT32_MIN", build_triangular, &a, s23, 2, s23, 2, none);
    a.diagonal = INT32_MAX;
    mv_check("lower INT32_MAX", build_triangular, &a, s23, 2, s23, 2, all);
    /* the diagonal just outside the matrix: upper 3 on [2,3] keeps nothing, upper -1 all */
    a.upper = 1;
    a.diagonal = 3;
    mv_check("upper 3", build_triangular, &a, s23, 2, s23, 2, none);
    a.diagonal = -1;
    mv_check("upper -1", build_triangular, &a, s23, 2, s23, 2, all);
}
END_TEST

START_TEST(wpt_default_case)
{
    /* WPT "triangular float32 2D tensor default options" (web-platform-tests, 3-Clause BSD
     * License): [4,6], upper, diagonal 0 zeroes (1,0), (2,0), (2,1), (3,0), (3,1), (3,2). */
    static const uint32_t s46[] = {4, 6};
    static const float in[] = {84.9194564819336f,   -86.21631622314453f, 50.38116455078125f,
                               -98.47772216796875f, -94.51172637939453f, -21.42218589782715f,
                               24.678754806518555f, -50.355342864990234f, -37.015724182128906f,
                               97.25071716308594f,  73.36241149902344f,  -75.12358856201172f,
                               41.64348602294922f,  58.862911224365234f, -29.916187286376953f,
                               67.48285675048828f,  42.132598876953125f, -70.27587127685547f,
                               20.88446617126465f,  71.37139892578125f,  -84.96932220458984f,
                               -88.97057342529297f, 77.58269500732422f,  91.03327178955078f};
    static const int zeroed[] = {6, 12, 13, 18, 19, 20};
    th_env env;
    th_result r;
    WNNOperand x, out;
    size_t i, z = 0;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, s46, 2, in);
    ck_assert_int_eq(wnnGraphBuilderTriangular(env.builder, x, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    for (i = 0; i < 24; i++) {
        if (z < 6 && (int)i == zeroed[z]) {
            ck_assert(th_same(th_get(&r, i), 0.0));
            z++;
        } else {
            ck_assert(th_same(th_get(&r, i), (double)in[i]));
        }
    }
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(special_values)
{
    /* kept: NaN with payload, -0, -inf and the smallest subnormal keep their bits; dropped:
     * NaN, -0 and inf become +0 */
    static const uint32_t s22[] = {2, 2};
    static const uint32_t f32[] = {0x7FC00123u, 0x80000000u, 0x7FC00001u, 0xFF800000u};
    static const uint16_t f16[] = {0x0001u, 0x7E01u, 0x8000u, 0x7C00u};
    static const int64_t i64[] = {9007199254740993LL, INT64_MIN, INT64_MAX, -9007199254740993LL};
    static const uint64_t u64[] = {18446744073709551615ULL, 9007199254740993ULL, 5, 7};
    th_env env;
    th_result r[4];
    WNNOperand x[4], outs[4];
    size_t k;
    th_init(&env);
    x[0] = th_input(&env, WNNOperandDataType_Float32, s22, 2, f32);
    x[1] = th_input(&env, WNNOperandDataType_Float16, s22, 2, f16);
    x[2] = th_input(&env, WNNOperandDataType_Int64, s22, 2, i64);
    x[3] = th_input(&env, WNNOperandDataType_Uint64, s22, 2, u64);
    for (k = 0; k < 4; k++)
        ck_assert_int_eq(wnnGraphBuilderTriangular(env.builder, x[k], NULL, &outs[k]),
                         WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 4, outs, r), WNNStatus_Success);
    /* upper, diagonal 0 on [2,2] drops element 2 only */
    ck_assert_uint_eq(((uint32_t *)r[0].data)[0], 0x7FC00123u);
    ck_assert_uint_eq(((uint32_t *)r[0].data)[1], 0x80000000u);
    ck_assert_uint_eq(((uint32_t *)r[0].data)[2], 0);
    ck_assert_uint_eq(((uint32_t *)r[0].data)[3], 0xFF800000u);
    ck_assert_uint_eq(((uint16_t *)r[1].data)[0], 0x0001u);
    ck_assert_uint_eq(((uint16_t *)r[1].data)[1], 0x7E01u);
    ck_assert_uint_eq(((uint16_t *)r[1].data)[2], 0);
    ck_assert_uint_eq(((uint16_t *)r[1].data)[3], 0x7C00u);
    ck_assert(((int64_t *)r[2].data)[0] == 9007199254740993LL);
    ck_assert(((int64_t *)r[2].data)[1] == INT64_MIN);
    ck_assert(((int64_t *)r[2].data)[2] == 0);
    ck_assert(((int64_t *)r[2].data)[3] == -9007199254740993LL);
    ck_assert(((uint64_t *)r[3].data)[0] == 18446744073709551615ULL);
    ck_assert(((uint64_t *)r[3].data)[1] == 9007199254740993ULL);
    ck_assert(((uint64_t *)r[3].data)[2] == 0);
    for (k = 0; k < 4; k++)
        th_result_free(&r[k]);
    th_free(&env);
}
END_TEST

START_TEST(zero_size)
{
    static const uint32_t s03[] = {0, 3}, s30[] = {3, 0}, s204[] = {2, 0, 4}, s023[] = {0, 2, 3};
    static const size_t map[1] = {0};
    tri_arg a;
    a.upper = 1;
    a.diagonal = 0;
    mv_check("[0,3]", build_triangular, &a, s03, 2, s03, 2, map);
    mv_check("[3,0]", build_triangular, &a, s30, 2, s30, 2, map);
    a.upper = 0;
    a.diagonal = -2;
    mv_check("[2,0,4]", build_triangular, &a, s204, 3, s204, 3, map);
    mv_check("[0,2,3]", build_triangular, &a, s023, 3, s023, 3, map);
}
END_TEST

START_TEST(unspecified_mask)
{
    /* add overflows in elements 1 (kept by upper) and 2 (zeroed): only the kept one stays
     * marked, as a zeroed element is 0 whatever the input held */
    static const uint32_t s22[] = {2, 2};
    static const int32_t a[] = {1, INT32_MAX, INT32_MAX, 4}, one[] = {1, 1, 1, 1};
    th_env env;
    th_result r;
    WNNOperand x, y, sum, out;
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Int32, s22, 2, a);
    y = th_input(&env, WNNOperandDataType_Int32, s22, 2, one);
    ck_assert_int_eq(wnnGraphBuilderAdd(env.builder, x, y, NULL, &sum), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTriangular(env.builder, sum, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ck_assert_int_eq(r.mask[0], 0);
    ck_assert_int_eq(r.mask[1], 1);
    ck_assert_int_eq(r.mask[2], 0);
    ck_assert_int_eq(r.mask[3], 0);
    ck_assert_int_eq(((int32_t *)r.data)[2], 0);
    ck_assert_int_eq(((int32_t *)r.data)[3], 5);
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(validation)
{
    th_env env, other;
    static const uint32_t s3[] = {3}, s22[] = {2, 2};
    static const float f[4] = {0};
    static const int8_t i4[4] = {0};
    WNNTriangularOptions o = WNN_TRIANGULAR_OPTIONS_INIT;
    WNNOperand v, scalar, x, foreign, nibbles, out = NULL;
    th_init(&env);
    th_init(&other);
    v = th_input(&env, WNNOperandDataType_Float32, s3, 1, f);
    scalar = th_input(&env, WNNOperandDataType_Float32, NULL, 0, f);
    x = th_input(&env, WNNOperandDataType_Float32, s22, 2, f);
    foreign = th_input(&other, WNNOperandDataType_Float32, s22, 2, f);
    nibbles = th_input(&env, WNNOperandDataType_Int4, s22, 2, i4);
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, v, NULL, &out),
                     WNNStatus_TypeError, "triangular: the input's rank must be at least 2, got 1");
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, scalar, NULL, &out),
                     WNNStatus_TypeError, "at least 2, got 0");
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, NULL, NULL, &out),
                     WNNStatus_TypeError, "triangular: input is NULL");
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, foreign, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, nibbles, NULL, &out),
                     WNNStatus_TypeError, "the data type of input must be one of");
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, x, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_int_eq(wnnGraphBuilderTriangular(NULL, x, NULL, &out), WNNStatus_InvalidArgument);
    o.label = "tri";
    th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, v, &o, &out),
                     WNNStatus_TypeError, "triangular[tri]: the input's rank");
    ck_assert_ptr_null(out);
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderTriangular(env.builder, x, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderTriangular(env.builder, x, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *triangular_suite(void)
{
    Suite *s = suite_create("triangular");
    TCase *t = tcase_create("core");
    tcase_add_test(t, spec_examples);
    tcase_add_test(t, batches_and_non_square_matrices);
    tcase_add_test(t, extreme_diagonals);
    tcase_add_test(t, wpt_default_case);
    tcase_add_test(t, special_values);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, unspecified_mask);
    tcase_add_test(t, validation);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(triangular_suite)
