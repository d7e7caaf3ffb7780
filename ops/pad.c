/* ops/pad.c - pad: inflate a tensor with a constant, its edge values or its reflection.
 *
 * Output dimension d is beginningPadding[d] + input.shape[d] + endingPadding[d]. Output
 * coordinate c along d corresponds to input coordinate x = c - beginningPadding[d]; when x
 * lies outside [0, dim) the mode decides:
 *   constant   the element is options.value, cast to the input's data type;
 *   edge       x is clamped to [0, dim - 1] (the border element repeats);
 *   reflection x is mirrored about the border element, which is not repeated:
 *              x < 0 gives -x, x >= dim gives 2 (dim - 1) - x ([1,2,3] padded by 2 on each
 *              side is [3,2,1,2,3,2,1]).
 * SPEC-SILENT: the text defines the modes only by one 2-D example (no element-wise rule);
 * the coordinates are resolved axis by axis, so a corner takes the mode's rule on every
 * padded axis, which reproduces the example's corners. Every element that is not the constant is a bit-for-bit copy of one input
 * element (exact for every data type) and carries its unspecified flag.
 *
 * Modes are "constant", "edge" and "reflection"; "symmetric" no longer exists (removed by
 * webnn#843). Reflection padding must be smaller than the dimension on each side
 * (webnn#377, #739), so one mirroring always lands inside the input. */
#include "../ref/builder.h"

#include <string.h>

typedef struct pad_attrs {
    WNNPaddingMode mode;
    ref_scalar value; /* options.value cast to the input's data type */
    uint32_t beginning[REF_MAX_RANK];
} pad_attrs;

static WNNStatus pad_kernel(const void *attrs, const ref_tensor *const *inputs,
                            size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const pad_attrs *a = (const pad_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    const ref_shape *outShape = &out->desc.shape, *inShape = &in->desc.shape;
    size_t i, d;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        size_t rest = i, inIndex = 0, inStride = 1;
        int inside = 1;
        for (d = outShape->rank; d-- > 0;) {
            int64_t c = (int64_t)(rest % outShape->dims[d]);
            int64_t dim = inShape->dims[d];
            int64_t x = c - a->beginning[d];
            rest /= outShape->dims[d];
            if (x < 0 || x >= dim) {
                switch (a->mode) {
                case WNNPaddingMode_Edge: x = x < 0 ? 0 : dim - 1; break;
                case WNNPaddingMode_Reflection: x = x < 0 ? -x : 2 * (dim - 1) - x; break;
                default: inside = 0; break; /* constant: no input element */
                }
            }
            if (inside)
                inIndex += (size_t)x * inStride;
            inStride *= (size_t)dim;
        }
        if (inside) {
            ref_copy_element(out, i, in, inIndex);
            ref_propagate_mask(out, i, in, inIndex);
        } else {
            ref_store(out, i, a->value);
        }
    }
    return WNNStatus_Success;
}

static const char *mode_name(WNNPaddingMode mode)
{
    return mode == WNNPaddingMode_Edge ? "edge" : mode == WNNPaddingMode_Reflection ? "reflection"
                                                                                     : "constant";
}

WNNStatus wnnGraphBuilderPad(WNNGraphBuilder b, WNNOperand input,
                             const uint32_t *beginningPadding, size_t beginningPaddingCount,
                             const uint32_t *endingPadding, size_t endingPaddingCount,
                             const WNNPadOptions *options, WNNOperand *out)
{
    static const WNNPadOptions defaults = WNN_PAD_OPTIONS_INIT;
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    pad_attrs attrs;
    size_t rank, index;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_pad, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!options)
        options = &defaults;
    if ((!beginningPadding && beginningPaddingCount) || (!endingPadding && endingPaddingCount))
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "beginningPadding or endingPadding is NULL with a non-zero count, "
                           "got %lu and %lu items",
                           (unsigned long)beginningPaddingCount,
                           (unsigned long)endingPaddingCount);
    /* The IDL binding: mode must be an MLPaddingMode value (there is no "symmetric"). */
    if ((s = ref_op_check_enum(&op, "options.mode", (int)options->mode, 3)))
        return s;
    if ((unsigned)options->value.type > (unsigned)WNNNumberType_Uint64)
        return ref_op_fail(&op, WNNStatus_InvalidArgument,
                           "the WNNNumber type of options.value is out of range, got %d",
                           (int)options->value.type);
    /* SPEC-STEP 2: validate operand. SPEC-SILENT: no step tests the data type against the
     * table ("any"); tested here, which rejects only the C-only int4/uint4 extension. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    rank = in->shape.rank;
    /* SPEC-STEP 3: both padding lists must have the input's rank as size (rank 0 allowed). */
    if (beginningPaddingCount != rank || endingPaddingCount != rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the sizes of beginningPadding and endingPadding must both equal the "
                           "input's rank %lu, got %lu and %lu",
                           (unsigned long)rank, (unsigned long)beginningPaddingCount,
                           (unsigned long)endingPaddingCount);
    /* SPEC-STEP 4-5: desc and outputShape start as copies of the input's. */
    memset(&attrs, 0, sizeof attrs);
    attrs.mode = options->mode;
    desc = *in;
    /* SPEC-STEP 6: per axis, the mode's limits, then add both paddings. */
    for (index = 0; index < rank; index++) {
        uint32_t dim = in->shape.dims[index];
        uint32_t begin = beginningPadding[index], end = endingPadding[index];
        uint64_t size;
        if (options->mode == WNNPaddingMode_Reflection && dim > 0) {
            /* SPEC-STEP 6.1 "reflection": each padding must be smaller than the dimension
             * (webnn#377, #739): the reflection excludes the border element, so at most
             * dim - 1 elements can be mirrored. */
            if (begin >= dim || end >= dim)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "reflection padding must be smaller than input dimension "
                                   "%lu (%lu), got beginning %lu and ending %lu",
                                   (unsigned long)index, (unsigned long)dim,
                                   (unsigned long)begin, (unsigned long)end);
        }
        if (dim == 0 && options->mode != WNNPaddingMode_Constant && (begin || end)) {
            /* SPEC-ISSUE #391: with zero-size dimensions allowed, an empty axis has no
             * element to repeat or mirror: edge or reflection padding of it with a non-zero
             * padding throws TypeError (for reflection the literal test "padding >= dim"
             * already does). */
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "%s padding of empty input dimension %lu needs an element, got "
                               "beginning %lu and ending %lu",
                               mode_name(options->mode), (unsigned long)index,
                               (unsigned long)begin, (unsigned long)end);
        }
        /* SPEC-ISSUE #391: zero padding of an empty axis reads nothing and is allowed in
         * every mode, although the literal reflection test "0 >= 0" would throw. Constant
         * padding of an empty axis fills the whole output with the value. */
        /* SPEC-STEP 6.2-6.3: add both paddings (in 64 bits: no wrap). */
        size = (uint64_t)dim + begin + end;
        /* SPEC-STEP 7: every output dimension must be a valid dimension. SPEC-ISSUE #391:
         * zero is allowed (an empty axis padded by zero). */
        if (size > REF_MAX_DIMENSION)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "output dimension %lu must be a valid dimension (at most "
                               "2^31-1), got %llu",
                               (unsigned long)index, (unsigned long long)size);
        desc.shape.dims[index] = (uint32_t)size;
        attrs.beginning[index] = begin;
    }
    /* SPEC-STEP 8: cast options.value to the input's data type (saturating, half-even). */
    attrs.value = ref_cast_number(options->value, in->type);
    /* SPEC-STEP 9-10: the output descriptor and the graph connections. */
    return ref_op_finish(&op, pad_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}
