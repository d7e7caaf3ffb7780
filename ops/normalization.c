/* ops/normalization.c - batchNormalization, instanceNormalization, layerNormalization.
 *
 * Spec: "batchNormalization", "instanceNormalization", "layerNormalization". All three compute
 *
 *     y = scale * ((x - mean) / sqrt(variance + epsilon)) + bias
 *
 * in the order of the spec's emulations (add(mul(scale, div(sub(x, mean), sqrt(add(variance,
 * epsilon)))), bias)), with an absent scale taken as 1 and an absent bias as 0. They differ in
 * where mean and variance come from and which input axes index scale and bias:
 *
 * - batchNormalization: mean and variance are operands, 1-D along `axis`, like scale and bias.
 * - instanceNormalization: mean and population variance over the two spatial axes of each
 *   (batch, channel) pair of a 4-D input; scale and bias are 1-D along the channel axis.
 * - layerNormalization: mean and population variance over `axes`; scale and bias have one
 *   dimension per item of `axes`, in the order of `axes`.
 *
 * Numerics: inputs are read exactly; the mean (sum / n) and then the variance (sum of squared
 * deviations from that mean / n) are computed in double in two passes; every intermediate
 * stays in double and y is rounded once to the input's type. epsilon is first cast to the
 * input's type (the spec's cast), as the steps require.
 *
 * Zero-size: a group of normalized elements can only be empty when a normalized axis has size
 * 0, and then the input, and the output of the same shape, have no elements at all: the mean
 * of the empty set (NaN) never reaches an output, and every empty input gives an empty
 * output. An empty `axes` (layerNormalization) normalizes groups of one element: mean = x,
 * variance = 0, so y = scale * (0 / sqrt(epsilon)) + bias = bias (or +0), except that x = +-inf
 * or NaN gives NaN (inf - inf), as the formula says. */
#include "../ref/builder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct norm_attrs {
    ref_op_id op;
    /* 1 for each input axis over which mean and variance are computed (instance and layer
     * normalization; none for batchNormalization, whose statistics are operands). */
    uint8_t normalized[REF_MAX_RANK];
    /* The input axis that indexes each dimension of the parameter tensors (scale, bias, and
     * batchNormalization's mean and variance), in the parameters' own order. */
    size_t paramRank;
    uint32_t paramAxes[REF_MAX_RANK];
    double epsilon; /* already cast to the input's data type */
} norm_attrs;

/* What norm_kernel allocates: a mean and a variance per group (none for an empty input). */
static uint64_t norm_scratch_bytes(const ref_desc *in, const norm_attrs *a)
{
    uint64_t groups = 1;
    size_t d;
    if (ref_shape_count(&in->shape) == 0)
        return 0;
    for (d = 0; d < in->shape.rank; d++)
        if (!a->normalized[d])
            groups *= in->shape.dims[d];
    return groups * 2 * sizeof(double);
}

/* Where flat element i of `shape` sits: the index of its group (row-major over the axes that
 * are not normalized) and the flat index of its parameters (row-major over paramAxes). */
static void element_position(const ref_shape *shape, const norm_attrs *a, size_t i,
                             size_t *group, size_t *param)
{
    size_t coordinates[REF_MAX_RANK];
    size_t d, j, g = 0, p = 0;
    for (d = shape->rank; d-- > 0;) {
        coordinates[d] = i % shape->dims[d];
        i /= shape->dims[d];
    }
    for (d = 0; d < shape->rank; d++)
        if (!a->normalized[d])
            g = g * shape->dims[d] + coordinates[d];
    for (j = 0; j < a->paramRank; j++)
        p = p * shape->dims[a->paramAxes[j]] + coordinates[a->paramAxes[j]];
    *group = g;
    *param = p;
}

static WNNStatus norm_kernel(const void *attrs, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const norm_attrs *a = (const norm_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    const ref_tensor *meanT = NULL, *varianceT = NULL, *scaleT, *biasT;
    ref_tensor *out = outputs[0];
    const ref_shape *shape = &in->desc.shape;
    double *mean = NULL, *variance = NULL;
    size_t groups = 1, n = 1, d, i, g, p;
    (void)inputCount;
    (void)outputCount;
    if (a->op == REF_OP_batchNormalization) {
        meanT = inputs[1];
        varianceT = inputs[2];
        scaleT = inputs[3];
        biasT = inputs[4];
    } else {
        scaleT = inputs[1];
        biasT = inputs[2];
    }
    if (in->count == 0)
        return WNNStatus_Success; /* empty input, empty output: nothing to normalize */
    if (a->op != REF_OP_batchNormalization) {
        /* groups: elements sharing one mean; n: elements per group (n >= 1 here). */
        for (d = 0; d < shape->rank; d++) {
            if (a->normalized[d])
                n *= shape->dims[d];
            else
                groups *= shape->dims[d];
        }
        mean = (double *)calloc(groups, sizeof *mean);
        variance = (double *)calloc(groups, sizeof *variance);
        if (!mean || !variance) {
            free(mean);
            free(variance);
            return WNNStatus_OutOfMemory;
        }
        /* Pass 1: the mean of each group. */
        for (i = 0; i < in->count; i++) {
            element_position(shape, a, i, &g, &p);
            mean[g] += ref_load_f(in, i);
        }
        for (g = 0; g < groups; g++)
            mean[g] /= (double)n;
        /* Pass 2: the population variance, the mean of the squared deviations. */
        for (i = 0; i < in->count; i++) {
            double deviation;
            element_position(shape, a, i, &g, &p);
            deviation = ref_load_f(in, i) - mean[g];
            variance[g] += deviation * deviation;
        }
        for (g = 0; g < groups; g++)
            variance[g] /= (double)n;
    }
    /* Pass 3: normalize, scale and shift; one rounding per element. */
    for (i = 0; i < in->count; i++) {
        double m, v, scale, bias, y;
        element_position(shape, a, i, &g, &p);
        if (a->op == REF_OP_batchNormalization) {
            m = ref_load_f(meanT, p);
            v = ref_load_f(varianceT, p);
        } else {
            m = mean[g];
            v = variance[g];
        }
        /* An absent scale is 1 and an absent bias is 0 (the options' definitions); adding
         * the bias 0 turns a -0 result into +0, as the formula says. */
        scale = scaleT ? ref_load_f(scaleT, p) : 1.0;
        bias = biasT ? ref_load_f(biasT, p) : 0.0;
        y = scale * ((ref_load_f(in, i) - m) / sqrt(v + a->epsilon)) + bias;
        ref_store_f(out, i, y);
    }
    free(mean);
    free(variance);
    return WNNStatus_Success;
}

/* A 1-D parameter operand (mean, variance, scale, bias) must have the input's data type and
 * the shape << size >>. */
static WNNStatus check_1d_param(const ref_op *op, const char *name, const ref_desc *param,
                                const ref_desc *input, uint32_t size)
{
    char text[256];
    if (param->type != input->type)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the data type of %s must be the input's (%s), got %s", name,
                           ref_desc_type_name(input), ref_desc_type_name(param));
    if (param->shape.rank != 1 || param->shape.dims[0] != size) {
        ref_shape_format(&param->shape, text, sizeof text);
        return ref_op_fail(op, WNNStatus_TypeError, "the shape of %s must be [%lu], got %s",
                           name, (unsigned long)size, text);
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderBatchNormalization(WNNGraphBuilder b, WNNOperand input, WNNOperand mean,
                                            WNNOperand variance,
                                            const WNNBatchNormalizationOptions *options,
                                            WNNOperand *out)
{
    static const WNNBatchNormalizationOptions defaults = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    const ref_desc *in, *dm, *dv, *ds, *db;
    norm_attrs attrs;
    WNNOperand inputs[5];
    ref_op op;
    uint32_t size;
    WNNStatus s;
    if (!options)
        options = &defaults;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_batchNormalization, options->label, out)))
        return s;
    /* WebIDL: epsilon is a (restricted) double. */
    if ((s = ref_op_check_finite(&op, "epsilon", options->epsilon)))
        return s;
    /* SPEC-STEP 2: validate operand for input, mean, variance, scale and bias (if given). */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, mean, "mean", &dm)) ||
        (s = ref_op_operand(&op, variance, "variance", &dv)) ||
        (s = ref_op_optional_operand(&op, options->scale, "scale", &ds)) ||
        (s = ref_op_optional_operand(&op, options->bias, "bias", &db)))
        return s;
    /* SPEC-STEP 3: input's data type is float32 or float16. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 4: axis in [0, rank). (A rank-0 input has no axis, so it always fails.) */
    if (options->axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)options->axis);
    size = in->shape.dims[options->axis];
    /* SPEC-STEP 5-8: mean and variance have the input's type and the shape << size >>. */
    if ((s = check_1d_param(&op, "mean", dm, in, size)) ||
        (s = check_1d_param(&op, "variance", dv, in, size)))
        return s;
    /* SPEC-STEP 9: cast epsilon to the input's data type. */
    attrs.epsilon = ref_cast_double(options->epsilon, in->type).f;
    /* SPEC-STEP 10-11: scale and bias, when given, likewise. */
    if ((ds && (s = check_1d_param(&op, "scale", ds, in, size))) ||
        (db && (s = check_1d_param(&op, "bias", db, in, size))))
        return s;
    /* SPEC-STEP 12: make graph connections; the output copies the input's descriptor. The
     * inputs are always five, an absent scale or bias being NULL. */
    attrs.op = REF_OP_batchNormalization;
    attrs.paramRank = 1;
    attrs.paramAxes[0] = options->axis;
    inputs[0] = input;
    inputs[1] = mean;
    inputs[2] = variance;
    inputs[3] = options->scale;
    inputs[4] = options->bias;
    return ref_op_finish(&op, norm_kernel, &attrs, sizeof attrs, 5, inputs, 1, in, out);
}

WNNStatus wnnGraphBuilderInstanceNormalization(WNNGraphBuilder b, WNNOperand input,
                                               const WNNInstanceNormalizationOptions *options,
                                               WNNOperand *out)
{
    static const WNNInstanceNormalizationOptions defaults =
        WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    const ref_desc *in, *ds, *db;
    norm_attrs attrs;
    WNNOperand inputs[3];
    ref_op op;
    uint32_t axis;
    WNNStatus s;
    if (!options)
        options = &defaults;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_instanceNormalization, options->label, out)))
        return s;
    /* WebIDL: epsilon is a (restricted) double; layout is an MLInputOperandLayout. */
    if ((s = ref_op_check_finite(&op, "epsilon", options->epsilon)) ||
        (s = ref_op_check_enum(&op, "layout", (int)options->layout, 2)))
        return s;
    /* SPEC-STEP 2: validate operand for input, scale and bias (if given). */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_optional_operand(&op, options->scale, "scale", &ds)) ||
        (s = ref_op_optional_operand(&op, options->bias, "bias", &db)))
        return s;
    /* SPEC-STEP 3: input's data type is float32 or float16. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 4: the input is 4-D. */
    if (in->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be 4, got %lu",
                           (unsigned long)in->shape.rank);
    /* SPEC-STEP 5: cast epsilon to the input's data type. */
    attrs.epsilon = ref_cast_double(options->epsilon, in->type).f;
    /* SPEC-STEP 6: the channel axis is 1 for "nchw" and 3 for "nhwc". */
    axis = options->layout == WNNInputOperandLayout_Nchw ? 1 : 3;
    /* SPEC-STEP 7-8: scale and bias, when given, have the input's type and shape [C]. */
    if ((ds && (s = check_1d_param(&op, "scale", ds, in, in->shape.dims[axis]))) ||
        (db && (s = check_1d_param(&op, "bias", db, in, in->shape.dims[axis]))))
        return s;
    /* SPEC-STEP 9: make graph connections. Mean and variance are taken over the spatial
     * axes: 2 and 3 for "nchw", 1 and 2 for "nhwc". */
    attrs.op = REF_OP_instanceNormalization;
    if (axis == 1)
        attrs.normalized[2] = attrs.normalized[3] = 1;
    else
        attrs.normalized[1] = attrs.normalized[2] = 1;
    attrs.paramRank = 1;
    attrs.paramAxes[0] = axis;
    inputs[0] = input;
    inputs[1] = options->scale;
    inputs[2] = options->bias;
    op.scratchBytes = norm_scratch_bytes(in, &attrs);
    return ref_op_finish(&op, norm_kernel, &attrs, sizeof attrs, 3, inputs, 1, in, out);
}

/* A layerNormalization parameter (scale or bias): the input's type and rank == axes' size. */
static WNNStatus check_layer_param(const ref_op *op, const char *name, const ref_desc *param,
                                   const ref_desc *input, size_t axesCount)
{
    if (param->type != input->type)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the data type of %s must be the input's (%s), got %s", name,
                           ref_desc_type_name(input), ref_desc_type_name(param));
    if (param->shape.rank != axesCount)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the rank of %s must equal the size of axes %lu, got %lu", name,
                           (unsigned long)axesCount, (unsigned long)param->shape.rank);
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderLayerNormalization(WNNGraphBuilder b, WNNOperand input,
                                            const WNNLayerNormalizationOptions *options,
                                            WNNOperand *out)
{
    static const WNNLayerNormalizationOptions defaults = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    const ref_desc *in, *ds, *db;
    norm_attrs attrs;
    WNNOperand inputs[3];
    uint32_t axes[REF_MAX_RANK];
    size_t axesCount, i, j;
    ref_op op;
    WNNStatus s;
    if (!options)
        options = &defaults;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_layerNormalization, options->label, out)))
        return s;
    /* WebIDL: epsilon is a (restricted) double. */
    if ((s = ref_op_check_finite(&op, "epsilon", options->epsilon)))
        return s;
    /* SPEC-STEP 2: validate operand for input, scale and bias (if given). */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_optional_operand(&op, options->scale, "scale", &ds)) ||
        (s = ref_op_optional_operand(&op, options->bias, "bias", &db)))
        return s;
    /* SPEC-STEP 3: input's data type is float32 or float16. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    if (!options->axes) {
        /* SPEC-STEP 4: absent axes: [1, rank) when rank > 1, otherwise empty. */
        axesCount = in->shape.rank > 1 ? in->shape.rank - 1 : 0;
        for (i = 0; i < axesCount; i++)
            axes[i] = (uint32_t)(i + 1);
    } else {
        /* SPEC-STEP 5: given axes must be distinct and in [0, rank). More axes than the rank
         * necessarily repeat or exceed it, so the check below is reached with at most rank
         * items. */
        for (i = 0; i < options->axesCount; i++) {
            if (options->axes[i] >= in->shape.rank)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "axes must be less than the input's rank %lu, got %lu",
                                   (unsigned long)in->shape.rank,
                                   (unsigned long)options->axes[i]);
            for (j = 0; j < i; j++)
                if (options->axes[j] == options->axes[i])
                    return ref_op_fail(&op, WNNStatus_TypeError,
                                       "axes must not contain duplicates, got %lu twice",
                                       (unsigned long)options->axes[i]);
            axes[i] = options->axes[i];
        }
        axesCount = options->axesCount;
    }
    /* SPEC-STEP 6: cast epsilon to the input's data type. */
    attrs.epsilon = ref_cast_double(options->epsilon, in->type).f;
    /* SPEC-STEP 7-8: scale and bias, when given: the input's type, rank == axes' size. */
    if ((ds && (s = check_layer_param(&op, "scale", ds, in, axesCount))) ||
        (db && (s = check_layer_param(&op, "bias", db, in, axesCount))))
        return s;
    /* SPEC-STEP 9: scale.shape[index] and bias.shape[index] equal input.shape[axes[index]]
     * (the test "axis >= rank" of this step was made in step 5). */
    for (i = 0; i < axesCount; i++) {
        uint32_t size = in->shape.dims[axes[i]];
        if (ds && ds->shape.dims[i] != size)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "scale's dimension %lu must be the input's dimension %lu (%lu), "
                               "got %lu", (unsigned long)i, (unsigned long)axes[i],
                               (unsigned long)size, (unsigned long)ds->shape.dims[i]);
        if (db && db->shape.dims[i] != size)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "bias's dimension %lu must be the input's dimension %lu (%lu), "
                               "got %lu", (unsigned long)i, (unsigned long)axes[i],
                               (unsigned long)size, (unsigned long)db->shape.dims[i]);
    }
    /* SPEC-STEP 10: make graph connections. SPEC-SILENT: the text gives the computation only
     * for axes [1, 2, 3] (scale broadcast against the input); in general scale and bias are
     * indexed in the order of axes, as step 9's shape rule implies: element [k0, k1, ...]
     * of scale applies where input axis axes[0] has coordinate k0, axes[1] has k1, ... */
    attrs.op = REF_OP_layerNormalization;
    for (i = 0; i < axesCount; i++) {
        attrs.normalized[axes[i]] = 1;
        attrs.paramAxes[i] = axes[i];
    }
    attrs.paramRank = axesCount;
    inputs[0] = input;
    inputs[1] = options->scale;
    inputs[2] = options->bias;
    op.scratchBytes = norm_scratch_bytes(in, &attrs);
    return ref_op_finish(&op, norm_kernel, &attrs, sizeof attrs, 3, inputs, 1, in, out);
}
