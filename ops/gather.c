/* ops/gather.c - gather, gatherElements, gatherND.
 *
 * Spec: "gather", "gatherElements", "gatherND". Values of the input are selected by integer
 * indices (int32, uint32 or int64). An index must lie in [-N, N) where N is the size of the
 * dimension it indexes; a negative index counts from the end (i + N).
 *
 * Out-of-range indices cannot be rejected when building (the indices are data). The spec
 * only requires that they stay memory-safe and suggests clamping; here:
 * SPEC-SILENT: an out-of-range index is clamped into [-N, N-1] and then made non-negative
 * (below -N reads element 0, N or more reads element N-1); when N is 0 there is no element
 * and the output value is 0 (all bits zero). Every output element read through an
 * out-of-range index is marked unspecified. Nothing is ever read out of bounds. */
#include "../ref/builder.h"

typedef struct gather_attrs {
    uint32_t axis;
} gather_attrs;

#define GATHER_INDEX_TYPES (REF_TYPE(Int32) | REF_TYPE(Uint32) | REF_TYPE(Int64))

/* Element i of an indices tensor made an offset into a dimension of size n: *inRange says
 * whether it was in [-n, n). Returns a valid offset when n > 0 (clamped when out of range). */
static size_t normalize_index(const ref_tensor *indices, size_t i, uint32_t n, int *inRange)
{
    /* int32 and int64 load exactly; uint32 loads as its non-negative value. */
    int64_t index = ref_load_i(indices, i);
    int64_t size = (int64_t)n;
    *inRange = index >= -size && index < size;
    if (index < -size)
        index = -size;
    if (index > size - 1)
        index = size - 1;
    if (index < 0)
        index += size; /* counts from the end */
    return n ? (size_t)index : 0;
}

/* Copy input element j to output element i, or write nothing (the output starts as zero)
 * when the input dimension read is empty; carry the unspecified marks of the input element
 * and of the index used. */
static void gather_element(ref_tensor *out, size_t i, const ref_tensor *in, size_t j,
                           int readable, const ref_tensor *indices, size_t indexElement,
                           int inRange)
{
    if (readable) {
        ref_copy_element(out, i, in, j);
        ref_propagate_mask(out, i, in, j);
    }
    ref_propagate_mask(out, i, indices, indexElement);
    if (!inRange)
        ref_mark_unspecified(out, i);
}

/* ---- gather ------------------------------------------------------------------------------- */

/* Output element (o, k, j) of shape [outer, indexCount, inner] is input element
 * (o, indices[k], j) of shape [outer, n, inner]. */
static WNNStatus gather_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const gather_attrs *a = (const gather_attrs *)attrs;
    const ref_tensor *in = inputs[0], *indices = inputs[1];
    ref_tensor *out = outputs[0];
    uint32_t n = in->desc.shape.dims[a->axis];
    size_t outer = 1, inner = 1, i, o, k, j;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer; o++) {
        for (k = 0; k < indices->count; k++) {
            int inRange;
            size_t at = normalize_index(indices, k, n, &inRange);
            for (j = 0; j < inner; j++)
                gather_element(out, (o * indices->count + k) * inner + j, in,
                               (o * n + at) * inner + j, n > 0, indices, k, inRange);
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderGather(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                const WNNGatherOptions *options, WNNOperand *out)
{
    static const WNNGatherOptions defaults = WNN_GATHER_OPTIONS_INIT;
    ref_op op;
    gather_attrs attrs;
    const ref_desc *in, *idx;
    ref_desc outDesc;
    uint32_t outputShape[2 * REF_MAX_RANK];
    size_t outputRank = 0, i;
    WNNStatus s;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_gather, options->label, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input and indices. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, indices, "indices", &idx)))
        return s;
    /* SPEC-STEP 3: indices are int32, uint32 or int64 (input may be any type). */
    if ((s = ref_op_check_type(&op, "indices", idx->type, GATHER_INDEX_TYPES)) ||
        (s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4-7: axis < rank of input (this also rejects a rank-0 input). */
    if (options->axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)options->axis);
    /* SPEC-STEP 8-23: outputShape = inputShape[0, axis) ++ indicesShape ++
     * inputShape(axis, rank).
     * SPEC-ISSUE ops-§8.11: with a rank-0 indices and a rank-1 input the output has rank 0,
     * although the tensor limits table lists output ranks 1 to N; rank 0 is produced. */
    for (i = 0; i < options->axis; i++)
        outputShape[outputRank++] = in->shape.dims[i];
    for (i = 0; i < idx->shape.rank; i++)
        outputShape[outputRank++] = idx->shape.dims[i];
    for (i = options->axis + 1; i < in->shape.rank; i++)
        outputShape[outputRank++] = in->shape.dims[i];
    /* SPEC-STEP 24: the output descriptor has the input's data type. */
    if ((s = ref_op_make_desc(&op, "the output", in->type, outputShape, outputRank, &outDesc)))
        return s;
    attrs.axis = options->axis;
    /* SPEC-STEP 25: make graph connections. */
    {
        WNNOperand operands[2];
        operands[0] = input;
        operands[1] = indices;
        return ref_op_finish(&op, gather_kernel, &attrs, sizeof attrs, 2, operands, 1, &outDesc,
                             out);
    }
}

/* ---- gatherElements ----------------------------------------------------------------------- */

/* Output element (o, k, j) of shape [outer, indicesShape[axis], inner] is input element
 * (o, indices[o, k, j], j) of shape [outer, n, inner]. */
static WNNStatus gather_elements_kernel(const void *attrs, const ref_tensor *const *inputs,
                                        size_t inputCount, ref_tensor *const *outputs,
                                        size_t outputCount)
{
    const gather_attrs *a = (const gather_attrs *)attrs;
    const ref_tensor *in = inputs[0], *indices = inputs[1];
    ref_tensor *out = outputs[0];
    uint32_t n = in->desc.shape.dims[a->axis];
    size_t m = indices->desc.shape.dims[a->axis];
    size_t outer = 1, inner = 1, i, o, k, j;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer; o++) {
        for (k = 0; k < m; k++) {
            for (j = 0; j < inner; j++) {
                size_t oi = (o * m + k) * inner + j;
                int inRange;
                size_t at = normalize_index(indices, oi, n, &inRange);
                gather_element(out, oi, in, (o * n + at) * inner + j, n > 0, indices, oi,
                               inRange);
            }
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderGatherElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                        const WNNGatherOptions *options, WNNOperand *out)
{
    static const WNNGatherOptions defaults = WNN_GATHER_OPTIONS_INIT;
    ref_op op;
    gather_attrs attrs;
    const ref_desc *in, *idx;
    ref_desc outDesc;
    size_t i;
    WNNStatus s;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_gatherElements, options->label, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input and indices. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, indices, "indices", &idx)))
        return s;
    /* SPEC-STEP 3: indices are int32, uint32 or int64 (input may be any type). */
    if ((s = ref_op_check_type(&op, "indices", idx->type, GATHER_INDEX_TYPES)) ||
        (s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4: allowed ranks: input 1 to N, indices the same rank as input. */
    if (in->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be at least 1, got 0");
    if (idx->shape.rank != in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the rank of indices must equal the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)idx->shape.rank);
    /* SPEC-STEP 5-6: axis < rank. */
    if (options->axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)options->axis);
    /* SPEC-STEP 7-9: indices.shape must equal input.shape except at axis. */
    for (i = 0; i < in->shape.rank; i++)
        if (i != options->axis && idx->shape.dims[i] != in->shape.dims[i])
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "indices.shape[%lu] must equal input.shape[%lu] = %lu, got %lu",
                               (unsigned long)i, (unsigned long)i,
                               (unsigned long)in->shape.dims[i],
                               (unsigned long)idx->shape.dims[i]);
    /* SPEC-STEP 10: make graph connections.
     * SPEC-ISSUE ops-§8.4: the text copies the input's descriptor for the output, but the
     * output has one element per index (the spec's examples: shape [2,3] from indices [2,3]
     * on input [4,3]); the output has the input's data type and the indices' shape. */
    outDesc.type = in->type;
    outDesc.shape = idx->shape;
    attrs.axis = options->axis;
    {
        WNNOperand operands[2];
        operands[0] = input;
        operands[1] = indices;
        return ref_op_finish(&op, gather_elements_kernel, &attrs, sizeof attrs, 2, operands, 1,
                             &outDesc, out);
    }
}

/* ---- gatherND ----------------------------------------------------------------------------- */

/* indices has shape [..., k]: T = product of its leading dimensions index tuples of k
 * coordinates. Tuple t selects the slice input[c0, ..., c(k-1), *, ..., *] of S elements
 * (S = product of input.shape[k:]), copied to output elements [t * S, (t + 1) * S). */
static WNNStatus gather_nd_kernel(const void *attrs, const ref_tensor *const *inputs,
                                  size_t inputCount, ref_tensor *const *outputs,
                                  size_t outputCount)
{
    const ref_tensor *in = inputs[0], *indices = inputs[1];
    ref_tensor *out = outputs[0];
    size_t k = indices->desc.shape.dims[indices->desc.shape.rank - 1];
    size_t strides[REF_MAX_RANK], sliceSize = 1, tuples, t, d, j;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    ref_shape_strides(&in->desc.shape, strides);
    for (d = k; d < in->desc.shape.rank; d++)
        sliceSize *= in->desc.shape.dims[d];
    tuples = 1; /* the product of the leading dimensions of indices */
    for (d = 0; d + 1 < indices->desc.shape.rank; d++)
        tuples *= indices->desc.shape.dims[d];
    for (t = 0; t < tuples; t++) {
        size_t base = 0;
        int inRange = 1, readable = 1, masked = 0;
        for (d = 0; d < k; d++) {
            int ok;
            base += normalize_index(indices, t * k + d, in->desc.shape.dims[d], &ok) * strides[d];
            inRange &= ok;
            readable &= in->desc.shape.dims[d] > 0;
            masked |= indices->mask && indices->mask[t * k + d];
        }
        for (j = 0; j < sliceSize; j++) {
            size_t oi = t * sliceSize + j;
            if (readable) {
                ref_copy_element(out, oi, in, base + j);
                ref_propagate_mask(out, oi, in, base + j);
            }
            if (!inRange || masked)
                ref_mark_unspecified(out, oi);
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderGatherND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices,
                                  const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *in, *idx;
    ref_desc outDesc;
    uint32_t outputShape[2 * REF_MAX_RANK];
    size_t outputRank = 0, indexableSize, coordinateSize, i;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_gatherND, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input and indices. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, indices, "indices", &idx)))
        return s;
    /* SPEC-STEP 3: indices are int32, uint32 or int64 (input may be any type). */
    if ((s = ref_op_check_type(&op, "indices", idx->type, GATHER_INDEX_TYPES)) ||
        (s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4 (repeated as step 7): allowed ranks: input 1 to N, indices 1 to N. */
    if (in->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be at least 1, got 0");
    if (idx->shape.rank < 1)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the rank of indices must be at least 1, got 0");
    /* SPEC-STEP 5-10: coordinateSize = indicesShape[indicesRank - 1] <= inputRank. */
    indexableSize = idx->shape.rank - 1;
    coordinateSize = idx->shape.dims[indexableSize];
    if (coordinateSize > in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the last dimension of indices must not exceed the input's rank %lu, "
                           "got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)coordinateSize);
    /* SPEC-STEP 11-13: outputShape = indicesShape[0, indexableSize) ++
     * inputShape[coordinateSize, inputRank). */
    for (i = 0; i < indexableSize; i++)
        outputShape[outputRank++] = idx->shape.dims[i];
    for (i = coordinateSize; i < in->shape.rank; i++)
        outputShape[outputRank++] = in->shape.dims[i];
    /* SPEC-STEP 14: the output descriptor has the input's data type. */
    if ((s = ref_op_make_desc(&op, "the output", in->type, outputShape, outputRank, &outDesc)))
        return s;
    /* SPEC-STEP 15: make graph connections. */
    {
        WNNOperand operands[2];
        operands[0] = input;
        operands[1] = indices;
        return ref_op_finish(&op, gather_nd_kernel, NULL, 0, 2, operands, 1, &outDesc, out);
    }
}
