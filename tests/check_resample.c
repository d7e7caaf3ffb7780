/* tests/check_resample.c - resample2d. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* NAN, INFINITY and FLT_MAX are float constants; their values as doubles. */
#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)
#define D_FLT_MAX ((double)FLT_MAX)

#define F32 WNNOperandDataType_Float32
#define F16 WNNOperandDataType_Float16
#define NEAREST WNNInterpolationMode_NearestNeighbor
#define LINEAR WNNInterpolationMode_Linear

/* Resample a 4-D input; the output shape goes to outShape (4 values) when not NULL. */
static void run_resample(WNNOperandDataType type, const uint32_t *shape, const void *data,
                         const WNNResample2dOptions *o, th_result *r, uint32_t *outShape)
{
    th_env env;
    WNNOperand in, out;
    size_t rank;
    const uint32_t *got;
    th_init(&env);
    in = th_input(&env, type, shape, 4, data);
    ck_assert_msg(wnnGraphBuilderResample2d(env.builder, in, o, &out) == WNNStatus_Success,
                  "resample2d: %s", wnnGraphBuilderGetErrorMessage(env.builder));
    got = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, 4);
    if (outShape)
        memcpy(outShape, got, 4 * sizeof *got);
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static void assert_values(const th_result *r, const double *want, size_t n, const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "%s[%lu] = %a, want %a", what,
                      (unsigned long)i, th_get(r, i), want[i]);
}

static void assert_shape(const uint32_t *got, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ck_assert_uint_eq(got[0], a);
    ck_assert_uint_eq(got[1], b);
    ck_assert_uint_eq(got[2], c);
    ck_assert_uint_eq(got[3], d);
}

static double f16(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(F16, &v, 1, &bits);
    r.type = F16;
    r.data = &bits;
    return th_get(&r, 0);
}

START_TEST(nearest_neighbor_mapping)
{
    static const uint32_t s22[] = {1, 1, 2, 2}, s33[] = {1, 1, 3, 3}, s44[] = {1, 1, 4, 4};
    static const float x4[] = {1, 2, 3, 4};
    float x9[9], x16[16];
    static const float scales2[] = {2, 2};
    static const uint32_t one[] = {1, 1}, two[] = {2, 2};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    uint32_t shape[4];
    th_result r;
    size_t i;
    for (i = 0; i < 16; i++)
        x16[i] = (float)i;
    for (i = 0; i < 9; i++)
        x9[i] = (float)i;
    /* 2 -> 4: u = o / 2 - 0.25 = -0.25, 0.25, 0.75, 1.25 -> 0, 0, 1, 1 */
    o.scales = scales2;
    o.scalesCount = 2;
    run_resample(F32, s22, x4, &o, &r, shape);
    assert_shape(shape, 1, 1, 4, 4);
    {
        static const double want[] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
        assert_values(&r, want, 16, "2x");
    }
    th_result_free(&r);
    /* 4 -> 1: u = 1.5, and halves round down: index 1 on both axes, element 5.
     * 2 -> 1 would give u = 0.5 -> index 0. */
    o.scales = NULL;
    o.sizes = one;
    o.sizesCount = 2;
    run_resample(F32, s44, x16, &o, &r, shape);
    assert_shape(shape, 1, 1, 1, 1);
    ck_assert(th_same(th_get(&r, 0), 5));
    th_result_free(&r);
    run_resample(F32, s22, x4, &o, &r, shape);
    ck_assert(th_same(th_get(&r, 0), 1));
    th_result_free(&r);
    /* 3 -> 2: u = 0.25, 1.75 -> indices 0 and 2 */
    o.sizes = two;
    run_resample(F32, s33, x9, &o, &r, shape);
    {
        static const double want[] = {0, 2, 6, 8};
        assert_values(&r, want, 4, "3->2");
    }
    th_result_free(&r);
}
END_TEST

START_TEST(linear_spec_example)
{
    /* The specification's example: [4, 4] -> [8, 8]. */
    static const uint32_t s44[] = {1, 1, 4, 4};
    static const float x[] = {0, 1, 2, 3, 0, 1, 2, 3, 12, 13, 14, 15, 12, 13, 14, 15};
    static const double row[] = {0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3};
    static const double base[] = {0, 0, 0, 3, 9, 12, 12, 12};
    static const uint32_t sizes[] = {8, 8};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    double want[64];
    th_result r;
    size_t i, j;
    for (i = 0; i < 8; i++)
        for (j = 0; j < 8; j++)
            want[i * 8 + j] = base[i] + row[j];
    o.mode = LINEAR;
    o.sizes = sizes;
    o.sizesCount = 2;
    run_resample(F32, s44, x, &o, &r, NULL);
    assert_values(&r, want, 64, "spec example");
    th_result_free(&r);
}
END_TEST

START_TEST(linear_up_and_down)
{
    /* v(y, x) = 2y + x on [2, 2]; 2 -> 3 samples 0, 0.5, 1 (the ends clamped), and a
     * bilinear sample of a linear function is exact. */
    static const uint32_t s22[] = {1, 1, 2, 2}, s44[] = {1, 1, 4, 4}, three[] = {3, 3};
    static const float x[] = {0, 1, 2, 3};
    static const float half[] = {0.5f, 0.5f};
    float x16[16];
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    uint32_t shape[4];
    th_result r;
    size_t i;
    o.mode = LINEAR;
    o.sizes = three;
    o.sizesCount = 2;
    run_resample(F32, s22, x, &o, &r, shape);
    assert_shape(shape, 1, 1, 3, 3);
    {
        static const double want[] = {0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3};
        assert_values(&r, want, 9, "2->3");
    }
    th_result_free(&r);
    /* 4 -> 2 (scales 0.5): u = 2o + 0.5, so each output averages a 2x2 block of
     * v(y, x) = 4y + x: 8i + 2j + 2.5. */
    for (i = 0; i < 16; i++)
        x16[i] = (float)i;
    o.sizes = NULL;
    o.scales = half;
    o.scalesCount = 2;
    run_resample(F32, s44, x16, &o, &r, shape);
    assert_shape(shape, 1, 1, 2, 2);
    {
        static const double want[] = {2.5, 4.5, 10.5, 12.5};
        assert_values(&r, want, 4, "4->2");
    }
    th_result_free(&r);
}
END_TEST

START_TEST(axes_choose_the_resized_dimensions)
{
    /* An nchw input resized on [2, 3] equals its nhwc transpose resized on [1, 2];
     * axes [3, 2] with swapped sizes equals [2, 3]; axes [0, 1] resize N and C. */
    enum { C = 2, H = 2, W = 3, OH = 3, OW = 5 };
    static const uint32_t nchw[] = {1, C, H, W}, nhwc[] = {1, H, W, C};
    static const uint32_t sz[] = {OH, OW}, szT[] = {OW, OH}, a12[] = {1, 2}, a32[] = {3, 2};
    static const uint32_t a01[] = {0, 1}, sz01[] = {2, 3};
    float x[C * H * W], xt[C * H * W];
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_result r1, r2;
    uint32_t shape[4];
    size_t c, h, w;
    int mode;
    for (c = 0; c < C; c++)
        for (h = 0; h < H; h++)
            for (w = 0; w < W; w++) {
                float v = (float)(c * 10 + h * 3 + w * w) * 0.37f;
                x[(c * H + h) * W + w] = v;
                xt[(h * W + w) * C + c] = v;
            }
    for (mode = 0; mode < 2; mode++) {
        o.mode = (WNNInterpolationMode)mode;
        o.sizes = sz;
        o.sizesCount = 2;
        o.axes = NULL;
        run_resample(F32, nchw, x, &o, &r1, shape);
        assert_shape(shape, 1, C, OH, OW);
        o.axes = a12;
        o.axesCount = 2;
        run_resample(F32, nhwc, xt, &o, &r2, shape);
        assert_shape(shape, 1, OH, OW, C);
        for (c = 0; c < C; c++)
            for (h = 0; h < OH; h++)
                for (w = 0; w < OW; w++)
                    ck_assert(th_same(th_get(&r1, (c * OH + h) * OW + w),
                                      th_get(&r2, (h * OW + w) * C + c)));
        th_result_free(&r2);
        o.axes = a32;
        o.sizes = szT;
        run_resample(F32, nchw, x, &o, &r2, shape);
        assert_shape(shape, 1, C, OH, OW);
        for (c = 0; c < C * OH * OW; c++)
            ck_assert(th_same(th_get(&r1, c), th_get(&r2, c)));
        th_result_free(&r2);
        th_result_free(&r1);
    }
    /* axes [0, 1], nearest: N 1 -> 2 and C 2 -> 3 (C samples 0, 0, 1 as in 2 -> 3). */
    o.mode = NEAREST;
    o.axes = a01;
    o.sizes = sz01;
    run_resample(F32, nchw, x, &o, &r1, shape);
    assert_shape(shape, 2, 3, H, W);
    for (c = 0; c < 2 * 3 * H * W; c++) {
        size_t oc = (c / (H * W)) % 3, hw = c % (H * W);
        size_t ic = oc == 2 ? 1 : 0; /* u = 2/3 * oc + ... -> 0, 0, 1 */
        ck_assert(th_same(th_get(&r1, c), (double)x[ic * H * W + hw]));
    }
    th_result_free(&r1);
}
END_TEST

START_TEST(float16_linear_rounds_once)
{
    /* Two adjacent float16 values 1 and 1 + 2^-10 along x, 2 -> 4: weights 0, 1/4, 3/4, 1
     * give 1, 1 + 2^-12 (rounds down), 1 + 3 * 2^-12 (rounds up), 1 + 2^-10. 2 -> 3: the
     * middle is an exact tie, to even: 1 for [1, 1 + 2^-10], 1 + 2^-9 for
     * [1 + 2^-10, 1 + 2^-9]. */
    static const uint32_t s[] = {1, 1, 1, 2}, four[] = {1, 4}, three[] = {1, 3};
    static const double a[] = {1, 1 + 0x1p-10}, b[] = {1 + 0x1p-10, 1 + 0x1p-9};
    uint16_t pa[2], pb[2];
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_result r;
    th_pack(F16, a, 2, pa);
    th_pack(F16, b, 2, pb);
    o.mode = LINEAR;
    o.sizes = four;
    o.sizesCount = 2;
    run_resample(F16, s, pa, &o, &r, NULL);
    {
        double want[4];
        want[0] = 1;
        want[1] = f16(1 + 0x1p-12);
        want[2] = f16(1 + 3 * 0x1p-12);
        want[3] = 1 + 0x1p-10;
        ck_assert(th_same(want[1], 1) && th_same(want[2], 1 + 0x1p-10));
        assert_values(&r, want, 4, "2->4");
    }
    th_result_free(&r);
    o.sizes = three;
    run_resample(F16, s, pa, &o, &r, NULL);
    ck_assert(th_same(th_get(&r, 1), 1));
    th_result_free(&r);
    run_resample(F16, s, pb, &o, &r, NULL);
    ck_assert(th_same(th_get(&r, 1), 1 + 0x1p-9));
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(integer_types)
{
    /* nearest copies exactly; linear rounds the exact value half to even, marking
     * non-integral results (the spec does not say how they round). */
    static const uint32_t s22[] = {1, 1, 2, 2}, s12[] = {1, 1, 1, 2};
    static const uint32_t four[] = {1, 4}, three[] = {1, 3};
    static const float scales2[] = {2, 2};
    static const uint8_t u[] = {0, 255, 128, 7};
    static const int8_t i8[] = {-128, 127, -1, 0};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_result r;
    size_t k;
    o.scales = scales2;
    o.scalesCount = 2;
    run_resample(WNNOperandDataType_Uint8, s22, u, &o, &r, NULL);
    for (k = 0; k < 16; k++)
        ck_assert_int_eq(((uint8_t *)r.data)[k], u[(k / 8) * 2 + (k % 4) / 2]);
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    run_resample(WNNOperandDataType_Int8, s22, i8, &o, &r, NULL);
    for (k = 0; k < 16; k++)
        ck_assert_int_eq(((int8_t *)r.data)[k], i8[(k / 8) * 2 + (k % 4) / 2]);
    th_result_free(&r);

    /* uint8 [0, 1] -> 4: 0, 0.25, 0.75, 1 -> 0, 0, 1, 1; the middle two are marked. */
    o.mode = LINEAR;
    o.scales = NULL;
    o.sizes = four;
    o.sizesCount = 2;
    {
        static const uint8_t x[] = {0, 1};
        static const uint8_t want[] = {0, 0, 1, 1}, mask[] = {0, 1, 1, 0};
        run_resample(WNNOperandDataType_Uint8, s12, x, &o, &r, NULL);
        for (k = 0; k < 4; k++) {
            ck_assert_int_eq(((uint8_t *)r.data)[k], want[k]);
            ck_assert_int_eq(r.mask[k], mask[k]);
        }
        th_result_free(&r);
    }
    /* 2 -> 3: the middle is the mean of the two, ties to even. */
    o.sizes = three;
    {
        static const uint8_t pairs[][2] = {{0, 1}, {1, 2}, {255, 254}, {0, 2}, {254, 255}};
        static const uint8_t mids[] = {0, 2, 254, 1, 254};
        static const uint8_t marked[] = {1, 1, 1, 0, 1};
        for (k = 0; k < 5; k++) {
            run_resample(WNNOperandDataType_Uint8, s12, pairs[k], &o, &r, NULL);
            ck_assert_int_eq(((uint8_t *)r.data)[0], pairs[k][0]);
            ck_assert_int_eq(((uint8_t *)r.data)[1], mids[k]);
            ck_assert_int_eq(((uint8_t *)r.data)[2], pairs[k][1]);
            ck_assert_int_eq(r.mask[1], marked[k]);
            ck_assert_uint_eq(r.unspecified, marked[k]);
            th_result_free(&r);
        }
    }
    {
        static const int8_t pairs[][2] = {{-1, -2}, {-128, 127}, {-128, -127}, {127, 125}};
        static const int8_t mids[] = {-2, 0, -128, 126};
        static const uint8_t marked[] = {1, 1, 1, 0};
        for (k = 0; k < 4; k++) {
            run_resample(WNNOperandDataType_Int8, s12, pairs[k], &o, &r, NULL);
            ck_assert_int_eq(((int8_t *)r.data)[1], mids[k]);
            ck_assert_int_eq(r.mask[1], marked[k]);
            th_result_free(&r);
        }
    }
}
END_TEST

START_TEST(special_values)
{
    static const uint32_t s12[] = {1, 1, 1, 2}, four[] = {1, 4};
    static const float scales2[] = {1, 2};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_result r;
    /* nearest copies NaN, infinities, -0 and subnormals as they are. */
    {
        static const float x[] = {NAN, -0.0f};
        static const float y[] = {-INFINITY, 0x1p-149f};
        static const double want[] = {D_NAN, D_NAN, -0.0, -0.0};
        static const double wantY[] = {-D_INF, -D_INF, 0x1p-149, 0x1p-149};
        o.scales = scales2;
        o.scalesCount = 2;
        run_resample(F32, s12, x, &o, &r, NULL);
        assert_values(&r, want, 4, "nearest");
        th_result_free(&r);
        run_resample(F32, s12, y, &o, &r, NULL);
        assert_values(&r, wantY, 4, "nearest");
        th_result_free(&r);
    }
    /* linear, literally: [inf, 1] -> 4 samples x = 0 (clamped: x0 = x1 = 0, tx = 0),
     * 0.25, 0.75, 1 (clamped). The height 1 -> 1 samples y = 0 with y0 = y1 = 0 and ty = 0,
     * so out = vy0 * 1 + vy1 * 0, and vy1 = inf wherever the infinity is read: NaN there.
     * Only the last output, 1 * 1 + 1 * 0, reads no infinity. */
    {
        static const float x[] = {INFINITY, 1};
        static const double want[] = {D_NAN, D_NAN, D_NAN, 1};
        static const float y[] = {FLT_MAX, FLT_MAX};
        static const double wantY[] = {D_FLT_MAX, D_FLT_MAX, D_FLT_MAX, D_FLT_MAX};
        static const float z[] = {NAN, 0};
        o.mode = LINEAR;
        o.scales = NULL;
        o.sizes = four;
        o.sizesCount = 2;
        run_resample(F32, s12, x, &o, &r, NULL);
        assert_values(&r, want, 4, "linear inf");
        th_result_free(&r);
        /* FLT_MAX * 0.75 + FLT_MAX * 0.25 does not overflow in double */
        run_resample(F32, s12, y, &o, &r, NULL);
        assert_values(&r, wantY, 4, "linear max");
        th_result_free(&r);
        run_resample(F32, s12, z, &o, &r, NULL);
        ck_assert(isnan(th_get(&r, 0)) && isnan(th_get(&r, 1)) && isnan(th_get(&r, 2)));
        ck_assert(th_same(th_get(&r, 3), 0));
        th_result_free(&r);
    }
}
END_TEST

START_TEST(output_size_is_the_exact_floor)
{
    /* 2130706433 * (1 - 2^-24) = 2130706305.99999994...: the floor is 2130706305, while a
     * double product rounds to 2130706306. Build only. */
    static const uint32_t big[] = {1, 1, 1, 2130706433u}, half[] = {1, 1, 1, 1073741824u};
    static const uint32_t s22[] = {1, 1, 2, 2};
    static const float scales[] = {1.0f, 0x1.fffffep-1f}, doubles[] = {1.0f, 2.0f};
    static const float huge[] = {1.0f, 1e30f}, small[] = {0.4f, 0x1p-149f};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_env env;
    WNNOperand in, out;
    size_t rank;
    const uint32_t *shape;
    th_init(&env);
    in = th_input(&env, F32, big, 4, NULL);
    o.scales = scales;
    o.scalesCount = 2;
    ck_assert_int_eq(wnnGraphBuilderResample2d(env.builder, in, &o, &out), WNNStatus_Success);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(shape[3], 2130706305u);
    ck_assert_uint_eq(shape[2], 1);
    /* 2^30 * 2 = 2^31 is not a valid dimension */
    in = th_input(&env, F32, half, 4, NULL);
    o.scales = doubles;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, in, &o, &out),
                     WNNStatus_TypeError,
                     "resample2d: the output size floor(1073741824 * 2) for axis 3 is not a "
                     "valid dimension");
    in = th_input(&env, F32, s22, 4, NULL);
    o.scales = huge;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, in, &o, &out),
                     WNNStatus_TypeError, "for axis 3 is not a valid dimension");
    /* floor(2 * 0.4) = 0 and floor(2 * 2^-149) = 0: empty (zero-size is allowed) */
    o.scales = small;
    ck_assert_int_eq(wnnGraphBuilderResample2d(env.builder, in, &o, &out), WNNStatus_Success);
    shape = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(shape[2], 0);
    ck_assert_uint_eq(shape[3], 0);
    th_free(&env);
}
END_TEST

START_TEST(zero_size)
{
    static const uint32_t s22[] = {1, 1, 2, 2}, s0122[] = {0, 1, 2, 2}, s1102[] = {1, 1, 0, 2};
    static const uint32_t sz03[] = {0, 3}, sz33[] = {3, 3}, sz34[] = {3, 4};
    static const float x[4] = {1, 2, 3, 4}, scales2[] = {2, 2};
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    uint32_t shape[4];
    th_result r;
    th_env env;
    WNNOperand in, out;
    /* sizes may hold 0 */
    o.sizes = sz03;
    o.sizesCount = 2;
    run_resample(F32, s22, x, &o, &r, shape);
    assert_shape(shape, 1, 1, 0, 3);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    /* an empty batch, linear */
    o.mode = LINEAR;
    o.sizes = sz33;
    run_resample(F32, s0122, x, &o, &r, shape);
    assert_shape(shape, 0, 1, 3, 3);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
    /* an empty resized axis scales to 0 */
    o.sizes = NULL;
    o.scales = scales2;
    o.scalesCount = 2;
    run_resample(F32, s1102, x, &o, &r, shape);
    assert_shape(shape, 1, 1, 0, 4);
    th_result_free(&r);
    /* but cannot be resized to a positive size */
    th_init(&env);
    in = th_input(&env, F32, s1102, 4, x);
    o.sizes = sz34;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, in, &o, &out),
                     WNNStatus_TypeError,
                     "resample2d: an empty input axis 2 cannot be resized to 3");
    th_free(&env);
}
END_TEST

START_TEST(unspecified_input_elements_propagate)
{
    /* max(x, NaN) is unspecified (binary operators), so element 3 of the input is marked:
     * nearest 2x marks the four outputs that copy it; linear marks every output whose
     * neighbourhood reads it. */
    static const uint32_t s22[] = {1, 1, 2, 2};
    static const float a[] = {1, 2, 3, 4}, b[] = {0, 0, 0, NAN};
    static const float scales2[] = {2, 2};
    int mode;
    for (mode = 0; mode < 2; mode++) {
        th_env env;
        th_result r;
        WNNOperand x, y, m, out;
        WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
        size_t i, j;
        th_init(&env);
        x = th_input(&env, F32, s22, 4, a);
        y = th_input(&env, F32, s22, 4, b);
        ck_assert_int_eq(wnnGraphBuilderMax(env.builder, x, y, NULL, &m), WNNStatus_Success);
        o.mode = (WNNInterpolationMode)mode;
        o.scales = scales2;
        o.scalesCount = 2;
        ck_assert_int_eq(wnnGraphBuilderResample2d(env.builder, m, &o, &out), WNNStatus_Success);
        ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
        /* samples along each axis: 0 (clamped), 0.25, 0.75, 1 (clamped) */
        for (i = 0; i < 4; i++)
            for (j = 0; j < 4; j++) {
                int reads = mode == 0 ? (i >= 2 && j >= 2) : (i >= 1 && j >= 1);
                ck_assert_msg(r.mask[i * 4 + j] == reads, "mode %d element %lu, %lu", mode,
                              (unsigned long)i, (unsigned long)j);
            }
        th_result_free(&r);
        th_free(&env);
    }
}
END_TEST

START_TEST(validation_errors)
{
    static const uint32_t s4[] = {1, 2, 3, 4}, s3[] = {2, 3, 4};
    static const float f1[] = {2}, f3[] = {2, 2, 2}, zero[] = {1, 0}, neg[] = {-1, 1};
    static const float nan2[] = {1, NAN}, inf2[] = {INFINITY, 1};
    static const uint32_t u1[] = {2}, u3[] = {2, 2, 2}, big[] = {2147483648u, 1};
    static const uint32_t a1[] = {2}, a3[] = {1, 2, 3}, a22[] = {2, 2}, a4[] = {1, 4};
    th_env env, other;
    WNNOperand x, x3, xi, foreign, out = NULL;
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, F32, s4, 4, NULL);
    x3 = th_input(&env, F32, s3, 3, NULL);
    xi = th_input(&env, WNNOperandDataType_Int32, s4, 4, NULL);
    foreign = th_input(&other, F32, s4, 4, NULL);
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, xi, NULL, &out),
                     WNNStatus_TypeError,
                     "resample2d: the data type of input must be one of float32, float16, "
                     "int8, uint8, got int32");
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x3, NULL, &out),
                     WNNStatus_TypeError, "the input's rank must be 4, got 3");
    o.scales = f1;
    o.scalesCount = 1;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must have 2 values, got 1");
    o.scales = f3;
    o.scalesCount = 3;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must have 2 values, got 3");
    o.scales = zero;
    o.scalesCount = 0; /* given and empty */
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must have 2 values, got 0");
    o.scalesCount = 2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must be greater than 0, got 0");
    o.scales = neg;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must be greater than 0, got -1");
    o.scales = nan2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must be finite, got nan");
    o.scales = inf2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must be finite, got inf");
    /* scales are validated even when sizes are given */
    o.scales = neg;
    o.sizes = a22;
    o.sizesCount = 2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "scales must be greater than 0");
    o.scales = NULL;
    o.scalesCount = 0;
    o.sizes = u1;
    o.sizesCount = 1;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "sizes must have 2 values, got 1");
    o.sizes = u3;
    o.sizesCount = 3;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "sizes must have 2 values, got 3");
    o.sizes = big;
    o.sizesCount = 2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError,
                     "the output size for axis 2 is not a valid dimension, got 2147483648");
    o.sizes = NULL;
    o.sizesCount = 0;
    o.axes = a1;
    o.axesCount = 1;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must have 2 values, got 1");
    o.axes = a3;
    o.axesCount = 3;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must have 2 values, got 3");
    o.axes = a22;
    o.axesCount = 2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must not contain duplicates, got 2 twice");
    o.axes = a4;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must be less than the input's rank 4, got 4");
    o.axes = NULL;
    o.axesCount = 0;
    o.mode = (WNNInterpolationMode)2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "mode is not a valid enum value, got 2");
    o.mode = LINEAR;
    o.label = "up";
    o.axes = a4;
    o.axesCount = 2;
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "resample2d[up]: axes");
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, NULL, NULL, &out),
                     WNNStatus_TypeError, "input is NULL");
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, foreign, NULL, &out),
                     WNNStatus_TypeError, "input was created by another builder");
    th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_ptr_null(out);
    {
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderResample2d(env.builder, x, NULL, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderResample2d(env.builder, x, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *resample_suite(void)
{
    Suite *s = suite_create("resample");
    TCase *t = tcase_create("core");
    tcase_add_test(t, nearest_neighbor_mapping);
    tcase_add_test(t, linear_spec_example);
    tcase_add_test(t, linear_up_and_down);
    tcase_add_test(t, axes_choose_the_resized_dimensions);
    tcase_add_test(t, float16_linear_rounds_once);
    tcase_add_test(t, integer_types);
    tcase_add_test(t, special_values);
    tcase_add_test(t, output_size_is_the_exact_floor);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, unspecified_input_elements_propagate);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(resample_suite)
