/* ops/binary.c - element-wise binary operators: add, sub, mul, div, max, min, pow.
 *
 * Spec: "Element-wise binary operations". a and b have the same data type (any type), their
 * shapes broadcast bidirectionally, the output has a's type. Floats compute in double and
 * round once; integers compute exactly and wrap. SPEC-SILENT: integer overflow, division by
 * zero and negative integer exponents are not defined by the spec; the documented value is
 * produced and the element is marked unspecified. */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct binary_attrs {
    ref_op_id op;
} binary_attrs;

static ref_scalar float_op(ref_op_id op, double x, double y, int *unspecified)
{
    switch (op) {
    case REF_OP_add: return ref_float_scalar(x + y);
    case REF_OP_sub: return ref_float_scalar(x - y);
    case REF_OP_mul: return ref_float_scalar(x * y);
    case REF_OP_div: return ref_float_scalar(x / y); /* IEEE: x/0 is +-inf or NaN */
    case REF_OP_max:
    case REF_OP_min:
        /* SPEC-SILENT: NaN in max/min is unspecified; the result is NaN and marked. Signed
         * zeros are ordered -0 < +0 (IEEE 754-2019 maximum/minimum). */
        if (isnan(x) || isnan(y)) {
            *unspecified = 1;
            return ref_float_scalar(NAN);
        }
        if (x == y) /* equal values, possibly zeros of different sign */
            return ref_float_scalar((op == REF_OP_max) == !signbit(x) ? x : y);
        return ref_float_scalar((op == REF_OP_max) == (x > y) ? x : y);
    default: return ref_float_scalar(pow(x, y)); /* C pow: the IEEE special cases */
    }
}

/* Integer power by repeated squaring; *overflow is set when an intermediate wrapped. */
static int64_t pow_signed(int64_t base, int64_t exponent, int *overflow)
{
    int64_t result = 1;
    int o;
    *overflow = 0;
    while (exponent > 0) {
        if (exponent & 1) {
            result = ref_i64_mul(result, base, &o);
            *overflow |= o;
        }
        exponent >>= 1;
        if (exponent > 0) {
            base = ref_i64_mul(base, base, &o);
            /* an overflowing square matters only if it is used later */
            *overflow |= o;
        }
    }
    return result;
}

static uint64_t pow_unsigned(uint64_t base, uint64_t exponent, int *overflow)
{
    uint64_t result = 1;
    int o;
    *overflow = 0;
    while (exponent > 0) {
        if (exponent & 1) {
            result = ref_u64_mul(result, base, &o);
            *overflow |= o;
        }
        exponent >>= 1;
        if (exponent > 0) {
            base = ref_u64_mul(base, base, &o);
            *overflow |= o;
        }
    }
    return result;
}

static ref_scalar signed_op(ref_op_id op, int64_t x, int64_t y, WNNOperandDataType type,
                            int *unspecified)
{
    int overflow = 0;
    int64_t r;
    switch (op) {
    case REF_OP_add: r = ref_i64_add(x, y, &overflow); break;
    case REF_OP_sub: r = ref_i64_sub(x, y, &overflow); break;
    case REF_OP_mul: r = ref_i64_mul(x, y, &overflow); break;
    case REF_OP_div:
        /* SPEC-SILENT: integer division by zero is unspecified; the result is 0, marked.
         * The minimum divided by -1 overflows; it wraps to the minimum, marked. */
        if (y == 0) {
            *unspecified = 1;
            r = 0;
        } else if (y == -1) {
            r = ref_i64_sub(0, x, &overflow);
        } else {
            r = x / y; /* C99 truncates toward zero, as the spec requires (#909) */
        }
        break;
    case REF_OP_max: r = x > y ? x : y; break;
    case REF_OP_min: r = x < y ? x : y; break;
    default:
        if (y < 0) {
            /* SPEC-SILENT: a negative integer exponent is unspecified; the result is the
             * truncated quotient 1 / x^-y (0 for x = 0), marked. */
            *unspecified = 1;
            r = x == 1 ? 1 : x == -1 ? ((y % 2) ? -1 : 1) : 0;
        } else {
            r = pow_signed(x, y, &overflow);
        }
        break;
    }
    return ref_fit_signed(r, overflow, type, unspecified);
}

static ref_scalar unsigned_op(ref_op_id op, uint64_t x, uint64_t y, WNNOperandDataType type,
                              int *unspecified)
{
    int overflow = 0;
    uint64_t r;
    switch (op) {
    case REF_OP_add: r = ref_u64_add(x, y, &overflow); break;
    case REF_OP_sub: r = ref_u64_sub(x, y, &overflow); break;
    case REF_OP_mul: r = ref_u64_mul(x, y, &overflow); break;
    case REF_OP_div:
        if (y == 0) { /* SPEC-SILENT: as for signed division, 0 and marked */
            *unspecified = 1;
            r = 0;
        } else {
            r = x / y;
        }
        break;
    case REF_OP_max: r = x > y ? x : y; break;
    case REF_OP_min: r = x < y ? x : y; break;
    default: r = pow_unsigned(x, y, &overflow); break;
    }
    return ref_fit_unsigned(r, overflow, type, unspecified);
}

static ref_scalar binary_fn(ref_scalar x, ref_scalar y, WNNOperandDataType inType,
                            WNNOperandDataType outType, const void *attrs, int *unspecified)
{
    ref_op_id op = ((const binary_attrs *)attrs)->op;
    switch (ref_type_class(inType)) {
    case REF_CLASS_FLOAT: return float_op(op, x.f, y.f, unspecified);
    case REF_CLASS_SIGNED: return signed_op(op, x.i, y.i, outType, unspecified);
    default: return unsigned_op(op, x.u, y.u, outType, unspecified);
    }
}

static WNNStatus binary_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_binary(inputs[0], inputs[1], outputs[0], binary_fn, attrs);
    return WNNStatus_Success;
}

/* The spec's "create an element-wise binary operation" given op, a, b and options. */
static WNNStatus element_wise_binary(ref_op_id id, WNNGraphBuilder b, WNNOperand a,
                                     WNNOperand bb, const WNNOperatorOptions *options,
                                     WNNOperand *out)
{
    ref_op op;
    binary_attrs attrs;
    /* SPEC-STEP 2: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, id, options ? options->label : NULL, out);
    if (s)
        return s;
    attrs.op = id;
    /* SPEC-STEP 3-7: validate operands, equal data types, broadcast, make connections. */
    return ref_op_binary(&op, a, bb, "a", "b", REF_TYPES_ANY, REF_SAME_TYPE, binary_kernel,
                         &attrs, sizeof attrs, out);
}

#define BINARY_(Name, id) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, \
                                    const WNNOperatorOptions *options, WNNOperand *out) \
    { \
        return element_wise_binary(REF_OP_##id, b, a, bb, options, out); \
    }
BINARY_(Add, add)
BINARY_(Sub, sub)
BINARY_(Mul, mul)
BINARY_(Div, div)
BINARY_(Max, max)
BINARY_(Min, min)
BINARY_(Pow, pow)
