/* ops/shape.c - operators that rearrange elements without computing: reshape, expand,
 * transpose, tile, reverse.
 *
 * Every kernel is data movement: each output element is a bit-for-bit copy of one input
 * element (ref_copy_element), so the results are exact for every data type, NaN payloads,
 * signed zeros and 64-bit integers beyond 2^53 included. Each kernel also carries the
 * unspecified mask of the element it copies (ref_propagate_mask).
 *
 * Allowed data types: the spec's tables say "any" for all five operators, i.e. the eight
 * MLOperandDataType values (REF_TYPES_ANY); the C-only int4/uint4 extension is not among
 * them. Zero-size dimensions are allowed (webnn#391): an empty output simply has no element
 * to write. */
#include "../ref/builder.h"

#include <string.h>

/* ---- shared loops -------------------------------------------------------------------------- */

/* Copy input element j to output element i with its unspecified flag. */
static void move_element(ref_tensor *out, size_t i, const ref_tensor *in, size_t j)
{
    ref_copy_element(out, i, in, j);
    ref_propagate_mask(out, i, in, j);
}

/* Validate the input operand and its data type (the tables: any data type).
 * SPEC-SILENT: the method steps of reshape, expand, transpose and tile never test the data
 * type against their tables; the tables allow "any" (the eight MLOperandDataType values), so
 * the test only rejects the C-only int4/uint4 extension, which is outside every table. */
static WNNStatus check_input(ref_op *op, WNNOperand input, const ref_desc **in)
{
    WNNStatus s = ref_op_operand(op, input, "input", in);
    if (s)
        return s;
    return ref_op_check_type(op, "input", (*in)->type, REF_TYPES_ANY);
}

/* ---- reshape ------------------------------------------------------------------------------- */

/* The values are the input's in row-major order: element i of the output is element i of
 * the input. */
static WNNStatus reshape_kernel(const void *attrs, const ref_tensor *const *inputs,
                                size_t inputCount, ref_tensor *const *outputs,
                                size_t outputCount)
{
    size_t i;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < outputs[0]->count; i++)
        move_element(outputs[0], i, inputs[0], i);
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderReshape(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape,
                                 size_t newShapeCount, const WNNOperatorOptions *options,
                                 WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    uint64_t product = 1;
    size_t i, inputElementCount;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_reshape, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!newShape && newShapeCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "newShape is NULL with %lu items",
                           (unsigned long)newShapeCount);
    /* SPEC-STEP 2: validate operand (and the table's allowed data types: any). */
    if ((s = check_input(&op, input, &in)))
        return s;
    /* SPEC-STEP 3: newShape's size must be an allowed output rank: any rank, up to this
     * implementation's maximum. */
    if (newShapeCount > REF_MAX_RANK)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the size of newShape exceeds this implementation's maximum rank "
                           "of %d, got %lu",
                           REF_MAX_RANK, (unsigned long)newShapeCount);
    /* SPEC-STEP 4-5: an empty newShape is a scalar (rank 0), handled by the same code. */
    /* SPEC-STEP 6: every item must be a valid dimension. SPEC-ISSUE #391: zero is allowed
     * (WG resolution), so only the upper bound 2^31-1 is checked. */
    for (i = 0; i < newShapeCount; i++)
        if (newShape[i] > REF_MAX_DIMENSION)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "newShape[%lu] must be a valid dimension (at most 2^31-1), got %lu",
                               (unsigned long)i, (unsigned long)newShape[i]);
    /* SPEC-STEP 7: the input's element count (1 for a scalar). */
    inputElementCount = ref_shape_count(&in->shape);
    /* SPEC-STEP 8: the product of newShape must equal it. The product is computed in 64
     * bits and stops growing once it exceeds 2^31-1 (no input has that many elements). */
    for (i = 0; i < newShapeCount; i++)
        if (newShape[i] == 0)
            product = 0;
    for (i = 0; i < newShapeCount && product > 0 && product <= REF_MAX_DIMENSION; i++)
        product *= newShape[i];
    if (product != (uint64_t)inputElementCount) {
        if (product > REF_MAX_DIMENSION)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the product of newShape must equal the input's element count "
                               "%lu, got a product above 2^31-1",
                               (unsigned long)inputElementCount);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the product of newShape must equal the input's element count %lu, "
                           "got %lu",
                           (unsigned long)inputElementCount, (unsigned long)product);
    }
    /* SPEC-STEP 9-10: the input's descriptor with newShape. */
    if ((s = ref_op_make_desc(&op, "newShape", in->type, newShape, newShapeCount, &desc)))
        return s;
    /* SPEC-STEP 11-12: make graph connections. */
    return ref_op_finish(&op, reshape_kernel, NULL, 0, 1, &input, 1, &desc, out);
}

/* ---- expand -------------------------------------------------------------------------------- */

/* Unidirectional broadcasting: each output element reads the input element whose
 * coordinates are the output's, right-aligned, with size-1 dimensions pinned to 0. */
static WNNStatus expand_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs,
                               size_t outputCount)
{
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t i;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++)
        move_element(out, i, in, ref_broadcast_index(&in->desc.shape, &out->desc.shape, i));
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderExpand(WNNGraphBuilder b, WNNOperand input, const uint32_t *newShape,
                                size_t newShapeCount, const WNNOperatorOptions *options,
                                WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc target, desc;
    char from[256], to[256];
    size_t i;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_expand, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!newShape && newShapeCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "newShape is NULL with %lu items",
                           (unsigned long)newShapeCount);
    /* SPEC-STEP 2: validate operand (and the table's allowed data types: any). */
    if ((s = check_input(&op, input, &in)))
        return s;
    /* SPEC-STEP 4 first: the output rank (newShape's size) must be an allowed rank: any rank
     * up to this implementation's maximum; checked before broadcasting so newShape fits. */
    if ((s = ref_op_make_desc(&op, "newShape", in->type, newShape, newShapeCount, &target)))
        return s;
    /* SPEC-ISSUE ops-§8.13: the text never checks that the items of newShape are valid
     * dimensions; a dimension above 2^31-1 is rejected here, as for every operand. Zero is
     * allowed (webnn#391): a size-1 input dimension expands to 0. */
    for (i = 0; i < newShapeCount; i++)
        if (newShape[i] > REF_MAX_DIMENSION)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "newShape[%lu] must be a valid dimension (at most 2^31-1), got %lu",
                               (unsigned long)i, (unsigned long)newShape[i]);
    /* SPEC-STEP 3: unidirectionally broadcast the input's shape to newShape. */
    if (!ref_broadcast_unidirectional(&in->shape, &target.shape, &desc.shape)) {
        ref_shape_format(&in->shape, from, sizeof from);
        ref_shape_format(&target.shape, to, sizeof to);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the input shape is not unidirectionally broadcastable to newShape, "
                           "got %s and %s",
                           from, to);
    }
    /* SPEC-STEP 5: the output descriptor: the input's data type with the broadcast shape. */
    desc.type = in->type;
    /* SPEC-STEP 6: make graph connections. */
    return ref_op_finish(&op, expand_kernel, NULL, 0, 1, &input, 1, &desc, out);
}

/* ---- transpose ----------------------------------------------------------------------------- */

typedef struct transpose_attrs {
    uint32_t permutation[REF_MAX_RANK];
} transpose_attrs;

/* Output axis d is input axis permutation[d]: output element at coordinates c reads the
 * input element whose coordinate along axis permutation[d] is c[d]. */
static WNNStatus transpose_kernel(const void *attrs, const ref_tensor *const *inputs,
                                  size_t inputCount, ref_tensor *const *outputs,
                                  size_t outputCount)
{
    const transpose_attrs *a = (const transpose_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t outCoords[REF_MAX_RANK], inCoords[REF_MAX_RANK], i, d;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        ref_index_to_coords(i, &out->desc.shape, outCoords);
        for (d = 0; d < out->desc.shape.rank; d++)
            inCoords[a->permutation[d]] = outCoords[d];
        move_element(out, i, in, ref_coords_to_index(inCoords, &in->desc.shape));
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderTranspose(WNNGraphBuilder b, WNNOperand input,
                                   const WNNTransposeOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    transpose_attrs attrs;
    int seen[REF_MAX_RANK];
    size_t rank, i;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_transpose, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (options && !options->permutation && options->permutationCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "options.permutation is NULL with %lu items",
                           (unsigned long)options->permutationCount);
    /* SPEC-STEP 2: validate operand (and the table's allowed data types: any). */
    if ((s = check_input(&op, input, &in)))
        return s;
    rank = in->shape.rank;
    memset(&attrs, 0, sizeof attrs);
    if (!options || !options->permutation) {
        /* SPEC-STEP 3: absent: the reversed sequence of all axes [rank-1, ..., 0]. */
        for (i = 0; i < rank; i++)
            attrs.permutation[i] = (uint32_t)(rank - 1 - i);
    } else {
        /* SPEC-STEP 4.1: its size must equal the input's rank. */
        if (options->permutationCount != rank)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the size of permutation must equal the input's rank %lu, "
                               "got %lu",
                               (unsigned long)rank, (unsigned long)options->permutationCount);
        /* SPEC-STEP 4.2: items in the range 0 to rank, exclusive. */
        for (i = 0; i < rank; i++)
            if (options->permutation[i] >= rank)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "permutation[%lu] must be less than the input's rank %lu, "
                                   "got %lu",
                                   (unsigned long)i, (unsigned long)rank,
                                   (unsigned long)options->permutation[i]);
        /* SPEC-STEP 4.3: no duplicate values. */
        memset(seen, 0, sizeof seen);
        for (i = 0; i < rank; i++) {
            if (seen[options->permutation[i]])
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "permutation must not contain duplicate values, got %lu "
                                   "twice",
                                   (unsigned long)options->permutation[i]);
            seen[options->permutation[i]] = 1;
            attrs.permutation[i] = options->permutation[i];
        }
    }
    /* SPEC-STEP 5 ("copying an MLOperand" given input). SPEC-ISSUE ops-§8.3: a copy of the
     * input's descriptor would keep the input's shape; the evident intent (the permutation
     * member's description, every implementation) is the permuted shape:
     * output.shape[d] = input.shape[permutation[d]]. */
    desc.type = in->type;
    desc.shape.rank = rank;
    for (i = 0; i < rank; i++)
        desc.shape.dims[i] = in->shape.dims[attrs.permutation[i]];
    return ref_op_finish(&op, transpose_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}

/* ---- tile ---------------------------------------------------------------------------------- */

/* Output coordinate c along axis d reads input coordinate c mod input.shape[d]. */
static WNNStatus tile_kernel(const void *attrs, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t coords[REF_MAX_RANK], i, d;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        ref_index_to_coords(i, &out->desc.shape, coords);
        /* out->count > 0, so no output dimension is 0, hence no input dimension is 0 */
        for (d = 0; d < in->desc.shape.rank; d++)
            coords[d] %= in->desc.shape.dims[d];
        move_element(out, i, in, ref_coords_to_index(coords, &in->desc.shape));
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderTile(WNNGraphBuilder b, WNNOperand input, const uint32_t *repetitions,
                              size_t repetitionsCount, const WNNOperatorOptions *options,
                              WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    size_t i;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_tile, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!repetitions && repetitionsCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "repetitions is NULL with %lu items",
                           (unsigned long)repetitionsCount);
    /* SPEC-STEP 2: validate operand (and the table's allowed data types: any). */
    if ((s = check_input(&op, input, &in)))
        return s;
    /* SPEC-STEP 3: repetitions' size must equal the input's rank. */
    if (repetitionsCount != in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the size of repetitions must equal the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)repetitionsCount);
    /* SPEC-STEP 4: "If repetitions' values contain 0's, throw". SPEC-ISSUE #391: zero-size
     * dimensions are allowed (WG resolution), so a repetition of 0 is accepted and gives an
     * output dimension of 0. */
    /* SPEC-STEP 5-6: outputShape[d] = input.shape[d] * repetitions[d]. SPEC-ISSUE ops-§8.13:
     * the text does not check the product; it is computed in 64 bits and must be a valid
     * dimension (at most 2^31-1). */
    desc.type = in->type;
    desc.shape.rank = in->shape.rank;
    for (i = 0; i < in->shape.rank; i++) {
        uint64_t size = (uint64_t)in->shape.dims[i] * repetitions[i];
        if (size > REF_MAX_DIMENSION)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "output dimension %lu (input dimension %lu times repetitions "
                               "%lu) must be a valid dimension (at most 2^31-1), got %llu",
                               (unsigned long)i, (unsigned long)in->shape.dims[i],
                               (unsigned long)repetitions[i], (unsigned long long)size);
        desc.shape.dims[i] = (uint32_t)size;
    }
    /* SPEC-STEP 7-8: make graph connections. */
    return ref_op_finish(&op, tile_kernel, NULL, 0, 1, &input, 1, &desc, out);
}

/* ---- reverse ------------------------------------------------------------------------------- */

typedef struct reverse_attrs {
    uint8_t reversed[REF_MAX_RANK]; /* 1 for each axis to reverse */
} reverse_attrs;

/* Along each reversed axis d, output coordinate c reads input coordinate dim - 1 - c. */
static WNNStatus reverse_kernel(const void *attrs, const ref_tensor *const *inputs,
                                size_t inputCount, ref_tensor *const *outputs,
                                size_t outputCount)
{
    const reverse_attrs *a = (const reverse_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t coords[REF_MAX_RANK], i, d;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        ref_index_to_coords(i, &out->desc.shape, coords);
        for (d = 0; d < out->desc.shape.rank; d++)
            if (a->reversed[d])
                coords[d] = out->desc.shape.dims[d] - 1 - coords[d];
        move_element(out, i, in, ref_coords_to_index(coords, &in->desc.shape));
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderReverse(WNNGraphBuilder b, WNNOperand input,
                                 const WNNReverseOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    reverse_attrs attrs;
    size_t rank, i;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_reverse, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (options && !options->axes && options->axesCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "options.axes is NULL with %lu items",
                           (unsigned long)options->axesCount);
    /* SPEC-STEP 2: validate operand. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: the allowed data types (any). */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 4: inputRank. */
    rank = in->shape.rank;
    memset(&attrs, 0, sizeof attrs);
    if (!options || !options->axes) {
        /* SPEC-STEP 5: absent axes: every axis 0 to rank, exclusive. */
        for (i = 0; i < rank; i++)
            attrs.reversed[i] = 1;
    } else {
        /* SPEC-STEP 6. SPEC-ISSUE ops-§8.5: the text tests an unbound "axes" (meaning
         * options.axes) and says "return failure" in a method that must throw: a duplicate
         * or out-of-range axis throws TypeError here. An explicitly empty list reverses
         * nothing (the output is a copy). */
        for (i = 0; i < options->axesCount; i++) {
            uint32_t axis = options->axes[i];
            if (axis >= rank)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "axes[%lu] must be less than the input's rank %lu, got %lu",
                                   (unsigned long)i, (unsigned long)rank, (unsigned long)axis);
            if (attrs.reversed[axis])
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "axes must not contain duplicate values, got %lu twice",
                                   (unsigned long)axis);
            attrs.reversed[axis] = 1;
        }
    }
    /* SPEC-STEP 7: make graph connections; the output is a copy of the input's descriptor. */
    desc = *in;
    return ref_op_finish(&op, reverse_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}
