/* ops/conv.c - conv2d and convTranspose2d.
 *
 * Spec: "conv2d" and "convTranspose2d". Both take a 4-D input (layout nchw or nhwc) and a 4-D
 * filter (several layouts), float32 or float16, with an optional bias of shape
 * [outputChannels]. The builder functions transcribe the spec's steps; the kernels are plain
 * loops over logical coordinates, so every layout is handled by index arithmetic alone.
 *
 * conv2d is a cross-correlation (the kernel is not flipped):
 *   out[n, o, oh, ow] = bias[o] + sum over c in o's group, kh, kw of
 *       x[n, c, oh*sh - padTop + kh*dh, ow*sw - padLeft + kw*dw] * w[o, c - g*C/G, kh, kw]
 * where positions outside the input (the padding) contribute nothing.
 *
 * convTranspose2d is the exact adjoint (transpose) of that linear map, written in scatter
 * form: every input element x[n, c, ih, iw] adds x * w[c, j, kh, kw] to the output element
 * [n, g*O/G + j, ih*sh - padTop + kh*dh, iw*sw - padLeft + kw*dw] when that lies inside the
 * output; output elements that no input reaches get only the bias.
 *
 * Numerics: each product of two exact float32/float16 values is exact in double; the sum is
 * accumulated in double and rounded once into the output type.
 * SPEC-SILENT: the sign of a zero result. Sums start at -0, the identity of IEEE addition, so
 * a sum whose every term is -0 is -0 (a 1x1 identity filter keeps -0) and an empty sum is +0;
 * the bias is added last. */
#include "../ref/builder.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- shared definitions ------------------------------------------------------------------ */

typedef struct conv_attrs {
    int nhwc;         /* input and output layout: 0 nchw, 1 nhwc */
    int filterLayout; /* a WNNConv2dFilterOperandLayout or WNNConvTranspose2dFilterOperandLayout */
    uint32_t batches, inputChannels, inputHeight, inputWidth;
    uint32_t outputChannels, outputHeight, outputWidth;
    uint32_t filterHeight, filterWidth;
    uint32_t groups;
    uint32_t padding[4]; /* beginHeight, endHeight, beginWidth, endWidth */
    uint32_t strides[2];
    uint32_t dilations[2];
} conv_attrs;

/* Flat index of element [n, c, h, w] of an activation tensor with C channels, H x W. */
static size_t activation_index(int nhwc, uint32_t C, uint32_t H, uint32_t W, uint32_t n,
                               uint32_t c, uint32_t h, uint32_t w)
{
    if (nhwc)
        return (((size_t)n * H + h) * W + w) * C + c;
    return (((size_t)n * C + c) * H + h) * W + w;
}

/* Floor of a / b for b > 0 (C division truncates toward zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && a < 0)
        q--;
    return q;
}

/* The spec's effective filter size (filterSize - 1) * dilation + 1, in checked 64-bit
 * arithmetic; returns 0 when it overflows.
 * SPEC-SILENT: a filter with a spatial size of 0 (an empty kernel) has effective size 0; the
 * formula assumes filterSize >= 1 and would give 1 - dilation. */
static int effective_filter_size(uint32_t filterSize, uint32_t dilation, int64_t *out)
{
    int overflow;
    int64_t product;
    if (filterSize == 0) {
        *out = 0;
        return 1;
    }
    product = ref_i64_mul((int64_t)filterSize - 1, (int64_t)dilation, &overflow);
    if (overflow)
        return 0;
    *out = ref_i64_add(product, 1, &overflow);
    return !overflow;
}

/* One of the option lists padding / strides / dilations / outputPadding / outputSizes: the
 * spec's "does not exist -> default" and "size is not n -> TypeError" steps, and, when
 * nonZero, "any item is 0 -> TypeError". */
static WNNStatus read_list(const ref_op *op, const char *name, const uint32_t *values,
                           size_t count, size_t size, const uint32_t *defaults, int nonZero,
                           uint32_t *out)
{
    size_t i;
    if (!values) {
        for (i = 0; i < size; i++)
            out[i] = defaults[i];
        return WNNStatus_Success;
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

/* Validate the optional bias: shape [outputChannels] and the input's data type. */
static WNNStatus check_bias(const ref_op *op, const ref_desc *bias, uint64_t outputChannels,
                            WNNOperandDataType inputType)
{
    char text[256];
    /* SPEC-STEP: its shape must equal << outputChannels >>. */
    if (bias->shape.rank != 1 || bias->shape.dims[0] != outputChannels) {
        ref_shape_format(&bias->shape, text, sizeof text);
        return ref_op_fail(op, WNNStatus_TypeError, "the shape of bias must be [%lu], got %s",
                           (unsigned long)outputChannels, text);
    }
    /* SPEC-STEP: its data type must be allowed ("same as input"). */
    if (bias->type != inputType)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the data type of bias must be the input's (%s), got %s",
                           ref_type_name(inputType), ref_desc_type_name(bias));
    return WNNStatus_Success;
}

/* Unpack an activation shape per layout: batches, channels, height, width. */
static void unpack_activation(const ref_desc *d, int nhwc, uint32_t *batches,
                              uint32_t *channels, uint32_t *height, uint32_t *width)
{
    *batches = d->shape.dims[0];
    if (nhwc) {
        *height = d->shape.dims[1];
        *width = d->shape.dims[2];
        *channels = d->shape.dims[3];
    } else {
        *channels = d->shape.dims[1];
        *height = d->shape.dims[2];
        *width = d->shape.dims[3];
    }
}

static void make_output_dims(int nhwc, uint32_t batches, uint32_t channels, uint32_t height,
                             uint32_t width, uint32_t *dims)
{
    dims[0] = batches;
    if (nhwc) {
        dims[1] = height;
        dims[2] = width;
        dims[3] = channels;
    } else {
        dims[1] = channels;
        dims[2] = height;
        dims[3] = width;
    }
}

/* ---- conv2d ------------------------------------------------------------------------------ */

/* Flat index of the logical filter element [o, i, kh, kw] (i within the group). */
static size_t conv2d_filter_index(const conv_attrs *a, uint32_t o, uint32_t i, uint32_t kh,
                                  uint32_t kw)
{
    size_t O = a->outputChannels, I = a->inputChannels / a->groups;
    size_t KH = a->filterHeight, KW = a->filterWidth;
    switch (a->filterLayout) {
    case WNNConv2dFilterOperandLayout_Hwio: return ((kh * KW + kw) * I + i) * O + o;
    case WNNConv2dFilterOperandLayout_Ohwi: return ((o * KH + kh) * KW + kw) * I + i;
    case WNNConv2dFilterOperandLayout_Ihwo: return ((i * KH + kh) * KW + kw) * O + o;
    default: return ((o * I + i) * KH + kh) * KW + kw; /* oihw */
    }
}

static WNNStatus conv2d_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs,
                               size_t outputCount)
{
    const conv_attrs *a = (const conv_attrs *)attrs;
    const ref_tensor *input = inputs[0], *filter = inputs[1];
    const ref_tensor *bias = inputCount > 2 ? inputs[2] : NULL;
    ref_tensor *output = outputs[0];
    uint32_t groupInputChannels = a->inputChannels / a->groups;
    uint32_t groupOutputChannels = a->outputChannels / a->groups;
    uint32_t n, o, oh, ow, i, kh, kw;
    (void)outputCount;
    for (n = 0; n < a->batches; n++)
        for (o = 0; o < a->outputChannels; o++)
            for (oh = 0; oh < a->outputHeight; oh++)
                for (ow = 0; ow < a->outputWidth; ow++) {
                    uint32_t g = o / groupOutputChannels;
                    size_t outIndex = activation_index(a->nhwc, a->outputChannels,
                                                       a->outputHeight, a->outputWidth, n, o,
                                                       oh, ow);
                    /* The sum starts at -0, the identity of IEEE addition, so a sum of -0
                     * products stays -0; an empty sum is +0 (below). */
                    double sum = -0.0;
                    size_t terms = 0;
                    int unspecified = 0;
                    for (i = 0; i < groupInputChannels; i++)
                        for (kh = 0; kh < a->filterHeight; kh++)
                            for (kw = 0; kw < a->filterWidth; kw++) {
                                uint32_t c = g * groupInputChannels + i;
                                /* The builder's size checks keep these far below 2^63. */
                                int64_t ih = (int64_t)oh * a->strides[0] - a->padding[0] +
                                             (int64_t)kh * a->dilations[0];
                                int64_t iw = (int64_t)ow * a->strides[1] - a->padding[2] +
                                             (int64_t)kw * a->dilations[1];
                                size_t fi = conv2d_filter_index(a, o, i, kh, kw);
                                size_t xi;
                                double w = ref_load_f(filter, fi);
                                if (ih < 0 || ih >= a->inputHeight || iw < 0 ||
                                    iw >= a->inputWidth) {
                                    /* SPEC-SILENT: a padded position contributes nothing.
                                     * Where its weight is infinite or NaN, implementations
                                     * that materialise the zero padding get 0 * w = NaN,
                                     * others skip it: the element is unspecified (value:
                                     * the sum without that position). */
                                    if (!isfinite(w))
                                        unspecified = 1;
                                    continue;
                                }
                                xi = activation_index(a->nhwc, a->inputChannels,
                                                      a->inputHeight, a->inputWidth, n, c,
                                                      (uint32_t)ih, (uint32_t)iw);
                                sum += ref_load_f(input, xi) * w;
                                terms++;
                                ref_propagate_mask(output, outIndex, input, xi);
                                ref_propagate_mask(output, outIndex, filter, fi);
                            }
                    /* An empty reduction (no input channel, an empty kernel, or a window
                     * entirely in padding) is +0. */
                    if (terms == 0)
                        sum = 0.0;
                    if (bias) {
                        sum = ref_load_f(bias, o) + sum;
                        ref_propagate_mask(output, outIndex, bias, o);
                    }
                    ref_store_f(output, outIndex, sum);
                    if (unspecified)
                        ref_mark_unspecified(output, outIndex);
                }
    return WNNStatus_Success;
}

/* The spec's "calculate conv output size" followed by floor(), in exact 64-bit arithmetic:
 * floor((inputSize - effectiveFilterSize + beginningPadding + endingPadding) / stride) + 1.
 * Returns 0 when an intermediate overflows. */
static int conv_output_size(uint32_t inputSize, uint32_t filterSize, uint32_t beginningPadding,
                            uint32_t endingPadding, uint32_t stride, uint32_t dilation,
                            int64_t *out)
{
    int64_t effective, numerator;
    if (!effective_filter_size(filterSize, dilation, &effective))
        return 0;
    /* inputSize and the paddings are below 2^32 and effective below 2^63: no overflow. */
    numerator = (int64_t)inputSize + beginningPadding + endingPadding - effective;
    *out = floor_div(numerator, stride) + 1;
    return 1;
}

WNNStatus wnnGraphBuilderConv2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter,
                                const WNNConv2dOptions *options, WNNOperand *out)
{
    static const WNNConv2dOptions defaults = WNN_CONV2D_OPTIONS_INIT;
    const WNNConv2dOptions *opt = options ? options : &defaults;
    ref_op op;
    const ref_desc *in, *fd, *bd;
    conv_attrs attrs;
    uint32_t filterInputChannels, dims[4];
    int64_t outputHeight, outputWidth;
    ref_desc desc;
    WNNOperand operands[3];
    WNNStatus s;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_conv2d, opt->label, out)))
        return s;
    /* WebIDL: enum values outside MLInputOperandLayout / MLConv2dFilterOperandLayout. */
    if ((s = ref_op_check_enum(&op, "inputLayout", (int)opt->inputLayout, 2)) ||
        (s = ref_op_check_enum(&op, "filterLayout", (int)opt->filterLayout, 4)))
        return s;
    /* SPEC-STEP 2: validate operand input, filter and bias (if it exists). */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, filter, "filter", &fd)) ||
        (s = ref_op_optional_operand(&op, opt->bias, "bias", &bd)))
        return s;
    /* SPEC-STEP 3: input's data type must be allowed (float32, float16). */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 4: input's rank must be 4. */
    if (in->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of input must be 4, got %lu",
                           (unsigned long)in->shape.rank);
    /* SPEC-STEP 5: filter's rank must be 4. */
    if (fd->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of filter must be 4, got %lu",
                           (unsigned long)fd->shape.rank);
    /* SPEC-STEP 6: filter's data type must be allowed ("same as input"). */
    if (fd->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of filter must be the input's (%s), got %s",
                           ref_desc_type_name(in), ref_desc_type_name(fd));
    /* SPEC-STEP 7-8: padding defaults to [0, 0, 0, 0]; otherwise it must have 4 items. */
    if ((s = read_list(&op, "padding", opt->padding, opt->paddingCount, 4, zeros4, 0,
                       attrs.padding)))
        return s;
    /* SPEC-STEP 9-11: strides default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "strides", opt->strides, opt->stridesCount, 2, ones2, 1,
                       attrs.strides)))
        return s;
    /* SPEC-STEP 12-14: dilations default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "dilations", opt->dilations, opt->dilationsCount, 2, ones2, 1,
                       attrs.dilations)))
        return s;
    /* SPEC-STEP 15: groups must not be 0. */
    if (opt->groups == 0)
        return ref_op_fail(&op, WNNStatus_TypeError, "groups must not be 0, got 0");
    attrs.groups = opt->groups;
    attrs.nhwc = opt->inputLayout == WNNInputOperandLayout_Nhwc;
    attrs.filterLayout = (int)opt->filterLayout;
    /* SPEC-STEP 16: calculate the output shape. Unpack input and filter per layout. */
    unpack_activation(in, attrs.nhwc, &attrs.batches, &attrs.inputChannels,
                      &attrs.inputHeight, &attrs.inputWidth);
    switch (opt->filterLayout) {
    case WNNConv2dFilterOperandLayout_Hwio:
        attrs.filterHeight = fd->shape.dims[0];
        attrs.filterWidth = fd->shape.dims[1];
        filterInputChannels = fd->shape.dims[2];
        attrs.outputChannels = fd->shape.dims[3];
        break;
    case WNNConv2dFilterOperandLayout_Ohwi:
        attrs.outputChannels = fd->shape.dims[0];
        attrs.filterHeight = fd->shape.dims[1];
        attrs.filterWidth = fd->shape.dims[2];
        filterInputChannels = fd->shape.dims[3];
        break;
    case WNNConv2dFilterOperandLayout_Ihwo:
        filterInputChannels = fd->shape.dims[0];
        attrs.filterHeight = fd->shape.dims[1];
        attrs.filterWidth = fd->shape.dims[2];
        attrs.outputChannels = fd->shape.dims[3];
        break;
    default: /* oihw */
        attrs.outputChannels = fd->shape.dims[0];
        filterInputChannels = fd->shape.dims[1];
        attrs.filterHeight = fd->shape.dims[2];
        attrs.filterWidth = fd->shape.dims[3];
        break;
    }
    /* SPEC-STEP 16.5: inputChannels % groups must be 0. */
    if (attrs.inputChannels % attrs.groups != 0)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the input channels (%lu) must be divisible by groups, got groups %lu",
                           (unsigned long)attrs.inputChannels, (unsigned long)attrs.groups);
    /* SPEC-STEP 16.6: inputChannels / groups must equal the filter's input channels. */
    if (attrs.inputChannels / attrs.groups != filterInputChannels)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the filter's input channels must be input channels / groups (%lu), "
                           "got %lu",
                           (unsigned long)(attrs.inputChannels / attrs.groups),
                           (unsigned long)filterInputChannels);
    /* SPEC-STEP 16.7: outputChannels % groups must be 0 (webnn#932). */
    if (attrs.outputChannels % attrs.groups != 0)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output channels (%lu) must be divisible by groups, got groups %lu",
                           (unsigned long)attrs.outputChannels, (unsigned long)attrs.groups);
    /* SPEC-STEP 16.8: bias shape [outputChannels] and data type. */
    if (bd && (s = check_bias(&op, bd, attrs.outputChannels, in->type)))
        return s;
    /* SPEC-STEP 16.9-16.11: the output sizes, floored, must be valid dimensions.
     * SPEC-ISSUE #391: zero-size dimensions are allowed, so 0 is a valid dimension; a negative
     * size (the padded input is shorter than the effective filter by more than a stride) is
     * not. The arithmetic is exact in 64 bits; an overflow is an invalid size too. */
    if (!conv_output_size(attrs.inputHeight, attrs.filterHeight, attrs.padding[0],
                          attrs.padding[1], attrs.strides[0], attrs.dilations[0],
                          &outputHeight) ||
        !conv_output_size(attrs.inputWidth, attrs.filterWidth, attrs.padding[2],
                          attrs.padding[3], attrs.strides[1], attrs.dilations[1],
                          &outputWidth))
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output size overflows 64-bit arithmetic");
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
    /* SPEC-STEP 16.12-16.13: the output shape per inputLayout, the input's data type. */
    make_output_dims(attrs.nhwc, attrs.batches, attrs.outputChannels, attrs.outputHeight,
                     attrs.outputWidth, dims);
    if ((s = ref_op_make_desc(&op, "output", in->type, dims, 4, &desc)))
        return s;
    /* SPEC-STEP 17-18: make graph connections: inputs input, filter and bias if present. */
    operands[0] = input;
    operands[1] = filter;
    operands[2] = opt->bias;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, conv2d_kernel, &attrs, sizeof attrs, bd ? 3 : 2, operands, 1,
                         &desc, out);
}

/* ---- convTranspose2d --------------------------------------------------------------------- */

/* Flat index of the logical filter element [c, j, kh, kw]: c is the input channel (all of
 * them), j the output channel within the group. */
static size_t transpose_filter_index(const conv_attrs *a, uint32_t c, uint32_t j, uint32_t kh,
                                     uint32_t kw)
{
    size_t I = a->inputChannels, J = a->outputChannels / a->groups;
    size_t KH = a->filterHeight, KW = a->filterWidth;
    switch (a->filterLayout) {
    case WNNConvTranspose2dFilterOperandLayout_Hwoi: return ((kh * KW + kw) * J + j) * I + c;
    case WNNConvTranspose2dFilterOperandLayout_Ohwi: return ((j * KH + kh) * KW + kw) * I + c;
    default: return ((c * J + j) * KH + kh) * KW + kw; /* iohw */
    }
}

/* Whether output position `o` takes kernel tap `k` from a real input element: the gather
 * form of the transposed convolution reads input position (o + padBegin - k*dilation) /
 * stride, which exists only when that is an integer inside the input. */
static int transpose_source_exists(uint32_t o, uint32_t padBegin, uint32_t k, uint32_t dilation,
                                   uint32_t stride, uint32_t inputSize)
{
    int64_t t = (int64_t)o + padBegin - (int64_t)k * dilation;
    return t >= 0 && t % stride == 0 && t / stride < inputSize;
}

static WNNStatus conv_transpose2d_kernel(const void *attrs, const ref_tensor *const *inputs,
                                         size_t inputCount, ref_tensor *const *outputs,
                                         size_t outputCount)
{
    const conv_attrs *a = (const conv_attrs *)attrs;
    const ref_tensor *input = inputs[0], *filter = inputs[1];
    const ref_tensor *bias = inputCount > 2 ? inputs[2] : NULL;
    ref_tensor *output = outputs[0];
    uint32_t groupInputChannels = a->inputChannels / a->groups;
    uint32_t groupOutputChannels = a->outputChannels / a->groups;
    uint32_t n, c, ih, iw, j, kh, kw, o, oh, ow;
    double *sums;
    unsigned char *reached;
    size_t i, nonFinite = 0;
    (void)outputCount;
    /* output->count * 9 bytes: the node's scratchBytes, counted against maxGraphBytes. */
    sums = (double *)malloc((output->count ? output->count : 1) * sizeof *sums);
    reached = (unsigned char *)calloc(output->count ? output->count : 1, 1);
    if (!sums || !reached) {
        free(sums);
        free(reached);
        return WNNStatus_OutOfMemory;
    }
    /* Every sum starts at -0, the identity of IEEE addition (an unreached one becomes +0). */
    for (i = 0; i < output->count; i++)
        sums[i] = -0.0;
    /* Scatter: each input element adds its products into the output elements it reaches. */
    for (n = 0; n < a->batches; n++)
        for (c = 0; c < a->inputChannels; c++)
            for (ih = 0; ih < a->inputHeight; ih++)
                for (iw = 0; iw < a->inputWidth; iw++) {
                    uint32_t g = c / groupInputChannels;
                    size_t xi = activation_index(a->nhwc, a->inputChannels, a->inputHeight,
                                                 a->inputWidth, n, c, ih, iw);
                    double x = ref_load_f(input, xi);
                    for (j = 0; j < groupOutputChannels; j++)
                        for (kh = 0; kh < a->filterHeight; kh++)
                            for (kw = 0; kw < a->filterWidth; kw++) {
                                /* The builder's size checks keep these far below 2^63. */
                                int64_t ohs = (int64_t)ih * a->strides[0] - a->padding[0] +
                                              (int64_t)kh * a->dilations[0];
                                int64_t ows = (int64_t)iw * a->strides[1] - a->padding[2] +
                                              (int64_t)kw * a->dilations[1];
                                size_t fi, oi;
                                if (ohs < 0 || ohs >= a->outputHeight || ows < 0 ||
                                    ows >= a->outputWidth)
                                    continue; /* cropped by the padding or the output size */
                                o = g * groupOutputChannels + j;
                                fi = transpose_filter_index(a, c, j, kh, kw);
                                oi = activation_index(a->nhwc, a->outputChannels,
                                                      a->outputHeight, a->outputWidth, n, o,
                                                      (uint32_t)ohs, (uint32_t)ows);
                                sums[oi] += x * ref_load_f(filter, fi);
                                reached[oi] = 1;
                                ref_propagate_mask(output, oi, input, xi);
                                ref_propagate_mask(output, oi, filter, fi);
                            }
                }
    /* Add the bias and round once. */
    for (n = 0; n < a->batches; n++)
        for (o = 0; o < a->outputChannels; o++)
            for (oh = 0; oh < a->outputHeight; oh++)
                for (ow = 0; ow < a->outputWidth; ow++) {
                    size_t oi = activation_index(a->nhwc, a->outputChannels, a->outputHeight,
                                                 a->outputWidth, n, o, oh, ow);
                    double v = reached[oi] ? sums[oi] : 0.0;
                    if (bias) {
                        v = ref_load_f(bias, o) + v;
                        ref_propagate_mask(output, oi, bias, o);
                    }
                    ref_store_f(output, oi, v);
                }
    /* SPEC-SILENT: as for conv2d's padding, an output element whose gather form meets a
     * structural zero (an input position between strides, outside the input, or in the
     * output padding) with an infinite or NaN weight is unspecified: implementations that
     * insert zeros compute 0 * w = NaN, the scatter form adds nothing. */
    for (i = 0; i < filter->count; i++)
        if (!isfinite(ref_load_f(filter, i)))
            nonFinite++;
    if (nonFinite)
        for (o = 0; o < a->outputChannels; o++)
            for (oh = 0; oh < a->outputHeight; oh++)
                for (ow = 0; ow < a->outputWidth; ow++) {
                    uint32_t g = o / groupOutputChannels, jj = o % groupOutputChannels;
                    uint32_t k;
                    int unspecified = 0;
                    for (k = 0; k < groupInputChannels && !unspecified; k++)
                        for (kh = 0; kh < a->filterHeight && !unspecified; kh++)
                            for (kw = 0; kw < a->filterWidth && !unspecified; kw++) {
                                c = g * groupInputChannels + k;
                                if (isfinite(ref_load_f(filter,
                                                        transpose_filter_index(a, c, jj, kh,
                                                                               kw))))
                                    continue;
                                if (!transpose_source_exists(oh, a->padding[0], kh,
                                                             a->dilations[0], a->strides[0],
                                                             a->inputHeight) ||
                                    !transpose_source_exists(ow, a->padding[2], kw,
                                                             a->dilations[1], a->strides[1],
                                                             a->inputWidth))
                                    unspecified = 1;
                            }
                    if (unspecified)
                        for (n = 0; n < a->batches; n++)
                            ref_mark_unspecified(output,
                                                 activation_index(a->nhwc, a->outputChannels,
                                                                  a->outputHeight,
                                                                  a->outputWidth, n, o, oh,
                                                                  ow));
                }
    free(sums);
    free(reached);
    return WNNStatus_Success;
}

/* The spec's "calculate convtranspose output size" in exact 64-bit arithmetic:
 * (inputSize - 1) * stride + effectiveFilterSize - beginningPadding - endingPadding.
 * Returns 0 when an intermediate overflows. */
static int conv_transpose_output_size(uint32_t inputSize, uint32_t filterSize,
                                      uint32_t beginningPadding, uint32_t endingPadding,
                                      uint32_t stride, uint32_t dilation, int64_t *out)
{
    int64_t effective, v;
    int overflow, o2;
    if (!effective_filter_size(filterSize, dilation, &effective))
        return 0;
    /* (inputSize - 1) * stride: |.| < 2^63 for 32-bit operands. */
    v = ((int64_t)inputSize - 1) * (int64_t)stride;
    v = ref_i64_add(v, effective, &overflow);
    v = ref_i64_sub(v, (int64_t)beginningPadding + endingPadding, &o2);
    *out = v;
    return !overflow && !o2;
}

WNNStatus wnnGraphBuilderConvTranspose2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter,
                                         const WNNConvTranspose2dOptions *options,
                                         WNNOperand *out)
{
    static const WNNConvTranspose2dOptions defaults = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
    const WNNConvTranspose2dOptions *opt = options ? options : &defaults;
    ref_op op;
    const ref_desc *in, *fd, *bd;
    conv_attrs attrs;
    uint32_t outputPadding[2], outputSizes[2] = {0, 0}, filterInputChannels, filterOutputChannels;
    uint32_t dims[4];
    uint64_t outputChannels;
    int64_t calculatedHeight, calculatedWidth, outputHeight, outputWidth;
    ref_desc desc;
    WNNOperand operands[3];
    WNNStatus s;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_convTranspose2d, opt->label, out)))
        return s;
    /* WebIDL: enum values outside MLInputOperandLayout / MLConvTranspose2dFilterOperandLayout. */
    if ((s = ref_op_check_enum(&op, "inputLayout", (int)opt->inputLayout, 2)) ||
        (s = ref_op_check_enum(&op, "filterLayout", (int)opt->filterLayout, 3)))
        return s;
    /* SPEC-STEP 2: validate operand input, filter and bias (if it exists). */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, filter, "filter", &fd)) ||
        (s = ref_op_optional_operand(&op, opt->bias, "bias", &bd)))
        return s;
    /* SPEC-STEP 3: input's rank must be 4. */
    if (in->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of input must be 4, got %lu",
                           (unsigned long)in->shape.rank);
    /* SPEC-STEP 4: input's data type must be allowed (float32, float16). */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 5: filter's rank must be 4. */
    if (fd->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the rank of filter must be 4, got %lu",
                           (unsigned long)fd->shape.rank);
    /* SPEC-STEP 6: filter's data type must be allowed ("same as input"). */
    if (fd->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of filter must be the input's (%s), got %s",
                           ref_desc_type_name(in), ref_desc_type_name(fd));
    /* SPEC-STEP 7-8: padding defaults to [0, 0, 0, 0]; otherwise it must have 4 items. */
    if ((s = read_list(&op, "padding", opt->padding, opt->paddingCount, 4, zeros4, 0,
                       attrs.padding)))
        return s;
    /* SPEC-STEP 9-11: strides default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "strides", opt->strides, opt->stridesCount, 2, ones2, 1,
                       attrs.strides)))
        return s;
    /* SPEC-STEP 12-14: dilations default to [1, 1]; 2 items; no item 0. */
    if ((s = read_list(&op, "dilations", opt->dilations, opt->dilationsCount, 2, ones2, 1,
                       attrs.dilations)))
        return s;
    /* SPEC-STEP 15-16: outputPadding defaults to [0, 0]; otherwise it must have 2 items. */
    if ((s = read_list(&op, "outputPadding", opt->outputPadding, opt->outputPaddingCount, 2,
                       zeros4, 0, outputPadding)))
        return s;
    /* SPEC-STEP 17: outputSizes, if it exists, must have 2 items; otherwise each
     * outputPadding item must be smaller than the stride of its dimension. */
    if (opt->outputSizes) {
        if ((s = read_list(&op, "outputSizes", opt->outputSizes, opt->outputSizesCount, 2,
                           zeros4, 0, outputSizes)))
            return s;
    } else if (outputPadding[0] >= attrs.strides[0] || outputPadding[1] >= attrs.strides[1]) {
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "outputPadding must be smaller than strides [%lu, %lu], got [%lu, %lu]",
                           (unsigned long)attrs.strides[0], (unsigned long)attrs.strides[1],
                           (unsigned long)outputPadding[0], (unsigned long)outputPadding[1]);
    }
    /* SPEC-STEP 18: groups must not be 0. */
    if (opt->groups == 0)
        return ref_op_fail(&op, WNNStatus_TypeError, "groups must not be 0, got 0");
    attrs.groups = opt->groups;
    attrs.nhwc = opt->inputLayout == WNNInputOperandLayout_Nhwc;
    attrs.filterLayout = (int)opt->filterLayout;
    /* SPEC-STEP 19: calculate the output shape. Unpack input and filter per layout. */
    unpack_activation(in, attrs.nhwc, &attrs.batches, &attrs.inputChannels,
                      &attrs.inputHeight, &attrs.inputWidth);
    switch (opt->filterLayout) {
    case WNNConvTranspose2dFilterOperandLayout_Hwoi:
        attrs.filterHeight = fd->shape.dims[0];
        attrs.filterWidth = fd->shape.dims[1];
        filterOutputChannels = fd->shape.dims[2];
        filterInputChannels = fd->shape.dims[3];
        break;
    case WNNConvTranspose2dFilterOperandLayout_Ohwi:
        filterOutputChannels = fd->shape.dims[0];
        attrs.filterHeight = fd->shape.dims[1];
        attrs.filterWidth = fd->shape.dims[2];
        filterInputChannels = fd->shape.dims[3];
        break;
    default: /* iohw */
        filterInputChannels = fd->shape.dims[0];
        filterOutputChannels = fd->shape.dims[1];
        attrs.filterHeight = fd->shape.dims[2];
        attrs.filterWidth = fd->shape.dims[3];
        break;
    }
    /* SPEC-STEP 19.5: inputChannels must equal the filter's input channels. */
    if (attrs.inputChannels != filterInputChannels)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the filter's input channels must equal the input channels (%lu), "
                           "got %lu",
                           (unsigned long)attrs.inputChannels,
                           (unsigned long)filterInputChannels);
    /* SPEC-ISSUE ops-§8.17: the text never checks that the input channels divide into
     * groups, yet each group takes inputChannels / groups of them. As for conv2d, a
     * remainder throws TypeError. */
    if (attrs.inputChannels % attrs.groups != 0)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the input channels (%lu) must be divisible by groups, got groups %lu",
                           (unsigned long)attrs.inputChannels, (unsigned long)attrs.groups);
    /* SPEC-STEP 19.6-19.7: outputChannels = filterOutputChannels * groups, a valid
     * dimension. */
    outputChannels = (uint64_t)filterOutputChannels * attrs.groups;
    if (outputChannels > REF_MAX_DIMENSION)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the output channels (filter output channels * groups) are not a "
                           "valid dimension, got %llu",
                           (unsigned long long)outputChannels);
    attrs.outputChannels = (uint32_t)outputChannels;
    /* SPEC-STEP 19.8: bias shape [outputChannels] and data type. */
    if (bd && (s = check_bias(&op, bd, outputChannels, in->type)))
        return s;
    /* SPEC-STEP 19.9-19.10: the calculated output sizes (exact 64-bit arithmetic). */
    if (!conv_transpose_output_size(attrs.inputHeight, attrs.filterHeight, attrs.padding[0],
                                    attrs.padding[1], attrs.strides[0], attrs.dilations[0],
                                    &calculatedHeight) ||
        !conv_transpose_output_size(attrs.inputWidth, attrs.filterWidth, attrs.padding[2],
                                    attrs.padding[3], attrs.strides[1], attrs.dilations[1],
                                    &calculatedWidth))
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the calculated output size overflows 64-bit arithmetic");
    if (opt->outputSizes) {
        /* SPEC-STEP 19.11: outputSizes must lie in [calculated, calculated + stride). */
        outputHeight = outputSizes[0];
        outputWidth = outputSizes[1];
        /* (Written as a difference, which cannot overflow.) */
        if (outputHeight < calculatedHeight || outputHeight - calculatedHeight >= attrs.strides[0])
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "outputSizes[0] must be at least the calculated height %lld and "
                               "less than it plus the stride %lu, got %lld",
                               (long long)calculatedHeight, (unsigned long)attrs.strides[0],
                               (long long)outputHeight);
        if (outputWidth < calculatedWidth || outputWidth - calculatedWidth >= attrs.strides[1])
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "outputSizes[1] must be at least the calculated width %lld and "
                               "less than it plus the stride %lu, got %lld",
                               (long long)calculatedWidth, (unsigned long)attrs.strides[1],
                               (long long)outputWidth);
    } else {
        /* SPEC-STEP 19.12: calculated size + outputPadding. */
        outputHeight = calculatedHeight + outputPadding[0];
        outputWidth = calculatedWidth + outputPadding[1];
    }
    /* SPEC-STEP 19.13: both must be valid dimensions. SPEC-ISSUE #391: 0 is valid. */
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
    /* SPEC-STEP 19.14-19.15: the output shape per inputLayout, the input's data type. */
    make_output_dims(attrs.nhwc, attrs.batches, attrs.outputChannels, attrs.outputHeight,
                     attrs.outputWidth, dims);
    if ((s = ref_op_make_desc(&op, "output", in->type, dims, 4, &desc)))
        return s;
    /* SPEC-STEP 20-21: make graph connections: inputs input, filter and bias if present. */
    operands[0] = input;
    operands[1] = filter;
    operands[2] = opt->bias;
    op.kernelPropagatesMask = 1;
    /* The kernel's scatter keeps a double sum and a byte per output element. */
    op.scratchBytes = (uint64_t)ref_shape_count(&desc.shape) * (sizeof(double) + 1);
    return ref_op_finish(&op, conv_transpose2d_kernel, &attrs, sizeof attrs, bd ? 3 : 2,
                         operands, 1, &desc, out);
}
