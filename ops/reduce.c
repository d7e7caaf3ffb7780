/* ops/reduce.c - reduction operators: reduceL1, reduceL2, reduceLogSum, reduceLogSumExp,
 * reduceMax, reduceMean, reduceMin, reduceProduct, reduceSum, reduceSumSquare.
 *
 * Spec: "Reduction operations". The input is reduced over `axes` (absent: every axis; given
 * and empty: no axis, so the reduction's function is applied to each element alone). Reduced
 * dimensions are dropped, or kept with size 1 (keepDimensions). The output has the input's
 * data type.
 *
 * Floating-point reductions accumulate in double and round once when storing. Integer
 * reductions are exact: the true mathematical result is known, and when it does not fit the
 * data type the stored value is the result wrapped to the type's width (two's complement),
 * marked unspecified (integer overflow is not defined by the spec).
 *
 * SPEC-ISSUE #391: the text still requires every dimension to be greater than 0; the WG
 * resolved to allow zero-size dimensions, so a reduction can be over an empty set. It gives
 * its identity: sum, L1, L2 and sumSquare 0, product 1, max -inf or the type's minimum, min
 * +inf or the type's maximum, logSum and logSumExp -inf (log 0), mean NaN (0 / 0). */
#include "../ref/builder.h"
#include "../ref/exact_sum.h"

#include <math.h>

typedef struct reduce_attrs {
    ref_op_id op;
    int reduced[REF_MAX_RANK]; /* 1 for each input axis that is reduced */
} reduce_attrs;

/* ---- shape inference ---------------------------------------------------------------------- */

/* The spec's "calculate reduction output sizes". axes NULL means "not given". Fills reduced[]
 * and the output shape; on failure records the TypeError and returns it. */
static WNNStatus reduction_output_sizes(const ref_op *op, const ref_shape *inputShape,
                                        const uint32_t *axes, size_t axesCount,
                                        int keepDimensions, int *reduced, ref_shape *outputShape)
{
    size_t inputRank = inputShape->rank, i, j;
    for (i = 0; i < REF_MAX_RANK; i++)
        reduced[i] = 0;
    /* SPEC-STEP 2: axes not given -> every axis. */
    if (!axes) {
        for (i = 0; i < inputRank; i++)
            reduced[i] = 1;
    } else {
        /* SPEC-STEP 3: duplicates or items outside [0, inputRank) -> failure. */
        for (i = 0; i < axesCount; i++) {
            if (axes[i] >= inputRank)
                return ref_op_fail(op, WNNStatus_TypeError,
                                   "axes[%lu] must be less than the input's rank %lu, got %lu",
                                   (unsigned long)i, (unsigned long)inputRank,
                                   (unsigned long)axes[i]);
            for (j = 0; j < i; j++)
                if (axes[j] == axes[i])
                    return ref_op_fail(op, WNNStatus_TypeError,
                                       "axes must not contain duplicates, got %lu twice",
                                       (unsigned long)axes[i]);
            reduced[axes[i]] = 1;
        }
    }
    outputShape->rank = 0;
    for (i = 0; i < inputRank; i++) {
        if (keepDimensions) /* SPEC-STEP 4: reduced dimensions become 1 */
            outputShape->dims[outputShape->rank++] = reduced[i] ? 1 : inputShape->dims[i];
        else if (!reduced[i]) /* SPEC-STEP 5: reduced dimensions are dropped */
            outputShape->dims[outputShape->rank++] = inputShape->dims[i];
    }
    return WNNStatus_Success;
}

/* ---- kernel ------------------------------------------------------------------------------- */

/* How to visit the input elements that reduce into one output element. The output's
 * row-major order is the order of the kept axes (dropping or keeping size-1 dimensions does
 * not change it); the elements of one output are visited in the row-major order of the
 * reduced axes. */
typedef struct reduce_plan {
    size_t keptCount, reducedCount;
    size_t keptDims[REF_MAX_RANK], keptStrides[REF_MAX_RANK];
    size_t reducedDims[REF_MAX_RANK], reducedStrides[REF_MAX_RANK];
    size_t n; /* elements per output: product of the reduced dimensions (may be 0) */
} reduce_plan;

static void make_plan(const ref_shape *shape, const int *reduced, reduce_plan *p)
{
    size_t strides[REF_MAX_RANK], i;
    ref_shape_strides(shape, strides);
    p->keptCount = p->reducedCount = 0;
    p->n = 1;
    for (i = 0; i < shape->rank; i++) {
        if (reduced[i]) {
            p->reducedDims[p->reducedCount] = shape->dims[i];
            p->reducedStrides[p->reducedCount++] = strides[i];
            p->n *= shape->dims[i];
        } else {
            p->keptDims[p->keptCount] = shape->dims[i];
            p->keptStrides[p->keptCount++] = strides[i];
        }
    }
}

/* Input offset of the first element of output element o. */
static size_t plan_base(const reduce_plan *p, size_t o)
{
    size_t base = 0, i;
    for (i = p->keptCount; i-- > 0;) {
        base += (o % p->keptDims[i]) * p->keptStrides[i];
        o /= p->keptDims[i];
    }
    return base;
}

/* Input index of the r-th element (0 <= r < p->n) reduced into the output at `base`. */
static size_t plan_index(const reduce_plan *p, size_t base, size_t r)
{
    size_t i;
    for (i = p->reducedCount; i-- > 0;) {
        base += (r % p->reducedDims[i]) * p->reducedStrides[i];
        r /= p->reducedDims[i];
    }
    return base;
}

/* log(sum(exp(x))) computed stably: the maximum m is subtracted before exp, so no exp
 * overflows: log(sum(exp(x - m))) + m. */
static double log_sum_exp(const ref_tensor *in, const reduce_plan *p, size_t base)
{
    double m = -HUGE_VAL, s = 0.0;
    size_t r;
    for (r = 0; r < p->n; r++) {
        double x = ref_load_f(in, plan_index(p, base, r));
        if (isnan(x))
            return (double)NAN; /* NaN propagates */
        if (x > m)
            m = x;
    }
    /* Every input -inf, or no input: exp(-inf) sums to 0 and log(0) is -inf. */
    if (isinf(m) && m < 0.0)
        return -HUGE_VAL;
    /* A +inf input: the sum is +inf (x - m would be inf - inf = NaN). */
    if (isinf(m))
        return HUGE_VAL;
    for (r = 0; r < p->n; r++)
        s += exp(ref_load_f(in, plan_index(p, base, r)) - m);
    return m + log(s); /* s >= 1: the maximum contributes exp(0) */
}

static double reduce_float(ref_op_id op, const ref_tensor *in, const reduce_plan *p,
                           size_t base, int *unspecified)
{
    ref_exact_sum sum;
    double acc;
    size_t r;
    switch (op) {
    /* Sums are exact (ref_exact_sum): a sum that is the output is rounded once, when it is
     * stored; one that feeds sqrt, log or a division is rounded to the nearest double. */
    case REF_OP_reduceL1:
        ref_exact_sum_init(&sum);
        ref_exact_sum_add(&sum, 0.0); /* the empty L1 norm, and |-0|, are +0 */
        for (r = 0; r < p->n; r++)
            ref_exact_sum_add(&sum, fabs(ref_load_f(in, plan_index(p, base, r))));
        return ref_exact_sum_odd(&sum);
    case REF_OP_reduceL2:
    case REF_OP_reduceSumSquare:
        ref_exact_sum_init(&sum);
        ref_exact_sum_add(&sum, 0.0);
        for (r = 0; r < p->n; r++) {
            double x = ref_load_f(in, plan_index(p, base, r));
            /* the square of a float32/float16 value is exact in double */
            ref_exact_sum_add(&sum, x * x);
        }
        return op == REF_OP_reduceL2 ? sqrt(ref_exact_sum_nearest(&sum))
                                     : ref_exact_sum_odd(&sum);
    case REF_OP_reduceLogSumExp: return log_sum_exp(in, p, base);
    case REF_OP_reduceMax:
    case REF_OP_reduceMin:
        /* Empty set: max is -inf, min is +inf. */
        acc = op == REF_OP_reduceMax ? -HUGE_VAL : HUGE_VAL;
        for (r = 0; r < p->n; r++) {
            double x = ref_load_f(in, plan_index(p, base, r));
            if (isnan(x)) {
                /* SPEC-SILENT: NaN in reduceMax/reduceMin is not defined (implementations
                 * either propagate or drop it); the result is NaN, marked unspecified, as
                 * for the binary max and min. */
                *unspecified = 1;
                return (double)NAN;
            }
            /* Signed zeros are ordered -0 < +0 (IEEE 754-2019 maximum/minimum, as max and
             * min do). */
            if (x == acc) {
                if (op == REF_OP_reduceMax ? signbit(acc) && !signbit(x)
                                           : !signbit(acc) && signbit(x))
                    acc = x;
            } else if (op == REF_OP_reduceMax ? x > acc : x < acc) {
                acc = x;
            }
        }
        return acc;
    case REF_OP_reduceProduct:
        acc = 1.0;
        for (r = 0; r < p->n; r++)
            acc *= ref_load_f(in, plan_index(p, base, r));
        return acc;
    default: /* reduceSum, reduceMean, reduceLogSum */
        /* A sum of -0 terms alone stays -0, as in IEEE addition (so reduceSum with empty axes
         * is the identity); the empty sum is +0. */
        ref_exact_sum_init(&sum);
        for (r = 0; r < p->n; r++)
            ref_exact_sum_add(&sum, ref_load_f(in, plan_index(p, base, r)));
        if (op == REF_OP_reduceMean) /* empty: 0 / 0 is NaN */
            return ref_exact_sum_nearest(&sum) / (double)p->n;
        if (op == REF_OP_reduceLogSum) /* empty: log(0) is -inf; a negative sum gives NaN */
            return log(ref_exact_sum_nearest(&sum));
        return ref_exact_sum_odd(&sum);
    }
}

/* |x| of an int64 as uint64 (exact also for the minimum, whose magnitude is 2^63). */
static uint64_t magnitude(int64_t x)
{
    return x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
}

/* A non-negative exact sum: the sum modulo 2^64 and whether it reached 2^64. */
typedef struct exact_magnitude {
    uint64_t low;
    int big;
} exact_magnitude;

static void magnitude_add(exact_magnitude *m, uint64_t x)
{
    int o;
    m->low = ref_u64_add(m->low, x, &o);
    m->big |= o;
}

/* The value modulo 2^64 of an exact integer result, and whether the true result lies in
 * the output type's range; returns the stored value. */
static ref_scalar fit_result(uint64_t low, int fitsType, WNNOperandDataType type,
                             int *unspecified)
{
    ref_scalar s = {0.0, 0, 0};
    int ignored;
    if (!fitsType)
        *unspecified = 1; /* integer overflow: wrapped, unspecified */
    if (ref_type_class(type) == REF_CLASS_SIGNED)
        s.i = ref_wrap_i(ref_u64_as_i64(low), type, &ignored);
    else
        s.u = ref_wrap_u(low, type, &ignored);
    return s;
}

/* Does the non-negative true value (low + 2^64 * big) lie in the type's range? */
static int magnitude_fits(const exact_magnitude *m, WNNOperandDataType type)
{
    if (m->big)
        return 0;
    if (ref_type_class(type) == REF_CLASS_SIGNED)
        return m->low <= (uint64_t)ref_type_max_i(type);
    return m->low <= ref_type_max_u(type);
}

/* Load element i of an integer tensor as its value's sign and magnitude. */
static uint64_t load_magnitude(const ref_tensor *in, size_t i, int *negative)
{
    if (ref_type_class(in->desc.type) == REF_CLASS_SIGNED) {
        int64_t x = ref_load_i(in, i);
        *negative = x < 0;
        return magnitude(x);
    }
    *negative = 0;
    return ref_load_u(in, i);
}

/* The exact sum of a signed integer tensor's elements as hi * 2^64 + low (hi counts the
 * wraps of low), which holds any sum of up to 2^63 int64 values. */
static ref_scalar signed_sum(const ref_tensor *in, const reduce_plan *p, size_t base,
                             WNNOperandDataType type, int *unspecified)
{
    uint64_t low = 0;
    int64_t hi = 0;
    size_t r;
    int fits;
    for (r = 0; r < p->n; r++) {
        int64_t x = ref_load_i(in, plan_index(p, base, r));
        uint64_t next = low + (uint64_t)x; /* unsigned: wraps modulo 2^64 */
        if (next < low)
            hi++; /* carry out of the low word */
        if (x < 0)
            hi--; /* (uint64_t)x is x + 2^64 */
        low = next;
    }
    if (hi == 0) /* the value is low, non-negative */
        fits = low <= (uint64_t)ref_type_max_i(type);
    else if (hi == -1) /* the value is low - 2^64, negative */
        fits = low > (uint64_t)INT64_MAX && ref_u64_as_i64(low) >= ref_type_min_i(type);
    else
        fits = 0;
    return fit_result(low, fits, type, unspecified);
}

static ref_scalar reduce_integer(ref_op_id op, const ref_tensor *in, const reduce_plan *p,
                                 size_t base, WNNOperandDataType type, int *unspecified)
{
    int isSigned = ref_type_class(type) == REF_CLASS_SIGNED;
    ref_scalar acc = {0.0, 0, 0};
    size_t r;
    switch (op) {
    case REF_OP_reduceMax:
    case REF_OP_reduceMin: {
        /* Empty set: max is the type's minimum, min is the type's maximum. */
        int wantMax = op == REF_OP_reduceMax;
        if (isSigned)
            acc.i = wantMax ? ref_type_min_i(type) : ref_type_max_i(type);
        else
            acc.u = wantMax ? 0 : ref_type_max_u(type);
        for (r = 0; r < p->n; r++) {
            ref_scalar x = ref_load(in, plan_index(p, base, r));
            int c = ref_scalar_compare(x, acc, type);
            if (wantMax ? c > 0 : c < 0)
                acc = x;
        }
        return acc;
    }
    case REF_OP_reduceSum:
    case REF_OP_reduceL1:
    case REF_OP_reduceSumSquare: {
        exact_magnitude m = {0, 0};
        /* A signed sum may change sign; the other sums add magnitudes. */
        if (op == REF_OP_reduceSum && isSigned)
            return signed_sum(in, p, base, type, unspecified);
        for (r = 0; r < p->n; r++) {
            int negative, o;
            uint64_t x = load_magnitude(in, plan_index(p, base, r), &negative);
            if (op == REF_OP_reduceSumSquare) {
                x = ref_u64_mul(x, x, &o); /* x^2 modulo 2^64 */
                m.big |= o;
            }
            magnitude_add(&m, x);
        }
        return fit_result(m.low, magnitude_fits(&m, type), type, unspecified);
    }
    default: { /* reduceProduct */
        /* The product modulo 2^64 (two's complement multiplication wraps identically for
         * signed and unsigned values), and separately its sign and magnitude to know whether
         * the true product fits. A zero factor makes it 0 whatever came before. */
        uint64_t low = 1;
        exact_magnitude m = {1, 0};
        int negative = 0, zero = 0, fits;
        for (r = 0; r < p->n; r++) {
            size_t i = plan_index(p, base, r);
            int neg, o;
            uint64_t x = isSigned ? (uint64_t)ref_load_i(in, i) : ref_load_u(in, i);
            uint64_t mag = load_magnitude(in, i, &neg);
            low = ref_u64_mul(low, x, &o);
            m.low = ref_u64_mul(m.low, mag, &o);
            m.big |= o;
            negative ^= neg;
            zero |= mag == 0;
        }
        if (zero)
            fits = 1;
        else if (m.big)
            fits = 0;
        else if (negative) /* -magnitude >= minimum, i.e. magnitude <= -minimum */
            fits = m.low <= magnitude(ref_type_min_i(type));
        else
            fits = isSigned ? m.low <= (uint64_t)ref_type_max_i(type)
                            : m.low <= ref_type_max_u(type);
        return fit_result(low, fits, type, unspecified);
    }
    }
}

static WNNStatus reduce_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const reduce_attrs *a = (const reduce_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    WNNOperandDataType type = in->desc.type;
    reduce_plan plan;
    size_t o, r;
    (void)inputCount;
    (void)outputCount;
    make_plan(&in->desc.shape, a->reduced, &plan);
    for (o = 0; o < out->count; o++) {
        size_t base = plan_base(&plan, o);
        int unspecified = 0;
        /* The output depends on every element reduced into it. */
        for (r = 0; r < plan.n; r++)
            ref_propagate_mask(out, o, in, plan_index(&plan, base, r));
        if (ref_type_class(type) == REF_CLASS_FLOAT)
            ref_store_f(out, o, reduce_float(a->op, in, &plan, base, &unspecified));
        else
            ref_store(out, o, reduce_integer(a->op, in, &plan, base, type, &unspecified));
        if (unspecified)
            ref_mark_unspecified(out, o);
    }
    return WNNStatus_Success;
}

/* ---- builder ------------------------------------------------------------------------------ */

#define REDUCE_INTEGER_TYPES (REF_TYPES_FLOAT | REF_TYPE(Int32) | REF_TYPE(Uint32) \
                              | REF_TYPE(Int64) | REF_TYPE(Uint64))

/* The spec's "create reduction operation" given op, input, options and allowedDataTypes
 * (0: not given, any data type). */
static WNNStatus reduction(ref_op_id id, WNNGraphBuilder b, WNNOperand input,
                           const WNNReduceOptions *options, unsigned allowed, WNNOperand *out)
{
    static const WNNReduceOptions defaults = WNN_REDUCE_OPTIONS_INIT;
    ref_op op;
    reduce_attrs attrs;
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
    /* SPEC-STEP 3: validate input. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 4: allowed data types ("any" when not given). */
    if ((s = ref_op_check_type(&op, "input", in->type, allowed ? allowed : REF_TYPES_ANY)))
        return s;
    /* SPEC-STEP 5: calculate reduction output sizes; failure -> TypeError. */
    attrs.op = id;
    outDesc.type = in->type;
    if ((s = reduction_output_sizes(&op, &in->shape, options->axes, options->axesCount,
                                    options->keepDimensions != 0, attrs.reduced,
                                    &outDesc.shape)))
        return s;
    /* SPEC-STEP 6-7: the output descriptor, make graph connections. */
    return ref_op_finish(&op, reduce_kernel, &attrs, sizeof attrs, 1, &input, 1, &outDesc, out);
}

#define REDUCE_(Name, id, allowed) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand input, \
                                    const WNNReduceOptions *options, WNNOperand *out) \
    { \
        return reduction(REF_OP_##id, b, input, options, allowed, out); \
    }
REDUCE_(ReduceL1, reduceL1, REDUCE_INTEGER_TYPES)
REDUCE_(ReduceL2, reduceL2, REF_TYPES_FLOAT)
REDUCE_(ReduceLogSum, reduceLogSum, REF_TYPES_FLOAT)
REDUCE_(ReduceLogSumExp, reduceLogSumExp, REF_TYPES_FLOAT)
REDUCE_(ReduceMax, reduceMax, 0)
REDUCE_(ReduceMean, reduceMean, REF_TYPES_FLOAT)
REDUCE_(ReduceMin, reduceMin, 0)
REDUCE_(ReduceProduct, reduceProduct, REDUCE_INTEGER_TYPES)
REDUCE_(ReduceSum, reduceSum, REDUCE_INTEGER_TYPES)
REDUCE_(ReduceSumSquare, reduceSumSquare, REDUCE_INTEGER_TYPES)
