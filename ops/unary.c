/* ops/unary.c - element-wise unary operators: abs, ceil, cos, erf, exp, floor, identity, log,
 * neg, reciprocal, roundEven, sin, sign, sqrt, tan.
 *
 * Spec: "Element-wise unary operations". The output has the input's data type and shape.
 * abs, neg and sign accept float32, float16, int64, int32, int8; identity accepts any data
 * type; the others float32 and float16 only.
 *
 * Floats: the exact input value goes through the C library's double function (IEEE special
 * cases: sqrt(-1), log(-1) and cos(inf) are NaN, log(+-0) is -inf, 1/+-0 is +-inf, ceil and
 * floor keep the sign of zero) and is rounded once to the output type. Integers are exact;
 * the negation of the type's minimum overflows, wraps to the minimum and is marked
 * unspecified. identity copies each element bit for bit (NaN payloads included). */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct unary_attrs {
    ref_op_id op;
} unary_attrs;

/* sign: "1 if > 0, -1 if < 0, and 0 otherwise" (spec prose), as the spec's emulation
 * where(greater(x, 0), 1, where(lesser(x, 0), -1, 0)) computes it. */
static double float_sign(double x, int *unspecified)
{
    if (x > 0)
        return 1.0;
    if (x < 0)
        return -1.0;
    if (isnan(x)) {
        /* SPEC-SILENT: sign of NaN. The prose's "0 otherwise" and the emulation both give 0,
         * but IEEE-style sign functions return NaN and webnn-ops.md (ops-§8.22) lists NaN in
         * sign as unspecified: the result is 0 (the literal text), marked unspecified. */
        *unspecified = 1;
        return 0.0;
    }
    /* SPEC-SILENT: sign of -0. The prose says "0" without a sign; the emulation selects its
     * constant 0, which is +0, for both zeros: sign(-0) is +0. */
    return 0.0;
}

static ref_scalar float_unary(ref_op_id op, double x, int *unspecified)
{
    switch (op) {
    case REF_OP_abs: return ref_float_scalar(fabs(x)); /* abs(-0) = +0, abs(-inf) = +inf */
    case REF_OP_ceil: return ref_float_scalar(ceil(x)); /* ceil(-0.5) = -0 */
    case REF_OP_cos: return ref_float_scalar(cos(x));
    case REF_OP_erf: return ref_float_scalar(erf(x)); /* erf(+-inf) = +-1 */
    case REF_OP_exp: return ref_float_scalar(exp(x)); /* exp(-inf) = 0; overflow: +inf */
    case REF_OP_floor: return ref_float_scalar(floor(x));
    case REF_OP_log: return ref_float_scalar(log(x)); /* log(+-0) = -inf, log(x < 0) = NaN */
    case REF_OP_neg: return ref_float_scalar(-x); /* neg(+0) = -0 */
    case REF_OP_reciprocal: return ref_float_scalar(1.0 / x); /* 1/+-0 = +-inf */
    /* Halves go to the even neighbour; -0.5 rounds to -0. */
    case REF_OP_roundEven: return ref_float_scalar(ref_round_half_even(x));
    case REF_OP_sin: return ref_float_scalar(sin(x));
    case REF_OP_sign: return ref_float_scalar(float_sign(x, unspecified));
    case REF_OP_sqrt: return ref_float_scalar(sqrt(x)); /* sqrt(-0) = -0 */
    default: return ref_float_scalar(tan(x)); /* REF_OP_tan */
    }
}

/* abs, neg, sign on a signed integer type (the only integer operators of this family). */
static ref_scalar signed_unary(ref_op_id op, int64_t x, WNNOperandDataType type,
                               int *unspecified)
{
    int overflow = 0;
    int64_t r;
    switch (op) {
    case REF_OP_abs:
        /* SPEC-SILENT: abs of the type's minimum overflows (integer overflow is
         * unspecified): it wraps to the minimum (int8 -128 -> -128), marked. */
        r = x < 0 ? ref_i64_sub(0, x, &overflow) : x;
        break;
    case REF_OP_neg:
        /* SPEC-SILENT: neg of the type's minimum overflows likewise: it wraps to the
         * minimum, marked. */
        r = ref_i64_sub(0, x, &overflow);
        break;
    default: /* REF_OP_sign */
        r = x > 0 ? 1 : x < 0 ? -1 : 0;
        break;
    }
    return ref_fit_signed(r, overflow, type, unspecified);
}

static ref_scalar unary_fn(ref_scalar x, WNNOperandDataType inType, WNNOperandDataType outType,
                           const void *attrs, int *unspecified)
{
    ref_op_id op = ((const unary_attrs *)attrs)->op;
    if (ref_type_class(inType) == REF_CLASS_FLOAT)
        return float_unary(op, x.f, unspecified);
    /* The type checks admit only signed integer types besides floats (identity has its
     * own kernel). */
    return signed_unary(op, x.i, outType, unspecified);
}

static WNNStatus unary_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_unary(inputs[0], outputs[0], unary_fn, attrs);
    return WNNStatus_Success;
}

/* identity: "Copy the value of the input tensor to the output tensor": every element bit
 * for bit, so NaN payloads and signalling NaNs survive (a float round trip through double
 * could change them). */
static WNNStatus identity_kernel(const void *attrs, const ref_tensor *const *inputs,
                                 size_t inputCount, ref_tensor *const *outputs,
                                 size_t outputCount)
{
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    size_t i;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        ref_copy_element(out, i, in, i);
        ref_propagate_mask(out, i, in, i);
    }
    return WNNStatus_Success;
}

#define FLOAT_TYPES REF_TYPES_FLOAT
#define SIGNED_TYPES REF_TYPES_SIGNED_AND_FLOAT /* float32, float16, int64, int32, int8 */

/* The spec's "create an element-wise unary operation" given op, input, allowedDataTypes and
 * options. */
static WNNStatus element_wise_unary(ref_op_id id, WNNGraphBuilder b, WNNOperand input,
                                    unsigned allowed, const WNNOperatorOptions *options,
                                    WNNOperand *out)
{
    ref_op op;
    unary_attrs attrs;
    /* SPEC-STEP 1: op is one of the fifteen unary operators (the callers below). */
    /* SPEC-STEP 2: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, id, options ? options->label : NULL, out);
    if (s)
        return s;
    attrs.op = id;
    /* SPEC-STEP 3: validate operand -> TypeError.
     * SPEC-STEP 4: the data type must be in allowedDataTypes (identity: any) -> TypeError.
     * SPEC-STEP 5: make graph connections; the output copies the input's descriptor. */
    return ref_op_unary(&op, input, "input", allowed, REF_SAME_TYPE,
                        id == REF_OP_identity ? identity_kernel : unary_kernel, &attrs,
                        sizeof attrs, out);
}

#define UNARY_(Name, id, allowed) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand input, \
                                    const WNNOperatorOptions *options, WNNOperand *out) \
    { \
        return element_wise_unary(REF_OP_##id, b, input, allowed, options, out); \
    }
UNARY_(Abs, abs, SIGNED_TYPES)
UNARY_(Ceil, ceil, FLOAT_TYPES)
UNARY_(Cos, cos, FLOAT_TYPES)
UNARY_(Erf, erf, FLOAT_TYPES)
UNARY_(Exp, exp, FLOAT_TYPES)
UNARY_(Floor, floor, FLOAT_TYPES)
/* identity: no allowedDataTypes list is passed, so every data type is accepted. */
UNARY_(Identity, identity, REF_TYPES_ANY)
UNARY_(Log, log, FLOAT_TYPES)
UNARY_(Neg, neg, SIGNED_TYPES)
UNARY_(Reciprocal, reciprocal, FLOAT_TYPES)
UNARY_(RoundEven, roundEven, FLOAT_TYPES)
UNARY_(Sin, sin, FLOAT_TYPES)
UNARY_(Sign, sign, SIGNED_TYPES)
UNARY_(Sqrt, sqrt, FLOAT_TYPES)
UNARY_(Tan, tan, FLOAT_TYPES)
