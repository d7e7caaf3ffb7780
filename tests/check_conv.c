/* tests/check_conv.c - conv2d and convTranspose2d.
 *
 * Expected values come from hand computation or from plain loops in this file over small
 * integers (whose sums are exact, so every summation order gives the same bits): conv2d by its
 * definition as a cross-correlation, convTranspose2d in gather form (the kernel under test
 * scatters). Every layout is checked by permuting the data here and comparing with the default
 * layout's result, and convTranspose2d is checked to be the exact adjoint of conv2d. Two cases
 * are web-platform-tests data (see the notice below). */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* NaN and infinity as doubles (math.h gives floats; clang warns on the promotion). */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

/* ---- helpers ----------------------------------------------------------------------------- */

static size_t count4(const uint32_t *s)
{
    return (size_t)s[0] * s[1] * s[2] * s[3];
}

/* Deterministic small integers in [-4, 4]. */
static void fill_ints(double *v, size_t n, unsigned seed)
{
    size_t i;
    unsigned s = seed * 2654435761u + 99u;
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

/* dst = src transposed: dst's dimension i is src's dimension perm[i]. */
static void permute4(const double *src, const uint32_t *srcShape, const int *perm, double *dst,
                     uint32_t *dstShape)
{
    uint32_t d[4], i[4];
    size_t k, srcStrides[4];
    int a;
    srcStrides[3] = 1;
    for (a = 3; a > 0; a--)
        srcStrides[a - 1] = srcStrides[a] * srcShape[a];
    for (a = 0; a < 4; a++)
        d[a] = srcShape[perm[a]];
    k = 0;
    for (i[0] = 0; i[0] < d[0]; i[0]++)
        for (i[1] = 0; i[1] < d[1]; i[1]++)
            for (i[2] = 0; i[2] < d[2]; i[2]++)
                for (i[3] = 0; i[3] < d[3]; i[3]++) {
                    size_t s = 0;
                    for (a = 0; a < 4; a++)
                        s += i[a] * srcStrides[perm[a]];
                    dst[k++] = src[s];
                }
    if (dstShape)
        for (a = 0; a < 4; a++)
            dstShape[a] = d[a];
}

static const int NCHW_TO_NHWC[4] = {0, 2, 3, 1};
static const int NHWC_TO_NCHW[4] = {0, 3, 1, 2};
/* conv2d filters from oihw */
static const int OIHW_TO[4][4] = {{0, 1, 2, 3}, {2, 3, 1, 0}, {0, 2, 3, 1}, {1, 2, 3, 0}};
static const char *const CONV_FILTER_NAMES[4] = {"oihw", "hwio", "ohwi", "ihwo"};
/* convTranspose2d filters from iohw */
static const int IOHW_TO[3][4] = {{0, 1, 2, 3}, {2, 3, 1, 0}, {1, 2, 3, 0}};
static const char *const TRANSPOSE_FILTER_NAMES[3] = {"iohw", "hwoi", "ohwi"};

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

/* ---- one configuration ------------------------------------------------------------------- */

typedef struct conv_case {
    uint32_t in[4];     /* nchw */
    uint32_t filter[4]; /* oihw for conv2d, iohw for convTranspose2d */
    uint32_t padding[4];
    uint32_t strides[2];
    uint32_t dilations[2];
    uint32_t groups;
    int bias;
    uint32_t outputPadding[2];
    int useOutputSizes;
    uint32_t outputSizes[2];
    uint32_t out[2]; /* output height and width, worked out by hand */
} conv_case;

static uint32_t output_channels(int transpose, const conv_case *c)
{
    return transpose ? c->filter[1] * c->groups : c->filter[0];
}

/* Build and run one conv2d / convTranspose2d with the given layouts on nchw data x, default
 * layout filter w; y and mask receive the output in nchw order. */
static void run_case(int transpose, WNNOperandDataType type, int nhwc, int filterLayout,
                     const conv_case *c, const double *x, const double *w, const double *bias,
                     double *y, unsigned char *mask)
{
    th_env env;
    WNNOperand in, filter, b = NULL, out;
    uint32_t inShape[4], fShape[4], outShape[4];
    size_t nx = count4(c->in), nw = count4(c->filter), ny, i, rank;
    uint32_t O = output_channels(transpose, c);
    double *xp = (double *)malloc((nx ? nx : 1) * sizeof *xp);
    double *wp = (double *)malloc((nw ? nw : 1) * sizeof *wp);
    double *yl, *yn;
    void *px, *pw, *pb = NULL;
    const uint32_t *got;
    th_result r;
    WNNStatus s;
    ck_assert(xp && wp);
    permute4(x, c->in, nhwc ? NCHW_TO_NHWC : OIHW_TO[0], xp, inShape);
    permute4(w, c->filter, transpose ? IOHW_TO[filterLayout] : OIHW_TO[filterLayout], wp, fShape);
    px = pack(type, xp, nx);
    pw = pack(type, wp, nw);
    th_init(&env);
    in = th_input(&env, type, inShape, 4, px);
    filter = th_input(&env, type, fShape, 4, pw);
    if (bias) {
        pb = pack(type, bias, O);
        b = th_input(&env, type, &O, 1, pb);
    }
    if (transpose) {
        WNNConvTranspose2dOptions o = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
        o.padding = c->padding;
        o.paddingCount = 4;
        o.strides = c->strides;
        o.stridesCount = 2;
        o.dilations = c->dilations;
        o.dilationsCount = 2;
        o.outputPadding = c->outputPadding;
        o.outputPaddingCount = 2;
        if (c->useOutputSizes) {
            o.outputSizes = c->outputSizes;
            o.outputSizesCount = 2;
        }
        o.groups = c->groups;
        o.inputLayout = nhwc ? WNNInputOperandLayout_Nhwc : WNNInputOperandLayout_Nchw;
        o.filterLayout = (WNNConvTranspose2dFilterOperandLayout)filterLayout;
        o.bias = b;
        s = wnnGraphBuilderConvTranspose2d(env.builder, in, filter, &o, &out);
    } else {
        WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
        o.padding = c->padding;
        o.paddingCount = 4;
        o.strides = c->strides;
        o.stridesCount = 2;
        o.dilations = c->dilations;
        o.dilationsCount = 2;
        o.groups = c->groups;
        o.inputLayout = nhwc ? WNNInputOperandLayout_Nhwc : WNNInputOperandLayout_Nchw;
        o.filterLayout = (WNNConv2dFilterOperandLayout)filterLayout;
        o.bias = b;
        s = wnnGraphBuilderConv2d(env.builder, in, filter, &o, &out);
    }
    ck_assert_msg(s == WNNStatus_Success, "%s", wnnGraphBuilderGetErrorMessage(env.builder));
    /* the output shape */
    outShape[0] = c->in[0];
    outShape[1] = nhwc ? c->out[0] : O;
    outShape[2] = nhwc ? c->out[1] : c->out[0];
    outShape[3] = nhwc ? O : c->out[1];
    got = wnnOperandGetShape(out, &rank);
    ck_assert_uint_eq(rank, 4);
    for (i = 0; i < 4; i++)
        ck_assert_msg(got[i] == outShape[i], "output dim %lu = %u, want %u", (unsigned long)i,
                      got[i], outShape[i]);
    ck_assert_int_eq(wnnOperandGetDataType(out), type);
    ck_assert_int_eq(th_run(&env, 1, &out, &r), WNNStatus_Success);
    ny = r.count;
    yl = (double *)malloc((ny ? ny : 1) * sizeof *yl);
    yn = (double *)malloc((ny ? ny : 1) * sizeof *yn);
    ck_assert(yl && yn);
    for (i = 0; i < ny; i++)
        yl[i] = th_get(&r, i);
    permute4(yl, outShape, nhwc ? NHWC_TO_NCHW : OIHW_TO[0], y, NULL);
    if (mask) {
        for (i = 0; i < ny; i++)
            yl[i] = r.mask[i];
        permute4(yl, outShape, nhwc ? NHWC_TO_NCHW : OIHW_TO[0], yn, NULL);
        for (i = 0; i < ny; i++)
            mask[i] = yn[i] != 0;
    }
    th_result_free(&r);
    th_free(&env);
    free(xp);
    free(wp);
    free(px);
    free(pw);
    free(pb);
    free(yl);
    free(yn);
}

/* conv2d by definition (nchw input, oihw filter): a cross-correlation over the real input
 * positions of each window, plus the bias. The sum starts at -0 so that a sum of -0 products
 * is -0 (an empty sum is +0), the convention of the kernel under test; the sign of a zero
 * result is all it decides. */
static void reference_conv2d(const conv_case *c, const double *x, const double *w,
                             const double *bias, double *y)
{
    uint32_t N = c->in[0], C = c->in[1], H = c->in[2], W = c->in[3];
    uint32_t O = c->filter[0], KH = c->filter[2], KW = c->filter[3];
    uint32_t Cg = C / c->groups, Og = O / c->groups;
    uint32_t n, o, oh, ow, i, kh, kw;
    for (n = 0; n < N; n++)
        for (o = 0; o < O; o++)
            for (oh = 0; oh < c->out[0]; oh++)
                for (ow = 0; ow < c->out[1]; ow++) {
                    double sum = -0.0; /* the kernel's convention: see ops/conv.c */
                    int terms = 0;
                    uint32_t g = o / Og;
                    for (i = 0; i < Cg; i++)
                        for (kh = 0; kh < KH; kh++)
                            for (kw = 0; kw < KW; kw++) {
                                long h = (long)(oh * c->strides[0] + kh * c->dilations[0]) -
                                         (long)c->padding[0];
                                long v = (long)(ow * c->strides[1] + kw * c->dilations[1]) -
                                         (long)c->padding[2];
                                if (h < 0 || h >= (long)H || v < 0 || v >= (long)W)
                                    continue;
                                sum += x[((n * C + g * Cg + i) * H + (size_t)h) * W + (size_t)v] *
                                       w[((o * Cg + i) * KH + kh) * KW + kw];
                                terms++;
                            }
                    if (!terms)
                        sum = 0.0;
                    if (bias)
                        sum = bias[o] + sum;
                    y[((n * O + o) * c->out[0] + oh) * c->out[1] + ow] = sum;
                }
}

/* convTranspose2d in gather form (nchw input, iohw filter): output position oh takes kernel
 * tap kh from input row (oh + padTop - kh * dilation) / stride when that is a whole number
 * inside the input. */
static void reference_conv_transpose2d(const conv_case *c, const double *x, const double *w,
                                       const double *bias, double *y)
{
    uint32_t N = c->in[0], C = c->in[1], H = c->in[2], W = c->in[3];
    uint32_t Og = c->filter[1], KH = c->filter[2], KW = c->filter[3];
    uint32_t O = Og * c->groups, Cg = C / c->groups;
    uint32_t n, o, oh, ow, i, kh, kw;
    for (n = 0; n < N; n++)
        for (o = 0; o < O; o++)
            for (oh = 0; oh < c->out[0]; oh++)
                for (ow = 0; ow < c->out[1]; ow++) {
                    double sum = -0.0; /* the kernel's convention: see ops/conv.c */
                    int terms = 0;
                    uint32_t g = o / Og, j = o % Og;
                    for (i = 0; i < Cg; i++)
                        for (kh = 0; kh < KH; kh++)
                            for (kw = 0; kw < KW; kw++) {
                                long th = (long)oh + (long)c->padding[0] -
                                          (long)(kh * c->dilations[0]);
                                long tw = (long)ow + (long)c->padding[2] -
                                          (long)(kw * c->dilations[1]);
                                uint32_t ch = g * Cg + i;
                                if (th < 0 || tw < 0 || th % (long)c->strides[0] != 0 ||
                                    tw % (long)c->strides[1] != 0)
                                    continue;
                                th /= (long)c->strides[0];
                                tw /= (long)c->strides[1];
                                if (th >= (long)H || tw >= (long)W)
                                    continue;
                                sum += x[((n * C + ch) * H + (size_t)th) * W + (size_t)tw] *
                                       w[((ch * Og + j) * KH + kh) * KW + kw];
                                terms++;
                            }
                    if (!terms)
                        sum = 0.0;
                    if (bias)
                        sum = bias[o] + sum;
                    y[((n * O + o) * c->out[0] + oh) * c->out[1] + ow] = sum;
                }
}

/* ---- tables ------------------------------------------------------------------------------ */

static const conv_case conv2d_cases[] = {
    /* in            filter (oihw)  padding       strides dilations groups bias oPad sizes out */
    {{1, 1, 5, 5}, {1, 1, 3, 3}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1, 0, {0, 0}, 0, {0, 0}, {3, 3}},
    {{1, 2, 5, 5}, {3, 2, 3, 3}, {1, 1, 1, 1}, {1, 1}, {1, 1}, 1, 0, {0, 0}, 0, {0, 0}, {5, 5}},
    {{2, 2, 6, 5}, {2, 2, 2, 3}, {1, 0, 2, 1}, {2, 1}, {1, 1}, 1, 1, {0, 0}, 0, {0, 0}, {3, 6}},
    {{1, 2, 7, 7}, {2, 2, 3, 2}, {0, 0, 0, 0}, {1, 1}, {2, 3}, 1, 0, {0, 0}, 0, {0, 0}, {3, 4}},
    /* groups */
    {{2, 4, 4, 5}, {6, 2, 2, 3}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 2, 1, {0, 0}, 0, {0, 0}, {3, 3}},
    /* depthwise, and depthwise with a channel multiplier of 2 */
    {{1, 3, 5, 5}, {3, 1, 3, 3}, {1, 1, 1, 1}, {1, 1}, {1, 1}, 3, 1, {0, 0}, 0, {0, 0}, {5, 5}},
    {{1, 2, 4, 4}, {4, 1, 2, 2}, {0, 0, 0, 0}, {2, 2}, {1, 1}, 2, 0, {0, 0}, 0, {0, 0}, {2, 2}},
    /* everything at once */
    {{2, 4, 6, 7}, {4, 2, 2, 3}, {1, 2, 0, 1}, {2, 3}, {2, 1}, 2, 1, {0, 0}, 0, {0, 0}, {4, 2}},
    /* padding wider than the kernel: rows entirely in padding give the bias */
    {{1, 1, 2, 2}, {1, 1, 1, 1}, {2, 0, 0, 0}, {1, 1}, {1, 1}, 1, 1, {0, 0}, 0, {0, 0}, {4, 2}},
};

static const conv_case transpose_cases[] = {
    /* in            filter (iohw)  padding       strides dilations groups bias oPad sizes out */
    {{1, 1, 2, 2}, {1, 1, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1, 0, {0, 0}, 0, {0, 0}, {3, 3}},
    {{1, 1, 2, 2}, {1, 1, 2, 2}, {0, 0, 0, 0}, {2, 2}, {1, 1}, 1, 0, {0, 0}, 0, {0, 0}, {4, 4}},
    {{1, 2, 3, 2}, {2, 3, 3, 2}, {1, 0, 0, 2}, {3, 2}, {1, 1}, 1, 1, {1, 1}, 0, {0, 0}, {9, 3}},
    {{1, 1, 3, 3}, {1, 2, 2, 3}, {0, 0, 0, 0}, {1, 1}, {2, 3}, 1, 0, {0, 0}, 0, {0, 0}, {5, 9}},
    /* groups */
    {{2, 4, 3, 2}, {4, 3, 2, 2}, {0, 0, 0, 0}, {1, 2}, {1, 1}, 2, 1, {0, 0}, 0, {0, 0}, {4, 4}},
    /* outputSizes above the calculated [9, 7] */
    {{1, 1, 3, 3}, {1, 2, 3, 3}, {0, 0, 0, 0}, {3, 2}, {1, 1}, 1, 0, {0, 0}, 1, {10, 8}, {10, 8}},
    /* everything at once */
    {{2, 4, 3, 4}, {4, 2, 3, 2}, {1, 2, 2, 0}, {2, 3}, {1, 2}, 2, 1, {1, 2}, 0, {0, 0}, {5, 12}},
    /* the output padding region receives real contributions (end padding 1) */
    {{1, 1, 2, 2}, {1, 1, 3, 3}, {0, 1, 0, 1}, {2, 2}, {1, 1}, 1, 0, {1, 1}, 0, {0, 0}, {5, 5}},
    /* strides larger than the kernel: unreached rows and columns hold the bias */
    {{1, 1, 2, 2}, {1, 1, 1, 1}, {0, 0, 0, 0}, {3, 3}, {1, 1}, 1, 1, {0, 0}, 0, {0, 0}, {4, 4}},
    /* depthwise transposed */
    {{1, 3, 2, 3}, {3, 1, 2, 2}, {0, 0, 1, 0}, {1, 1}, {1, 1}, 3, 1, {0, 0}, 0, {0, 0}, {3, 3}},
};

/* Every case in every layout pair against the plain reference (exact: small integers). */
static void check_cases(int transpose, const conv_case *cases, size_t caseCount)
{
    size_t t, i;
    int nhwc, fl, layouts = transpose ? 3 : 4;
    for (t = 0; t < caseCount; t++) {
        const conv_case *c = &cases[t];
        uint32_t O = output_channels(transpose, c);
        size_t nx = count4(c->in), nw = count4(c->filter);
        size_t ny = (size_t)c->in[0] * O * c->out[0] * c->out[1];
        double *x = (double *)malloc(nx * sizeof *x), *w = (double *)malloc(nw * sizeof *w);
        double *want = (double *)malloc(ny * sizeof *want), *got = (double *)malloc(ny * sizeof *got);
        double bias[16];
        unsigned char *mask = (unsigned char *)malloc(ny);
        ck_assert(x && w && want && got && mask && O <= 16);
        fill_ints(x, nx, (unsigned)t * 7 + 1);
        fill_ints(w, nw, (unsigned)t * 7 + 2);
        fill_ints(bias, O, (unsigned)t * 7 + 3);
        if (transpose)
            reference_conv_transpose2d(c, x, w, c->bias ? bias : NULL, want);
        else
            reference_conv2d(c, x, w, c->bias ? bias : NULL, want);
        for (nhwc = 0; nhwc < 2; nhwc++)
            for (fl = 0; fl < layouts; fl++) {
                run_case(transpose, WNNOperandDataType_Float32, nhwc, fl, c, x, w,
                         c->bias ? bias : NULL, got, mask);
                for (i = 0; i < ny; i++) {
                    ck_assert_msg(th_same(got[i], want[i]),
                                  "%s case %lu (%s, %s) [%lu] = %g, want %g",
                                  transpose ? "convTranspose2d" : "conv2d", (unsigned long)t,
                                  nhwc ? "nhwc" : "nchw",
                                  transpose ? TRANSPOSE_FILTER_NAMES[fl] : CONV_FILTER_NAMES[fl],
                                  (unsigned long)i, got[i], want[i]);
                    ck_assert_int_eq(mask[i], 0);
                }
            }
        /* float16 too (the values stay exact) */
        run_case(transpose, WNNOperandDataType_Float16, 1, layouts - 1, c, x, w,
                 c->bias ? bias : NULL, got, NULL);
        for (i = 0; i < ny; i++)
            ck_assert_msg(th_same(got[i], want[i]), "float16 case %lu [%lu] = %g, want %g",
                          (unsigned long)t, (unsigned long)i, got[i], want[i]);
        free(x);
        free(w);
        free(want);
        free(got);
        free(mask);
    }
}

START_TEST(conv2d_matches_reference_in_every_layout)
{
    check_cases(0, conv2d_cases, sizeof conv2d_cases / sizeof conv2d_cases[0]);
}
END_TEST

START_TEST(conv_transpose2d_matches_gather_form_in_every_layout)
{
    check_cases(1, transpose_cases, sizeof transpose_cases / sizeof transpose_cases[0]);
}
END_TEST

/* <conv2d(x), y> = <x, convTranspose2d(y)> with the same filter array (oihw read as iohw),
 * padding, strides, dilations and groups, and outputSizes = the conv input's size. */
START_TEST(conv_transpose2d_is_the_adjoint_of_conv2d)
{
    size_t t, i;
    for (t = 0; t < sizeof conv2d_cases / sizeof conv2d_cases[0]; t++) {
        const conv_case *c = &conv2d_cases[t];
        conv_case d;
        uint32_t O = c->filter[0];
        size_t nx = count4(c->in), nw = count4(c->filter);
        size_t ny = (size_t)c->in[0] * O * c->out[0] * c->out[1];
        double *x = (double *)malloc(nx * sizeof *x), *w = (double *)malloc(nw * sizeof *w);
        double *y = (double *)malloc(ny * sizeof *y), *cx = (double *)malloc(ny * sizeof *cx);
        double *ty = (double *)malloc(nx * sizeof *ty);
        double left = 0, right = 0;
        ck_assert(x && w && y && cx && ty);
        fill_ints(x, nx, (unsigned)t + 11);
        fill_ints(w, nw, (unsigned)t + 12);
        fill_ints(y, ny, (unsigned)t + 13);
        run_case(0, WNNOperandDataType_Float32, 0, 0, c, x, w, NULL, cx, NULL);
        d = *c;
        d.in[1] = O;
        d.in[2] = c->out[0];
        d.in[3] = c->out[1];
        d.filter[0] = O;
        d.filter[1] = c->in[1] / c->groups; /* [O, C/g, KH, KW] is iohw with I = O */
        d.bias = 0;
        d.useOutputSizes = 1;
        d.outputSizes[0] = c->in[2];
        d.outputSizes[1] = c->in[3];
        d.out[0] = c->in[2];
        d.out[1] = c->in[3];
        run_case(1, WNNOperandDataType_Float32, 0, 0, &d, y, w, NULL, ty, NULL);
        for (i = 0; i < ny; i++)
            left += cx[i] * y[i];
        for (i = 0; i < nx; i++)
            right += x[i] * ty[i];
        ck_assert_msg(left == right, "case %lu: <conv(x), y> = %g, <x, convT(y)> = %g",
                      (unsigned long)t, left, right);
        free(x);
        free(w);
        free(y);
        free(cx);
        free(ty);
    }
}
END_TEST

START_TEST(hand_checked_cases)
{
    static const conv_case conv = {{1, 1, 3, 3}, {1, 1, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                   0, {0, 0}, 0, {0, 0}, {2, 2}};
    static const conv_case t1 = {{1, 1, 2, 2}, {1, 1, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                 0, {0, 0}, 0, {0, 0}, {3, 3}};
    static const conv_case t2 = {{1, 1, 2, 2}, {1, 1, 2, 2}, {0, 0, 0, 0}, {2, 2}, {1, 1}, 1,
                                 0, {0, 0}, 0, {0, 0}, {4, 4}};
    static const double x9[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, ones[] = {1, 1, 1, 1};
    static const double x4[] = {1, 2, 3, 4};
    static const double wconv[] = {12, 16, 24, 28};
    static const double wt1[] = {1, 3, 2, 4, 10, 6, 3, 7, 4};
    static const double wt2[] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
    /* a non-symmetric kernel: cross-correlation, not convolution (no flip) */
    static const double wk[] = {1, 10, 100, 1000};
    static const double wflip[] = {1 + 20 + 400 + 5000, 2 + 30 + 500 + 6000,
                                   4 + 50 + 700 + 8000, 5 + 60 + 800 + 9000};
    double y[16];
    size_t i;
    run_case(0, WNNOperandDataType_Float32, 0, 0, &conv, x9, ones, NULL, y, NULL);
    for (i = 0; i < 4; i++)
        ck_assert(th_same(y[i], wconv[i]));
    run_case(0, WNNOperandDataType_Float32, 0, 0, &conv, x9, wk, NULL, y, NULL);
    for (i = 0; i < 4; i++)
        ck_assert_msg(th_same(y[i], wflip[i]), "[%lu] = %g, want %g", (unsigned long)i, y[i],
                      wflip[i]);
    run_case(1, WNNOperandDataType_Float32, 0, 0, &t1, x4, ones, NULL, y, NULL);
    for (i = 0; i < 9; i++)
        ck_assert(th_same(y[i], wt1[i]));
    run_case(1, WNNOperandDataType_Float32, 0, 0, &t2, x4, ones, NULL, y, NULL);
    for (i = 0; i < 16; i++)
        ck_assert(th_same(y[i], wt2[i]));
    /* transposed with the non-symmetric kernel: x[0,0] = 1 spreads as the kernel itself */
    {
        static const double one[] = {1, 0, 0, 0};
        static const double want[] = {1, 10, 0, 100, 1000, 0, 0, 0, 0};
        run_case(1, WNNOperandDataType_Float32, 0, 0, &t1, one, wk, NULL, y, NULL);
        for (i = 0; i < 9; i++)
            ck_assert(th_same(y[i], want[i]));
    }
}
END_TEST

/* ---- web-platform-tests data --------------------------------------------------------------
 * The two cases below are copied from web-platform-tests (webnn/conformance_tests), under the
 * 3-Clause BSD License, Copyright (c) web-platform-tests contributors. */

/* "conv2d float32 4D input and filter tensors all options" (tolerance: 8 ULP): input
 * [1,2,5,5] nchw, filter [2,2,1,2] hwio, padding [1,0,0,1], groups 2, bias [2]. */
static const double c2all_in[] = {
    0.09971386939287186, 0.5374298095703125, 0.30570074915885925, 0.7222362160682678,
    0.5066556334495544, 0.3238430619239807, 0.8721967935562134, 0.20989856123924255,
    0.5052645802497864, 0.026870572939515114, 0.5497115850448608, 0.06430311501026154,
    0.1560668647289276, 0.11970008909702301, 0.036145713180303574, 0.41425615549087524,
    0.2417246550321579, 0.6771785020828247, 0.2087000161409378, 0.10979551076889038,
    0.745035707950592, 0.7443592548370361, 0.7873413562774658, 0.5887080430984497,
    0.11018028855323792, 0.9045036435127258, 0.11725221574306488, 0.8508669137954712,
    0.4244919717311859, 0.02537914551794529, 0.747390866279602, 0.4645859897136688,
    0.030408121645450592, 0.4244018793106079, 0.3847547769546509, 0.7581132650375366,
    0.9901952147483826, 0.03716852888464928, 0.014496322721242905, 0.8263142108917236,
    0.21072064340114594, 0.6569713950157166, 0.25842806696891785, 0.4802338480949402,
    0.9704219102859497, 0.2968284785747528, 0.7524365782737732, 0.029636209830641747,
    0.09028015285730362, 0.77818763256073,
};
static const uint32_t c2all_filter_shape[] = {2, 2, 1, 2};
static const double c2all_filter[] = {
    0.6385681629180908, 0.07764163613319397, 0.1291629821062088, 0.45633891224861145,
    0.40438535809516907, 0.5943626761436462, 0.14241264760494232, 0.9036700129508972,
};
static const uint32_t c2all_bias_shape[] = {2};
static const double c2all_bias[] = {
    0.542375385761261, 0.8406118750572205,
};
static const double c2all_out[] = {
    0.6592350006103516, 0.8032397627830505, 0.7688518762588501, 0.9065912961959839,
    0.7472594976425171, 0.9306347966194153, 1.3076419830322266, 0.987708330154419,
    1.277161955833435, 0.8767756223678589, 1.0932797193527222, 1.1746727228164673,
    0.8218293786048889, 0.9220445156097412, 0.5741508603096008, 1.103653073310852,
    0.7977840900421143, 0.9610581398010254, 0.7235122323036194, 0.6098566055297852,
    1.2454158067703247, 1.1973347663879395, 1.4039851427078247, 0.9435820579528809,
    0.6570426225662231, 1.4841723442077637, 1.6792051792144775, 1.729936122894287,
    1.115848422050476, 0.8556963205337524, 1.828399419784546, 1.5416107177734375,
    1.5019794702529907, 1.4850915670394897, 1.0712661743164062, 2.4560532569885254,
    1.5126826763153076, 1.0718353986740112, 1.8044731616973877, 1.3616151809692383,
    2.07026743888855, 1.5584666728973389, 1.4376858472824097, 2.3811910152435303,
    1.4815508127212524, 2.0131523609161377, 1.4835525751113892, 1.1790242195129395,
    2.0776233673095703, 1.378482699394226,
};

/* "convTranspose2d float32 4D input and filter tensors options.groups=2 options.strides=[2,
 * 2]" (tolerance: 8 ULP): input [1,2,2,2], filter [2,1,2,2] iohw. */
static const uint32_t ctg_in_shape[] = {1, 2, 2, 2};
static const double ctg_in[] = {
    0.8161798119544983, 0.5442776083946228, 0.7910669445991516, 0.36564111709594727,
    0.25429198145866394, 0.20815767347812653, 0.7023073434829712, 0.5734469890594482,
};
static const uint32_t ctg_filter_shape[] = {2, 1, 2, 2};
static const double ctg_filter[] = {
    0.09232201427221298, 0.31896016001701355, 0.5445202589035034, 0.6582807898521423,
    0.9634373188018799, 0.012118860147893429, 0.9230011701583862, 0.4781944155693054,
};
static const double ctg_out[] = {
    0.07535136491060257, 0.26032882928848267, 0.050248805433511734, 0.1736028790473938,
    0.44442644715309143, 0.537275493144989, 0.29637017846107483, 0.3582874834537506,
    0.07303289324045181, 0.2523188292980194, 0.03375672549009323, 0.11662495136260986,
    0.4307519793510437, 0.5207441449165344, 0.19909898936748505, 0.24069452285766602,
    0.2449943870306015, 0.0030817289371043444, 0.20054687559604645, 0.002522633643820882,
    0.23471179604530334, 0.12160100787878036, 0.19212977588176727, 0.09953983873128891,
    0.6766291260719299, 0.008511164225637913, 0.5524802207946777, 0.00694952392950654,
    0.6482304930686951, 0.3358394503593445, 0.5292922258377075, 0.2742191553115845,
};

START_TEST(wpt_cases)
{
    static const uint32_t in_shape[] = {1, 2, 5, 5};
    static const uint32_t pad[] = {1, 0, 0, 1}, str[] = {2, 2};
    th_env env;
    WNNOperand x, w, b, out[2], xt, wt;
    WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
    WNNConvTranspose2dOptions ot = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
    float fx[50], fw[8], fb[2], ftx[8], ftw[8];
    th_result r[2];
    size_t i;
    for (i = 0; i < 50; i++)
        fx[i] = (float)c2all_in[i];
    for (i = 0; i < 8; i++) {
        fw[i] = (float)c2all_filter[i];
        ftx[i] = (float)ctg_in[i];
        ftw[i] = (float)ctg_filter[i];
    }
    fb[0] = (float)c2all_bias[0];
    fb[1] = (float)c2all_bias[1];
    th_init(&env);
    x = th_input(&env, WNNOperandDataType_Float32, in_shape, 4, fx);
    w = th_constant(&env, WNNOperandDataType_Float32, c2all_filter_shape, 4, fw);
    b = th_constant(&env, WNNOperandDataType_Float32, c2all_bias_shape, 1, fb);
    o.padding = pad;
    o.paddingCount = 4;
    o.groups = 2;
    o.filterLayout = WNNConv2dFilterOperandLayout_Hwio;
    o.bias = b;
    ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, x, w, &o, &out[0]), WNNStatus_Success);
    xt = th_input(&env, WNNOperandDataType_Float32, ctg_in_shape, 4, ftx);
    wt = th_constant(&env, WNNOperandDataType_Float32, ctg_filter_shape, 4, ftw);
    ot.strides = str;
    ot.stridesCount = 2;
    ot.groups = 2;
    ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, xt, wt, &ot, &out[1]),
                     WNNStatus_Success);
    ck_assert_int_eq(th_run(&env, 2, out, r), WNNStatus_Success);
    ck_assert_uint_eq(r[0].count, 50);
    for (i = 0; i < 50; i++)
        ck_assert_msg(ulp_distance_f32((float)th_get(&r[0], i), (float)c2all_out[i]) <= 8,
                      "conv2d [%lu] %.9g vs %.9g", (unsigned long)i, th_get(&r[0], i),
                      c2all_out[i]);
    ck_assert_uint_eq(r[1].count, 32);
    for (i = 0; i < 32; i++)
        ck_assert_msg(ulp_distance_f32((float)th_get(&r[1], i), (float)ctg_out[i]) <= 8,
                      "convTranspose2d [%lu] %.9g vs %.9g", (unsigned long)i, th_get(&r[1], i),
                      ctg_out[i]);
    th_result_free(&r[0]);
    th_result_free(&r[1]);
    th_free(&env);
}
END_TEST

/* One rounding at the end: float16 1 + 2^-11 + 2^-10 = 1 + 3*2^-11 is a tie and rounds to the
 * even 1 + 2^-9 (rounding after each addition gives 1 + 2^-10); float32 1 + 2^-24 + 2^-24 is
 * 1 + 2^-23 exactly (rounding after each addition gives 1); with a bias of 1 and terms
 * 2^-24, 2^-24 the same. */
START_TEST(rounds_once)
{
    static const conv_case c3 = {{1, 3, 1, 1}, {1, 3, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                 0, {0, 0}, 0, {0, 0}, {1, 1}};
    static const conv_case t3 = {{1, 3, 1, 1}, {3, 1, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                 0, {0, 0}, 0, {0, 0}, {1, 1}};
    static const conv_case c2 = {{1, 2, 1, 1}, {1, 2, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                 1, {0, 0}, 0, {0, 0}, {1, 1}};
    static const double x16[] = {1.0, 0x1p-11, 0x1p-10}, x32[] = {1.0, 0x1p-24, 0x1p-24};
    static const double ones[] = {1, 1, 1}, tiny[] = {0x1p-24, 0x1p-24}, one[] = {1};
    double y[1];
    run_case(0, WNNOperandDataType_Float16, 0, 0, &c3, x16, ones, NULL, y, NULL);
    ck_assert(th_same(y[0], 1.0 + 0x1p-9));
    run_case(1, WNNOperandDataType_Float16, 1, 1, &t3, x16, ones, NULL, y, NULL);
    ck_assert(th_same(y[0], 1.0 + 0x1p-9));
    run_case(0, WNNOperandDataType_Float32, 1, 2, &c3, x32, ones, NULL, y, NULL);
    ck_assert(th_same(y[0], 1.0 + 0x1p-23));
    run_case(1, WNNOperandDataType_Float32, 0, 2, &t3, x32, ones, NULL, y, NULL);
    ck_assert(th_same(y[0], 1.0 + 0x1p-23));
    run_case(0, WNNOperandDataType_Float32, 0, 3, &c2, tiny, ones, one, y, NULL);
    ck_assert(th_same(y[0], 1.0 + 0x1p-23));
    {
        /* float16 overflow of the output only: 300 * 300 -> +inf */
        static const conv_case c1 = {{1, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1},
                                     1, 0, {0, 0}, 0, {0, 0}, {1, 1}};
        static const double big[] = {300};
        run_case(0, WNNOperandDataType_Float16, 0, 0, &c1, big, big, NULL, y, NULL);
        ck_assert(th_same(y[0], DINF));
    }
}
END_TEST

START_TEST(special_values)
{
    unsigned char mask[8];
    double y[8];
    size_t i;
    {
        /* 1x3 row, 1x3 kernel with an infinite tap at the left, padding 1 on both sides:
         * [pad, 1, 2] -> the infinite tap meets padding: 0 + 1 + 2 = 3, unspecified;
         * [1, 2, 3] -> inf; [2, 3, pad] -> inf. */
        static const conv_case c = {{1, 1, 1, 3}, {1, 1, 1, 3}, {0, 0, 1, 1}, {1, 1}, {1, 1}, 1,
                                    0, {0, 0}, 0, {0, 0}, {1, 3}};
        static const double x[] = {1, 2, 3}, w[] = {DINF, 1, 1};
        static const double want[] = {3, DINF, DINF};
        static const unsigned char wantMask[] = {1, 0, 0};
        int nhwc, fl;
        for (nhwc = 0; nhwc < 2; nhwc++)
            for (fl = 0; fl < 4; fl++) {
                run_case(0, WNNOperandDataType_Float32, nhwc, fl, &c, x, w, NULL, y, mask);
                for (i = 0; i < 3; i++) {
                    ck_assert_msg(th_same(y[i], want[i]), "[%lu] = %g", (unsigned long)i, y[i]);
                    ck_assert_int_eq(mask[i], wantMask[i]);
                }
            }
    }
    {
        /* transposed, stride 2: [1, 2] with kernel [inf, 1] scatters to [inf, 1, inf, 2];
         * outputs 1 and 3 take the infinite tap from between two inputs (a structural zero
         * in gather form): unspecified. */
        static const conv_case t = {{1, 1, 1, 2}, {1, 1, 1, 2}, {0, 0, 0, 0}, {1, 2}, {1, 1}, 1,
                                    0, {0, 0}, 0, {0, 0}, {1, 4}};
        static const double x[] = {1, 2}, w[] = {DINF, 1};
        static const double want[] = {DINF, 1, DINF, 2};
        static const unsigned char wantMask[] = {0, 1, 0, 1};
        int nhwc, fl;
        for (nhwc = 0; nhwc < 2; nhwc++)
            for (fl = 0; fl < 3; fl++) {
                run_case(1, WNNOperandDataType_Float32, nhwc, fl, &t, x, w, NULL, y, mask);
                for (i = 0; i < 4; i++) {
                    ck_assert_msg(th_same(y[i], want[i]), "[%lu] = %g", (unsigned long)i, y[i]);
                    ck_assert_int_eq(mask[i], wantMask[i]);
                }
            }
    }
    {
        /* NaN spreads to the outputs that read it; inf * 0 = NaN; inf - inf = NaN;
         * -0 * 1 = -0 (a sum of -0 keeps its sign); a subnormal product survives. */
        static const conv_case c = {{1, 1, 1, 6}, {1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                    0, {0, 0}, 0, {0, 0}, {1, 6}};
        static const double x[] = {DNAN, DINF, -0.0, 0x1p-149, -DINF, 5};
        static const double w[] = {1};
        static const double w0[] = {0};
        static const double want[] = {DNAN, DINF, -0.0, 0x1p-149, -DINF, 5};
        static const double want0[] = {DNAN, DNAN, -0.0, 0.0, DNAN, 0.0};
        run_case(0, WNNOperandDataType_Float32, 0, 0, &c, x, w, NULL, y, mask);
        for (i = 0; i < 6; i++)
            ck_assert_msg(th_same(y[i], want[i]), "[%lu] = %a", (unsigned long)i, y[i]);
        run_case(1, WNNOperandDataType_Float32, 0, 0, &c, x, w0, NULL, y, mask);
        for (i = 0; i < 6; i++)
            ck_assert_msg(th_same(y[i], want0[i]), "[%lu] = %a", (unsigned long)i, y[i]);
    }
    {
        /* inf + -inf in one window: NaN */
        static const conv_case c = {{1, 1, 1, 2}, {1, 1, 1, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                    0, {0, 0}, 0, {0, 0}, {1, 1}};
        static const double x[] = {DINF, -DINF}, w[] = {1, 1};
        run_case(0, WNNOperandDataType_Float16, 0, 0, &c, x, w, NULL, y, NULL);
        ck_assert(isnan(y[0]));
    }
}
END_TEST

/* Zero-size dimensions. */
START_TEST(zero_size)
{
    double y[32];
    size_t i;
    {
        /* no input channel: every output is the bias (or +0) */
        static const conv_case c = {{1, 0, 3, 3}, {2, 0, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                    1, {0, 0}, 0, {0, 0}, {2, 2}};
        static const double bias[] = {5, -1};
        int fl;
        for (fl = 0; fl < 4; fl++) {
            run_case(0, WNNOperandDataType_Float32, fl & 1, fl, &c, NULL, NULL, bias, y, NULL);
            for (i = 0; i < 8; i++)
                ck_assert(th_same(y[i], i < 4 ? 5.0 : -1.0));
            run_case(0, WNNOperandDataType_Float32, fl & 1, fl, &c, NULL, NULL, NULL, y, NULL);
            for (i = 0; i < 8; i++)
                ck_assert(th_same(y[i], 0.0));
        }
    }
    {
        /* an empty kernel (height 0): effective size 0, (3 - 0)/1 + 1 = 4 rows of bias */
        static const conv_case c = {{1, 1, 3, 3}, {1, 1, 0, 2}, {0, 0, 0, 0}, {1, 1}, {2, 2}, 1,
                                    1, {0, 0}, 0, {0, 0}, {4, 1}};
        static const double x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, bias[] = {7};
        run_case(0, WNNOperandDataType_Float32, 0, 0, &c, x, NULL, bias, y, NULL);
        for (i = 0; i < 4; i++)
            ck_assert(th_same(y[i], 7.0));
    }
    {
        /* empty batch, empty output channels, empty spatial input with a 1x1 kernel */
        static const conv_case n0 = {{0, 2, 3, 3}, {4, 2, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                     1, {0, 0}, 0, {0, 0}, {2, 2}};
        static const conv_case o0 = {{1, 2, 3, 3}, {0, 2, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                     0, {0, 0}, 0, {0, 0}, {2, 2}};
        static const conv_case h0 = {{1, 1, 0, 3}, {1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                     0, {0, 0}, 0, {0, 0}, {0, 3}};
        static const double x[18] = {0}, w[32] = {0}, bias[4] = {0};
        run_case(0, WNNOperandDataType_Float32, 1, 1, &n0, NULL, w, bias, y, NULL);
        run_case(0, WNNOperandDataType_Float32, 0, 2, &o0, x, NULL, NULL, y, NULL);
        run_case(0, WNNOperandDataType_Float16, 1, 0, &h0, NULL, w, NULL, y, NULL);
        {
            static const conv_case nt0 = {{0, 2, 3, 3}, {2, 4, 2, 2}, {0, 0, 0, 0}, {1, 1},
                                          {1, 1}, 1, 1, {0, 0}, 0, {0, 0}, {4, 4}};
            run_case(1, WNNOperandDataType_Float32, 1, 2, &nt0, NULL, w, bias, y, NULL);
        }
    }
    {
        /* transposed: an empty spatial input still has an output of (0 - 1)*1 + 3 = 2 rows
         * (the adjoint of a conv2d from 2 rows to 0), holding the bias; no input channel
         * likewise. */
        static const conv_case t = {{1, 1, 0, 2}, {1, 1, 3, 1}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                    1, {0, 0}, 0, {0, 0}, {2, 2}};
        static const conv_case tc = {{1, 0, 2, 2}, {0, 3, 2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1,
                                     1, {0, 0}, 0, {0, 0}, {3, 3}};
        static const double w[3] = {1, 2, 3}, bias[] = {4}, bias3[] = {1, 2, 3};
        run_case(1, WNNOperandDataType_Float32, 0, 0, &t, NULL, w, bias, y, NULL);
        for (i = 0; i < 4; i++)
            ck_assert(th_same(y[i], 4.0));
        run_case(1, WNNOperandDataType_Float32, 1, 1, &tc, NULL, NULL, bias3, y, NULL);
        for (i = 0; i < 27; i++)
            ck_assert(th_same(y[i], (double)(i / 9 + 1)));
    }
}
END_TEST

/* An operand whose element nanAt is unspecified: max(x, x') where x' has a NaN there (max with
 * NaN is unspecified in this implementation, ops/binary.c). */
static WNNOperand marked_operand(th_env *env, const uint32_t *shape, size_t rank,
                                 const float *data, float *copy, size_t count, size_t nanAt)
{
    WNNOperand a, b, out;
    memcpy(copy, data, count * sizeof *copy);
    copy[nanAt] = DNAN;
    a = th_input(env, WNNOperandDataType_Float32, shape, rank, data);
    b = th_input(env, WNNOperandDataType_Float32, shape, rank, copy);
    ck_assert_int_eq(wnnGraphBuilderMax(env->builder, a, b, NULL, &out), WNNStatus_Success);
    return out;
}

/* The unspecified mask follows the elements each output reads: input, filter and bias. */
START_TEST(unspecified_mask_follows_dependencies)
{
    static const uint32_t s33[] = {1, 1, 3, 3}, s22[] = {1, 1, 2, 2}, s1[] = {1};
    static const float x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w[4] = {1, 1, 1, 1}, b[1] = {0};
    static const uint32_t pad1[] = {1, 1, 1, 1};
    float cx[9], cw[4], cb[1], c4[4]; /* these must live until th_run */
    th_env env;
    WNNOperand in, filter, bias, out[4];
    WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
    th_result r[4];
    size_t i;
    th_init(&env);
    /* input element [0,0] unspecified: only the first 2x2 window reads it */
    in = marked_operand(&env, s33, 4, x, cx, 9, 0);
    filter = th_input(&env, WNNOperandDataType_Float32, s22, 4, w);
    ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, in, filter, NULL, &out[0]),
                     WNNStatus_Success);
    /* filter element [0,0] unspecified (and NaN), padding 1: the outputs whose tap [0,0]
     * reads a real input are marked through the mask; the others (first row and column of
     * the 4x4 output) meet the padding with a NaN weight, unspecified too */
    {
        WNNOperand x2 = th_input(&env, WNNOperandDataType_Float32, s33, 4, x);
        WNNOperand f2 = marked_operand(&env, s22, 4, w, cw, 4, 0);
        o.padding = pad1;
        o.paddingCount = 4;
        ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, x2, f2, &o, &out[1]),
                         WNNStatus_Success);
        /* the bias reaches every output */
        o.padding = NULL;
        bias = marked_operand(&env, s1, 1, b, cb, 1, 0);
        o.bias = bias;
        ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, x2, filter, &o, &out[2]),
                         WNNStatus_Success);
    }
    /* transposed: input [0,0] of a 2x2 input spreads to the four outputs it reaches */
    {
        static const float x4[4] = {1, 2, 3, 4};
        WNNOperand t = marked_operand(&env, s22, 4, x4, c4, 4, 0);
        ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, t, filter, NULL, &out[3]),
                         WNNStatus_Success);
    }
    ck_assert_int_eq(th_run(&env, 4, out, r), WNNStatus_Success);
    ck_assert_uint_eq(r[0].count, 4);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(r[0].mask[i], i == 0);
    ck_assert_uint_eq(r[1].count, 16);
    ck_assert_uint_eq(r[1].unspecified, 16);
    for (i = 0; i < 16; i++)
        ck_assert_msg(isnan(th_get(&r[1], i)) == (i / 4 >= 1 && i % 4 >= 1),
                      "filter NaN [%lu]", (unsigned long)i);
    ck_assert_uint_eq(r[2].unspecified, 4);
    ck_assert_uint_eq(r[3].count, 9);
    for (i = 0; i < 9; i++)
        ck_assert_msg(r[3].mask[i] == (i / 3 <= 1 && i % 3 <= 1), "transpose mask [%lu]",
                      (unsigned long)i);
    for (i = 0; i < 4; i++)
        th_result_free(&r[i]);
    th_free(&env);
}
END_TEST

START_TEST(conv2d_validation_errors)
{
    th_env env, other;
    static const uint32_t s4[] = {1, 4, 5, 5}, f4[] = {2, 2, 3, 3}, s3[] = {4, 5, 5};
    static const uint32_t s31[] = {1, 3, 5, 5}, f3[] = {3, 2, 3, 3}, f41[] = {2, 4, 3, 3};
    static const uint32_t b2[] = {2}, b3[] = {3}, b12[] = {1, 2};
    static const uint32_t one[] = {1}, three[] = {1, 1, 1}, zero1[] = {1, 0}, pad3[] = {0, 0, 0};
    static const uint32_t tiny[] = {1, 1, 1, 1}, hugePad[] = {0, 0, 2147483648u, 0};
    WNNOperand x, w, xi, wh, x3, w3, x31, wf3, w41, bias2, bias3, bias12, biash, t, tw, foreign;
    WNNOperand out = NULL;
    WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s4, 4, NULL);
    w = th_input(&env, WNNOperandDataType_Float32, f4, 4, NULL);
    xi = th_input(&env, WNNOperandDataType_Int32, s4, 4, NULL);
    wh = th_input(&env, WNNOperandDataType_Float16, f4, 4, NULL);
    x3 = th_input(&env, WNNOperandDataType_Float32, s3, 3, NULL);
    w3 = th_input(&env, WNNOperandDataType_Float32, s3, 3, NULL);
    x31 = th_input(&env, WNNOperandDataType_Float32, s31, 4, NULL);
    wf3 = th_input(&env, WNNOperandDataType_Float32, f3, 4, NULL);
    w41 = th_input(&env, WNNOperandDataType_Float32, f41, 4, NULL);
    bias2 = th_input(&env, WNNOperandDataType_Float32, b2, 1, NULL);
    bias3 = th_input(&env, WNNOperandDataType_Float32, b3, 1, NULL);
    bias12 = th_input(&env, WNNOperandDataType_Float32, b12, 2, NULL);
    biash = th_input(&env, WNNOperandDataType_Float16, b2, 1, NULL);
    t = th_input(&env, WNNOperandDataType_Float32, tiny, 4, NULL);
    tw = th_input(&env, WNNOperandDataType_Float32, tiny, 4, NULL);
    foreign = th_input(&other, WNNOperandDataType_Float32, b2, 1, NULL);
    o.groups = 2; /* x [1,4,5,5] with w [2,2,3,3]: a valid grouped convolution */
    ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, x, w, &o, &out), WNNStatus_Success);
    out = NULL;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, NULL, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: input is NULL");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, NULL, &o, &out),
                     WNNStatus_TypeError, "conv2d: filter is NULL");
    o.bias = foreign;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: bias was created by another builder");
    o.bias = NULL;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, xi, w, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the data type of input must be one of float32, float16, got int32");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x3, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: the rank of input must be 4, got 3");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w3, &o, &out),
                     WNNStatus_TypeError, "conv2d: the rank of filter must be 4, got 3");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, wh, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the data type of filter must be the input's (float32), got float16");
    o.padding = pad3;
    o.paddingCount = 3;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: padding must have 4 items, got 3");
    o.padding = NULL;
    o.strides = one;
    o.stridesCount = 1;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: strides must have 2 items, got 1");
    o.strides = zero1;
    o.stridesCount = 2;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: strides must not contain 0, got item 1");
    o.strides = NULL;
    o.dilations = three;
    o.dilationsCount = 3;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: dilations must have 2 items, got 3");
    o.dilations = zero1;
    o.dilationsCount = 2;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: dilations must not contain 0, got item 1");
    o.dilations = NULL;
    o.groups = 0;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: groups must not be 0");
    /* channels: 3 % 2; 4 / 2 != 3; O = 3 not divisible by 2 (webnn#932) */
    o.groups = 2;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x31, w, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the input channels (3) must be divisible by groups, got groups 2");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w41, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the filter's input channels must be input channels / groups (2), "
                     "got 4");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, wf3, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the output channels (3) must be divisible by groups, got groups 2");
    /* bias */
    o.bias = bias3;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: the shape of bias must be [2], got [3]");
    o.bias = bias12;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: the shape of bias must be [2], got [1, 2]");
    o.bias = biash;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError,
                     "conv2d: the data type of bias must be the input's (float32), got float16");
    o.bias = bias2;
    ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, x, w, &o, &out), WNNStatus_Success);
    out = NULL;
    /* output sizes: a 3x3 filter on 2 padded rows is negative (floor((2-3)/1)+1 = 0 is valid,
     * floor((1-3)/1)+1 = -1 is not); a padding of 2^31 makes the width 2^31 + 1. */
    {
        static const uint32_t p[] = {0, 0, 0, 0}, p2[] = {0, 0, 0, 1}, hw[] = {1, 1, 1, 3};
        WNNOperand w13 = th_input(&env, WNNOperandDataType_Float32, hw, 4, NULL);
        WNNConv2dOptions q = WNN_CONV2D_OPTIONS_INIT;
        q.padding = p;
        q.paddingCount = 4;
        th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, t, w13, &q, &out),
                         WNNStatus_TypeError,
                         "conv2d: the output width is not a valid dimension, got -1");
        q.padding = p2;
        ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, t, w13, &q, &out),
                         WNNStatus_Success); /* width 0 */
        {
            size_t rank;
            const uint32_t *shape = wnnOperandGetShape(out, &rank);
            ck_assert_uint_eq(shape[3], 0);
        }
        out = NULL;
        q.padding = hugePad;
        th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, t, tw, &q, &out),
                         WNNStatus_TypeError,
                         "conv2d: the output width is not a valid dimension, got 2147483649");
    }
    /* enums */
    o.inputLayout = (WNNInputOperandLayout)2;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: inputLayout is not a valid enum value, got 2");
    o.inputLayout = WNNInputOperandLayout_Nchw;
    o.filterLayout = (WNNConv2dFilterOperandLayout)4;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d: filterLayout is not a valid enum value, got 4");
    o.filterLayout = WNNConv2dFilterOperandLayout_Oihw;
    o.label = "c";
    o.groups = 0;
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "conv2d[c]: groups must not be 0");
    th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, x, w, &o, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_ptr_null(out);
    {
        WNNOperand ok;
        WNNNamedOperand named;
        WNNGraph g;
        ck_assert_int_eq(wnnGraphBuilderConv2d(env.builder, t, tw, NULL, &ok),
                         WNNStatus_Success);
        named.name = "o";
        named.operand = ok;
        ck_assert_int_eq(wnnGraphBuilderBuild(env.builder, 1, &named, &g), WNNStatus_Success);
        th_assert_status(&env, wnnGraphBuilderConv2d(env.builder, t, tw, NULL, &out),
                         WNNStatus_InvalidStateError, "conv2d: the builder has already built");
        th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, t, tw, NULL, &out),
                         WNNStatus_InvalidStateError,
                         "convTranspose2d: the builder has already built");
        wnnGraphRelease(g);
    }
    th_free(&env);
    th_free(&other);
}
END_TEST

START_TEST(conv_transpose2d_validation_errors)
{
    th_env env, other;
    static const uint32_t s4[] = {1, 4, 3, 3}, f4[] = {4, 2, 3, 3}, s3[] = {4, 3, 3};
    static const uint32_t s31[] = {1, 3, 3, 3}, f31[] = {3, 2, 3, 3}, f5[] = {5, 2, 3, 3};
    static const uint32_t b4[] = {4}, b3[] = {3};
    static const uint32_t one[] = {1}, three[] = {1, 1, 1}, zero1[] = {1, 0}, pad3[] = {0, 0, 0};
    static const uint32_t two[] = {2, 2}, op21[] = {2, 1}, op11[] = {1, 1};
    static const uint32_t tiny[] = {1, 1, 1, 1}, pad1100[] = {1, 1, 0, 0};
    WNNOperand x, w, xi, wh, x3, w3, x31, w31, w5, bias4, bias3, biash, t, tw, foreign;
    WNNOperand out = NULL;
    WNNConvTranspose2dOptions o = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
    th_init(&env);
    th_init(&other);
    x = th_input(&env, WNNOperandDataType_Float32, s4, 4, NULL);
    w = th_input(&env, WNNOperandDataType_Float32, f4, 4, NULL);
    xi = th_input(&env, WNNOperandDataType_Int32, s4, 4, NULL);
    wh = th_input(&env, WNNOperandDataType_Float16, f4, 4, NULL);
    x3 = th_input(&env, WNNOperandDataType_Float32, s3, 3, NULL);
    w3 = th_input(&env, WNNOperandDataType_Float32, s3, 3, NULL);
    x31 = th_input(&env, WNNOperandDataType_Float32, s31, 4, NULL);
    w31 = th_input(&env, WNNOperandDataType_Float32, f31, 4, NULL);
    w5 = th_input(&env, WNNOperandDataType_Float32, f5, 4, NULL);
    bias4 = th_input(&env, WNNOperandDataType_Float32, b4, 1, NULL);
    bias3 = th_input(&env, WNNOperandDataType_Float32, b3, 1, NULL);
    biash = th_input(&env, WNNOperandDataType_Float16, b4, 1, NULL);
    t = th_input(&other, WNNOperandDataType_Float32, tiny, 4, NULL);
    tw = th_input(&other, WNNOperandDataType_Float32, tiny, 4, NULL);
    foreign = th_input(&other, WNNOperandDataType_Float32, b4, 1, NULL);
    o.groups = 2; /* x [1,4,3,3] with w [4,2,3,3]: 4 output channels */
    ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_Success);
    out = NULL;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, NULL, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: input is NULL");
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, foreign, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: filter was created by another builder");
    o.bias = foreign;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: bias was created by another builder");
    o.bias = NULL;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x3, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the rank of input must be 4, got 3");
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, xi, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the data type of input must be one of "
                                          "float32, float16, got int32");
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w3, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the rank of filter must be 4, got 3");
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, wh, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the data type of filter must be the "
                                          "input's (float32), got float16");
    o.padding = pad3;
    o.paddingCount = 3;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: padding must have 4 items, got 3");
    o.padding = NULL;
    o.strides = three;
    o.stridesCount = 3;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: strides must have 2 items, got 3");
    o.strides = zero1;
    o.stridesCount = 2;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: strides must not contain 0");
    o.strides = NULL;
    o.dilations = one;
    o.dilationsCount = 1;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: dilations must have 2 items, got 1");
    o.dilations = zero1;
    o.dilationsCount = 2;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: dilations must not contain 0");
    o.dilations = NULL;
    o.outputPadding = one;
    o.outputPaddingCount = 1;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: outputPadding must have 2 items, got 1");
    /* outputPadding must be smaller than strides [1,1]... */
    o.outputPadding = op11;
    o.outputPaddingCount = 2;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError,
                     "convTranspose2d: outputPadding must be smaller than strides [1, 1], got "
                     "[1, 1]");
    o.strides = two;
    o.stridesCount = 2;
    o.outputPadding = op21;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "smaller than strides [2, 2], got [2, 1]");
    o.outputPadding = op11;
    ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_Success);
    out = NULL;
    /* ... unless outputSizes is given (outputPadding is then ignored) */
    {
        static const uint32_t sizes[] = {8, 7}; /* calculated [7, 7], strides [2, 2] */
        static const uint32_t big[] = {9, 7}, small[] = {7, 6};
        o.strides = NULL;
        o.outputPadding = op21;
        o.outputSizes = three;
        o.outputSizesCount = 3;
        th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                         WNNStatus_TypeError, "convTranspose2d: outputSizes must have 2 items, "
                                              "got 3");
        o.strides = two;
        o.outputSizes = sizes;
        o.outputSizesCount = 2;
        ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                         WNNStatus_Success);
        {
            size_t rank;
            const uint32_t *shape = wnnOperandGetShape(out, &rank);
            ck_assert_uint_eq(shape[2], 8);
            ck_assert_uint_eq(shape[3], 7);
        }
        out = NULL;
        o.outputSizes = big;
        th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                         WNNStatus_TypeError,
                         "convTranspose2d: outputSizes[0] must be at least the calculated height "
                         "7 and less than it plus the stride 2, got 9");
        o.outputSizes = small;
        th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                         WNNStatus_TypeError,
                         "outputSizes[1] must be at least the calculated width 7 and less than "
                         "it plus the stride 2, got 6");
        o.outputSizes = NULL;
        o.outputPadding = NULL;
        o.strides = NULL;
    }
    o.groups = 0;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: groups must not be 0");
    o.groups = 2;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w5, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the filter's input channels must "
                                          "equal the input channels (4), got 5");
    /* SPEC-ISSUE ops-§8.17: 3 input channels in 2 groups */
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x31, w31, &o, &out),
                     WNNStatus_TypeError,
                     "convTranspose2d: the input channels (3) must be divisible by groups, got "
                     "groups 2");
    /* output channels = 2^31 - 1 per group * 2 */
    {
        static const uint32_t e[] = {1, 0, 1, 1}, fe[] = {0, 2147483647u, 1, 1};
        WNNOperand xe = th_input(&other, WNNOperandDataType_Float32, e, 4, NULL);
        WNNOperand we = th_input(&other, WNNOperandDataType_Float32, fe, 4, NULL);
        th_assert_status(&other, wnnGraphBuilderConvTranspose2d(other.builder, xe, we, &o, &out),
                         WNNStatus_TypeError,
                         "convTranspose2d: the output channels (filter output channels * groups) "
                         "are not a valid dimension, got 4294967294");
    }
    o.bias = bias3;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the shape of bias must be [4], got [3]");
    o.bias = biash;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d: the data type of bias must be the "
                                          "input's (float32), got float16");
    o.bias = bias4;
    ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_Success);
    out = NULL;
    /* a negative output size: (1-1)*1 + 1 - 1 - 1 = -1 */
    {
        WNNConvTranspose2dOptions q = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
        q.padding = pad1100;
        q.paddingCount = 4;
        th_assert_status(&other, wnnGraphBuilderConvTranspose2d(other.builder, t, tw, &q, &out),
                         WNNStatus_TypeError,
                         "convTranspose2d: the output height is not a valid dimension, got -1");
    }
    /* 64-bit overflow: (2^31 - 2) * (2^32 - 1) + (2^31 - 2) * (2^32 - 1) + 1 */
    {
        static const uint32_t tall[] = {1, 1, 2147483647u, 1}, m[] = {4294967295u, 1};
        WNNConvTranspose2dOptions q = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
        WNNOperand xt = th_input(&other, WNNOperandDataType_Float32, tall, 4, NULL);
        WNNOperand wt = th_input(&other, WNNOperandDataType_Float32, tall, 4, NULL);
        q.strides = m;
        q.stridesCount = 2;
        q.dilations = m;
        q.dilationsCount = 2;
        th_assert_status(&other, wnnGraphBuilderConvTranspose2d(other.builder, xt, wt, &q, &out),
                         WNNStatus_TypeError,
                         "convTranspose2d: the calculated output size overflows");
        /* and an overflowing conv2d / huge effective filter: still an error */
        {
            WNNConv2dOptions c = WNN_CONV2D_OPTIONS_INIT;
            c.dilations = m;
            c.dilationsCount = 2;
            th_assert_status(&other, wnnGraphBuilderConv2d(other.builder, xt, wt, &c, &out),
                             WNNStatus_TypeError, "conv2d: the output height is not a valid "
                                                  "dimension, got -");
        }
    }
    /* enums */
    o.inputLayout = (WNNInputOperandLayout)-1;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "inputLayout is not a valid enum value, got -1");
    o.inputLayout = WNNInputOperandLayout_Nhwc;
    o.filterLayout = (WNNConvTranspose2dFilterOperandLayout)3;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "filterLayout is not a valid enum value, got 3");
    o.filterLayout = WNNConvTranspose2dFilterOperandLayout_Iohw;
    o.label = "ct";
    o.groups = 0;
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, &out),
                     WNNStatus_TypeError, "convTranspose2d[ct]: groups must not be 0");
    th_assert_status(&env, wnnGraphBuilderConvTranspose2d(env.builder, x, w, &o, NULL),
                     WNNStatus_InvalidArgument, "output pointer is NULL");
    ck_assert_ptr_null(out);
    th_free(&env);
    th_free(&other);
}
END_TEST

static Suite *conv_suite(void)
{
    Suite *s = suite_create("conv");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, hand_checked_cases);
    tcase_add_test(t, conv2d_matches_reference_in_every_layout);
    tcase_add_test(t, conv_transpose2d_matches_gather_form_in_every_layout);
    tcase_add_test(t, conv_transpose2d_is_the_adjoint_of_conv2d);
    tcase_add_test(t, wpt_cases);
    tcase_add_test(t, rounds_once);
    tcase_add_test(t, special_values);
    tcase_add_test(t, zero_size);
    tcase_add_test(t, unspecified_mask_follows_dependencies);
    tcase_add_test(t, conv2d_validation_errors);
    tcase_add_test(t, conv_transpose2d_validation_errors);
    suite_add_tcase(s, t);
    return s;
}

TH_MAIN(conv_suite)
