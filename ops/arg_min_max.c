/* ops/arg_min_max.c - argMin, argMax.
 *
 * Spec: "argMin/argMax". The index (int32 or int64) of the smallest or largest element along
 * one axis; the axis is dropped, or kept with size 1 (keepDimensions). Any input data type.
 *
 * Values the spec leaves open are produced as follows and marked unspecified:
 * - ties ("the identity of the return value is implementation dependent"): the first index;
 * - NaN (not defined by the spec): NaN counts as the extreme, the first NaN's index wins. */
#include "../ref/builder.h"

#include <math.h>

typedef struct arg_attrs {
    int wantMax;
    uint32_t axis;
} arg_attrs;

/* The spec's "calculate reduction output sizes" for the single axis « axis » (already known
 * to be < rank, so it cannot fail). */
static void reduction_output_sizes(const ref_shape *inputShape, uint32_t axis,
                                   int keepDimensions, ref_shape *outputShape)
{
    size_t i;
    outputShape->rank = 0;
    for (i = 0; i < inputShape->rank; i++) {
        if (i != axis)
            outputShape->dims[outputShape->rank++] = inputShape->dims[i];
        else if (keepDimensions)
            outputShape->dims[outputShape->rank++] = 1;
    }
}

/* The input seen as [outer, n, inner] around the axis. Output element (o, j) is at
 * o * inner + j. */
static WNNStatus arg_kernel(const void *attrs, const ref_tensor *const *inputs,
                            size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const arg_attrs *a = (const arg_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    WNNOperandDataType type = in->desc.type;
    size_t outer = 1, n = in->desc.shape.dims[a->axis], inner = 1, i, o, j, k;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer; o++) {
        for (j = 0; j < inner; j++) {
            size_t oi = o * inner + j, best = 0, ties = 0;
            ref_scalar bestValue;
            int sawNaN = 0;
            /* n >= 1: an empty axis was rejected when building. */
            bestValue = ref_load(in, (o * n) * inner + j);
            for (k = 0; k < n; k++) {
                size_t ii = (o * n + k) * inner + j;
                ref_scalar x = ref_load(in, ii);
                int c = ref_scalar_compare(x, bestValue, type);
                ref_propagate_mask(out, oi, in, ii); /* the index depends on every element */
                if (sawNaN)
                    continue;
                if (ref_type_class(type) == REF_CLASS_FLOAT && isnan(x.f)) {
                    /* SPEC-SILENT: NaN is not ordered; the first NaN is taken as the
                     * extreme, and the result is unspecified. */
                    sawNaN = 1;
                    best = k;
                } else if (k == 0 || (a->wantMax ? c == 1 : c == -1)) {
                    best = k;
                    bestValue = x;
                    ties = 0;
                } else if (c == 0) {
                    /* An equal value (-0 and +0 are equal) after the best: a tie; the first
                     * index is kept. */
                    ties++;
                }
            }
            ref_store_i(out, oi, (int64_t)best);
            /* SPEC-SILENT: "In case of ties, the identity of the return value is
             * implementation dependent": the first index, marked unspecified. */
            if (sawNaN || ties)
                ref_mark_unspecified(out, oi);
        }
    }
    return WNNStatus_Success;
}

/* The spec's "create an argMin/argMax operation" given op, input, axis and options. */
static WNNStatus arg_min_max(ref_op_id id, WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                             const WNNArgMinMaxOptions *options, WNNOperand *out)
{
    static const WNNArgMinMaxOptions defaults = WNN_ARG_MIN_MAX_OPTIONS_INIT;
    ref_op op;
    arg_attrs attrs;
    const ref_desc *in;
    ref_desc outDesc;
    WNNStatus s;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 2: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, id, options->label, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 3: validate input. (Its data type may be any.) */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4: axis must be less than the rank (this also rejects a rank-0 input). */
    if (axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)axis);
    /* SPEC-STEP 5: outputDataType must be int32 or int64. */
    if ((s = ref_op_check_type(&op, "the output (outputDataType)", options->outputDataType,
                               REF_TYPE(Int32) | REF_TYPE(Int64))))
        return s;
    /* SPEC-STEP 6: the axis size must not exceed the output type's maximum (it cannot for
     * int32 or int64, as dimensions are at most 2^31 - 1; the step is kept as written). */
    if ((uint64_t)in->shape.dims[axis] > (uint64_t)ref_type_max_i(options->outputDataType))
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "input.shape[axis] must not exceed the maximum of %s, got %lu",
                           ref_type_name(options->outputDataType),
                           (unsigned long)in->shape.dims[axis]);
    /* SPEC-SILENT: zero-size dimensions are allowed (webnn#391), but an index needs an
     * element: an empty axis is a TypeError (DESIGN.md). */
    if (in->shape.dims[axis] == 0)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the input's dimension at axis must not be 0, got 0 at axis %lu",
                           (unsigned long)axis);
    /* SPEC-STEP 7: calculate reduction output sizes with « axis ». */
    reduction_output_sizes(&in->shape, axis, options->keepDimensions != 0, &outDesc.shape);
    /* SPEC-STEP 8: the descriptor has outputDataType. */
    outDesc.type = options->outputDataType;
    attrs.wantMax = id == REF_OP_argMax;
    attrs.axis = axis;
    /* SPEC-STEP 9: make graph connections. */
    return ref_op_finish(&op, arg_kernel, &attrs, sizeof attrs, 1, &input, 1, &outDesc, out);
}

WNNStatus wnnGraphBuilderArgMin(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                const WNNArgMinMaxOptions *options, WNNOperand *out)
{
    return arg_min_max(REF_OP_argMin, b, input, axis, options, out);
}

WNNStatus wnnGraphBuilderArgMax(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                const WNNArgMinMaxOptions *options, WNNOperand *out)
{
    return arg_min_max(REF_OP_argMax, b, input, axis, options, out);
}
