/* ops/triangular.c - triangular: keep the upper or lower triangle of each matrix formed by
 * the last two dimensions, and set the rest to zero.
 *
 * For the element in row i and column j of each matrix (the leading dimensions are a batch):
 *   upper = true   kept iff j - i >= diagonal
 *   upper = false  kept iff j - i <= diagonal
 * (diagonal 0 is the main diagonal; positive moves it up/right, negative down/left).
 * SPEC-SILENT: the text defines the kept part only in prose ("how many diagonals above or
 * below the main diagonal are retained or excluded") and by six examples; the two
 * inequalities above are our reading, and they reproduce every example. A kept element is a bit-for-bit copy of the input element (exact
 * for every data type) with its unspecified flag; any other element is 0 of the data type
 * (+0 for floats), whatever the input held there, NaN included. */
#include "../ref/builder.h"

typedef struct triangular_attrs {
    int upper;
    int32_t diagonal;
} triangular_attrs;

static WNNStatus triangular_kernel(const void *attrs, const ref_tensor *const *inputs,
                                   size_t inputCount, ref_tensor *const *outputs,
                                   size_t outputCount)
{
    const triangular_attrs *a = (const triangular_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    const ref_shape *shape = &in->desc.shape;
    size_t rows = shape->dims[shape->rank - 2], columns = shape->dims[shape->rank - 1];
    ref_scalar zero = {0.0, 0, 0};
    size_t index;
    (void)inputCount;
    (void)outputCount;
    for (index = 0; index < in->count; index++) {
        /* row i and column j of element `index` within its matrix (row-major) */
        int64_t j = (int64_t)(index % columns);
        int64_t i = (int64_t)((index / columns) % rows);
        int keep = a->upper ? (j - i >= a->diagonal) : (j - i <= a->diagonal);
        if (keep) {
            ref_copy_element(out, index, in, index);
            ref_propagate_mask(out, index, in, index);
        } else {
            ref_store(out, index, zero);
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderTriangular(WNNGraphBuilder b, WNNOperand input,
                                    const WNNTriangularOptions *options, WNNOperand *out)
{
    static const WNNTriangularOptions defaults = WNN_TRIANGULAR_OPTIONS_INIT;
    ref_op op;
    const ref_desc *in;
    ref_desc desc;
    triangular_attrs attrs;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_triangular, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 2: validate operand. SPEC-SILENT: no step tests the data type against the
     * table ("any"); tested here, which rejects only the C-only int4/uint4 extension. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 3: the rank must be an allowed rank: 2 or more. */
    if (in->shape.rank < 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be at least 2, got %lu",
                           (unsigned long)in->shape.rank);
    attrs.upper = options->upper != 0;
    attrs.diagonal = options->diagonal;
    /* SPEC-STEP 4: make graph connections; the output is a copy of the input's descriptor. */
    desc = *in;
    return ref_op_finish(&op, triangular_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}
