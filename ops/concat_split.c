/* ops/concat_split.c - concat (join tensors along an axis) and split (cut one tensor into
 * pieces along an axis).
 *
 * Both are data movement: every output element is a bit-for-bit copy of one input element
 * (exact for every data type) and carries its unspecified flag. The number of concat inputs
 * and of split outputs is a "valid tensor count": 1 to 8192 (webnn#931).
 *
 * Zero-size (webnn#391, WG resolution): inputs and pieces may be empty along the axis (or
 * along any axis); an empty concat input contributes nothing and an empty split piece
 * receives nothing. A split list may therefore contain zeros, and a count split of an empty
 * axis gives that many empty pieces. */
#include "../ref/builder.h"

#include <stdio.h>
#include <stdlib.h>

/* The largest valid tensor count (the spec's "valid tensor count": 1 to 8192). */
#define MAX_TENSOR_COUNT 8192u

typedef struct axis_attrs {
    uint32_t axis;
} axis_attrs;

/* ---- concat -------------------------------------------------------------------------------- */

/* Input k occupies, along the axis, the output coordinates [offset, offset + its size),
 * where offset is the sum of the sizes of the inputs before it. */
static WNNStatus concat_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs,
                               size_t outputCount)
{
    uint32_t axis = ((const axis_attrs *)attrs)->axis;
    ref_tensor *out = outputs[0];
    size_t coords[REF_MAX_RANK], offset = 0, k, j;
    (void)outputCount;
    for (k = 0; k < inputCount; k++) {
        const ref_tensor *in = inputs[k];
        for (j = 0; j < in->count; j++) {
            size_t i;
            ref_index_to_coords(j, &in->desc.shape, coords);
            coords[axis] += offset;
            i = ref_coords_to_index(coords, &out->desc.shape);
            ref_copy_element(out, i, in, j);
            ref_propagate_mask(out, i, in, j);
        }
        offset += in->desc.shape.dims[axis];
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderConcat(WNNGraphBuilder b, size_t inputCount, const WNNOperand *inputs,
                                uint32_t axis, const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *first, *in;
    ref_desc desc;
    axis_attrs attrs;
    size_t index, dim;
    char argument[40];
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_concat, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!inputs && inputCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "inputs is NULL with %lu items",
                           (unsigned long)inputCount);
    /* SPEC-STEP 2: validate every operand in inputs. */
    for (index = 0; index < inputCount; index++) {
        snprintf(argument, sizeof argument, "inputs[%lu]", (unsigned long)index);
        if ((s = ref_op_operand(&op, inputs[index], argument, &in)))
            return s;
    }
    /* SPEC-STEP 3: the number of inputs must be a valid tensor count (webnn#931). */
    if (inputCount < 1 || inputCount > MAX_TENSOR_COUNT)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the number of inputs must be a valid tensor count (1 to %u), got %lu",
                           MAX_TENSOR_COUNT, (unsigned long)inputCount);
    /* SPEC-STEP 4: first = inputs[0]. SPEC-SILENT: no step tests the data type against the
     * table ("any"); tested here on inputs[0] (the others must equal it), which rejects only
     * the C-only int4/uint4 extension. */
    (void)ref_op_operand(&op, inputs[0], "inputs[0]", &first);
    if ((s = ref_op_check_type(&op, "inputs[0]", first->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 5: axis < first's rank (so a scalar cannot be concatenated). */
    if (axis >= first->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the rank %lu of inputs[0], got %lu",
                           (unsigned long)first->shape.rank, (unsigned long)axis);
    /* SPEC-STEP 6-7: desc starts as first's descriptor. */
    desc = *first;
    /* SPEC-STEP 8: every other input: same data type, same rank, same dimensions except
     * along the axis, where the running sum must stay a valid dimension. */
    for (index = 1; index < inputCount; index++) {
        (void)ref_op_operand(&op, inputs[index], "input", &in);
        if (in->type != first->type)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the data type of inputs[%lu] must equal that of inputs[0] (%s), "
                               "got %s",
                               (unsigned long)index, ref_desc_type_name(first),
                               ref_desc_type_name(in));
        if (in->shape.rank != first->shape.rank)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the rank of inputs[%lu] must equal that of inputs[0] (%lu), got "
                               "%lu",
                               (unsigned long)index, (unsigned long)first->shape.rank,
                               (unsigned long)in->shape.rank);
        for (dim = 0; dim < in->shape.rank; dim++) {
            if (dim != axis && in->shape.dims[dim] != first->shape.dims[dim])
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "dimension %lu of inputs[%lu] must equal that of inputs[0] "
                                   "(%lu), got %lu",
                                   (unsigned long)dim, (unsigned long)index,
                                   (unsigned long)first->shape.dims[dim],
                                   (unsigned long)in->shape.dims[dim]);
            if (dim == axis) {
                /* SPEC-STEP 8.4.2: the sum must be a valid dimension. SPEC-ISSUE #391: zero
                 * is allowed (all inputs empty along the axis). Summed in 64 bits. */
                uint64_t size = (uint64_t)desc.shape.dims[axis] + in->shape.dims[dim];
                if (size > REF_MAX_DIMENSION)
                    return ref_op_fail(&op, WNNStatus_TypeError,
                                       "the output size along axis %lu must be a valid "
                                       "dimension (at most 2^31-1), got %llu after inputs[%lu]",
                                       (unsigned long)axis, (unsigned long long)size,
                                       (unsigned long)index);
                desc.shape.dims[axis] = (uint32_t)size;
            }
        }
    }
    attrs.axis = axis;
    /* SPEC-STEP 9: make graph connections. */
    return ref_op_finish(&op, concat_kernel, &attrs, sizeof attrs, inputCount, inputs, 1, &desc,
                         out);
}

/* ---- split --------------------------------------------------------------------------------- */

/* Output k holds, along the axis, the input coordinates [offset, offset + its size), where
 * offset is the sum of the sizes of the outputs before it. */
static WNNStatus split_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    uint32_t axis = ((const axis_attrs *)attrs)->axis;
    const ref_tensor *in = inputs[0];
    size_t coords[REF_MAX_RANK], offset = 0, k, i;
    (void)inputCount;
    for (k = 0; k < outputCount; k++) {
        ref_tensor *out = outputs[k];
        for (i = 0; i < out->count; i++) {
            size_t j;
            ref_index_to_coords(i, &out->desc.shape, coords);
            coords[axis] += offset;
            j = ref_coords_to_index(coords, &in->desc.shape);
            ref_copy_element(out, i, in, j);
            ref_propagate_mask(out, i, in, j);
        }
        offset += out->desc.shape.dims[axis];
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderSplit(WNNGraphBuilder b, WNNOperand input, uint32_t splitCount,
                               const uint32_t *splitSizes, size_t splitSizesCount,
                               const WNNSplitOptions *options, size_t outputCapacity,
                               WNNOperand *outputs, size_t *outputCount)
{
    ref_op op;
    const ref_desc *in;
    ref_desc *descs;
    axis_attrs attrs;
    uint32_t axis = options ? options->axis : 0, axisSize;
    size_t pieces, index;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_split, options ? options->label : NULL, outputs);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!splitSizes && splitSizesCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "splitSizes is NULL with %lu items",
                           (unsigned long)splitSizesCount);
    /* SPEC-STEP 2: validate operand. SPEC-SILENT: no step tests the data type against the
     * table ("any"); tested here, which rejects only the C-only int4/uint4 extension. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 3-4: axis = options.axis must be less than the input's rank (a scalar
     * cannot be split). */
    if (axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "options.axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)axis);
    axisSize = in->shape.dims[axis];
    if (!splitSizes) {
        /* SPEC-STEP 5: splits is an unsigned long. */
        /* SPEC-STEP 5.1: a valid tensor count (webnn#931). */
        if (splitCount < 1 || splitCount > MAX_TENSOR_COUNT)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "splits must be a valid tensor count (1 to %u), got %lu",
                               MAX_TENSOR_COUNT, (unsigned long)splitCount);
        /* SPEC-STEP 5.2: it must divide the axis size (0 is divisible: empty pieces). */
        if (axisSize % splitCount != 0)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "splits must divide the input dimension %lu along axis %lu, got "
                               "%lu",
                               (unsigned long)axisSize, (unsigned long)axis,
                               (unsigned long)splitCount);
        /* SPEC-STEP 5.3 */
        pieces = splitCount;
    } else {
        uint64_t sum = 0;
        /* SPEC-STEP 6: splits is a sequence<unsigned long>. */
        /* SPEC-STEP 6.1: its size must be a valid tensor count (webnn#931). */
        if (splitSizesCount < 1 || splitSizesCount > MAX_TENSOR_COUNT)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the size of splits must be a valid tensor count (1 to %u), got "
                               "%lu",
                               MAX_TENSOR_COUNT, (unsigned long)splitSizesCount);
        /* SPEC-STEP 6.2: "If any of its items is equal to 0, throw". SPEC-ISSUE #391: zero-size
         * dimensions are allowed (WG resolution): a 0 item gives an empty piece. */
        /* SPEC-STEP 6.3: the items must sum to the axis size (at most 8192 items below 2^32:
         * the 64-bit sum cannot wrap). */
        for (index = 0; index < splitSizesCount; index++)
            sum += splitSizes[index];
        if (sum != axisSize)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the sum of splits must equal the input dimension %lu along axis "
                               "%lu, got %llu",
                               (unsigned long)axisSize, (unsigned long)axis,
                               (unsigned long long)sum);
        /* SPEC-STEP 6.4 */
        pieces = splitSizesCount;
    }
    /* C-only: the caller's outputs array must have room for every piece. */
    if (outputCapacity < pieces)
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "outputCapacity must be at least the number of pieces %lu, got %lu",
                           (unsigned long)pieces, (unsigned long)outputCapacity);
    /* SPEC-STEP 7: make graph connections: piece k is a copy of the input's descriptor with
     * shape[axis] = axisSize / splits, or splits[k]. */
    descs = (ref_desc *)malloc(pieces * sizeof *descs);
    if (!descs)
        return ref_op_fail(&op, WNNStatus_OutOfMemory, "out of memory");
    for (index = 0; index < pieces; index++) {
        descs[index] = *in;
        descs[index].shape.dims[axis] = splitSizes ? splitSizes[index] : axisSize / splitCount;
    }
    attrs.axis = axis;
    s = ref_op_finish(&op, split_kernel, &attrs, sizeof attrs, 1, &input, pieces, descs, outputs);
    free(descs);
    if (s == WNNStatus_Success && outputCount)
        *outputCount = pieces;
    return s;
}
