/* ops/pool.c - averagePool2d, l2Pool2d, maxPool2d.
 *
 * Spec: "Pooling operations" and its "create a pooling operation" steps. A 4-D input (layout
 * nchw or nhwc) is reduced over a sliding (possibly dilated) window on the two spatial axes:
 *   out[n, c, oh, ow] = reduce over kh, kw of x[n, c, oh*sh - padTop + kh*dh,
 *                                                ow*sw - padLeft + kw*dw]
 * averagePool2d is the mean, l2Pool2d the square root of the sum of squares, maxPool2d the
 * maximum. Float types compute in double and round once; maxPool2d on integer types compares
 * exact values.
 *
 * SPEC-SILENT: how padded cells take part is not specified. Here they are excluded from every
 * pool: the average divides by the number of real elements in the window (as the WG's
 * webnn-baseline does), the L2 norm and the maximum see only real elements. A window lying
 * entirely in the padding (possible with ceil rounding, or with padding wider than the
 * window) has no real element; its value is unspecified (webnn#935: backends give 0 or -inf)
 * and it is marked so, with the empty reduction's value: NaN for averagePool2d (the mean of
 * nothing), 0 for l2Pool2d, -infinity (or the integer type's minimum) for maxPool2d. */
#include "../ref/builder.h"

#include <math.h>
#include <stdint.h>

typedef struct pool_attrs {
    ref_op_id op;
    int nhwc;
    uint32_t batches, channels, inputHeight, inputWidth;
    uint32_t outputHeight, outputWidth;
    uint32_t window[2];
    uint32_t padding[4]; /* beginHeight, endHeight, beginWidth, endWidth */
    uint32_t strides[2];
    uint32_t dilations[2];
} pool_attrs;

static size_t activation_index(int nhwc, uint32_t C, uint32_t H, uint32_t W, uint32_t n,
                               uint32_t c, uint32_t h, uint32_t w)
{
    if (nhwc)
        return (((size_t)n * H + h) * W + w) * C + c;
    return (((size_t)n * C + c) * H + h) * W + w;
}

/* maxPool2d's running maximum of exact values of any type. */
typedef struct max_state {
    ref_scalar best;
    int any; /* at least one element seen */
} max_state;

static void max_update(max_state *m, ref_scalar x, WNNOperandDataType type)
{
    switch (ref_type_class(type)) {
    case REF_CLASS_FLOAT:
        /* SPEC-SILENT: NaN propagates (a window holding a NaN gives NaN, as IEEE 754-2019
         * maximum does). Signed zeros are ordered -0 < +0. */
        if (!m->any || isnan(x.f))
            m->best = x;
        else if (!isnan(m->best.f) &&
                 (x.f > m->best.f || (x.f == m->best.f && !signbit(x.f))))
            m->best = x;
        break;
    case REF_CLASS_SIGNED:
        if (!m->any || x.i > m->best.i)
            m->best = x;
        break;
    default:
        if (!m->any || x.u > m->best.u)
            m->best = x;
        break;
    }
    m->any = 1;
}

/* The window offsets k (0 <= k < window) whose input coordinate o*stride - pad + k*dilation
 * lies in [0, size), as [*first, *last). Visiting only those keeps the work proportional to
 * the input rather than to the window: a 65535 x 65535 window over a padded 1 x 1 input is
 * legal and would otherwise take billions of steps, all in the padding. dilation >= 1 (the
 * builder refuses 0). */
static void window_range(uint32_t o, uint32_t stride, uint32_t pad, uint32_t dilation,
                         uint32_t window, uint32_t size, uint32_t *first, uint32_t *last)
{
    /* The builder's size checks keep these far below 2^63, as in the kernel below. */
    int64_t start = (int64_t)o * stride - pad; /* the coordinate of k = 0 */
    int64_t lo = 0, hi = 0;
    if (start < 0) /* start + k*dilation >= 0 from k = ceil(-start / dilation) */
        lo = (-start + dilation - 1) / dilation;
    if ((int64_t)size - start > 0) /* start + k*dilation < size up to ceil((size - start) / d) */
        hi = ((int64_t)size - start + dilation - 1) / dilation;
    if (hi > window)
        hi = window;
    if (lo > hi)
        lo = hi;
    *first = (uint32_t)lo;
    *last = (uint32_t)hi;
}

static WNNStatus pool_kernel(const void *attrs, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const pool_attrs *a = (const pool_attrs *)attrs;
    const ref_tensor *input = inputs[0];
    ref_tensor *output = outputs[0];
    WNNOperandDataType type = input->desc.type;
    uint32_t n, c, oh, ow, kh, kw, kh0, kh1, kw0, kw1;
    (void)inputCount;
    (void)outputCount;
    for (n = 0; n < a->batches; n++)
        for (c = 0; c < a->channels; c++)
            for (oh = 0; oh < a->outputHeight; oh++)
                for (ow = 0; ow < a->outputWidth; ow++) {
                    size_t oi = activation_index(a->nhwc, a->channels, a->outputHeight,
                                                 a->outputWidth, n, c, oh, ow);
                    /* average: the sum of x; l2: the sum of x*x. It starts at -0, the
                     * identity of IEEE addition, so the mean of -0 values is -0. */
                    double sum = -0.0;
                    size_t count = 0;
                    max_state m;
                    ref_scalar r = {0.0, 0, 0};
                    m.any = 0;
                    m.best = r;
                    window_range(oh, a->strides[0], a->padding[0], a->dilations[0],
                                 a->window[0], a->inputHeight, &kh0, &kh1);
                    window_range(ow, a->strides[1], a->padding[2], a->dilations[1],
                                 a->window[1], a->inputWidth, &kw0, &kw1);
                    for (kh = kh0; kh < kh1; kh++)
                        for (kw = kw0; kw < kw1; kw++) {
                            /* The builder's size checks keep these far below 2^63. */
                            int64_t ih = (int64_t)oh * a->strides[0] - a->padding[0] +
                                         (int64_t)kh * a->dilations[0];
                            int64_t iw = (int64_t)ow * a->strides[1] - a->padding[2] +
                                         (int64_t)kw * a->dilations[1];
                            size_t xi;
                            if (ih < 0 || ih >= a->inputHeight || iw < 0 || iw >= a->inputWidth)
                                continue; /* padding: excluded */
                            xi = activation_index(a->nhwc, a->channels, a->inputHeight,
                                                  a->inputWidth, n, c, (uint32_t)ih,
                                                  (uint32_t)iw);
                            if (a->op == REF_OP_maxPool2d) {
                                max_update(&m, ref_load(input, xi), type);
                            } else {
                                double x = ref_load_f(input, xi);
                                /* exact: x*x of a float32 fits in double */
                                sum += a->op == REF_OP_l2Pool2d ? x * x : x;
                            }
                            count++;
                            ref_propagate_mask(output, oi, input, xi);
                        }
                    if (count == 0) {
                        /* A window entirely in the padding: unspecified (see the top). */
                        if (a->op == REF_OP_averagePool2d)
                            r.f = (double)NAN;
                        else if (a->op == REF_OP_l2Pool2d)
                            r.f = 0.0;
                        else if (ref_type_class(type) == REF_CLASS_FLOAT)
                            r.f = -(double)INFINITY;
                        else if (ref_type_class(type) == REF_CLASS_SIGNED)
                            r.i = ref_type_min_i(type);
                        else
                            r.u = 0;
                        ref_store(output, oi, r);
                        ref_mark_unspecified(output, oi);
                        continue;
                    }
                    if (a->op == REF_OP_averagePool2d)
                        r.f = sum / (double)count;
                    else if (a->op == REF_OP_l2Pool2d)
                        r.f = sqrt(sum);
                    else
                        r = m.best;
                    ref_store(output, oi, r);
                }
    return WNNStatus_Success;
}

/* Floor and ceiling of a / b for b > 0 (C division truncates toward zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && a < 0)
        q--;
    return q;
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && a > 0)
        q++;
    return q;
}

/* The spec's "calculate conv output size" for one dimension, as its floor and its ceiling:
 * 1 + (inputSize - effectiveWindow + beginningPadding + endingPadding) / stride, exact in
 * 64-bit arithmetic. Returns 0 when the effective window size overflows 64 bits (then the
 * output size would be hugely negative: not a valid dimension). */
static int pool_output_size(uint32_t inputSize, uint32_t window, uint32_t beginningPadding,
                            uint32_t endingPadding, uint32_t stride, uint32_t dilation,
                            int64_t *floorSize, int64_t *ceilSize)
{
    int overflow;
    int64_t effective, numerator;
    /* window >= 1 here (checked by the builder). */
    effective = ref_i64_mul((int64_t)window - 1, (int64_t)dilation, &overflow);
    if (overflow || effective == INT64_MAX)
        return 0;
    effective += 1;
    /* inputSize and the paddings are below 2^32 and effective below 2^63: no overflow. */
    numerator = (int64_t)inputSize + beginningPadding + endingPadding - effective;
    *floorSize = floor_div(numerator, stride) + 1;
    *ceilSize = ceil_div(numerator, stride) + 1;
    return 1;
}

/* One of the option lists: the spec's "does not exist -> default", "size is not n ->
 * TypeError" and, when nonZero, "any item is 0 -> TypeError" steps. */
static WNNStatus read_list(const ref_op *op, const char *name, const uint32_t *values,
                           size_t count, size_t size, const uint32_t *defaults, int nonZero,
                           uint32_t *out)
{
    size_t i;
    if (!values) {
        for (i = 0; i < size; i++)
            out[i] = defaults[i];
        values = defaults;
        count = size;
    }
    if (count != size)
        return ref_op_fail(op, WNNStatus_TypeError, "%s must have %lu items, got %lu", name,
                           (unsigned long)size, (unsigned long)count);
    for (i = 0; i < size; i++) {
        if (nonZero && values[i] == 0)
            return ref_op_fail(op, WNNStatus_TypeError,
                               "%s must not contain 0, got item %lu equal to 0", name,
                               (unsigned long)i);
        out[i] = values[i];
    }
    return WNNStatus_Success;
}

static const uint32_t zeros4[4] = {0, 0, 0, 0};
static const uint32_t ones2[2] = {1, 1};

/* The spec's "create a pooling operation" given op, input, options and allowedDataTypes. */
static WNNStatus create_pooling_operation(ref_op_id id, WNNGraphBuilder b, WNNOperand input,
                                          const WNNPool2dOptions *options, unsigned allowed,
                                          WNNOperand *out)
{
    static const WNNPool2dOptions defaults = WNN_POOL2D_OPTIONS_INIT;
    const WNNPool2dOptions *opt = options ? options : &defaults;
    ref_op op;
    const ref_desc *in;
    pool_attrs attrs;
    uint32_t spatial[2], outputSizes[2] = {0, 0}, dims[4];
    int64_t floorHeight, ceilHeight, floorWidth, ceilWidth, outputHeight, outputWidth;
    ref_desc desc;
    WNNStatus s;
    /* SPEC-STEP 1: op is one of the three (by construction). SPEC-STEP 2: can not build. */
    if ((s = ref_op_begin(&op, b, id, opt->label, out)))
        return s;
    /* WebIDL: enum values outside MLInputOperandLayout / MLRoundingType. */
    if ((s = ref_op_check_enum(&op, "layout", (int)opt->layout, 2)) ||
        (s = ref_op_check_enum(&op, "outputShapeRounding", (int)opt->outputShapeRounding, 2)))
        return s;
    attrs.op = id;
    /* SPEC-STEP 3: validate operand input. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 4: allowedDataTypes (float32, float16 for average and L2; any for max). */
    if ((s = ref_op_check_type(&op, "input", in->type, allowed)))
        return s;
    /* SPEC-STEP 5: the input's rank must be 4. */
    if (in->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of input must be 4, got %lu",
                           (unsigned long)in->shape.rank);
    /* SPEC-STEP 6: unpack the input shape per layout. */
    attrs.nhwc = opt->layout == WNNInputOperandLayout_Nhwc;
    attrs.batches = in->shape.dims[0];
    if (attrs.nhwc) {
        attrs.inputHeight = in->shape.dims[1];
        attrs.inputWidth = in->shape.dims[2];
        attrs.channels = in->shape.dims[3];
    } else {
        attrs.channels = in->shape.dims[1];
        attrs.inputHeight = in->shape.dims[2];
        attrs.inputWidth = in->shape.dims[3];
    }
    /* SPEC-STEP 7-9: windowDimensions default to << inputHeight, inputWidth >> (global
     * pooling); it must have 2 items, none 0.
     * SPEC-ISSUE #391: with zero-size dimensions allowed, a global pool of an empty spatial
     * axis gets a default window of 0, which this step rejects: TypeError, as the text reads
     * (the pool of an empty window has no value; an explicit 1x1 window gives an empty
     * output instead). */
    spatial[0] = attrs.inputHeight;
    spatial[1] = attrs.inputWidth;
    if ((s = read_list(&op, "windowDimensions", opt->windowDimensions,
                       opt->windowDimensionsCount, 2, spatial, 1, attrs.window)))
        return s;
    /* SPEC-STEP 10-11: padding defaults to [0, 0, 0, 0]; it must have 4 items.
     * SPEC-ISSUE ops-§8.7: the text also sets padding to zeros when outputSizes exists.
     * That contradicts the outputSizes check below (which compares against sizes computed
     * with the padding) and the suite's cases; the padding is kept. */
    if ((s = read_list(&op, "padding", opt->padding, opt->paddingCount, 4, zeros4, 0,
                       attrs.padding)))
        return s;
    /* SPEC-STEP 12-14: strides default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "strides", opt->strides, opt->stridesCount, 2, ones2, 1,
                       attrs.strides)))
        return s;
    /* SPEC-STEP 15: outputSizes, if it exists, must have 2 items.
     * SPEC-ISSUE ops-§8.7: the text also requires each item to be smaller than the stride of
     * its dimension, which would forbid nearly every real use (an output of 3 rows with
     * stride 2); the requirement is not applied. */
    if (opt->outputSizes &&
        (s = read_list(&op, "outputSizes", opt->outputSizes, opt->outputSizesCount, 2, zeros4,
                       0, outputSizes)))
        return s;
    /* SPEC-STEP 16-18: dilations default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "dilations", opt->dilations, opt->dilationsCount, 2, ones2, 1,
                       attrs.dilations)))
        return s;
    /* SPEC-STEP 19: desc is a copy of the input's descriptor. SPEC-STEP 20: calculate the
     * output shape (exact 64-bit arithmetic). */
    if (!pool_output_size(attrs.inputHeight, attrs.window[0], attrs.padding[0],
                          attrs.padding[1], attrs.strides[0], attrs.dilations[0], &floorHeight,
                          &ceilHeight) ||
        !pool_output_size(attrs.inputWidth, attrs.window[1], attrs.padding[2],
                          attrs.padding[3], attrs.strides[1], attrs.dilations[1], &floorWidth,
                          &ceilWidth))
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the effective window size overflows 64-bit arithmetic");
    if (opt->outputSizes) {
        /* SPEC-STEP 20.3: outputSizes must be the floor pair or the ceil pair. */
        outputHeight = outputSizes[0];
        outputWidth = outputSizes[1];
        if (!(outputHeight == floorHeight && outputWidth == floorWidth) &&
            !(outputHeight == ceilHeight && outputWidth == ceilWidth))
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "outputSizes must be the floor sizes [%lld, %lld] or the ceil "
                               "sizes [%lld, %lld], got [%lld, %lld]",
                               (long long)floorHeight, (long long)floorWidth,
                               (long long)ceilHeight, (long long)ceilWidth,
                               (long long)outputHeight, (long long)outputWidth);
    } else if (opt->outputShapeRounding == WNNRoundingType_Ceil) {
        /* SPEC-STEP 20.4: round per outputShapeRounding. */
        outputHeight = ceilHeight;
        outputWidth = ceilWidth;
    } else {
        outputHeight = floorHeight;
        outputWidth = floorWidth;
    }
    /* SPEC-STEP 20.5: both must be valid dimensions. SPEC-ISSUE #391: 0 is valid; a
     * negative size (the padded input shorter than the effective window by more than a
     * stride) is not. */
    if (outputHeight < 0 || outputHeight > (int64_t)REF_MAX_DIMENSION)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output height is not a valid dimension, got %lld",
                           (long long)outputHeight);
    if (outputWidth < 0 || outputWidth > (int64_t)REF_MAX_DIMENSION)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output width is not a valid dimension, got %lld",
                           (long long)outputWidth);
    attrs.outputHeight = (uint32_t)outputHeight;
    attrs.outputWidth = (uint32_t)outputWidth;
    /* SPEC-STEP 20.6-20.7: the output shape per layout, the input's data type. */
    dims[0] = attrs.batches;
    if (attrs.nhwc) {
        dims[1] = attrs.outputHeight;
        dims[2] = attrs.outputWidth;
        dims[3] = attrs.channels;
    } else {
        dims[1] = attrs.channels;
        dims[2] = attrs.outputHeight;
        dims[3] = attrs.outputWidth;
    }
    if ((s = ref_op_make_desc(&op, "output", in->type, dims, 4, &desc)))
        return s;
    /* SPEC-STEP 21-22: make graph connections. */
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, pool_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}

WNNStatus wnnGraphBuilderAveragePool2d(WNNGraphBuilder b, WNNOperand input,
                                       const WNNPool2dOptions *options, WNNOperand *out)
{
    /* SPEC-STEP 1: create a pooling operation with float32 and float16. */
    return create_pooling_operation(REF_OP_averagePool2d, b, input, options, REF_TYPES_FLOAT,
                                    out);
}

WNNStatus wnnGraphBuilderL2Pool2d(WNNGraphBuilder b, WNNOperand input,
                                  const WNNPool2dOptions *options, WNNOperand *out)
{
    /* SPEC-STEP 1: create a pooling operation with float32 and float16. */
    return create_pooling_operation(REF_OP_l2Pool2d, b, input, options, REF_TYPES_FLOAT, out);
}

WNNStatus wnnGraphBuilderMaxPool2d(WNNGraphBuilder b, WNNOperand input,
                                   const WNNPool2dOptions *options, WNNOperand *out)
{
    /* SPEC-STEP 1: create a pooling operation with no allowedDataTypes (any type). */
    return create_pooling_operation(REF_OP_maxPool2d, b, input, options, REF_TYPES_ANY, out);
}
