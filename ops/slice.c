/* ops/slice.c - slice: a strided window of the input.
 *
 * Output dimension d has ceil(sizes[d] / strides[d]) elements; output coordinate k along d
 * reads input coordinate starts[d] + k * strides[d]. Data movement: each output element is a
 * bit-for-bit copy of one input element (exact for every data type) with its unspecified
 * flag.
 *
 * Zero-size (webnn#391, WG resolution): a size of 0 is allowed and gives an output
 * dimension of 0; with size 0 the start may equal the input dimension (an empty window at
 * the end), as the bound checks "start <= dimension" and "start + size <= dimension" allow.
 * An empty input dimension therefore accepts only start 0 and size 0. */
#include "../ref/builder.h"

#include <string.h>

typedef struct slice_attrs {
    uint32_t starts[REF_MAX_RANK];
    uint32_t strides[REF_MAX_RANK];
} slice_attrs;

static WNNStatus slice_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const slice_attrs *a = (const slice_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    const ref_shape *outShape = &out->desc.shape, *inShape = &in->desc.shape;
    size_t i, d;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        /* Output coordinates of element i (row-major), mapped to input coordinates and
         * flattened in the input's row-major order. */
        size_t rest = i, inIndex = 0, inStride = 1;
        for (d = outShape->rank; d-- > 0;) {
            size_t k = rest % outShape->dims[d];
            rest /= outShape->dims[d];
            inIndex += (a->starts[d] + k * a->strides[d]) * inStride;
            inStride *= inShape->dims[d];
        }
        ref_copy_element(out, i, in, inIndex);
        ref_propagate_mask(out, i, in, inIndex);
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderSlice(WNNGraphBuilder b, WNNOperand input,
                               const uint32_t *starts, size_t startsCount,
                               const uint32_t *sizes, size_t sizesCount,
                               const WNNSliceOptions *options, WNNOperand *out)
{
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    slice_attrs attrs;
    size_t rank, index;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_slice, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if ((!starts && startsCount) || (!sizes && sizesCount))
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "starts or sizes is NULL with a non-zero count, got %lu and %lu items",
                           (unsigned long)startsCount, (unsigned long)sizesCount);
    if (options && !options->strides && options->stridesCount)
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "options.strides is NULL with %lu items",
                           (unsigned long)options->stridesCount);
    /* SPEC-STEP 2: validate operand. SPEC-SILENT: no step tests the data type against the
     * table ("any"); tested here, which rejects only the C-only int4/uint4 extension. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    rank = in->shape.rank;
    /* SPEC-STEP 3: "If any of sizes' items are 0, throw". SPEC-ISSUE #391: zero-size
     * dimensions are allowed (WG resolution); a size of 0 gives an empty output dimension. */
    /* SPEC-STEP 4: starts and sizes must both have the input's rank as size. */
    if (startsCount != rank || sizesCount != rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the sizes of starts and sizes must both equal the input's rank %lu, "
                           "got %lu and %lu",
                           (unsigned long)rank, (unsigned long)startsCount,
                           (unsigned long)sizesCount);
    /* SPEC-STEP 5-6: strides, when given, must have the input's rank as size. */
    if (options && options->strides && options->stridesCount != rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the size of strides must equal the input's rank %lu, got %lu",
                           (unsigned long)rank, (unsigned long)options->stridesCount);
    /* SPEC-STEP 7-8: the output shape, one axis at a time. */
    memset(&attrs, 0, sizeof attrs);
    desc.type = in->type;
    desc.shape.rank = rank;
    for (index = 0; index < rank; index++) {
        uint32_t inputSize = in->shape.dims[index];
        uint32_t inputSliceSize = sizes[index];
        uint32_t stride = (options && options->strides) ? options->strides[index] : 1;
        /* SPEC-STEP 9.4: "If inputSliceSize is 0, throw". SPEC-ISSUE #391: allowed, see the
         * file comment. */
        /* SPEC-STEP 9.5: the stride must be at least 1. */
        if (stride < 1)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "strides[%lu] must be at least 1, got %lu", (unsigned long)index,
                               (unsigned long)stride);
        /* SPEC-STEP 9.6: the start must not exceed the input dimension. */
        if (starts[index] > inputSize)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "starts[%lu] must not exceed the input dimension %lu, got %lu",
                               (unsigned long)index, (unsigned long)inputSize,
                               (unsigned long)starts[index]);
        /* SPEC-STEP 9.7: start + size must not exceed it (summed in 64 bits: no wrap). */
        if ((uint64_t)starts[index] + inputSliceSize > inputSize)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "starts[%lu] + sizes[%lu] must not exceed the input dimension "
                               "%lu, got %lu + %lu",
                               (unsigned long)index, (unsigned long)index,
                               (unsigned long)inputSize, (unsigned long)starts[index],
                               (unsigned long)inputSliceSize);
        /* SPEC-STEP 9.8-9.10: outputSize = ceil(inputSliceSize / stride). */
        desc.shape.dims[index] =
            inputSliceSize / stride + (inputSliceSize % stride != 0 ? 1u : 0u);
        attrs.starts[index] = starts[index];
        attrs.strides[index] = stride;
    }
    /* SPEC-STEP 10-11: the output descriptor and the graph connections. */
    return ref_op_finish(&op, slice_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}
