/* tests/check_pool.c - averagePool2d, l2Pool2d, maxPool2d.
 *
 * Expected values come from hand computation or from a plain loop in this file (padded cells
 * excluded from every pool, see ops/pool.c) over small integers; the nhwc layout is checked by
 * permuting the data here and comparing with the nchw result. One case is web-platform-tests
 * data (see the notice below). */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* NaN and infinity as doubles (math.h gives floats; clang warns on the promotion). */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

typedef WNNStatus (*pool_builder)(WNNGraphBuilder, WNNOperand, const WNNPool2dOptions *,
                                  WNNOperand *);

enum { AVG, L2, MAX };
static const struct {
    const char *name;
    pool_builder build;
} pools[] = {
    {"averagePool2d", wnnGraphBuilderAveragePool2d},
    {"l2Pool2d", wnnGraphBuilderL2Pool2d},
    {"maxPool2d", wnnGraphBuilderMaxPool2d},
};

/* ---- helpers ----------------------------------------------------------------------------- */

static size_t count4(const uint32_t *s)
{
    return (size_t)s[0] * s[1] * s[2] * s[3];
}

static void fill_ints(double *v, size_t n, unsigned seed)
{
    size_t i;
    unsigned s = seed * 2654435761u + 777u;
    for (i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        v[i] = (double)((int)((s >> 16) % 9u) - 4);
    }
}

static void *pack(WNNOperandDataType type, const double *v, size_t n)
{
    void *buf = malloc(n ? n * wnnOperandDataTypeByteSize(type) : 1);
    ck_assert_ptr_nonnull(buf);
    th_pack(type, v, n, buf);
    return buf;
}

/* nchw [N,C,H,W] <-> nhwc [N,H,W,C] */
static void nchw_to_nhwc(const double *src, const uint32_t *s, double *dst)
{
    uint32_t n, c, h, w;
    for (n = 0; n < s[0]; n++)
        for (c = 0; c < s[1]; c++)
            for (h = 0; h < s[2]; h++)
                for (w = 0; w < s[3]; w++)
                    dst[((n * s[2] + h) * s[3] + w) * s[1] + c] =
                        src[((n * s[1] + c) * s[2] + h) * s[3] + w];
}

/* Run one pool; raw input bytes of `type`; the output shape is checked when want != NULL. */
static void run_pool_raw(int kind, WNNOperandDataType type, const uint32_t *shape,
                         const void *data, const WNNPool2dOptions *options,
                         const uint32_t *wantShape, th_result *r)
{
    th_env env;
    WNNOperand x, out;
    th_init(&env);
    x = th_input(&env, type, shape, 4, data);
    ck_assert_msg(pools[kind].build(env.builder, x, options, &out) == WNNStatus_Success,
                  "%s: %s", pools[kind].name, wnnGraphBuilderGetErrorMessage(env.builder));
    if (wantShape) {
        size_t rank, i;
        const uint32_t *got = wnnOperandGetShape(out, &rank);
        ck_assert_uint_eq(rank, 4);
        for (i = 0; i < 4; i++)
            ck_assert_msg(got[i] == wantShape[i], "%s output dim %lu = %u, want %u",
                          pools[kind].name, (unsigned long)i, got[i], wantShape[i]);
    }
    ck_assert_int_eq(th_run(&env, 1, &out, r), WNNStatus_Success);
    th_free(&env);
}

static void run_pool(int kind, WNNOperandDataType type, const uint32_t *shape, const double *x,
                     const WNNPool2dOptions *options, const uint32_t *wantShape, th_result *r)
{
    void *p = pack(type, x, count4(shape));
    run_pool_raw(kind, type, shape, p, options, wantShape, r);
    free(p);
}

static void assert_values(const th_result *r, const double *want, size_t n, const char *what)
{
    size_t i;
    ck_assert_uint_eq(r->count, n);
    for (i = 0; i < n; i++)
        ck_assert_msg(th_same(th_get(r, i), want[i]), "%s[%lu] = %a, want %a", what,
                      (unsigned long)i, th_get(r, i), want[i]);
}

/* ---- the plain reference ------------------------------------------------------------------ */

typedef struct pool_case {
    uint32_t shape[4]; /* nchw */
    int defaultWindow;
    uint32_t window[2];
    uint32_t padding[4];
    uint32_t strides[2];
    uint32_t dilations[2];
    int ceil;
    int useOutputSizes;
    uint32_t outputSizes[2];
    uint32_t out[2]; /* the expected output height and width, worked out by hand */
} pool_case;

static const pool_case cases[] = {
    /* shape         default window  padding       strides dilations ceil sizes  out */
    {{1, 1, 4, 4}, 0, {2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 0, 0, {0, 0}, {3, 3}},
    {{2, 3, 5, 4}, 1, {0, 0}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 0, 0, {0, 0}, {1, 1}},
    {{1, 2, 5, 5}, 0, {3, 3}, {1, 1, 1, 1}, {2, 2}, {1, 1}, 0, 0, {0, 0}, {3, 3}},
    {{1, 2, 5, 6}, 0, {3, 2}, {1, 0, 0, 1}, {2, 2}, {1, 1}, 1, 0, {0, 0}, {3, 4}},
    {{2, 2, 6, 7}, 0, {2, 3}, {0, 1, 2, 0}, {3, 2}, {2, 1}, 0, 0, {0, 0}, {2, 4}},
    {{1, 3, 7, 7}, 0, {3, 3}, {0, 0, 0, 0}, {2, 2}, {2, 2}, 1, 0, {0, 0}, {2, 2}},
    /* outputSizes: the ceil pair [3,3] (floor is [2,2]), with padding kept */
    {{1, 2, 5, 5}, 0, {3, 3}, {1, 0, 0, 1}, {2, 2}, {1, 1}, 0, 1, {3, 3}, {3, 3}},
    /* outputSizes: the floor pair, although outputShapeRounding says ceil */
    {{1, 2, 5, 5}, 0, {3, 3}, {1, 0, 0, 1}, {2, 2}, {1, 1}, 1, 1, {2, 2}, {2, 2}},
    /* padding wider than the window: some windows lie entirely in padding */
    {{1, 1, 2, 3}, 0, {1, 2}, {2, 1, 0, 3}, {1, 2}, {1, 1}, 0, 0, {0, 0}, {5, 3}},
    /* ceil rounding with a last window beyond the end padding */
    {{1, 2, 2, 2}, 0, {2, 2}, {0, 1, 0, 0}, {2, 2}, {1, 1}, 1, 0, {0, 0}, {2, 1}},
};

static void case_options(const pool_case *c, WNNPool2dOptions *o)
{
    WNNPool2dOptions init = WNN_POOL2D_OPTIONS_INIT;
    *o = init;
    if (!c->defaultWindow) {
        o->windowDimensions = c->window;
        o->windowDimensionsCount = 2;
    }
    o->padding = c->padding;
    o->paddingCount = 4;
    o->strides = c->strides;
    o->stridesCount = 2;
    o->dilations = c->dilations;
    o->dilationsCount = 2;
    o->outputShapeRounding = c->ceil ? WNNRoundingType_Ceil : WNNRoundingType_Floor;
    if (c->useOutputSizes) {
        o->outputSizes = c->outputSizes;
        o->outputSizesCount = 2;
    }
}

/* y (nchw) = the pool of x (nchw) with padded cells excluded; empty[i] = no real cell.
 * Values rounded to float32. */
static void reference_pool(int kind, const pool_case *c, const double *x, double *y,
                           unsigned char *empty)
{
    uint32_t N = c->shape[0], C = c->shape[1], H = c->shape[2], W = c->shape[3];
    uint32_t kh = c->defaultWindow ? H : c->window[0], kw = c->defaultWindow ? W : c->window[1];
    uint32_t n, ch, oh, ow, i, j;
    for (n = 0; n < N; n++)
        for (ch = 0; ch < C; ch++)
            for (oh = 0; oh < c->out[0]; oh++)
                for (ow = 0; ow < c->out[1]; ow++) {
                    size_t o = ((n * C + ch) * c->out[0] + oh) * c->out[1] + ow;
                    double sum = 0, best = -DINF;
                    int count = 0;
                    for (i = 0; i < kh; i++)
                        for (j = 0; j < kw; j++) {
                            long h = (long)(oh * c->strides[0] + i * c->dilations[0]) -
                                     (long)c->padding[0];
                            long w = (long)(ow * c->strides[1] + j * c->dilations[1]) -
                                     (long)c->padding[2];
                            double v;
                            if (h < 0 || h >= (long)H || w < 0 || w >= (long)W)
                                continue;
                            v = x[((n * C + ch) * H + (size_t)h) * W + (size_t)w];
                            sum += kind == L2 ? v * v : v;
                            if (v > best)
                                best = v;
                            count++;
                        }
                    empty[o] = count == 0;
                    if (count == 0)
                        y[o] = kind == AVG ? DNAN : kind == L2 ? 0.0 : -DINF;
                    else if (kind == AVG)
                        y[o] = (double)(float)(sum / count);
                    else if (kind == L2)
                        y[o] = (double)(float)sqrt(sum);
                    else
                        y[o] = best;
                }
}

/* Every case, every pool, nchw and nhwc, against the plain reference. */
START_TEST(pools_match_reference_in_both_layouts)
{
    size_t t;
    int kind, nhwc;
    for (t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        const pool_case *c = &cases[t];
        size_t nin = count4(c->shape), nout = (size_t)c->shape[0] * c->shape[1] * c->out[0] *
                                                c->out[1], i;
        double *x = (double *)malloc(nin * sizeof *x), *xt = (double *)malloc(nin * sizeof *xt);
        double *want = (double *)malloc(nout * sizeof *want);
        double *wantT = (double *)malloc(nout * sizeof *wantT);
        unsigned char *empty = (unsigned char *)malloc(nout);
        unsigned char *emptyT = (unsigned char *)malloc(nout);
        double emptyD[512], emptyTD[512];
        uint32_t outShape[4], outShapeT[4], inShapeT[4];
        WNNPool2dOptions o;
        ck_assert_uint_le(nout, 512);
        fill_ints(x, nin, (unsigned)t + 3);
        nchw_to_nhwc(x, c->shape, xt);
        outShape[0] = c->shape[0];
        outShape[1] = c->shape[1];
        outShape[2] = c->out[0];
        outShape[3] = c->out[1];
        inShapeT[0] = c->shape[0];
        inShapeT[1] = c->shape[2];
        inShapeT[2] = c->shape[3];
        inShapeT[3] = c->shape[1];
        outShapeT[0] = c->shape[0];
        outShapeT[1] = c->out[0];
        outShapeT[2] = c->out[1];
        outShapeT[3] = c->shape[1];
        case_options(c, &o);
        for (kind = 0; kind < 3; kind++) {
            reference_pool(kind, c, x, want, empty);
            nchw_to_nhwc(want, outShape, wantT);
            for (i = 0; i < nout; i++)
                emptyD[i] = empty[i];
            nchw_to_nhwc(emptyD, outShape, emptyTD);
            for (i = 0; i < nout; i++)
                emptyT[i] = emptyTD[i] != 0;
            for (nhwc = 0; nhwc < 2; nhwc++) {
                th_result r;
                o.layout = nhwc ? WNNInputOperandLayout_Nhwc : WNNInputOperandLayout_Nchw;
                run_pool(kind, WNNOperandDataType_Float32, nhwc ? inShapeT : c->shape,
                         nhwc ? xt : x, &o, nhwc ? outShapeT : outShape, &r);
                ck_assert_uint_eq(r.count, nout);
                for (i = 0; i < nout; i++) {
                    double w = nhwc ? wantT[i] : want[i];
                    ck_assert_msg(th_same(th_get(&r, i), w), "case %lu %s %s [%lu] = %g, want %g",
                                  (unsigned long)t, pools[kind].name, nhwc ? "nhwc" : "nchw",
                                  (unsigned long)i, th_get(&r, i), w);
                    ck_assert_int_eq(r.mask[i], nhwc ? emptyT[i] : empty[i]);
                }
                th_result_free(&r);
            }
        }
        free(x);
        free(xt);
        free(want);
        free(wantT);
        free(empty);
        free(emptyT);
    }
}
END_TEST

START_TEST(pools_by_hand)
{
    /* 1..9 in a 3x3 plane, 2x2 windows */
    static const uint32_t s[] = {1, 1, 3, 3}, so[] = {1, 1, 2, 2};
    static const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const double avg[] = {3, 4, 6, 7}, mx[] = {5, 6, 8, 9};
    static const uint32_t win[] = {2, 2};
    double l2[4];
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r;
    l2[0] = (double)(float)sqrt(46.0);
    l2[1] = (double)(float)sqrt(74.0);
    l2[2] = (double)(float)sqrt(154.0);
    l2[3] = (double)(float)sqrt(206.0);
    o.windowDimensions = win;
    o.windowDimensionsCount = 2;
    run_pool(AVG, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, avg, 4, "avg");
    th_result_free(&r);
    run_pool(L2, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, l2, 4, "l2");
    th_result_free(&r);
    run_pool(MAX, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, mx, 4, "max");
    th_result_free(&r);
    /* global pooling (default window) in float16: mean 5, max 9, l2 sqrt(285) */
    {
        static const uint32_t s11[] = {1, 1, 1, 1};
        static const double w5[] = {5}, w9[] = {9};
        double wl2[1];
        uint16_t packed;
        th_result q;
        th_pack(WNNOperandDataType_Float16, (const double[]){sqrt(285.0)}, 1, &packed);
        q.type = WNNOperandDataType_Float16;
        q.data = &packed;
        wl2[0] = th_get(&q, 0);
        run_pool(AVG, WNNOperandDataType_Float16, s, x, NULL, s11, &r);
        assert_values(&r, w5, 1, "f16 avg");
        th_result_free(&r);
        run_pool(MAX, WNNOperandDataType_Float16, s, x, NULL, s11, &r);
        assert_values(&r, w9, 1, "f16 max");
        th_result_free(&r);
        run_pool(L2, WNNOperandDataType_Float16, s, x, NULL, s11, &r);
        assert_values(&r, wl2, 1, "f16 l2");
        th_result_free(&r);
    }
}
END_TEST

/* ---- web-platform-tests data --------------------------------------------------------------
 * Copied from web-platform-tests (webnn/conformance_tests), under the 3-Clause BSD License,
 * Copyright (c) web-platform-tests contributors.
 * "averagePool2d float32 4D tensor options.roundingType=ceil" (tolerance: 11 ULP): window
 * [3,3], padding [1,0,0,1], strides [2,2], ceil. Its expected values average only the real
 * cells of windows that reach into the padding, as this implementation does. */
static const uint32_t avgceil_shape[] = {1, 2, 5, 5};
static const double avgceil_in[] = {
    22.975555419921875, 78.15438079833984, 9.686111450195312, 51.298038482666016,
    32.193084716796875, 87.65037536621094, 87.25082397460938, 39.49794006347656,
    80.0996322631836, 10.220142364501953, 52.602699279785156, 1.4128639698028564,
    11.95406436920166, 85.00074768066406, 64.78374481201172, 88.03128814697266,
    11.333850860595703, 70.61659240722656, 84.90442657470703, 79.06687927246094,
    7.3287248611450195, 35.97796630859375, 10.177306175231934, 1.4140757322311401,
    78.10037994384766, 91.59549713134766, 65.64701080322266, 55.14215087890625,
    18.432437896728516, 49.34624099731445, 15.648024559020996, 68.02723693847656,
    20.342548370361328, 26.727949142456055, 64.87446594238281, 46.5671501159668,
    79.57833099365234, 4.33846378326416, 38.183837890625, 45.25398254394531, 80.9718017578125,
    67.58124542236328, 6.0264997482299805, 29.7788143157959, 58.58993148803711,
    2.2384984493255615, 14.50549030303955, 68.72449493408203, 76.45657348632812,
    23.53263282775879,
};
static const double avgceil_out[] = {
    54.20252990722656, 37.16582489013672, 21.206613540649414, 50.038944244384766,
    58.46046447753906, 51.3569221496582, 37.24428939819336, 54.04661178588867,
    78.58363342285156, 52.73374557495117, 39.1442985534668, 57.1103515625, 43.23125457763672,
    32.67961120605469, 56.23945999145508, 40.00800323486328, 43.85149002075195,
    41.061283111572266,
};

static long ulp_distance_f32(float x, float y)
{
    int32_t bx, by;
    long lx, ly;
    memcpy(&bx, &x, 4);
    memcpy(&by, &y, 4);
    lx = bx < 0 ? -(long)(bx & 0x7FFFFFFF) : (long)bx;
    ly = by < 0 ? -(long)(by & 0x7FFFFFFF) : (long)by;
    return lx > ly ? lx - ly : ly - lx;
}

START_TEST(average_pool_wpt_case)
{
    static const uint32_t win[] = {3, 3}, pad[] = {1, 0, 0, 1}, str[] = {2, 2};
    static const uint32_t so[] = {1, 2, 3, 3};
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r;
    size_t i;
    o.windowDimensions = win;
    o.windowDimensionsCount = 2;
    o.padding = pad;
    o.paddingCount = 4;
    o.strides = str;
    o.stridesCount = 2;
    o.outputShapeRounding = WNNRoundingType_Ceil;
    run_pool(AVG, WNNOperandDataType_Float32, avgceil_shape, avgceil_in, &o, so, &r);
    for (i = 0; i < 18; i++)
        ck_assert_msg(ulp_distance_f32((float)th_get(&r, i), (float)avgceil_out[i]) <= 11,
                      "[%lu] %.9g vs %.9g", (unsigned long)i, th_get(&r, i), avgceil_out[i]);
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
}
END_TEST

/* Windows entirely in padding: value of the empty reduction, marked unspecified. */
START_TEST(windows_entirely_in_padding_are_unspecified)
{
    /* 1x1x2x2 input, window [1,1], padding bottom 2: rows 2 and 3 have no real cell. */
    static const uint32_t s[] = {1, 1, 2, 2}, so[] = {1, 1, 4, 2};
    static const uint32_t win[] = {1, 1}, pad[] = {0, 2, 0, 0};
    static const double x[] = {1, -2, 3, 4};
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r;
    size_t i;
    static const int32_t xi[] = {1, -2, 3, 4};
    static const uint8_t xu[] = {1, 2, 3, 4};
    o.windowDimensions = win;
    o.windowDimensionsCount = 2;
    o.padding = pad;
    o.paddingCount = 4;
    {
        static const double wa[] = {1, -2, 3, 4, DNAN, DNAN, DNAN, DNAN};
        static const double wl[] = {1, 2, 3, 4, 0, 0, 0, 0};
        static const double wm[] = {1, -2, 3, 4, -DINF, -DINF, -DINF, -DINF};
        run_pool(AVG, WNNOperandDataType_Float32, s, x, &o, so, &r);
        assert_values(&r, wa, 8, "avg");
        for (i = 0; i < 8; i++)
            ck_assert_int_eq(r.mask[i], i >= 4);
        ck_assert_uint_eq(r.unspecified, 4);
        th_result_free(&r);
        run_pool(L2, WNNOperandDataType_Float16, s, x, &o, so, &r);
        assert_values(&r, wl, 8, "l2");
        ck_assert_uint_eq(r.unspecified, 4);
        ck_assert_int_eq(r.mask[4], 1);
        th_result_free(&r);
        run_pool(MAX, WNNOperandDataType_Float32, s, x, &o, so, &r);
        assert_values(&r, wm, 8, "max");
        ck_assert_uint_eq(r.unspecified, 4);
        th_result_free(&r);
    }
    /* integer maxPool2d: the type's minimum */
    run_pool_raw(MAX, WNNOperandDataType_Int32, s, xi, &o, so, &r);
    ck_assert_int_eq(((int32_t *)r.data)[1], -2);
    ck_assert_int_eq(((int32_t *)r.data)[5], INT32_MIN);
    ck_assert_int_eq(r.mask[5], 1);
    ck_assert_int_eq(r.mask[1], 0);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Uint8, s, xu, &o, so, &r);
    ck_assert_uint_eq(((uint8_t *)r.data)[3], 4);
    ck_assert_uint_eq(((uint8_t *)r.data)[7], 0);
    ck_assert_uint_eq(r.unspecified, 4);
    th_result_free(&r);
}
END_TEST

/* maxPool2d on every integer type: exact comparison, beyond 2^53 too. */
START_TEST(max_pool_integer_types)
{
    static const uint32_t s[] = {1, 1, 2, 2}, so[] = {1, 1, 1, 1};
    static const int8_t i8[] = {-128, -7, -1, -100};
    static const uint8_t u8[] = {0, 255, 17, 254};
    static const int32_t i32[] = {INT32_MIN, -5, INT32_MAX, 0};
    static const uint32_t u32[] = {4294967295u, 0, 4294967294u, 7};
    static const int64_t i64[] = {INT64_MIN, 9007199254740993LL, 9007199254740992LL, -1};
    static const uint64_t u64[] = {9223372036854775809ULL, 18446744073709551614ULL,
                                   18446744073709551615ULL, 5};
    static const int64_t i64b[] = {-9007199254740993LL, -9007199254740994LL, INT64_MIN,
                                   -9007199254740995LL};
    th_result r;
    run_pool_raw(MAX, WNNOperandDataType_Int8, s, i8, NULL, so, &r);
    ck_assert_int_eq(((int8_t *)r.data)[0], -1);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Uint8, s, u8, NULL, so, &r);
    ck_assert_uint_eq(((uint8_t *)r.data)[0], 255);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Int32, s, i32, NULL, so, &r);
    ck_assert_int_eq(((int32_t *)r.data)[0], INT32_MAX);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Uint32, s, u32, NULL, so, &r);
    ck_assert_uint_eq(((uint32_t *)r.data)[0], 4294967295u);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Int64, s, i64, NULL, so, &r);
    ck_assert(((int64_t *)r.data)[0] == 9007199254740993LL);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Int64, s, i64b, NULL, so, &r);
    ck_assert(((int64_t *)r.data)[0] == -9007199254740993LL);
    th_result_free(&r);
    run_pool_raw(MAX, WNNOperandDataType_Uint64, s, u64, NULL, so, &r);
    ck_assert(((uint64_t *)r.data)[0] == 18446744073709551615ULL);
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
}
END_TEST

START_TEST(special_values)
{
    /* four 1x2 windows (window [1,2], stride [1,2]) on a 1x8 row */
    static const uint32_t s[] = {1, 1, 1, 8}, so[] = {1, 1, 1, 4};
    static const uint32_t win[] = {1, 2}, str[] = {1, 2};
    static const double x[] = {DNAN, 1, DINF, -DINF, -0.0, 0.0, -0.0, -0.0};
    static const double wavg[] = {DNAN, DNAN, 0.0, -0.0};
    static const double wl2[] = {DNAN, DINF, 0.0, 0.0};
    static const double wmax[] = {DNAN, DINF, 0.0, -0.0};
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r;
    o.windowDimensions = win;
    o.windowDimensionsCount = 2;
    o.strides = str;
    o.stridesCount = 2;
    run_pool(AVG, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, wavg, 4, "avg");
    th_result_free(&r);
    run_pool(L2, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, wl2, 4, "l2");
    th_result_free(&r);
    run_pool(MAX, WNNOperandDataType_Float32, s, x, &o, so, &r);
    assert_values(&r, wmax, 4, "max");
    ck_assert_uint_eq(r.unspecified, 0);
    th_result_free(&r);
    /* NaN after a number, and in float16 */
    {
        static const double y[] = {1, DNAN, -DINF, -5, 0x1p-24, 0x1p-24, 2, 3};
        static const double wmax2[] = {DNAN, -5, 0x1p-24, 3};
        run_pool(MAX, WNNOperandDataType_Float16, s, y, &o, so, &r);
        assert_values(&r, wmax2, 4, "f16 max");
        th_result_free(&r);
    }
}
END_TEST

/* The sums are kept in double: no intermediate overflow, one rounding. */
START_TEST(double_intermediates_and_rounding)
{
    static const uint32_t s[] = {1, 1, 1, 2}, so[] = {1, 1, 1, 1};
    th_result r;
    {
        /* float16: 65504 + 65504 overflows float16 but the mean is 65504 */
        static const double x[] = {65504, 65504}, w[] = {65504};
        run_pool(AVG, WNNOperandDataType_Float16, s, x, NULL, so, &r);
        assert_values(&r, w, 1, "f16 avg");
        th_result_free(&r);
    }
    {
        /* float16: 300^2 + 400^2 = 250000 overflows float16; the norm is 500 */
        static const double x[] = {300, 400}, w[] = {500};
        run_pool(L2, WNNOperandDataType_Float16, s, x, NULL, so, &r);
        assert_values(&r, w, 1, "f16 l2");
        th_result_free(&r);
    }
    {
        /* float16: 65504 * sqrt(2) overflows the output: +inf */
        static const double x[] = {65504, 65504}, w[] = {DINF};
        run_pool(L2, WNNOperandDataType_Float16, s, x, NULL, so, &r);
        assert_values(&r, w, 1, "f16 l2 overflow");
        th_result_free(&r);
    }
    {
        /* float32: 2e38^2 * 2 is far beyond float32, its root 2.83e38 is not */
        static const double x[] = {2e38, 2e38};
        double w[1];
        float f = 2e38f;
        w[0] = (double)(float)sqrt(2.0 * (double)f * (double)f);
        run_pool(L2, WNNOperandDataType_Float32, s, x, NULL, so, &r);
        assert_values(&r, w, 1, "f32 l2");
        ck_assert(isfinite(th_get(&r, 0)));
        th_result_free(&r);
    }
    {
        /* float32: (1 + (1 + 2^-23)) / 2 = 1 + 2^-24 is a tie: even -> 1; and
         * (1 + 2^-23 + 1 + 2^-22) / 2 = 1 + 3*2^-24, a tie too: even -> 1 + 2^-22 */
        static const double x[] = {1.0, 1.0 + 0x1p-23}, w[] = {1.0};
        static const double x2[] = {1.0 + 0x1p-23, 1.0 + 0x1p-22}, w2[] = {1.0 + 0x1p-22};
        run_pool(AVG, WNNOperandDataType_Float32, s, x, NULL, so, &r);
        assert_values(&r, w, 1, "f32 avg tie");
        th_result_free(&r);
        run_pool(AVG, WNNOperandDataType_Float32, s, x2, NULL, so, &r);
        assert_values(&r, w2, 1, "f32 avg");
        th_result_free(&r);
    }
}
END_TEST

START_TEST(zero_size_inputs)
{
    static const uint32_t win11[] = {1, 1}, pad[] = {1, 1, 0, 0};
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r;
    int kind;
    for (kind = 0; kind < 3; kind++) {
        /* empty batch and empty channels: empty outputs (global window from H, W) */
        static const uint32_t n0[] = {0, 2, 3, 3}, so0[] = {0, 2, 1, 1};
        static const uint32_t c0[] = {2, 0, 3, 3}, soc[] = {2, 0, 1, 1};
        static const uint32_t h0[] = {1, 1, 0, 3}, soh[] = {1, 1, 0, 3}, sop[] = {1, 1, 2, 3};
        run_pool(kind, WNNOperandDataType_Float32, n0, NULL, NULL, so0, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
        run_pool(kind, WNNOperandDataType_Float32, c0, NULL, NULL, soc, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
        /* an empty spatial axis with an explicit 1x1 window: (0 - 1)/1 + 1 = 0 rows */
        o.windowDimensions = win11;
        o.windowDimensionsCount = 2;
        run_pool(kind, WNNOperandDataType_Float32, h0, NULL, &o, soh, &r);
        ck_assert_uint_eq(r.count, 0);
        th_result_free(&r);
        /* ... padded by one row on each side: two rows of windows with no real cell */
        o.padding = pad;
        o.paddingCount = 4;
        run_pool(kind, WNNOperandDataType_Float32, h0, NULL, &o, sop, &r);
        ck_assert_uint_eq(r.count, 6);
        ck_assert_uint_eq(r.unspecified, 6);
        th_result_free(&r);
        o.padding = NULL;
        o.paddingCount = 0;
        o.windowDimensions = NULL;
        o.windowDimensionsCount = 0;
    }
}
END_TEST

/* The unspecified mask follows the window: max(x, x') with a NaN at [0,0] marks that element
 * (ops/binary.c); a 2x2 pool over the 3x3 plane marks only the window that reads it. */
START_TEST(unspecified_mask_follows_the_window)
{
    static const uint32_t s[] = {1, 1, 3, 3}, win[] = {2, 2};
    static const float x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float nan0[9];
    th_env env;
    WNNOperand a, b, m, out[3];
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    th_result r[3];
    int kind;
    size_t i;
    memcpy(nan0, x, sizeof x);
    nan0[0] = DNAN;
    th_init(&env);
    a = th_input(&env, WNNOperandDataType_Float32, s, 4, x);
    b = th_input(&env, WNNOperandDataType_Float32, s, 4, nan0);
    ck_assert_int_eq(wnnGraphBuilderMax(env.builder, a, b, NULL, &m), WNNStatus_Success);
    o.windowDimensions = win;
    o.windowDimensionsCount = 2;
    for (kind = 0; kind < 3; kind++)
        ck_assert_int_eq(pools[kind].build(env.builder, m, &o, &out[kind]), WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 3, out, r), WNNStatus_Success);
    for (kind = 0; kind < 3; kind++) {
        ck_assert_uint_eq(r[kind].count, 4);
        for (i = 0; i < 4; i++)
            ck_assert_int_eq(r[kind].mask[i], i == 0);
        th_result_free(&r[kind]);
    }
    th_free(&env);
}
END_TEST

START_TEST(validation_errors)
{
    th_env env, other;
    static const uint32_t s4[] = {1, 2, 5, 5}, s3[] = {2, 5, 5}, s0[] = {1, 2, 0, 5};
    static const uint32_t two[] = {2, 2}, one[] = {1}, three[] = {1, 1, 1};
    static const uint32_t zero2[] = {0, 2}, two0[] = {2, 0}, pad3[] = {0, 0, 0};
    static const uint32_t win3[] = {3, 3}, pad1001[] = {1, 0, 0, 1}, big[] = {9, 9};
    static const uint32_t sizes33[] = {3, 3}, sizes32[] = {3, 2}, sizes1[] = {3};
    WNNOperand x, h, i32, u8, rank3, empty, foreign, out = NULL;
    int kind;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s4, 4, NULL);
    h = th_input(&env, WNNOperandDataType_Float16, s4, 4, NULL);
    i32 = th_input(&env, WNNOperandDataType_Int32, s4, 4, NULL);
    u8 = th_input(&env, WNNOperandDataType_Uint8, s4, 4, NULL);
    rank3 = th_input(&env, WNNOperandDataType_Float32, s3, 3, NULL);
    empty = th_input(&env, WNNOperandDataType_Float32, s0, 4, NULL);
    foreign = th_input(&other, WNNOperandDataType_Float32, s4, 4, NULL);
    /* data types: averagePool2d and l2Pool2d take floats only; maxPool2d any type */
    th_assert_status(&env, wnnGraphBuilderAveragePool2d(env.builder, i32, NULL, &out),
                     WNNStatus_TypeError, "averagePool2d: the data type of input must be one "
                                          "of float32, float16, got int32");
    th_assert_status(&env, wnnGraphBuilderL2Pool2d(env.builder, u8, NULL, &out),
                     WNNStatus_TypeError, "l2Pool2d: the data type of input must be one of "
                                          "float32, float16, got uint8");
    ck_assert_int_eq(wnnGraphBuilderMaxPool2d(env.builder, i32, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderMaxPool2d(env.builder, u8, NULL, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderAveragePool2d(env.builder, h, NULL, &out),
                     WNNStatus_Success);
    for (kind = 0; kind < 3; kind++) {
        WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
        char prefix[64];
        pool_builder build = pools[kind].build;
        strcpy(prefix, pools[kind].name);
        strcat(prefix, ": ");
        out = NULL;
        th_assert_status(&env, build(env.builder, NULL, NULL, &out), WNNStatus_TypeError,
                         "input is NULL");
        th_assert_status(&env, build(env.builder, foreign, NULL, &out), WNNStatus_TypeError,
                         "input was created by another builder");
        th_assert_status(&env, build(env.builder, rank3, NULL, &out), WNNStatus_TypeError,
                         "the rank of input must be 4, got 3");
        th_assert_status(&env, build(env.builder, rank3, NULL, &out), WNNStatus_TypeError,
                         prefix);
        /* global pooling of an empty spatial axis: the default window contains 0 */
        th_assert_status(&env, build(env.builder, empty, NULL, &out), WNNStatus_TypeError,
                         "windowDimensions must not contain 0");
        o.windowDimensions = one;
        o.windowDimensionsCount = 1;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "windowDimensions must have 2 items, got 1");
        o.windowDimensions = zero2;
        o.windowDimensionsCount = 2;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "windowDimensions must not contain 0, got item 0");
        o.windowDimensions = two;
        o.padding = pad3;
        o.paddingCount = 3;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "padding must have 4 items, got 3");
        o.padding = NULL;
        o.strides = three;
        o.stridesCount = 3;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "strides must have 2 items, got 3");
        o.strides = two0;
        o.stridesCount = 2;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "strides must not contain 0, got item 1");
        o.strides = NULL;
        o.outputSizes = sizes1;
        o.outputSizesCount = 1;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "outputSizes must have 2 items, got 1");
        o.outputSizes = NULL;
        o.dilations = one;
        o.dilationsCount = 1;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "dilations must have 2 items, got 1");
        o.dilations = zero2;
        o.dilationsCount = 2;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "dilations must not contain 0, got item 0");
        o.dilations = NULL;
        /* a window larger than the padded input: (5 - 9)/1 + 1 = -3 */
        o.windowDimensions = big;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "the output height is not a valid dimension, got -3");
        /* (2^32 - 2) * (2^32 - 1): the effective window overflows 64-bit arithmetic */
        {
            static const uint32_t hugeWin[] = {4294967295u, 1}, hugeDil[] = {4294967295u, 1};
            o.windowDimensions = hugeWin;
            o.dilations = hugeDil;
            o.dilationsCount = 2;
            th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                             "the effective window size overflows 64-bit arithmetic");
            o.dilations = NULL;
            o.dilationsCount = 0;
        }
        /* outputSizes must be the floor pair [2,2] or the ceil pair [3,3] */
        o.windowDimensions = win3;
        o.padding = pad1001;
        o.paddingCount = 4;
        o.strides = two;
        o.stridesCount = 2;
        o.outputSizes = sizes32;
        o.outputSizesCount = 2;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "outputSizes must be the floor sizes [2, 2] or the ceil sizes [3, 3], "
                         "got [3, 2]");
        /* SPEC-ISSUE ops-§8.7: outputSizes [3,3] >= strides [2,2] and padding kept: fine */
        o.outputSizes = sizes33;
        ck_assert_int_eq(build(env.builder, x, &o, &out), WNNStatus_Success);
        /* enums */
        o.layout = (WNNInputOperandLayout)2;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "layout is not a valid enum value, got 2");
        o.layout = WNNInputOperandLayout_Nchw;
        o.outputShapeRounding = (WNNRoundingType)-1;
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError,
                         "outputShapeRounding is not a valid enum value, got -1");
        o.outputShapeRounding = WNNRoundingType_Floor;
        o.label = "p";
        o.windowDimensions = big;
        o.outputSizes = NULL;
        strcpy(prefix, pools[kind].name);
        strcat(prefix, "[p]: the output height");
        th_assert_status(&env, build(env.builder, x, &o, &out), WNNStatus_TypeError, prefix);
        th_assert_status(&env, build(env.builder, x, NULL, NULL), WNNStatus_InvalidArgument,
                         "output pointer is NULL");
    }
    {
        WNNOperand ok;
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderMaxPool2d(env.builder, x, NULL, &ok), WNNStatus_Success);
        named.name = "o";
        named.operand = ok;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        for (kind = 0; kind < 3; kind++)
            th_assert_status(&env, pools[kind].build(env.builder, x, NULL, &out),
                             WNNStatus_InvalidStateError, "already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *pool_suite(void)
{
    Suite *s = suite_create("pool");
    TCase *t = tcase_create("core");
    tcase_add_test(t, pools_by_hand);
    tcase_add_test(t, pools_match_reference_in_both_layouts);
    tcase_add_test(t, average_pool_wpt_case);
    tcase_add_test(t, windows_entirely_in_padding_are_unspecified);
    tcase_add_test(t, max_pool_integer_types);
    tcase_add_test(t, special_values);
    tcase_add_test(t, double_intermediates_and_rounding);
    tcase_add_test(t, zero_size_inputs);
    tcase_add_test(t, unspecified_mask_follows_the_window);
    tcase_add_test(t, validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(pool_suite)
