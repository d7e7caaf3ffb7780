/* tests/check_matmul.c - matmul and gemm.
 *
 * Expected values come from hand computation or from a plain triple loop in this file over
 * small integers (whose sums are exact, so any summation order gives the same bits). Two
 * cases are web-platform-tests data (see the notice below). */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* NaN and infinity as doubles (math.h gives floats; clang warns on the promotion). */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

/* ---- helpers ----------------------------------------------------------------------------- */

static size_t count_of(const uint32_t *shape, size_t rank)
{
    size_t n = 1, i;
    for (i = 0; i < rank; i++)
        n *= shape[i];
    return n;
}

/* Deterministic small integers in [-4, 4]. */
static void fill_ints(double *v, size_t n, unsigned seed)
{
    size_t i;
    unsigned s = seed * 2654435761u + 12345u;
    for (i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        v[i] = (double)((int)((s >> 16) % 9u) - 4);
    }
}

/* Raw elements of `type` from doubles; the caller frees. */
static void *pack(WNNOperandDataType type, const double *v, size_t n)
{
    void *buf = malloc(n ? n * wnnOperandDataTypeByteSize(type) : 1);
    ck_assert_ptr_nonnull(buf);
    th_pack(type, v, n, buf);
    return buf;
}

static void run_matmul(WNNOperandDataType type, const uint32_t *sa, size_t ra, const double *a,
                       const uint32_t *sb, size_t rb, const double *b, th_result *r)
{
    th_env env;
    WNNOperand x, y, out;
    void *pa = pack(type, a, count_of(sa, ra)), *pb = pack(type, b, count_of(sb, rb));
    th_init(&env);
    x = th_input(&env, type, sa, ra, pa);
    y = th_input(&env, type, sb, rb, pb);
    ck_assert_msg(wnnGraphBuilderMatmul(env.builder, x, y, NULL, &out) == WNNStatus_Success,
                  "matmul: %s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
    free(pa);
    free(pb);
}

/* gemm on 2-D a and b, c (cRank dims, NULL: absent). */
static void run_gemm(WNNOperandDataType type, const uint32_t *sa, const double *a,
                     const uint32_t *sb, const double *b, const uint32_t *sc, size_t rc,
                     const double *c, WNNGemmOptions options, th_result *r)
{
    th_env env;
    WNNOperand x, y, out;
    void *pa = pack(type, a, count_of(sa, 2)), *pb = pack(type, b, count_of(sb, 2));
    void *pc = c ? pack(type, c, count_of(sc, rc)) : NULL;
    th_init(&env);
    x = th_input(&env, type, sa, 2, pa);
    y = th_input(&env, type, sb, 2, pb);
    options.c = c ? th_input(&env, type, sc, rc, pc) : NULL;
    ck_assert_msg(wnnGraphBuilderGemm(env.builder, x, y, &options, &out) == WNNStatus_Success,
                  "gemm: %s", wnnGraphBuilderGetErrorMessage(env.builder));
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
    free(pa);
    free(pb);
    free(pc);
}

/* Distance in units in the last place between two float32 values (sign-magnitude order). */
static long ulp_distance_f32(float x, float y)
{
    int32_t bx, by;
    long lx, ly;
    if (isnan(x) && isnan(y))
        return 0;
    memcpy(&bx, &x, 4);
    memcpy(&by, &y, 4);
    lx = bx < 0 ? -(long)(bx & 0x7FFFFFFF) : (long)bx;
    ly = by < 0 ? -(long)(by & 0x7FFFFFFF) : (long)by;
    return lx > ly ? lx - ly : ly - lx;
}

static void assert_values(const th_result *r, const double *want, size_t n, const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "%s[%lu] = %a, want %a", what,
                      (unsigned long)i, th_get(r, i), want[i]);
}

static void assert_shape(WNNOperand operand, const uint32_t *want, size_t rank)
{
    size_t got, i;
    const uint32_t *shape = wnnOperandGetShape(operand, &got);
    ck_assert_uint_eq(got, rank);
    for (i = 0; i < rank; i++)
        ck_assert_uint_eq(shape[i], want[i]);
}

/* ---- web-platform-tests data --------------------------------------------------------------
 * The two cases below are copied from web-platform-tests (webnn/conformance_tests), under the
 * 3-Clause BSD License, Copyright (c) web-platform-tests contributors. */

/* "matmul float32 3D and 2D tensors" (tolerance: 8 ULP) */
static const uint32_t mm32_a_shape[] = {2, 3, 4};
static const double mm32_a[] = {
    56.46701431274414, 99.86045837402344, 71.054931640625, 32.454383850097656,
    17.310747146606445, 2.586275100708008, 92.31499481201172, 96.9758529663086,
    26.472131729125977, 77.67031860351562, 29.278789520263672, 82.12142181396484,
    89.89308166503906, 82.49795532226562, 64.36865997314453, 23.75928497314453,
    6.670266628265381, 81.55583190917969, 16.142963409423828, 57.45134735107422,
    26.826417922973633, 85.02970123291016, 36.1988639831543, 89.60960388183594,
};
static const uint32_t mm32_b_shape[] = {4, 1};
static const double mm32_b[] = {
    27.829805374145508, 83.1454849243164, 34.41289520263672, 83.20379638671875,
};
static const double mm32_out[] = {
    15019.9462890625, 11942.376953125, 15035.0322265625, 13553.013671875, 12302.328125,
    16517.9765625,
};

/* "gemm two float32 2D tensors all options" (tolerance: 11 ULP): alpha 74.43204170482103,
 * beta 62.01828598608989, aTranspose, bTranspose, c [3, 5]. */
static const uint32_t gemm_all_a_shape[] = {4, 3};
static const double gemm_all_a[] = {
    82.98884582519531, 18.9648494720459, 50.51683807373047, 90.51641082763672,
    43.89479446411133, 40.45679473876953, 59.638519287109375, 98.89488220214844,
    50.76741409301758, 36.271873474121094, 91.46013641357422, 9.336554527282715,
};
static const uint32_t gemm_all_b_shape[] = {5, 4};
static const double gemm_all_b[] = {
    25.14739227294922, 0.0037256532814353704, 75.74880981445312, 42.90679168701172,
    66.6923828125, 16.4991455078125, 96.60688018798828, 34.08055114746094, 63.29909896850586,
    3.036668062210083, 99.10041809082031, 87.37654876708984, 10.629964828491211,
    93.14022064208984, 23.2437744140625, 92.34209442138672, 61.32737731933594,
    70.08265686035156, 86.11856842041016, 60.32209014892578,
};
static const uint32_t gemm_all_c_shape[] = {3, 5};
static const double gemm_all_c[] = {
    82.77201843261719, 91.38520812988281, 12.651897430419922, 20.12200355529785,
    68.51224517822266, 35.202415466308594, 13.33466625213623, 50.78546905517578,
    88.61195373535156, 30.577470779418945, 69.47061920166016, 7.166217803955078,
    28.337108612060547, 90.69412231445312, 71.23025512695312,
};
static const double gemm_all_out[] = {
    612584.25, 1049638.375, 1088050.75, 1046908.875, 1400378.125, 887367.0625, 1091999.0,
    1426718.125, 1124527.625, 1361999.125, 414927.0, 689630.625, 684105.1875, 478069.46875,
    813389.875,
};

static void assert_within_ulp(const th_result *r, const double *want, size_t n, long ulp)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++) {
        long d = ulp_distance_f32((float)th_get(r, i), (float)want[i]);
        ck_assert_msg(d <= ulp, "element %lu: %.9g vs %.9g, %ld ULP", (unsigned long)i,
                      th_get(r, i), want[i], d);
    }
}

/* ---- matmul ------------------------------------------------------------------------------ */

START_TEST(matmul_2d_by_hand)
{
    static const uint32_t sa[] = {2, 3}, sb[] = {3, 2};
    static const double a[] = {1, 2, 3, 4, 5, 6}, b[] = {7, 8, 9, 10, 11, 12};
    static const double want[] = {58, 64, 139, 154};
    th_result r;
    run_matmul(WNNOperandDataType_Float32, sa, 2, a, sb, 2, b, &r);
    assert_values(&r, want, 4, "matmul");
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_matmul(WNNOperandDataType_Float16, sa, 2, a, sb, 2, b, &r);
    assert_values(&r, want, 4, "matmul f16");
    th_result_free(&r);
}
END_TEST

/* Batch broadcasting against a plain loop: a [2,1,2,3] x b [3,3,2] -> [2,3,2,2], and
 * a [3,2] x b [2,1,2,4] -> [2,1,3,4]. */
START_TEST(matmul_broadcasts_batch_dimensions)
{
    static const struct {
        size_t ra, rb;
        uint32_t sa[5], sb[5], so[5];
        size_t ro;
    } cases[] = {
        {4, 3, {2, 1, 2, 3}, {3, 3, 2}, {2, 3, 2, 2}, 4},
        {2, 4, {3, 2}, {2, 1, 2, 4}, {2, 1, 3, 4}, 4},
        {3, 3, {1, 2, 5}, {4, 5, 3}, {4, 2, 3}, 3},
        {5, 2, {2, 1, 2, 2, 3}, {3, 2}, {2, 1, 2, 2, 2}, 5},
    };
    size_t t;
    for (t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        double a[64], b[64], want[64];
        size_t na = count_of(cases[t].sa, cases[t].ra), nb = count_of(cases[t].sb, cases[t].rb);
        size_t no = count_of(cases[t].so, cases[t].ro), o;
        uint32_t M = cases[t].sa[cases[t].ra - 2], K = cases[t].sa[cases[t].ra - 1];
        uint32_t N = cases[t].sb[cases[t].rb - 1];
        th_result r;
        fill_ints(a, na, (unsigned)t + 1);
        fill_ints(b, nb, (unsigned)t + 100);
        /* Plain loop: decompose the output batch index, map each coordinate into a and b
         * (right-aligned, size-1 dimensions repeat). */
        for (o = 0; o < no; o++) {
            size_t batch = o / (M * N), i = (o / N) % M, j = o % N, k, d;
            size_t ro = cases[t].ro, ab = 0, bb = 0, rem = batch;
            size_t coord[8];
            double sum = 0;
            for (d = ro - 2; d-- > 0;) {
                coord[d] = rem % cases[t].so[d];
                rem /= cases[t].so[d];
            }
            for (d = 0; d + 2 < ro; d++) {
                long da = (long)d - (long)(ro - cases[t].ra);
                long db = (long)d - (long)(ro - cases[t].rb);
                if (da >= 0)
                    ab = ab * cases[t].sa[da] + (cases[t].sa[da] == 1 ? 0 : coord[d]);
                if (db >= 0)
                    bb = bb * cases[t].sb[db] + (cases[t].sb[db] == 1 ? 0 : coord[d]);
            }
            for (k = 0; k < K; k++)
                sum += a[ab * M * K + i * K + k] * b[bb * K * N + k * N + j];
            want[o] = sum;
        }
        run_matmul(WNNOperandDataType_Float32, cases[t].sa, cases[t].ra, a, cases[t].sb,
                   cases[t].rb, b, &r);
        assert_values(&r, want, no, "broadcast matmul");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(matmul_output_shapes)
{
    th_env env;
    static const uint32_t s1[] = {7, 1, 2, 3}, s2[] = {5, 3, 4}, want[] = {7, 5, 2, 4};
    static const uint32_t s3[] = {2, 3}, s4[] = {6, 3, 1}, want2[] = {6, 2, 1};
    WNNOperand a, b, c, d, out;
    th_init(&env);
    a = th_input(&env, WNNOperandDataType_Float32, s1, 4, NULL);
    b = th_input(&env, WNNOperandDataType_Float32, s2, 3, NULL);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, a, b, NULL, &out), WNNStatus_Success);
    assert_shape(out, want, 4);
    c = th_input(&env, WNNOperandDataType_Float16, s3, 2, NULL);
    d = th_input(&env, WNNOperandDataType_Float16, s4, 3, NULL);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, c, d, NULL, &out), WNNStatus_Success);
    assert_shape(out, want2, 3);
    ck_assert_int_eq(wnnOperandGetDataType(out), WNNOperandDataType_Float16);
    th_free(&env);
}
END_TEST

START_TEST(matmul_wpt_case)
{
    th_result r;
    run_matmul(WNNOperandDataType_Float32, mm32_a_shape, 3, mm32_a, mm32_b_shape, 2, mm32_b, &r);
    assert_within_ulp(&r, mm32_out, 6, 8);
    th_result_free(&r);
}
END_TEST

/* float16: the exact sum 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9 and
 * rounds (once) to the even 1 + 2^-9; rounding after each addition would give 1 + 2^-10.
 * float32: 1 + 2^-24 + 2^-24 is exactly 1 + 2^-23 (representable), per-step rounding gives 1. */
START_TEST(matmul_rounds_once)
{
    static const uint32_t sa[] = {1, 3}, sb[] = {3, 1};
    static const double a16[] = {1.0, 0x1p-11, 0x1p-10}, a32[] = {1.0, 0x1p-24, 0x1p-24};
    static const double ones[] = {1, 1, 1};
    static const double want16[] = {1.0 + 0x1p-9}, want32[] = {1.0 + 0x1p-23};
    th_result r;
    run_matmul(WNNOperandDataType_Float16, sa, 2, a16, sb, 2, ones, &r);
    assert_values(&r, want16, 1, "f16 matmul");
    th_result_free(&r);
    run_matmul(WNNOperandDataType_Float32, sa, 2, a32, sb, 2, ones, &r);
    assert_values(&r, want32, 1, "f32 matmul");
    th_result_free(&r);
    {
        /* float16 overflow: 300 * 300 = 90000 > 65504 -> +inf; 255 * 256 = 65280 stays. */
        static const uint32_t s11[] = {1, 1};
        static const double x[] = {300}, y[] = {300}, x2[] = {255}, y2[] = {256};
        static const double inf[] = {DINF}, w2[] = {65280};
        run_matmul(WNNOperandDataType_Float16, s11, 2, x, s11, 2, y, &r);
        assert_values(&r, inf, 1, "f16 overflow");
        th_result_free(&r);
        run_matmul(WNNOperandDataType_Float16, s11, 2, x2, s11, 2, y2, &r);
        assert_values(&r, w2, 1, "f16 no overflow");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(matmul_special_values)
{
    /* Row i of a times column j of b; each row picks one special case. */
    static const uint32_t sa[] = {7, 2}, sb[] = {2, 1};
    static const double a[] = {DNAN, 1,  DINF, 1,  DINF, DINF,
                               0, 0,    -0.0, -0.0, 0x1p-149, 0, 3.0e38, 3.0e38};
    static const double b[] = {1, -1};
    /* NaN*1 + 1*-1 = NaN; inf - 1 = inf; inf + inf*-1 = inf - inf = NaN; 0 + -0 = 0;
     * -0*1 + -0*-1 = -0 + 0 = +0; subnormal stays; 3e38 - 3e38 = 0 exactly. */
    static const double want[] = {DNAN, DINF, DNAN, 0.0, 0.0, 0x1p-149, 0.0};
    static const uint32_t sz[] = {1, 1};
    static const double mz[] = {-0.0}, one[] = {1}, wz[] = {-0.0};
    static const double big[] = {3.0e38}, two[] = {2}, winf[] = {DINF};
    th_result r;
    run_matmul(WNNOperandDataType_Float32, sa, 2, a, sb, 2, b, &r);
    {
        double w[7];
        size_t i;
        for (i = 0; i < 7; i++)
            w[i] = (double)(float)want[i];
        w[5] = (double)0x1p-149f;
        assert_values(&r, w, 7, "special");
    }
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    /* -0 * 1 is -0: a sum of -0 terms keeps its sign. */
    run_matmul(WNNOperandDataType_Float32, sz, 2, mz, sz, 2, one, &r);
    assert_values(&r, wz, 1, "-0");
    th_result_free(&r);
    /* 3e38 * 2 overflows float32 (the double intermediate does not): +inf. */
    run_matmul(WNNOperandDataType_Float32, sz, 2, big, sz, 2, two, &r);
    assert_values(&r, winf, 1, "overflow");
    th_result_free(&r);
}
END_TEST

START_TEST(matmul_zero_size)
{
    th_env env;
    static const uint32_t a0[] = {2, 0}, b0[] = {0, 3}, want0[] = {2, 3};
    static const uint32_t am[] = {0, 4}, bm[] = {4, 3}, wantm[] = {0, 3};
    static const uint32_t ab[] = {0, 2, 4}, bb[] = {3, 4, 5}, wantb[] = {0, 2, 5};
    static const float none[1] = {0};
    static const float bdata[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    WNNOperand x, y, out[3];
    th_result r[3];
    size_t i;
    th_init(&env);
    /* K = 0: every element is the empty sum, +0. */
    x = th_input(&env, WNNOperandDataType_Float32, a0, 2, none);
    y = th_input(&env, WNNOperandDataType_Float32, b0, 2, none);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, x, y, NULL, &out[0]), WNNStatus_Success);
    assert_shape(out[0], want0, 2);
    /* M = 0 */
    x = th_input(&env, WNNOperandDataType_Float32, am, 2, none);
    y = th_input(&env, WNNOperandDataType_Float32, bm, 2, bdata);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, x, y, NULL, &out[1]), WNNStatus_Success);
    assert_shape(out[1], wantm, 2);
    /* an empty batch dimension: [0,2,4] x [3,4,5] is not broadcastable (0 vs 3)... */
    {
        th_env env2;
        WNNOperand x2, y2, bad;
        th_init(&env2);
        x2 = th_input(&env2, WNNOperandDataType_Float32, ab, 3, none);
        y2 = th_input(&env2, WNNOperandDataType_Float32, bb, 3, none);
        th_assert_status(&env2, wnnGraphBuilderMatmul(env2.builder, x2, y2, NULL, &bad),
                         WNNStatus_TypeError,
                         "not bidirectionally broadcastable, got [0] and [3]");
        th_free(&env2);
    }
    /* ... but [0,2,4] x [4,5] is: the output has an empty batch. */
    x = th_input(&env, WNNOperandDataType_Float32, ab, 3, none);
    {
        static const uint32_t b45[] = {4, 5};
        static const float zeros20[20] = {0};
        y = th_input(&env, WNNOperandDataType_Float32, b45, 2, zeros20);
        ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, x, y, NULL, &out[2]),
                         WNNStatus_Success);
        assert_shape(out[2], wantb, 3);
    }
    ck_assert_int_eq(th_run(&env, 3, out, r), WNNStatus_Success);
    ck_assert_uint_eq(r[0].count, 6);
    for (i = 0; i < 6; i++)
        ck_assert(th_same(th_get(&r[0], i), 0.0));
    ck_assert_uint_eq(r[1].count, 0);
    ck_assert_uint_eq(r[2].count, 0);
    for (i = 0; i < 3; i++)
        th_result_free(&r[i]);
    th_free(&env);
}
END_TEST

START_TEST(matmul_validation_errors)
{
    th_env env, other;
    static const uint32_t s23[] = {2, 3}, s32[] = {3, 2}, s3[] = {3}, s22[] = {2, 2};
    static const uint32_t s233[] = {2, 3, 3}, s432[] = {4, 3, 2};
    WNNOperand f23, f32, h32, i23, i32, v3, f22, b233, b432, foreign, out = NULL;
    WNNOperatorOptions options = WNN_OPERATOR_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    f23 = th_input(&env, WNNOperandDataType_Float32, s23, 2, NULL);
    f32 = th_input(&env, WNNOperandDataType_Float32, s32, 2, NULL);
    h32 = th_input(&env, WNNOperandDataType_Float16, s32, 2, NULL);
    i23 = th_input(&env, WNNOperandDataType_Int32, s23, 2, NULL);
    i32 = th_input(&env, WNNOperandDataType_Int32, s32, 2, NULL);
    v3 = th_input(&env, WNNOperandDataType_Float32, s3, 1, NULL);
    f22 = th_input(&env, WNNOperandDataType_Float32, s22, 2, NULL);
    b233 = th_input(&env, WNNOperandDataType_Float32, s233, 3, NULL);
    b432 = th_input(&env, WNNOperandDataType_Float32, s432, 3, NULL);
    foreign = th_input(&other, WNNOperandDataType_Float32, s32, 2, NULL);
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, NULL, f32, NULL, &out),
                     WNNStatus_TypeError, "matmul: a is NULL");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, foreign, NULL, &out),
                     WNNStatus_TypeError, "matmul: b was created by another builder");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, i23, i32, NULL, &out),
                     WNNStatus_TypeError, "matmul: the data type of a must be one of float32, "
                                          "float16, got int32");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, h32, NULL, &out),
                     WNNStatus_TypeError, "the data type of b must be a's (float32), got float16");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, v3, f32, NULL, &out),
                     WNNStatus_TypeError, "matmul: the rank of a must be at least 2, got 1");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, v3, NULL, &out),
                     WNNStatus_TypeError, "matmul: the rank of b must be at least 2, got 1");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, f22, NULL, &out),
                     WNNStatus_TypeError, "columns of a must equal the rows of b, got 3 and 2");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, b233, b432, NULL, &out),
                     WNNStatus_TypeError,
                     "batch shapes of a and b are not bidirectionally broadcastable, got [2] "
                     "and [4]");
    options.label = "mm";
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, f22, &options, &out),
                     WNNStatus_TypeError, "matmul[mm]: the columns");
    th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, f32, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_ptr_null(out);
    {
        WNNOperand ok;
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, f23, f32, NULL, &ok),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = ok;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderMatmul(env.builder, f23, f32, NULL, &out),
                         WNNStatus_InvalidStateError, "matmul: the builder has already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

/* ---- gemm -------------------------------------------------------------------------------- */

/* A [2,3], B [3,2]: A*B = [[58,64],[139,154]]; with alpha 2, beta 0.5 and C [[10,20],[30,40]]:
 * [[121,138],[293,328]]. */
static const double gA[] = {1, 2, 3, 4, 5, 6}, gB[] = {7, 8, 9, 10, 11, 12};
static const double gC[] = {10, 20, 30, 40};

START_TEST(gemm_by_hand)
{
    static const uint32_t sa[] = {2, 3}, sb[] = {3, 2}, sc[] = {2, 2};
    static const double w1[] = {58, 64, 139, 154}, w2[] = {121, 138, 293, 328};
    static const double w3[] = {68, 84, 169, 194}; /* defaults: alpha 1, beta 1 */
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r;
    run_gemm(WNNOperandDataType_Float32, sa, gA, sb, gB, NULL, 0, NULL, o, &r);
    assert_values(&r, w1, 4, "gemm");
    th_result_free(&r);
    run_gemm(WNNOperandDataType_Float32, sa, gA, sb, gB, sc, 2, gC, o, &r);
    assert_values(&r, w3, 4, "gemm c");
    th_result_free(&r);
    o.alpha = 2;
    o.beta = 0.5;
    run_gemm(WNNOperandDataType_Float32, sa, gA, sb, gB, sc, 2, gC, o, &r);
    assert_values(&r, w2, 4, "gemm alpha beta");
    th_result_free(&r);
    run_gemm(WNNOperandDataType_Float16, sa, gA, sb, gB, sc, 2, gC, o, &r);
    assert_values(&r, w2, 4, "gemm f16");
    th_result_free(&r);
}
END_TEST

/* aTranspose / bTranspose on transposed data must give the same result. */
START_TEST(gemm_transposes)
{
    static const uint32_t sa[] = {2, 3}, sb[] = {3, 2}, sat[] = {3, 2}, sbt[] = {2, 3};
    static const uint32_t sc[] = {2, 2};
    double at[6], bt[6];
    static const double want[] = {121, 138, 293, 328};
    int ta, tb;
    size_t i, j;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++) {
            at[j * 2 + i] = gA[i * 3 + j]; /* A^T [3,2] */
            bt[i * 3 + j] = gB[j * 2 + i]; /* B^T [2,3] */
        }
    for (ta = 0; ta < 2; ta++)
        for (tb = 0; tb < 2; tb++) {
            WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
            th_result r;
            o.alpha = 2;
            o.beta = 0.5;
            o.aTranspose = (WNNBool)ta;
            o.bTranspose = (WNNBool)tb;
            run_gemm(WNNOperandDataType_Float32, ta ? sat : sa, ta ? at : gA, tb ? sbt : sb,
                     tb ? bt : gB, sc, 2, gC, o, &r);
            assert_values(&r, want, 4, ta ? (tb ? "aT bT" : "aT") : (tb ? "bT" : "none"));
            th_result_free(&r);
        }
}
END_TEST

/* c of every broadcastable shape: scalar, [N], [1,N], [M,1], [1,1], [M,N]. */
START_TEST(gemm_broadcasts_c)
{
    static const uint32_t sa[] = {2, 3}, sb[] = {3, 2};
    static const struct {
        size_t rank;
        uint32_t shape[2];
        double c[4];
        double want[4];
    } cases[] = {
        {0, {0, 0}, {5}, {63, 69, 144, 159}},
        {1, {2, 0}, {1, 2}, {59, 66, 140, 156}},
        {2, {1, 2}, {1, 2}, {59, 66, 140, 156}},
        {2, {2, 1}, {1, 2}, {59, 65, 141, 156}},
        {2, {1, 1}, {-58}, {0, 6, 81, 96}},
        {1, {1, 0}, {-1}, {57, 63, 138, 153}},
        {2, {2, 2}, {1, 2, 3, 4}, {59, 66, 142, 158}},
    };
    size_t t;
    for (t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
        th_result r;
        run_gemm(WNNOperandDataType_Float32, sa, gA, sb, gB, cases[t].shape, cases[t].rank,
                 cases[t].c, o, &r);
        assert_values(&r, cases[t].want, 4, "broadcast c");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(gemm_wpt_case)
{
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r;
    o.alpha = 74.43204170482103;
    o.beta = 62.01828598608989;
    o.aTranspose = 1;
    o.bTranspose = 1;
    run_gemm(WNNOperandDataType_Float32, gemm_all_a_shape, gemm_all_a, gemm_all_b_shape,
             gemm_all_b, gemm_all_c_shape, 2, gemm_all_c, o, &r);
    assert_within_ulp(&r, gemm_all_out, 15, 11);
    th_result_free(&r);
}
END_TEST

/* alpha and beta are cast to the input type before use. */
START_TEST(gemm_casts_alpha_and_beta)
{
    static const uint32_t s11[] = {1, 1};
    static const double one[] = {1}, b16[] = {2047}, b32[] = {16777215};
    static const double w16[] = {2047}, w32[] = {16777215};
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r;
    /* float16: alpha 1 + 2^-11 is a tie and rounds to 1, so 1 * 2047 = 2047; the uncast
     * alpha would give 2047.9995 -> 2048. */
    o.alpha = 1.0 + 0x1p-11;
    run_gemm(WNNOperandDataType_Float16, s11, one, s11, b16, NULL, 0, NULL, o, &r);
    assert_values(&r, w16, 1, "f16 alpha");
    th_result_free(&r);
    /* the same for beta with c = 2047 and a * b = 0 */
    o.alpha = 0;
    o.beta = 1.0 + 0x1p-11;
    {
        static const double zero[] = {0};
        run_gemm(WNNOperandDataType_Float16, s11, zero, s11, one, s11, 2, b16, o, &r);
        assert_values(&r, w16, 1, "f16 beta");
        th_result_free(&r);
    }
    /* float32: alpha 1 + 2^-24 rounds to 1; uncast, 16777215 * alpha -> 16777216. */
    o.alpha = 1.0 + 0x1p-24;
    o.beta = 1;
    run_gemm(WNNOperandDataType_Float32, s11, one, s11, b32, NULL, 0, NULL, o, &r);
    assert_values(&r, w32, 1, "f32 alpha");
    th_result_free(&r);
}
END_TEST

START_TEST(gemm_special_values_and_empty_inner_dimension)
{
    static const uint32_t s11[] = {1, 1}, s10[] = {1, 0}, s02[] = {0, 2}, s12[] = {1, 2};
    static const double inf[] = {DINF}, nan1[] = {DNAN}, one[] = {1}, cv[] = {3, -4};
    static const double wnan[] = {DNAN}, wk0[] = {6, -8}, wk0n[] = {0.0, 0.0};
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r;
    /* alpha 0 times an infinite product: 0 * inf = NaN (as the emulation computes). */
    o.alpha = 0;
    run_gemm(WNNOperandDataType_Float32, s11, inf, s11, one, NULL, 0, NULL, o, &r);
    assert_values(&r, wnan, 1, "0*inf");
    th_result_free(&r);
    /* beta 0 times a NaN c is NaN. */
    o.alpha = 1;
    o.beta = 0;
    run_gemm(WNNOperandDataType_Float32, s11, one, s11, one, s11, 2, nan1, o, &r);
    assert_values(&r, wnan, 1, "0*NaN");
    th_result_free(&r);
    /* K = 0: the product is +0, plus beta * c. */
    o.alpha = -3;
    o.beta = 2;
    run_gemm(WNNOperandDataType_Float32, s10, NULL, s02, NULL, s12, 2, cv, o, &r);
    assert_values(&r, wk0, 2, "K=0 with c");
    th_result_free(&r);
    run_gemm(WNNOperandDataType_Float32, s10, NULL, s02, NULL, NULL, 0, NULL, o, &r);
    assert_values(&r, wk0n, 2, "K=0");
    th_result_free(&r);
}
END_TEST

START_TEST(gemm_zero_size_outputs)
{
    static const uint32_t s03[] = {0, 3}, s32[] = {3, 2}, s30[] = {3, 0}, s23[] = {2, 3};
    static const double b[] = {1, 2, 3, 4, 5, 6};
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r;
    run_gemm(WNNOperandDataType_Float32, s03, NULL, s32, b, NULL, 0, NULL, o, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    run_gemm(WNNOperandDataType_Float16, s23, b, s30, NULL, NULL, 0, NULL, o, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(gemm_validation_errors)
{
    th_env env, other;
    static const uint32_t s23[] = {2, 3}, s32[] = {3, 2}, s22[] = {2, 2}, s3[] = {3};
    static const uint32_t s123[] = {1, 2, 3}, s122[] = {1, 2, 2}, s21[] = {2, 1};
    WNNOperand f23, f32, h32, i23, i32, f22, v3, t123, c122, c3, c21, h22, foreign, out = NULL;
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    f23 = th_input(&env, WNNOperandDataType_Float32, s23, 2, NULL);
    f32 = th_input(&env, WNNOperandDataType_Float32, s32, 2, NULL);
    h32 = th_input(&env, WNNOperandDataType_Float16, s32, 2, NULL);
    i23 = th_input(&env, WNNOperandDataType_Int32, s23, 2, NULL);
    i32 = th_input(&env, WNNOperandDataType_Int32, s32, 2, NULL);
    f22 = th_input(&env, WNNOperandDataType_Float32, s22, 2, NULL);
    v3 = th_input(&env, WNNOperandDataType_Float32, s3, 1, NULL);
    t123 = th_input(&env, WNNOperandDataType_Float32, s123, 3, NULL);
    c122 = th_input(&env, WNNOperandDataType_Float32, s122, 3, NULL);
    c3 = th_input(&env, WNNOperandDataType_Float32, s3, 1, NULL);
    c21 = th_input(&env, WNNOperandDataType_Float32, s21, 2, NULL);
    h22 = th_input(&env, WNNOperandDataType_Float16, s22, 2, NULL);
    foreign = th_input(&other, WNNOperandDataType_Float32, s22, 2, NULL);
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, NULL, f32, NULL, &out),
                     WNNStatus_TypeError, "gemm: a is NULL");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, foreign, NULL, &out),
                     WNNStatus_TypeError, "gemm: b was created by another builder");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, i23, i32, NULL, &out),
                     WNNStatus_TypeError, "gemm: the data type of a must be one of float32, "
                                          "float16, got int32");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, h32, NULL, &out),
                     WNNStatus_TypeError, "gemm: the data type of b must be a's (float32), got "
                                          "float16");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, v3, f32, NULL, &out),
                     WNNStatus_TypeError, "gemm: the rank of a must be 2, got 1");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, t123, NULL, &out),
                     WNNStatus_TypeError, "gemm: the rank of b must be 2, got 3");
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f22, NULL, &out),
                     WNNStatus_TypeError, "gemm: the columns of (transposed) a must equal the "
                                          "rows of (transposed) b, got 3 and 2");
    o.aTranspose = 1; /* [2,3]^T = [3,2] x [3,2] */
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "got 2 and 3");
    o.aTranspose = 0;
    o.bTranspose = 1; /* [2,3] x [3,2]^T = [2,3] */
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "got 3 and 2");
    o.bTranspose = 0;
    /* alpha / beta: restricted doubles */
    o.alpha = DNAN;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "gemm: alpha must be a finite number");
    o.alpha = 1;
    o.beta = -DINF;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "gemm: beta must be a finite number");
    o.beta = 1;
    /* c */
    o.c = foreign;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "gemm: c was created by another builder");
    o.c = c3;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError,
                     "gemm: c is not unidirectionally broadcastable to [2, 2], got [3]");
    o.c = c122;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "not unidirectionally broadcastable to [2, 2], got "
                                          "[1, 2, 2]");
    o.c = h22;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out),
                     WNNStatus_TypeError, "gemm: the data type of c must be a's (float32), got "
                                          "float16");
    o.c = c21; /* [2,1] broadcasts to [2,2] */
    o.label = "g";
    ck_assert_int_eq(wnnGraphBuilderGemm(env.builder, f23, f32, &o, &out), WNNStatus_Success);
    out = NULL;
    th_assert_status(&env, wnnGraphBuilderGemm(env.builder, v3, f32, &o, &out),
                     WNNStatus_TypeError, "gemm[g]: the rank of a");
    ck_assert_ptr_null(out);
    th_free(&env);
    th_free(&other);
}
END_TEST

/* The unspecified mask follows the row and column each output reads: max(x, x') with a NaN
 * marks one element (ops/binary.c). */
START_TEST(unspecified_mask_follows_dependencies)
{
    static const uint32_t s22[] = {2, 2}, s12[] = {1, 2};
    static const float x[4] = {1, 2, 3, 4}, c[2] = {5, 6};
    float xn[4], cn[2];
    th_env env;
    WNNOperand a, an, am, b, cc, ccn, cm, out[2];
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    th_result r[2];
    size_t i;
    memcpy(xn, x, sizeof x);
    xn[2] = DNAN; /* a[1][0] */
    memcpy(cn, c, sizeof c);
    cn[1] = DNAN; /* c[0][1], broadcast down column 1 */
    th_init(&env);
    a = th_input(&env, WNNOperandDataType_Float32, s22, 2, x);
    an = th_input(&env, WNNOperandDataType_Float32, s22, 2, xn);
    ck_assert_int_eq(wnnGraphBuilderMax(env.builder, a, an, NULL, &am), WNNStatus_Success);
    b = th_input(&env, WNNOperandDataType_Float32, s22, 2, x);
    ck_assert_int_eq(wnnGraphBuilderMatmul(env.builder, am, b, NULL, &out[0]),
                     WNNStatus_Success);
    cc = th_input(&env, WNNOperandDataType_Float32, s12, 2, c);
    ccn = th_input(&env, WNNOperandDataType_Float32, s12, 2, cn);
    ck_assert_int_eq(wnnGraphBuilderMax(env.builder, cc, ccn, NULL, &cm), WNNStatus_Success);
    o.c = cm;
    ck_assert_int_eq(wnnGraphBuilderGemm(env.builder, b, b, &o, &out[1]), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 2, out, r), WNNStatus_Success);
    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(r[0].mask[i], i >= 2); /* row 1 */
        ck_assert_int_eq(r[1].mask[i], i % 2 == 1); /* column 1 */
    }
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

static Suite *matmul_suite(void)
{
    Suite *s = suite_create("matmul");
    TCase *t = tcase_create("core");
    tcase_add_test(t, matmul_2d_by_hand);
    tcase_add_test(t, matmul_broadcasts_batch_dimensions);
    tcase_add_test(t, matmul_output_shapes);
    tcase_add_test(t, matmul_wpt_case);
    tcase_add_test(t, matmul_rounds_once);
    tcase_add_test(t, matmul_special_values);
    tcase_add_test(t, matmul_zero_size);
    tcase_add_test(t, matmul_validation_errors);
    tcase_add_test(t, gemm_by_hand);
    tcase_add_test(t, gemm_transposes);
    tcase_add_test(t, gemm_broadcasts_c);
    tcase_add_test(t, gemm_wpt_case);
    tcase_add_test(t, gemm_casts_alpha_and_beta);
    tcase_add_test(t, gemm_special_values_and_empty_inner_dimension);
    tcase_add_test(t, gemm_zero_size_outputs);
    tcase_add_test(t, gemm_validation_errors);
    tcase_add_test(t, unspecified_mask_follows_dependencies);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(matmul_suite)
