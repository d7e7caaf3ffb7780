/* ops/activation.c - activation functions: elu, gelu, hardSigmoid, hardSwish, leakyRelu,
 * linear, relu, prelu, sigmoid, softplus, softsign, tanh.
 *
 * Spec: one section per operator. Every one takes float32 or float16 input, and relu and
 * prelu also int64, int32 and int8; the output has the input's data type and shape (prelu:
 * the bidirectional broadcast of the input's and the slope's shapes). The options alpha and
 * beta are IDL (restricted) doubles, cast to the input's data type before use.
 *
 * Floats: the mathematical function of the exact input, computed in double in a form that
 * does not overflow or cancel (sigmoid, softplus, gelu), rounded once to the output type.
 * The rules for special values, in this order:
 *  - The functions the spec writes with max(0, x) and min(0, x) (relu, leakyRelu, prelu,
 *    elu, hardSigmoid) inherit max/min's unspecified NaN (ops/binary.c): a NaN input gives
 *    NaN, marked unspecified. The others give an unmarked NaN for a NaN input.
 *  - An infinite input gives the function's limit, the options held fixed (softsign(+inf)
 *    = 1, gelu(-inf) = -0, hardSwish(-inf) = -0, elu(-inf) = -alpha, and a zero coefficient
 *    times an infinite input is 0, as the function is constant in x there), where evaluating
 *    the spec's expression in IEEE arithmetic would give inf/inf or 0 * inf = NaN.
 *  - A NaN that arises from non-NaN operands (an option that the cast made +-inf, or a
 *    +-inf slope, multiplied by a zero; inf - inf) has no mathematical value: it is NaN,
 *    marked unspecified. So is prelu with a NaN slope where x >= 0 (the expression gives
 *    NaN, the piecewise definition "x if x >= 0" gives x).
 *  - Signed zeros follow the spec's expression: max(0, -0) is +0 (ops/binary.c orders -0
 *    below +0), so relu, leakyRelu, prelu and elu map -0 to +0.
 * Integers (relu, prelu) are exact; an overflowing prelu product wraps and is marked. */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct activation_attrs {
    ref_op_id op;
    double alpha; /* already cast to the input's data type */
    double beta;
} activation_attrs;

/* max(0, x) and min(0, x) of a non-NaN x, with -0 ordered below +0 as ops/binary.c does.
 * SPEC-SILENT: the sign of a zero result. The spec's expressions (and emulations) use
 * max(0, x) with a +0 constant, so relu(-0), leakyRelu(-0), prelu(-0, s) and elu(-0) are +0;
 * the piecewise form "x if x >= 0" would give -0. */
static double max0(double x)
{
    return x > 0 ? x : 0.0; /* max(+0, -0) = +0 */
}

static double min0(double x)
{
    return x > 0 ? 0.0 : x; /* min(+0, -0) = -0 */
}

/* k * x for a fixed coefficient k and an input-derived x. SPEC-SILENT: a zero k (alpha of
 * leakyRelu/linear/hardSigmoid, a prelu slope) times an infinite x gives the limit 0 with
 * the product's sign (the function does not depend on x there), not IEEE's 0 * inf = NaN. */
static double coef_times(double k, double x)
{
    if (k == 0.0 && isinf(x))
        return signbit(k) != signbit(x) ? -0.0 : 0.0;
    return k * x;
}

/* elu: max(0, x) + alpha * (exp(min(0, x)) - 1), with expm1 for exp(t) - 1 (accurate near 0). */
static double elu(double x, double alpha)
{
    return max0(x) + alpha * expm1(min0(x)); /* elu(-inf) = -alpha; elu(-0) = +0 */
}

/* gelu: 0.5 * x * (1 + erf(x / sqrt(2))), with 1 + erf(z) = erfc(-z), which does not cancel
 * for large negative x. */
static double gelu(double x)
{
    /* SPEC-SILENT: gelu(-inf) is the limit of x * Phi(x), -0 (the expression evaluated in
     * IEEE arithmetic gives -inf * 0 = NaN). */
    if (isinf(x) && x < 0)
        return -0.0;
    return 0.5 * x * erfc(-x / sqrt(2.0));
}

/* hardSigmoid: max(min(alpha * x + beta, 1), 0). fma rounds alpha * x + beta once. */
static double hard_sigmoid(double x, double alpha, double beta)
{
    double v = isinf(x) ? coef_times(alpha, x) + beta : fma(alpha, x, beta);
    if (isnan(v))
        return v; /* from inf * 0 or inf - inf: marked by the caller */
    if (v >= 1.0)
        return 1.0;
    return v > 0 ? v : 0.0; /* max(-0, 0) = +0 */
}

/* hardSwish: x * max(0, min(6, x + 3)) / 6. */
static double hard_swish(double x)
{
    double t;
    /* SPEC-SILENT: the expression gives x * (+0) / 6 = -0 for every finite x <= -3, and
     * -0 for x = -0; hardSwish(-inf) is that constant, -0 (IEEE: -inf * 0 = NaN). */
    if (isinf(x))
        return x > 0 ? x : -0.0;
    t = x + 3.0;
    t = t > 6.0 ? 6.0 : t > 0 ? t : 0.0;
    return x * t / 6.0;
}

/* sigmoid: 1 / (1 + exp(-x)), in the form whose exp cannot overflow. */
static double sigmoid(double x)
{
    double e;
    if (x >= 0)
        return 1.0 / (1.0 + exp(-x)); /* sigmoid(+inf) = 1 */
    e = exp(x);
    return e / (1.0 + e); /* sigmoid(-inf) = 0 */
}

/* softplus: ln(1 + exp(x)) = max(x, 0) + ln(1 + exp(-|x|)), which cannot overflow. */
static double softplus(double x)
{
    return (x > 0 ? x : 0.0) + log1p(exp(-fabs(x))); /* softplus(-inf) = +0 */
}

/* softsign: x / (1 + |x|). */
static double softsign(double x)
{
    /* SPEC-SILENT: softsign(+-inf) is the limit +-1 (IEEE: inf / inf = NaN). */
    if (isinf(x))
        return x > 0 ? 1.0 : -1.0;
    return x / (1.0 + fabs(x));
}

static double float_activation(const activation_attrs *a, double x, int *unspecified)
{
    double r;
    if (isnan(x)) {
        switch (a->op) {
        case REF_OP_elu:
        case REF_OP_hardSigmoid:
        case REF_OP_leakyRelu:
        case REF_OP_relu:
            /* SPEC-SILENT: the spec writes these with max(0, x) / min(0, x), whose result
             * for NaN is unspecified (ops/binary.c; IEEE maxNum would give 0): NaN,
             * marked. */
            *unspecified = 1;
            return (double)NAN;
        default:
            return x; /* every other function propagates NaN */
        }
    }
    switch (a->op) {
    case REF_OP_elu: r = elu(x, a->alpha); break;
    case REF_OP_gelu: r = gelu(x); break;
    case REF_OP_hardSigmoid: r = hard_sigmoid(x, a->alpha, a->beta); break;
    case REF_OP_hardSwish: r = hard_swish(x); break;
    /* leakyRelu: max(0, x) + alpha * min(0, x); leakyRelu(-0) = +0. */
    case REF_OP_leakyRelu: r = max0(x) + coef_times(a->alpha, min0(x)); break;
    /* linear: alpha * x + beta, rounded once in double by fma; linear(-0) = +0 for the
     * defaults (-0 + +0 = +0). */
    case REF_OP_linear:
        r = isinf(x) ? coef_times(a->alpha, x) + a->beta : fma(a->alpha, x, a->beta);
        break;
    case REF_OP_relu: r = max0(x); break; /* relu(-0) = +0 */
    case REF_OP_sigmoid: r = sigmoid(x); break;
    case REF_OP_softplus: r = softplus(x); break;
    case REF_OP_softsign: r = softsign(x); break;
    default: r = tanh(x); break; /* REF_OP_tanh: tanh(+-inf) = +-1, tanh(-0) = -0 */
    }
    if (isnan(r)) {
        /* SPEC-SILENT: NaN from a non-NaN input: only an alpha or beta that the cast made
         * infinite (a finite double beyond the input type's range: |value| >= 65520 for
         * float16, about 3.4e38 for float32) can do this, as inf * 0 or inf - inf. The
         * spec's expression has no value there; NaN, marked. */
        *unspecified = 1;
    }
    return r;
}

static ref_scalar activation_fn(ref_scalar x, WNNOperandDataType inType,
                                WNNOperandDataType outType, const void *attrs,
                                int *unspecified)
{
    ref_scalar r = {0.0, 0, 0};
    (void)outType;
    if (ref_type_class(inType) == REF_CLASS_FLOAT)
        return ref_float_scalar(float_activation((const activation_attrs *)attrs, x.f,
                                                 unspecified));
    /* Only relu accepts integer types here: max(0, x), exact. */
    r.i = x.i > 0 ? x.i : 0;
    return r;
}

static WNNStatus activation_kernel(const void *attrs, const ref_tensor *const *inputs,
                                   size_t inputCount, ref_tensor *const *outputs,
                                   size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_unary(inputs[0], outputs[0], activation_fn, attrs);
    return WNNStatus_Success;
}

/* prelu: max(0, x) + slope * min(0, x), x from input and slope from slope (broadcast). */
static ref_scalar prelu_fn(ref_scalar x, ref_scalar slope, WNNOperandDataType inType,
                           WNNOperandDataType outType, const void *attrs, int *unspecified)
{
    (void)attrs;
    if (ref_type_class(inType) == REF_CLASS_FLOAT) {
        double r;
        if (isnan(x.f)) {
            /* SPEC-SILENT: as relu, max(0, NaN) / min(0, NaN) are unspecified: NaN,
             * marked. */
            *unspecified = 1;
            return ref_float_scalar((double)NAN);
        }
        r = max0(x.f) + coef_times(slope.f, min0(x.f));
        if (isnan(r) && !(x.f < 0)) {
            /* SPEC-SILENT: a NaN or infinite slope times min(0, x) = 0 (x >= 0) gives NaN
             * by the spec's expression but x by the piecewise definition "x if x >= 0":
             * NaN, marked. (For x < 0 a NaN slope gives NaN either way: not marked.) */
            *unspecified = 1;
        }
        return ref_float_scalar(r);
    }
    {
        /* Integers: x when x >= 0, else slope * x exactly. SPEC-SILENT: an overflowing
         * product (integer overflow) wraps to the type's width, marked. */
        int overflow = 0;
        int64_t r = x.i >= 0 ? x.i : ref_i64_mul(slope.i, x.i, &overflow);
        return ref_fit_signed(r, overflow, outType, unspecified);
    }
}

static WNNStatus prelu_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_binary(inputs[0], inputs[1], outputs[0], prelu_fn, attrs);
    return WNNStatus_Success;
}

/* The steps shared by every single-input activation: can not build, the IDL conversion of
 * alpha/beta, validate operand, allowed data types, cast of alpha/beta, graph connections.
 * nOptions is how many of alpha, beta the operator has (0, 1 or 2). */
static WNNStatus activation(ref_op_id id, WNNGraphBuilder b, WNNOperand input,
                            const char *label, unsigned allowed, int nOptions, double alpha,
                            double beta, WNNOperand *out)
{
    ref_op op;
    activation_attrs attrs;
    const ref_desc *in;
    WNNStatus s;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, id, label, out)))
        return s;
    /* WebIDL: alpha and beta are (restricted) doubles; NaN and +-inf throw TypeError when
     * the options dictionary is converted. SPEC-SILENT: in JS that conversion precedes the
     * method steps, so a built builder given NaN alpha throws TypeError there; here the C
     * argument checks and "can not build" come first (InvalidStateError). */
    if (nOptions >= 1 && (s = ref_op_check_finite(&op, "alpha", alpha)))
        return s;
    if (nOptions >= 2 && (s = ref_op_check_finite(&op, "beta", beta)))
        return s;
    /* SPEC-STEP 2: validate operand -> TypeError. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: the input's data type must be allowed -> TypeError. */
    if ((s = ref_op_check_type(&op, "input", in->type, allowed)))
        return s;
    /* SPEC-STEP 4: cast alpha to the input's data type (elu, hardSigmoid, leakyRelu,
     * linear). SPEC-STEP 5: cast beta likewise (hardSigmoid, linear). */
    attrs.op = id;
    attrs.alpha = nOptions >= 1 ? ref_cast_double(alpha, in->type).f : 0.0;
    attrs.beta = nOptions >= 2 ? ref_cast_double(beta, in->type).f : 0.0;
    /* SPEC-STEP 4 + nOptions: make graph connections; the output copies the input's
     * descriptor (ref_op_unary repeats the operand and type checks above, which pass). */
    return ref_op_unary(&op, input, "input", allowed, REF_SAME_TYPE, activation_kernel, &attrs,
                        sizeof attrs, out);
}

WNNStatus wnnGraphBuilderElu(WNNGraphBuilder b, WNNOperand input, const WNNEluOptions *options,
                             WNNOperand *out)
{
    WNNEluOptions o = WNN_ELU_OPTIONS_INIT;
    if (options)
        o = *options;
    return activation(REF_OP_elu, b, input, o.label, REF_TYPES_FLOAT, 1, o.alpha, 0.0, out);
}

WNNStatus wnnGraphBuilderGelu(WNNGraphBuilder b, WNNOperand input,
                              const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_gelu, b, input, options ? options->label : NULL, REF_TYPES_FLOAT,
                      0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderHardSigmoid(WNNGraphBuilder b, WNNOperand input,
                                     const WNNHardSigmoidOptions *options, WNNOperand *out)
{
    WNNHardSigmoidOptions o = WNN_HARD_SIGMOID_OPTIONS_INIT;
    if (options)
        o = *options;
    return activation(REF_OP_hardSigmoid, b, input, o.label, REF_TYPES_FLOAT, 2, o.alpha,
                      o.beta, out);
}

WNNStatus wnnGraphBuilderHardSwish(WNNGraphBuilder b, WNNOperand input,
                                   const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_hardSwish, b, input, options ? options->label : NULL,
                      REF_TYPES_FLOAT, 0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderLeakyRelu(WNNGraphBuilder b, WNNOperand input,
                                   const WNNLeakyReluOptions *options, WNNOperand *out)
{
    WNNLeakyReluOptions o = WNN_LEAKY_RELU_OPTIONS_INIT;
    if (options)
        o = *options;
    return activation(REF_OP_leakyRelu, b, input, o.label, REF_TYPES_FLOAT, 1, o.alpha, 0.0,
                      out);
}

WNNStatus wnnGraphBuilderLinear(WNNGraphBuilder b, WNNOperand input,
                                const WNNLinearOptions *options, WNNOperand *out)
{
    WNNLinearOptions o = WNN_LINEAR_OPTIONS_INIT;
    if (options)
        o = *options;
    return activation(REF_OP_linear, b, input, o.label, REF_TYPES_FLOAT, 2, o.alpha, o.beta,
                      out);
}

WNNStatus wnnGraphBuilderRelu(WNNGraphBuilder b, WNNOperand input,
                              const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_relu, b, input, options ? options->label : NULL,
                      REF_TYPES_SIGNED_AND_FLOAT, 0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderPrelu(WNNGraphBuilder b, WNNOperand input, WNNOperand slope,
                               const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    activation_attrs attrs;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_prelu, options ? options->label : NULL, out);
    if (s)
        return s;
    attrs.op = REF_OP_prelu;
    attrs.alpha = 0.0;
    attrs.beta = 0.0;
    /* SPEC-STEP 2: validate operand input and slope -> TypeError.
     * SPEC-STEP 3: input's type allowed (float32, float16, int64, int32, int8) and slope's
     *   "same as input" -> TypeError.
     * SPEC-STEP 4: outputShape = bidirectional broadcast of the two shapes, else TypeError.
     * SPEC-STEP 5-6: descriptor of input's data type and outputShape; graph connections. */
    return ref_op_binary(&op, input, slope, "input", "slope", REF_TYPES_SIGNED_AND_FLOAT,
                         REF_SAME_TYPE, prelu_kernel, &attrs, sizeof attrs, out);
}

WNNStatus wnnGraphBuilderSigmoid(WNNGraphBuilder b, WNNOperand input,
                                 const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_sigmoid, b, input, options ? options->label : NULL,
                      REF_TYPES_FLOAT, 0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderSoftplus(WNNGraphBuilder b, WNNOperand input,
                                  const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_softplus, b, input, options ? options->label : NULL,
                      REF_TYPES_FLOAT, 0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderSoftsign(WNNGraphBuilder b, WNNOperand input,
                                  const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_softsign, b, input, options ? options->label : NULL,
                      REF_TYPES_FLOAT, 0, 0.0, 0.0, out);
}

WNNStatus wnnGraphBuilderTanh(WNNGraphBuilder b, WNNOperand input,
                              const WNNOperatorOptions *options, WNNOperand *out)
{
    return activation(REF_OP_tanh, b, input, options ? options->label : NULL, REF_TYPES_FLOAT,
                      0, 0.0, 0.0, out);
}
