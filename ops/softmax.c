/* ops/softmax.c - softmax.
 *
 * Spec: "softmax". Along the given axis, y_i = exp(x_i) / sum_j exp(x_j), computed as the
 * spec's emulation does for stability: exp(x_i - m) / sum_j exp(x_j - m) with m the maximum
 * of the slice, so no exp overflows and the sum is at least 1. Everything is in double, and
 * each output is rounded once. Input float32 or float16, rank >= 1.
 *
 * Special values: a NaN in a slice makes every output of that slice NaN (it enters the sum).
 * A slice whose maximum is infinite (every element -inf, or some element +inf) has no
 * defined softmax (0/0 or inf/inf); the result is NaN, as the spec's emulation gives
 * (x - m is NaN at the maximum), and marked unspecified. */
#include "../ref/builder.h"

#include <math.h>

typedef struct softmax_attrs {
    uint32_t axis;
} softmax_attrs;

/* The input seen as [outer, n, inner] around the axis; each (outer, inner) pair is one slice. */
static WNNStatus softmax_kernel(const void *attrs, const ref_tensor *const *inputs,
                                size_t inputCount, ref_tensor *const *outputs,
                                size_t outputCount)
{
    const softmax_attrs *a = (const softmax_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t outer = 1, n = in->desc.shape.dims[a->axis], inner = 1, i, o, j, k;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer; o++) {
        for (j = 0; j < inner; j++) {
            double m = -HUGE_VAL, sum = 0.0;
            int hasNaN = 0, masked = 0;
            /* m = reduceMax(x) over the slice (NaN noted separately: it poisons the sum). */
            for (k = 0; k < n; k++) {
                size_t idx = (o * n + k) * inner + j;
                double x = ref_load_f(in, idx);
                if (isnan(x))
                    hasNaN = 1;
                else if (x > m)
                    m = x;
                masked |= in->mask && in->mask[idx];
            }
            /* sum = reduceSum(exp(x - m)). */
            for (k = 0; k < n; k++)
                sum += exp(ref_load_f(in, (o * n + k) * inner + j) - m);
            for (k = 0; k < n; k++) {
                size_t idx = (o * n + k) * inner + j;
                double y;
                if (hasNaN) {
                    y = (double)NAN; /* NaN propagates to the whole slice */
                } else if (isinf(m)) {
                    /* SPEC-SILENT: every element -inf, or a +inf element: the softmax is
                     * undefined; NaN (the emulation's result), marked unspecified. */
                    y = (double)NAN;
                    ref_mark_unspecified(out, idx);
                } else {
                    y = exp(ref_load_f(in, idx) - m) / sum;
                }
                ref_store_f(out, idx, y);
                if (masked) /* every output of the slice depends on every input */
                    ref_mark_unspecified(out, idx);
            }
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderSoftmax(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                 const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    softmax_attrs attrs;
    const ref_desc *in;
    ref_desc outDesc;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_softmax, options ? options->label : NULL, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: float32 or float16. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 4: axis < rank (this also rejects a rank-0 input). */
    if (axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)axis);
    attrs.axis = axis;
    /* SPEC-STEP 5: make graph connections; the output is a copy of the input's descriptor. */
    outDesc = *in;
    return ref_op_finish(&op, softmax_kernel, &attrs, sizeof attrs, 1, &input, 1, &outDesc,
                         out);
}
