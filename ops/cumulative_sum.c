/* ops/cumulative_sum.c - cumulativeSum.
 *
 * Spec: "cumulativeSum". The prefix sums of the input along one axis: inclusive
 * ([1,2,3,4] -> [1,3,6,10]) or exclusive ([0,1,3,6]), forward or reversed (summing from the
 * high end: [10,9,7,4]). The output has the input's data type and shape.
 *
 * Floats accumulate in double and each output is rounded once. Integers are exact: each
 * output is the true prefix sum, wrapped to the type's width and marked unspecified when it
 * does not fit (integer overflow is not defined by the spec). */
#include "../ref/builder.h"
#include "../ref/exact_sum.h"

typedef struct cumsum_attrs {
    uint32_t axis;
    int exclusive;
    int reversed;
} cumsum_attrs;

/* An exact running sum of integers: hi * 2^64 + low, where hi counts the wraps of low. */
typedef struct exact_sum {
    uint64_t low;
    int64_t hi;
} exact_sum;

static void exact_add_signed(exact_sum *s, int64_t x)
{
    uint64_t next = s->low + (uint64_t)x; /* unsigned: wraps modulo 2^64 */
    if (next < s->low)
        s->hi++; /* carry out of the low word */
    if (x < 0)
        s->hi--; /* (uint64_t)x is x + 2^64 */
    s->low = next;
}

static void exact_add_unsigned(exact_sum *s, uint64_t x)
{
    uint64_t next = s->low + x;
    if (next < s->low)
        s->hi++;
    s->low = next;
}

/* Store the exact sum into element i of out: wrapped to the type, marked when the true
 * value is outside the type's range. */
static void store_exact(ref_tensor *out, size_t i, const exact_sum *s)
{
    WNNOperandDataType type = out->desc.type;
    int fits, ignored;
    if (ref_type_class(type) == REF_CLASS_SIGNED) {
        if (s->hi == 0) /* non-negative value low */
            fits = s->low <= (uint64_t)ref_type_max_i(type);
        else if (s->hi == -1) /* negative value low - 2^64 */
            fits = ref_u64_as_i64(s->low) < 0 && ref_u64_as_i64(s->low) >= ref_type_min_i(type);
        else
            fits = 0;
        ref_store_i(out, i, ref_wrap_i(ref_u64_as_i64(s->low), type, &ignored));
    } else {
        fits = s->hi == 0 && s->low <= ref_type_max_u(type);
        ref_store_u(out, i, ref_wrap_u(s->low, type, &ignored));
    }
    if (!fits)
        ref_mark_unspecified(out, i);
}

/* The input seen as [outer, n, inner] around the axis; each (outer, inner) pair is one line
 * summed independently. */
static WNNStatus cumsum_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const cumsum_attrs *a = (const cumsum_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    ref_class cls = ref_type_class(in->desc.type);
    size_t outer = 1, n = in->desc.shape.dims[a->axis], inner = 1, i, o, j, step;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < a->axis; i++)
        outer *= in->desc.shape.dims[i];
    for (i = a->axis + 1; i < in->desc.shape.rank; i++)
        inner *= in->desc.shape.dims[i];
    for (o = 0; o < outer; o++) {
        for (j = 0; j < inner; j++) {
            /* The float sum is exact (ref_exact_sum), rounded once per output element; the
             * sum of -0 alone stays -0, and the empty sum of an exclusive first element is +0. */
            ref_exact_sum fsum;
            exact_sum isum = {0, 0};
            int summed = 0, masked = 0;
            ref_exact_sum_init(&fsum);
            for (step = 0; step < n; step++) {
                /* reversed: sum from the high coordinate down */
                size_t k = a->reversed ? n - 1 - step : step;
                size_t idx = (o * n + k) * inner + j;
                if (!a->exclusive) { /* inclusive: the current element is part of the sum */
                    if (cls == REF_CLASS_FLOAT)
                        ref_exact_sum_add(&fsum, ref_load_f(in, idx));
                    else if (cls == REF_CLASS_SIGNED)
                        exact_add_signed(&isum, ref_load_i(in, idx));
                    else
                        exact_add_unsigned(&isum, ref_load_u(in, idx));
                    masked |= in->mask && in->mask[idx];
                    summed = 1;
                }
                if (cls == REF_CLASS_FLOAT)
                    ref_store_f(out, idx, summed ? ref_exact_sum_odd(&fsum) : 0.0);
                else
                    store_exact(out, idx, &isum);
                if (masked) /* the output depends on an unspecified element */
                    ref_mark_unspecified(out, idx);
                if (a->exclusive) { /* exclusive: the element joins the sums after it */
                    if (cls == REF_CLASS_FLOAT)
                        ref_exact_sum_add(&fsum, ref_load_f(in, idx));
                    else if (cls == REF_CLASS_SIGNED)
                        exact_add_signed(&isum, ref_load_i(in, idx));
                    else
                        exact_add_unsigned(&isum, ref_load_u(in, idx));
                    masked |= in->mask && in->mask[idx];
                    summed = 1;
                }
            }
        }
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderCumulativeSum(WNNGraphBuilder b, WNNOperand input, uint32_t axis,
                                       const WNNCumulativeSumOptions *options, WNNOperand *out)
{
    static const WNNCumulativeSumOptions defaults = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
    ref_op op;
    cumsum_attrs attrs;
    const ref_desc *in;
    ref_desc outDesc;
    WNNStatus s;
    if (!options)
        options = &defaults;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_cumulativeSum, options->label, out);
    if (s)
        return s;
    op.kernelPropagatesMask = 1;
    /* SPEC-STEP 2: validate input. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: allowed data types (8-bit integers were removed by webnn#912). */
    if ((s = ref_op_check_type(&op, "input", in->type,
                               REF_TYPES_FLOAT | REF_TYPE(Int32) | REF_TYPE(Uint32)
                                   | REF_TYPE(Int64) | REF_TYPE(Uint64))))
        return s;
    /* SPEC-STEP 4: axis < rank (so a rank-0 input is rejected, as the table's ranks 1..N
     * require).
     * SPEC-ISSUE ops-§8.21: the IDL axis lacks [EnforceRange], so JavaScript would convert
     * it modulo 2^32; that is a binding matter: the C API receives the uint32_t itself. */
    if (axis >= in->shape.rank)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "axis must be less than the input's rank %lu, got %lu",
                           (unsigned long)in->shape.rank, (unsigned long)axis);
    attrs.axis = axis;
    attrs.exclusive = options->exclusive != 0;
    attrs.reversed = options->reversed != 0;
    /* SPEC-STEP 5: make graph connections; the output is a copy of the input's descriptor. */
    outDesc = *in;
    return ref_op_finish(&op, cumsum_kernel, &attrs, sizeof attrs, 1, &input, 1, &outDesc,
                         out);
}
