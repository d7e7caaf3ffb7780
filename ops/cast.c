/* ops/cast.c - cast: convert every element to another data type.
 *
 * Spec: "cast" and its conversion table. float -> float: nearest representable, overflow to
 * infinity. float -> integer: truncated toward zero when the truncated value is in range;
 * otherwise (out of range, NaN, infinities) implementation-defined: the reference saturates
 * (NaN gives 0) and marks the element unspecified. integer -> float: nearest representable,
 * overflow to infinity (one rounding, from the exact integer). integer -> integer: the same
 * value when in range, otherwise the low bits reinterpreted in two's complement (defined). */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct cast_attrs {
    int unused;
} cast_attrs;

/* float -> integer: truncate; saturate and mark what the spec leaves implementation-defined. */
static ref_scalar float_to_integer(double x, WNNOperandDataType outType, int *unspecified)
{
    ref_scalar r = {0.0, 0, 0};
    double t = trunc(x);
    /* SPEC-SILENT: out-of-range values are implementation-defined; the reference saturates
     * to the type's range and marks the element. */
    if (isnan(x)) {
        *unspecified = 1;
        return r; /* SPEC-SILENT: NaN -> 0 */
    }
    if (ref_type_class(outType) == REF_CLASS_UNSIGNED) {
        /* 2^64 and ldexp(max+1) are exact doubles, so the range test is exact. */
        double limit = outType == WNNOperandDataType_Uint64 ? 18446744073709551616.0
                                                           : (double)ref_type_max_u(outType) + 1.0;
        if (t < 0.0) {
            *unspecified = 1;
            return r;
        }
        if (t >= limit) {
            *unspecified = 1;
            r.u = ref_type_max_u(outType);
            return r;
        }
        r.u = (uint64_t)t;
        return r;
    }
    {
        double low = (double)ref_type_min_i(outType); /* -2^(n-1): exact */
        double high = -low;                          /* 2^(n-1): first value out of range */
        if (t < low) {
            *unspecified = 1;
            r.i = ref_type_min_i(outType);
        } else if (t >= high) {
            *unspecified = 1;
            r.i = ref_type_max_i(outType);
        } else {
            r.i = (int64_t)t;
        }
    }
    return r;
}

static ref_scalar cast_fn(ref_scalar x, WNNOperandDataType inType, WNNOperandDataType outType,
                          const void *attrs, int *unspecified)
{
    ref_class from = ref_type_class(inType), to = ref_type_class(outType);
    ref_scalar r = {0.0, 0, 0};
    int fits;
    (void)attrs;
    if (from == REF_CLASS_FLOAT) {
        if (to == REF_CLASS_FLOAT)
            return x; /* ref_store rounds once to the output type */
        return float_to_integer(x.f, outType, unspecified);
    }
    if (to == REF_CLASS_FLOAT) {
        r.f = from == REF_CLASS_SIGNED ? ref_i64_to_float_type(x.i, outType)
                                       : ref_u64_to_float_type(x.u, outType);
        return r;
    }
    /* integer -> integer: keep the low bits (two's complement); defined, so not marked. */
    {
        uint64_t bits = from == REF_CLASS_SIGNED ? (uint64_t)x.i : x.u;
        if (to == REF_CLASS_UNSIGNED)
            r.u = ref_wrap_u(bits, outType, &fits);
        else
            r.i = ref_wrap_i(ref_u64_as_i64(bits), outType, &fits);
    }
    return r;
}

static WNNStatus cast_kernel(const void *attrs, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_unary(inputs[0], outputs[0], cast_fn, attrs);
    return WNNStatus_Success;
}

/* Cast accepts the labelled int4/uint4 extension too, on either side. */
#define CAST_TYPES (REF_TYPES_ANY | REF_TYPE(Int4) | REF_TYPE(Uint4))

WNNStatus wnnGraphBuilderCast(WNNGraphBuilder b, WNNOperand input, WNNOperandDataType dataType,
                              const WNNOperatorOptions *options, WNNOperand *out)
{
    cast_attrs attrs = {0};
    const ref_desc *in;
    ref_op op;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_cast, options ? options->label : NULL, out);
    if (s)
        return s;
    /* SPEC-STEP 2: validate operand. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: dataType must be an allowed output type (any). */
    if ((s = ref_op_check_type(&op, "the target dataType", dataType, CAST_TYPES)))
        return s;
    /* SPEC-STEP 4. SPEC-ISSUE ops-§8.2: the text copies the input's descriptor, which would
     * keep the input's data type; the output has the input's shape and type dataType. */
    return ref_op_unary(&op, input, "input", CAST_TYPES, dataType, cast_kernel, &attrs,
                        sizeof attrs, out);
}
