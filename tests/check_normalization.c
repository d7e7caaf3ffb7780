/* tests/check_normalization.c - batchNormalization, instanceNormalization, layerNormalization. */
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

/* A float32 value from a double: C's conversion (round to nearest), independent of the
 * library's rounding code. */
static double f32(double v)
{
    return (double)(float)v;
}

/* A float16 value from a double through the harness's own encoder. */
static double f16(double v)
{
    uint16_t bits;
    th_result r;
    th_pack(F16, &v, 1, &bits);
    r.type = F16;
    r.data = &bits;
    return th_get(&r, 0);
}

static void run1(th_env *env, WNNOperand out, th_result *r)
{
    ck_assert_int_eq(th_run(env, 1, &out, r), WNNStatus_Success);
}

static void assert_values(const th_result *r, const double *want, size_t n, const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "%s[%lu] = %a, want %a", what,
                      (unsigned long)i, th_get(r, i), want[i]);
}

/* ---- batchNormalization ---------------------------------------------------------------- */

START_TEST(batch_hand_checked_nchw_and_nhwc)
{
    /* nchw [1, 2, 1, 2]: channel 0 holds 1, 3 and channel 1 holds 10, 20. mean [2, 15],
     * variance [4, 25], epsilon 0: (x - mean) / sqrt(variance) = -0.5, 0.5, -1, 1; then
     * scale [2, 3] and bias [1, -1]: 0, 2, -4, 2. */
    static const uint32_t nchw[] = {1, 2, 1, 2}, nhwc[] = {1, 1, 2, 2}, c2[] = {2};
    static const float x[] = {1, 3, 10, 20}, xt[] = {1, 10, 3, 20};
    static const float mean[] = {2, 15}, variance[] = {4, 25}, scale[] = {2, 3}, bias[] = {1, -1};
    static const double plain[] = {-0.5, 0.5, -1, 1}, full[] = {0, 2, -4, 2};
    static const double fullT[] = {0, -4, 2, 2};
    WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand in, m, v, out;

    th_init(&env);
    in = th_input(&env, F32, nchw, 4, x);
    m = th_constant(&env, F32, c2, 1, mean);
    v = th_constant(&env, F32, c2, 1, variance);
    o.epsilon = 0;
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, plain, 4, "no scale/bias");
    th_result_free(&r);
    th_free(&env);

    th_init(&env);
    in = th_input(&env, F32, nchw, 4, x);
    m = th_constant(&env, F32, c2, 1, mean);
    v = th_constant(&env, F32, c2, 1, variance);
    o.scale = th_constant(&env, F32, c2, 1, scale);
    o.bias = th_constant(&env, F32, c2, 1, bias);
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, full, 4, "nchw");
    th_result_free(&r);
    th_free(&env);

    /* The same data in nhwc with axis 3: the transposed result. */
    th_init(&env);
    in = th_input(&env, F32, nhwc, 4, xt);
    m = th_constant(&env, F32, c2, 1, mean);
    v = th_constant(&env, F32, c2, 1, variance);
    o.scale = th_constant(&env, F32, c2, 1, scale);
    o.bias = th_constant(&env, F32, c2, 1, bias);
    o.axis = 3;
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, fullT, 4, "nhwc");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(batch_any_axis_and_rank_1)
{
    /* rank 1, axis 0: every element has its own statistics. 2 / sqrt(9) rounds once. */
    static const uint32_t s3[] = {3}, s232[] = {2, 3, 2}, c2[] = {2};
    static const float x[] = {1, 2, 3}, mean[] = {1, 1, 1}, variance[] = {1, 4, 9};
    static const float y[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static const float m2[] = {0, 1}, v2[] = {1, 4};
    WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand in, m, v, out;
    double want[12];
    size_t i;

    th_init(&env);
    in = th_input(&env, F32, s3, 1, x);
    m = th_constant(&env, F32, s3, 1, mean);
    v = th_constant(&env, F32, s3, 1, variance);
    o.axis = 0;
    o.epsilon = 0;
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    want[0] = 0;
    want[1] = 0.5;
    want[2] = f32(2.0 / 3.0);
    assert_values(&r, want, 3, "rank 1");
    th_result_free(&r);
    th_free(&env);

    /* [2, 3, 2] with axis 2: the last axis picks mean [0, 1] and variance [1, 4]. */
    th_init(&env);
    in = th_input(&env, F32, s232, 3, y);
    m = th_constant(&env, F32, c2, 1, m2);
    v = th_constant(&env, F32, c2, 1, v2);
    o.axis = 2;
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    for (i = 0; i < 12; i++)
        want[i] = i % 2 ? ((double)i - 1) / 2 : (double)i;
    assert_values(&r, want, 12, "axis 2");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(batch_epsilon_is_cast_to_float16)
{
    /* x - mean = 1, variance 0: y = 1 / sqrt(epsilon). float16(1e-5) is 168 * 2^-24 (a
     * subnormal), giving 316.0 after rounding; the uncast 1e-5 would give 316.25. */
    static const uint32_t s1[] = {1};
    double one = 1, zero = 0, eps16 = f16(1e-5);
    uint16_t x, m, v;
    WNNOperand in, mean, variance, out;
    th_env env;
    th_result r;
    ck_assert(th_same(eps16, 168 * 0x1p-24));
    ck_assert(th_same(f16(1 / sqrt(eps16)), 316.0));
    ck_assert(th_same(f16(1 / sqrt(1e-5)), 316.25));
    th_pack(F16, &one, 1, &x);
    th_pack(F16, &zero, 1, &m);
    th_pack(F16, &zero, 1, &v);
    th_init(&env);
    in = th_input(&env, F16, s1, 1, &x);
    mean = th_constant(&env, F16, s1, 1, &m);
    variance = th_constant(&env, F16, s1, 1, &v);
    {
        WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
        o.axis = 0;
        ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, mean, variance, &o,
                                                           &out), WNNStatus_Success);
    }
    run1(&env, out, &r);
    ck_assert(th_same(th_get(&r, 0), 316.0));
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(batch_special_values)
{
    /* One element per case (axis 0 of a 1-D input), epsilon 0:
     * NaN stays NaN; +-inf stay; -0 - 0 = -0, and the implicit bias 0 makes it +0;
     * 5 - 5 = +0; variance -1 gives sqrt(-1) = NaN; variance 0 gives 1 / 0 = inf;
     * (FLT_MAX + FLT_MAX) / 2 = FLT_MAX: the intermediate exceeds float32 but not double;
     * a subnormal stays exact. */
    static const uint32_t s9[] = {9};
    static const float x[] = {NAN, INFINITY, -INFINITY, -0.0f, 5, 5, 1, FLT_MAX, 0x1p-149f};
    static const float mean[] = {0, 0, 0, 0, 5, 0, 0, -FLT_MAX, 0};
    static const float variance[] = {1, 1, 1, 1, 1, -1, 0, 4, 1};
    static const float negZero[9] = {-0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f,
                                     -0.0f};
    double want[9] = {D_NAN, D_INF, -D_INF, 0.0, 0.0, D_NAN, D_INF, D_FLT_MAX, 0x1p-149};
    WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand in, m, v, out;
    int withBias;
    for (withBias = 0; withBias < 2; withBias++) {
        th_init(&env);
        in = th_input(&env, F32, s9, 1, x);
        m = th_constant(&env, F32, s9, 1, mean);
        v = th_constant(&env, F32, s9, 1, variance);
        o.axis = 0;
        o.epsilon = 0;
        o.bias = withBias ? th_constant(&env, F32, s9, 1, negZero) : NULL;
        ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in, m, v, &o, &out),
                         WNNStatus_Success);
        run1(&env, out, &r);
        if (withBias) {
            want[3] = -0.0; /* -0 + -0 = -0 */
            want[4] = 0.0;  /* +0 + -0 = +0 */
        }
        assert_values(&r, want, 9, withBias ? "bias -0" : "no bias");
        ck_assert_uint_eq(r.unspecified, 0);
        th_result_free(&r);
        th_free(&env);
    }
}
END_TEST

/* ---- instanceNormalization ------------------------------------------------------------- */

START_TEST(instance_hand_checked)
{
    /* One channel holding 1, 2, 3, 4: mean 2.5, population variance 1.25, epsilon 0. */
    static const uint32_t s[] = {1, 1, 2, 2};
    static const float x[] = {1, 2, 3, 4};
    WNNInstanceNormalizationOptions o = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    double want[4];
    th_env env;
    th_result r;
    WNNOperand in, out;
    size_t i;
    for (i = 0; i < 4; i++)
        want[i] = f32(((double)x[i] - 2.5) / sqrt(1.25));
    ck_assert(th_same(want[0], -want[3]) && fabs(want[0] + 1.3416407865) < 1e-6);
    th_init(&env);
    in = th_input(&env, F32, s, 4, x);
    o.epsilon = 0;
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 4, "instance");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(instance_nchw_equals_transposed_nhwc)
{
    /* N = 2, C = 2, H = 2, W = 3 with scale and bias; the expected values come from a
     * direct per-(n, c) computation here, and the nhwc run on transposed data must give the
     * transposed result bit for bit. */
    enum { N = 2, C = 2, H = 2, W = 3 };
    static const uint32_t nchw[] = {N, C, H, W}, nhwc[] = {N, H, W, C}, c2[] = {C};
    static const float scale[] = {2.0f, -0.5f}, bias[] = {0.25f, 3.0f};
    float x[N * C * H * W], xt[N * C * H * W];
    double want[N * C * H * W], wantT[N * C * H * W];
    double eps = f32(1e-5);
    size_t n, c, h, w;
    th_env env;
    th_result r;
    WNNOperand in, out;
    WNNInstanceNormalizationOptions o = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    for (n = 0; n < N; n++)
        for (c = 0; c < C; c++)
            for (h = 0; h < H; h++)
                for (w = 0; w < W; w++) {
                    float value = (float)((n * 7 + c * 3 + h * 5 + w * w) % 11) - 4.5f;
                    x[((n * C + c) * H + h) * W + w] = value;
                    xt[((n * H + h) * W + w) * C + c] = value;
                }
    for (n = 0; n < N; n++)
        for (c = 0; c < C; c++) {
            double sum = 0, sq = 0, mean, var;
            for (h = 0; h < H * W; h++)
                sum += (double)x[(n * C + c) * H * W + h];
            mean = sum / (H * W);
            for (h = 0; h < H * W; h++)
                sq += ((double)x[(n * C + c) * H * W + h] - mean) * ((double)x[(n * C + c) * H * W + h] - mean);
            var = sq / (H * W);
            for (h = 0; h < H; h++)
                for (w = 0; w < W; w++) {
                    double v = (double)x[((n * C + c) * H + h) * W + w];
                    double y = f32((double)scale[c] * ((v - mean) / sqrt(var + eps)) +
                                   (double)bias[c]);
                    want[((n * C + c) * H + h) * W + w] = y;
                    wantT[((n * H + h) * W + w) * C + c] = y;
                }
        }
    th_init(&env);
    in = th_input(&env, F32, nchw, 4, x);
    o.scale = th_constant(&env, F32, c2, 1, scale);
    o.bias = th_constant(&env, F32, c2, 1, bias);
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, N * C * H * W, "nchw");
    th_result_free(&r);
    th_free(&env);

    th_init(&env);
    in = th_input(&env, F32, nhwc, 4, xt);
    o.scale = th_constant(&env, F32, c2, 1, scale);
    o.bias = th_constant(&env, F32, c2, 1, bias);
    o.layout = WNNInputOperandLayout_Nhwc;
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, wantT, N * C * H * W, "nhwc");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(instance_float16_rounds_once)
{
    /* The result of the whole double computation is rounded once to float16. */
    static const uint32_t s[] = {1, 1, 1, 3};
    static const double xv[] = {0.1, 0.2, 0.7};
    uint16_t x[3];
    double xs[3], mean, var, want[3];
    th_env env;
    th_result r, rx;
    WNNOperand in, out;
    size_t i;
    th_pack(F16, xv, 3, x);
    rx.type = F16;
    rx.data = x;
    for (i = 0; i < 3; i++)
        xs[i] = th_get(&rx, i);
    mean = (xs[0] + xs[1] + xs[2]) / 3;
    var = ((xs[0] - mean) * (xs[0] - mean) + (xs[1] - mean) * (xs[1] - mean) +
           (xs[2] - mean) * (xs[2] - mean)) / 3;
    for (i = 0; i < 3; i++)
        want[i] = f16((xs[i] - mean) / sqrt(var + f16(1e-5)));
    th_init(&env);
    in = th_input(&env, F16, s, 4, x);
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, in, NULL, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 3, "float16");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

/* ---- layerNormalization ---------------------------------------------------------------- */

START_TEST(layer_default_axes_rank_0_and_1_normalize_nothing)
{
    /* Rank <= 1: the default axes are empty, each element is its own group: mean = x,
     * variance 0, y = 0 / sqrt(eps) + bias; +-inf give inf - inf = NaN. */
    static const uint32_t s3[] = {3};
    static const float x0 = 7.0f, b0 = 3.0f, x1[] = {5, INFINITY, -1}, b1[] = {1, 2, -0.0f};
    static const double want0[] = {0.0}, want0b[] = {3.0}, want1[] = {0.0, D_NAN, 0.0};
    WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    th_env env;
    th_result r;
    WNNOperand in, out;

    th_init(&env);
    in = th_input(&env, F32, NULL, 0, &x0);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, NULL, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want0, 1, "0-D");
    th_result_free(&r);
    th_free(&env);

    th_init(&env);
    in = th_input(&env, F32, NULL, 0, &x0);
    o.bias = th_constant(&env, F32, NULL, 0, &b0);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want0b, 1, "0-D bias");
    th_result_free(&r);
    th_free(&env);

    th_init(&env);
    in = th_input(&env, F32, s3, 1, x1);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, NULL, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want1, 3, "1-D");
    th_result_free(&r);
    th_free(&env);

    /* bias of rank 0 (axes empty): the -0 bias is added to +0, giving +0. */
    th_init(&env);
    in = th_input(&env, F32, s3, 1, x1);
    o.bias = th_constant(&env, F32, NULL, 0, &b1[2]);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    {
        static const double want[] = {0.0, D_NAN, 0.0};
        assert_values(&r, want, 3, "1-D bias -0");
    }
    th_result_free(&r);
    th_free(&env);

    /* Explicit empty axes (non-NULL pointer, count 0) with a rank-0 bias of 1: every
     * element is its own group, so every output is 0 + 1. */
    th_init(&env);
    in = th_input(&env, F32, s3, 1, b1);
    {
        static const uint32_t none[1] = {0};
        static const float one = 1.0f;
        o.axes = none;
        o.axesCount = 0;
        o.bias = th_constant(&env, F32, NULL, 0, &one);
        ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                         WNNStatus_Success);
    }
    run1(&env, out, &r);
    {
        static const double want[] = {1, 1, 1};
        assert_values(&r, want, 3, "axes []");
    }
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(layer_default_axes_rank_2_and_3)
{
    /* [2, 3]: each row is a group. Rows [1, 2, 3] and [4, 4, 10]: means 2 and 6, variances
     * 2/3 and 8. [2, 2, 2]: groups are x[0, :, :] and x[1, :, :]. */
    static const uint32_t s23[] = {2, 3}, s222[] = {2, 2, 2};
    static const float x[] = {1, 2, 3, 4, 4, 10};
    static const float y[] = {1, 2, 3, 4, -1, -1, 1, 1};
    double want[8], eps = f32(1e-5);
    th_env env;
    th_result r;
    WNNOperand in, out;
    size_t i;
    for (i = 0; i < 3; i++) {
        want[i] = f32(((double)x[i] - 2.0) / sqrt(2.0 / 3.0 + eps));
        want[3 + i] = f32(((double)x[3 + i] - 6.0) / sqrt(8.0 + eps));
    }
    th_init(&env);
    in = th_input(&env, F32, s23, 2, x);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, NULL, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 6, "2-D");
    th_result_free(&r);
    th_free(&env);

    /* group 0: 1, 2, 3, 4 (mean 2.5, variance 1.25); group 1: -1, -1, 1, 1 (mean 0,
     * variance 1). */
    for (i = 0; i < 4; i++) {
        want[i] = f32(((double)y[i] - 2.5) / sqrt(1.25 + eps));
        want[4 + i] = f32((double)y[4 + i] / sqrt(1.0 + eps));
    }
    th_init(&env);
    in = th_input(&env, F32, s222, 3, y);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, NULL, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 8, "3-D");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(layer_scale_and_bias_follow_the_order_of_axes)
{
    /* [2, 3] normalized over both axes (mean 3.5, variance 35/12, epsilon 0). With axes
     * [1, 0] the scale has shape [3, 2] and scale[j][i] applies to x[i][j]; with axes [0, 1]
     * the transposed scale [2, 3] must give the same result. */
    static const uint32_t s23[] = {2, 3}, s32[] = {3, 2}, a10[] = {1, 0}, a01[] = {0, 1};
    static const float x[] = {1, 2, 3, 4, 5, 6};
    static const float scale32[] = {1, 2, 3, 4, 5, 6};     /* scale32[j][i] */
    static const float scale23[] = {1, 3, 5, 2, 4, 6};     /* scale23[i][j] = scale32[j][i] */
    static const float bias32[] = {0.5f, -1, 2, 0, 1, 3};  /* bias32[j][i] */
    static const float bias23[] = {0.5f, 2, 1, -1, 0, 3};
    double want[6];
    th_env env;
    th_result r;
    WNNOperand in, out;
    WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    size_t i, j;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            want[i * 3 + j] = f32((double)scale32[j * 2 + i] *
                                      (((double)x[i * 3 + j] - 3.5) / sqrt(35.0 / 12)) +
                                  (double)bias32[j * 2 + i]);
    th_init(&env);
    in = th_input(&env, F32, s23, 2, x);
    o.axes = a10;
    o.axesCount = 2;
    o.epsilon = 0;
    o.scale = th_constant(&env, F32, s32, 2, scale32);
    o.bias = th_constant(&env, F32, s32, 2, bias32);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 6, "axes [1, 0]");
    th_result_free(&r);
    th_free(&env);

    th_init(&env);
    in = th_input(&env, F32, s23, 2, x);
    o.axes = a01;
    o.scale = th_constant(&env, F32, s23, 2, scale23);
    o.bias = th_constant(&env, F32, s23, 2, bias23);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 6, "axes [0, 1]");
    th_result_free(&r);
    th_free(&env);

    /* axes [0] alone: each column is a group of two, (x - mean) / sqrt(2.25) = -+1. */
    th_init(&env);
    in = th_input(&env, F32, s23, 2, x);
    o.axes = a01;
    o.axesCount = 1;
    o.scale = o.bias = NULL;
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    {
        static const double col[] = {-1, -1, -1, 1, 1, 1};
        assert_values(&r, col, 6, "axes [0]");
    }
    th_result_free(&r);
    th_free(&env);
}
END_TEST

START_TEST(layer_float16_axes_2)
{
    /* float16 with axes [2] on [1, 2, 2, 2]: groups of two along axis 2; the expected
     * values are the double computation here, rounded once. */
    static const uint32_t s[] = {1, 2, 2, 2}, a2[] = {2};
    static const double xv[] = {-35.5, 56.25, -90.125, 13.0, 7.75, -1.5, 0.125, 100.0};
    uint16_t x[8];
    double xs[8], want[8];
    th_env env;
    th_result r, rx;
    WNNOperand in, out;
    WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    size_t c, w;
    th_pack(F16, xv, 8, x);
    rx.type = F16;
    rx.data = x;
    for (c = 0; c < 8; c++)
        xs[c] = th_get(&rx, c);
    /* groups (c, w) over h: elements c*4 + w and c*4 + 2 + w */
    for (c = 0; c < 2; c++)
        for (w = 0; w < 2; w++) {
            double a = xs[c * 4 + w], b = xs[c * 4 + 2 + w], mean = (a + b) / 2;
            double var = ((a - mean) * (a - mean) + (b - mean) * (b - mean)) / 2;
            want[c * 4 + w] = f16((a - mean) / sqrt(var + f16(1e-5)));
            want[c * 4 + 2 + w] = f16((b - mean) / sqrt(var + f16(1e-5)));
        }
    th_init(&env);
    in = th_input(&env, F16, s, 4, x);
    o.axes = a2;
    o.axesCount = 1;
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &o, &out),
                     WNNStatus_Success);
    run1(&env, out, &r);
    assert_values(&r, want, 8, "float16");
    th_result_free(&r);
    th_free(&env);
}
END_TEST

/* ---- zero-size --------------------------------------------------------------------------- */

static void assert_empty(th_env *env, WNNOperand out, const uint32_t *shape, size_t rank)
{
    size_t gotRank, i;
    const uint32_t *got = wnnOperandGetShape(out, &gotRank);
    th_result r;
    ck_assert_uint_eq(gotRank, rank);
    for (i = 0; i < rank; i++)
        ck_assert_uint_eq(got[i], shape[i]);
    run1(env, out, &r);
    ck_assert_uint_eq(r.count, 0);
    th_result_free(&r);
}

START_TEST(zero_size_inputs_give_empty_outputs)
{
    static const uint32_t s203[] = {2, 0, 3}, s0[] = {0}, s03[] = {0, 3}, s3[] = {3};
    static const uint32_t s1203[] = {1, 2, 0, 3}, s2[] = {2}, s20[] = {2, 0}, a1[] = {1};
    static const float data[3] = {1, 2, 3};
    th_env env;
    WNNOperand in, out;
    WNNBatchNormalizationOptions bo = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    WNNInstanceNormalizationOptions io = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    WNNLayerNormalizationOptions lo = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;

    /* batch: the normalized axis itself is empty (mean and variance of shape [0]). */
    th_init(&env);
    in = th_input(&env, F32, s203, 3, data);
    bo.scale = th_constant(&env, F32, s0, 1, data);
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in,
                                                       th_constant(&env, F32, s0, 1, data),
                                                       th_constant(&env, F32, s0, 1, data),
                                                       &bo, &out), WNNStatus_Success);
    assert_empty(&env, out, s203, 3);
    th_free(&env);

    /* batch: another axis is empty. */
    th_init(&env);
    in = th_input(&env, F32, s03, 2, data);
    ck_assert_int_eq(wnnGraphBuilderBatchNormalization(env.builder, in,
                                                       th_constant(&env, F32, s3, 1, data),
                                                       th_constant(&env, F32, s3, 1, data),
                                                       NULL, &out), WNNStatus_Success);
    assert_empty(&env, out, s03, 2);
    th_free(&env);

    /* instance: an empty spatial axis (the normalized set is empty). */
    th_init(&env);
    in = th_input(&env, F32, s1203, 4, data);
    io.scale = th_constant(&env, F32, s2, 1, data);
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, in, &io, &out),
                     WNNStatus_Success);
    assert_empty(&env, out, s1203, 4);
    th_free(&env);

    /* layer: an empty batch axis, default axes. */
    th_init(&env);
    in = th_input(&env, F32, s03, 2, data);
    lo.scale = th_constant(&env, F32, s3, 1, data);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &lo, &out),
                     WNNStatus_Success);
    assert_empty(&env, out, s03, 2);
    th_free(&env);

    /* layer: the normalized axis is empty. */
    th_init(&env);
    in = th_input(&env, F32, s20, 2, data);
    lo.axes = a1;
    lo.axesCount = 1;
    lo.scale = th_constant(&env, F32, s0, 1, data);
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, in, &lo, &out),
                     WNNStatus_Success);
    assert_empty(&env, out, s20, 2);
    th_free(&env);
}
END_TEST

/* ---- validation -------------------------------------------------------------------------- */

START_TEST(batch_validation_errors)
{
    static const uint32_t s23[] = {2, 3}, s3[] = {3}, s2[] = {2}, s13[] = {1, 3};
    static const float f[6] = {0};
    static const int32_t i6[6] = {0};
    static const uint16_t h3[3] = {0};
    th_env env, other;
    WNNOperand x, xi, m, m2, mi, m13, mh, foreign, out = NULL;
    WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, F32, s23, 2, f);
    xi = th_input(&env, WNNOperandDataType_Int32, s23, 2, i6);
    m = th_constant(&env, F32, s3, 1, f);
    m2 = th_constant(&env, F32, s2, 1, f);
    mi = th_constant(&env, WNNOperandDataType_Int32, s3, 1, i6);
    m13 = th_constant(&env, F32, s13, 2, f);
    mh = th_constant(&env, F16, s3, 1, h3);
    foreign = th_input(&other, F32, s3, 1, f);

    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, xi, mi, mi, NULL, &out),
                     WNNStatus_TypeError,
                     "batchNormalization: the data type of input must be one of float32, "
                     "float16, got int32");
    o.axis = 2;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "axis must be less than the input's rank 2, got 2");
    o.axis = 1;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, mh, m, &o, &out),
                     WNNStatus_TypeError,
                     "the data type of mean must be the input's (float32), got float16");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m2, m, &o, &out),
                     WNNStatus_TypeError, "the shape of mean must be [3], got [2]");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m13, m, &o, &out),
                     WNNStatus_TypeError, "the shape of mean must be [3], got [1, 3]");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, mi, &o, &out),
                     WNNStatus_TypeError, "the data type of variance must be the input's");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m2, &o, &out),
                     WNNStatus_TypeError, "the shape of variance must be [3], got [2]");
    o.scale = mh;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "the data type of scale must be the input's");
    o.scale = m2;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "the shape of scale must be [3], got [2]");
    o.scale = NULL;
    o.bias = mi;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "the data type of bias must be the input's");
    o.bias = m13;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "the shape of bias must be [3], got [1, 3]");
    o.bias = foreign;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "bias was created by another builder");
    o.bias = NULL;
    o.epsilon = D_NAN;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "epsilon must be a finite number");
    o.epsilon = -D_INF;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "epsilon must be a finite number");
    o.epsilon = 1e-5;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, NULL, m, &o, &out),
                     WNNStatus_TypeError, "mean is NULL");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, NULL, &o, &out),
                     WNNStatus_TypeError, "variance is NULL");
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, foreign, m, m, &o,
                                                             &out),
                     WNNStatus_TypeError, "input was created by another builder");
    o.label = "bn";
    o.axis = 5;
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, &o, &out),
                     WNNStatus_TypeError, "batchNormalization[bn]: axis");
    /* rank 0: no axis is valid */
    {
        WNNOperand scalar = th_constant(&env, F32, NULL, 0, f);
        o.axis = 0;
        th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, scalar, m, m, &o,
                                                                 &out),
                         WNNStatus_TypeError, "less than the input's rank 0, got 0");
    }
    th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, m, m, NULL, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_ptr_null(out);
    th_free(&env);
    th_free(&other);
}
END_TEST

START_TEST(instance_validation_errors)
{
    static const uint32_t s4[] = {1, 2, 3, 4}, s3[] = {2, 3, 4}, c2[] = {2}, c4[] = {4};
    static const float f[24] = {0};
    static const uint16_t h[24] = {0};
    static const uint8_t u8[24] = {0};
    th_env env;
    WNNOperand x, x3, xh, sc2, sc4, sch, out = NULL;
    WNNInstanceNormalizationOptions o = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    th_init(&env);
    x = th_input(&env, F32, s4, 4, f);
    x3 = th_input(&env, F32, s3, 3, f);
    xh = th_input(&env, WNNOperandDataType_Uint8, s4, 4, u8);
    sc2 = th_constant(&env, F32, c2, 1, f);
    sc4 = th_constant(&env, F32, c4, 1, f);
    sch = th_constant(&env, F16, c2, 1, h);
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, xh, NULL, &out),
                     WNNStatus_TypeError,
                     "instanceNormalization: the data type of input must be one of float32, "
                     "float16, got uint8");
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x3, NULL, &out),
                     WNNStatus_TypeError, "the input's rank must be 4, got 3");
    o.scale = sch;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the data type of scale must be the input's");
    o.scale = sc4;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the shape of scale must be [2], got [4]");
    /* nhwc: the channel dimension is the last one (4), so sc4 is right and sc2 wrong */
    o.layout = WNNInputOperandLayout_Nhwc;
    ck_assert_int_eq(wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_Success);
    o.bias = sc2;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the shape of bias must be [4], got [2]");
    o.bias = sch;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the data type of bias must be the input's");
    o.bias = NULL;
    o.layout = (WNNInputOperandLayout)2;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "layout is not a valid enum value, got 2");
    o.layout = WNNInputOperandLayout_Nchw;
    o.epsilon = D_INF;
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "epsilon must be a finite number");
    th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, NULL, NULL, &out),
                     WNNStatus_TypeError, "instanceNormalization: input is NULL");
    th_free(&env);
}
END_TEST

START_TEST(layer_validation_errors)
{
    static const uint32_t s234[] = {2, 3, 4}, s34[] = {3, 4}, s43[] = {4, 3}, s3[] = {3};
    static const uint32_t a12[] = {1, 2}, a3[] = {3}, a11[] = {1, 1}, a2[] = {2};
    static const float f[24] = {0};
    static const int8_t i8[24] = {0};
    th_env env;
    WNNOperand x, xi, sc34, sc43, sc3, sch, out = NULL;
    WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    uint16_t h[12] = {0};
    th_init(&env);
    x = th_input(&env, F32, s234, 3, f);
    xi = th_input(&env, WNNOperandDataType_Int8, s234, 3, i8);
    sc34 = th_constant(&env, F32, s34, 2, f);
    sc43 = th_constant(&env, F32, s43, 2, f);
    sc3 = th_constant(&env, F32, s3, 1, f);
    sch = th_constant(&env, F16, s34, 2, h);
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, xi, NULL, &out),
                     WNNStatus_TypeError,
                     "layerNormalization: the data type of input must be one of float32, "
                     "float16, got int8");
    o.axes = a3;
    o.axesCount = 1;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must be less than the input's rank 3, got 3");
    o.axes = a11;
    o.axesCount = 2;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "axes must not contain duplicates, got 1 twice");
    o.axes = a12;
    o.scale = sch;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the data type of scale must be the input's");
    o.scale = sc3;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the rank of scale must equal the size of axes 2, got 1");
    o.scale = sc43;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError,
                     "scale's dimension 0 must be the input's dimension 1 (3), got 4");
    o.scale = sc34;
    ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_Success);
    o.bias = sc3;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the rank of bias must equal the size of axes 2, got 1");
    o.bias = sc43;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError,
                     "bias's dimension 0 must be the input's dimension 1 (3), got 4");
    o.bias = sch;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the data type of bias must be the input's");
    /* default axes of a 3-D input are [1, 2]: a [3] scale has the wrong rank */
    o.axes = NULL;
    o.axesCount = 0;
    o.bias = NULL;
    o.scale = sc3;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "the rank of scale must equal the size of axes 2");
    /* axes [2]: the [3] scale has the wrong size (input dimension 2 is 4) */
    o.axes = a2;
    o.axesCount = 1;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "dimension 0 must be the input's dimension 2 (4)");
    o.scale = NULL;
    o.epsilon = D_NAN;
    th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                     WNNStatus_TypeError, "layerNormalization: epsilon must be a finite");
    /* after build, every call is refused */
    {
        WNNNamedOperand named;
        WNNGraph g;
        o.epsilon = 1e-5;
        ck_assert_int_eq(wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = out;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderLayerNormalization(env.builder, x, &o, &out),
                         WNNStatus_InvalidStateError, "already built");
        th_assert_status(&env, wnnGraphBuilderInstanceNormalization(env.builder, x, NULL, &out),
                         WNNStatus_InvalidStateError, "already built");
        th_assert_status(&env, wnnGraphBuilderBatchNormalization(env.builder, x, sc3, sc3, NULL,
                                                                 &out),
                         WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
}
END_TEST

static Suite *normalization_suite(void)
{
    Suite *s = suite_create("normalization");
    TCase *t = tcase_create("core");
    tcase_add_test(t, batch_hand_checked_nchw_and_nhwc);
    tcase_add_test(t, batch_any_axis_and_rank_1);
    tcase_add_test(t, batch_epsilon_is_cast_to_float16);
    tcase_add_test(t, batch_special_values);
    tcase_add_test(t, instance_hand_checked);
    tcase_add_test(t, instance_nchw_equals_transposed_nhwc);
    tcase_add_test(t, instance_float16_rounds_once);
    tcase_add_test(t, layer_default_axes_rank_0_and_1_normalize_nothing);
    tcase_add_test(t, layer_default_axes_rank_2_and_3);
    tcase_add_test(t, layer_scale_and_bias_follow_the_order_of_axes);
    tcase_add_test(t, layer_float16_axes_2);
    tcase_add_test(t, zero_size_inputs_give_empty_outputs);
    tcase_add_test(t, batch_validation_errors);
    tcase_add_test(t, instance_validation_errors);
    tcase_add_test(t, layer_validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(normalization_suite)
