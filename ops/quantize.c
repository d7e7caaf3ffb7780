/* ops/quantize.c - quantizeLinear, dequantizeLinear.
 *
 * Spec: "quantizeLinear", "dequantizeLinear" and "blockwise broadcasting". scale and
 * zeroPoint have the input's rank and equal shapes, and each input dimension is a whole
 * multiple of theirs: each scale/zeroPoint element covers a block of the input (per-tensor:
 * all dimensions 1; per-axis: 1 except one axis of full size; block-wise: anything between).
 * Input coordinate k on an axis uses block k / (inputDim / scaleDim).
 *
 *   quantizeLinear:   y = saturate(roundEven(x / scale) + zeroPoint)  (output: zeroPoint's type)
 *   dequantizeLinear: y = (x - zeroPoint) * scale                     (output: scale's type)
 *
 * Numerics. quantize: roundEven is applied to the exact quotient x / scale (see
 * round_quotient_half_even) and the sum saturates to the output type's range. dequantize:
 * x - zeroPoint is an exact integer, and its product with scale is rounded once to the output
 * type (see product_round_to_odd).
 *
 * Unspecified elements (marked in the mask): every element computed with a scale that is not
 * positive and finite (implementation-defined, #906: we still apply the formula, so a negative
 * scale works as a negative factor, scale 0 gives +-inf or NaN before saturation, and so on);
 * quantizeLinear of a NaN input, which we map to 0 (the spec's emulation ends in a cast of
 * NaN to an integer type, which the cast operator leaves implementation-defined; 0 is what
 * the spec's numeric "cast" algorithm, ConvertToInt, gives for NaN). +-inf inputs saturate.
 *
 * C-only extension: zeroPoint (quantize) and input/zeroPoint (dequantize) may also be int4
 * or uint4 (webnn.h: stored one element per byte, ranges [-8, 7] and [0, 15]), as the
 * web-platform-tests quantization cases use them. No other operator accepts them. */
#include "../ref/builder.h"

#include <math.h>
#include <string.h>

#define QUANTIZED_TYPES (REF_TYPE(Uint8) | REF_TYPE(Int8) | REF_TYPE(Uint32) | REF_TYPE(Int32) \
                         | REF_TYPE(Int4) | REF_TYPE(Uint4))

typedef struct quantize_attrs {
    ref_op_id op;
} quantize_attrs;

/* roundEven(x / s) for the exact quotient. The double quotient q is correctly rounded, so
 * it can only mislead when it is exactly a half-integer n + 0.5 while x / s is not (a
 * quotient of float32 values may need more bits than a double has). Then the sign of the
 * residual x - s * q, computed by fma with a single rounding, tells on which side of q the
 * exact quotient lies. That sign is exact: for float32/float16 x and s and a half-integer q
 * the residual is a multiple of 2^-150, far above the smallest double, so it cannot round to
 * zero. */
static double round_quotient_half_even(double x, double s)
{
    double q = x / s, down, residual;
    if (!isfinite(q))
        return q; /* +-inf saturate later; NaN is handled by the caller */
    down = floor(q);
    if (q - down != 0.5)
        return ref_round_half_even(q);
    residual = fma(-s, q, x);
    if (residual == 0.0)
        return ref_round_half_even(q); /* a true tie: to the even neighbour */
    /* x / s - q = residual / s */
    return (residual > 0.0) == (s > 0.0) ? down + 1.0 : down;
}

/* The product d * s (d an exact integer, |d| <= 2^33; s a float32/float16 value) as a double
 * rounded "to odd": when the product is inexact, the neighbour with an odd last significand
 * bit. Rounding that double once more to float32 or float16 (which have at least 2 bits
 * fewer) gives the correctly rounded product (Boldo and Melquiond, "Emulation of FMA and
 * correctly rounded sums: proved algorithms using rounding to odd", 2008), so the output is
 * rounded once, although d * s may need up to 57 significant bits. */
static double product_round_to_odd(double d, double s)
{
    double p = d * s, error;
    int exponent;
    if (!isfinite(p) || p == 0.0)
        return p;
    error = fma(d, s, -p); /* d * s - p, exact: the error of a product is representable */
    if (error != 0.0 && fmod(ldexp(frexp(p, &exponent), 53), 2.0) == 0.0)
        p = nextafter(p, error > 0.0 ? HUGE_VAL : -HUGE_VAL);
    return p;
}

/* Flat index of the scale/zeroPoint element whose block holds input element i. */
static size_t block_index(const ref_shape *in, const ref_shape *param, size_t i)
{
    size_t coordinates[REF_MAX_RANK];
    size_t d, result = 0;
    for (d = in->rank; d-- > 0;) {
        coordinates[d] = i % in->dims[d];
        i /= in->dims[d];
    }
    /* in->dims[d] > 0 here (the tensor has element i), so param->dims[d] > 0 divides it. */
    for (d = 0; d < in->rank; d++)
        result = result * param->dims[d] +
                 coordinates[d] / (in->dims[d] / param->dims[d]);
    return result;
}

static WNNStatus quantize_kernel(const void *attrs, const ref_tensor *const *inputs,
                                 size_t inputCount, ref_tensor *const *outputs,
                                 size_t outputCount)
{
    const quantize_attrs *a = (const quantize_attrs *)attrs;
    const ref_tensor *in = inputs[0], *scale = inputs[1], *zeroPoint = inputs[2];
    ref_tensor *out = outputs[0];
    size_t i;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < in->count; i++) {
        size_t j = block_index(&in->desc.shape, &scale->desc.shape, i);
        double s = ref_load_f(scale, j);
        int64_t zp = ref_load_i(zeroPoint, j); /* exact for every quantized type */
        /* SPEC-SILENT (#906): a scale that is not positive and finite is
         * implementation-defined; the formula is still applied, and the element marked. */
        int unspecified = !(s > 0.0 && isfinite(s));
        if (a->op == REF_OP_quantizeLinear) {
            double x = ref_load_f(in, i), v;
            int64_t lo = ref_type_min_i(out->desc.type), hi = ref_type_max_i(out->desc.type);
            int64_t y;
            v = round_quotient_half_even(x, s);
            if (isnan(v)) {
                /* SPEC-SILENT: NaN (input, or 0/0, inf/inf) has no quantized value; we
                 * give 0 (ConvertToInt of NaN) and mark it. */
                unspecified = 1;
                y = 0;
            } else {
                /* v is an integer (or +-inf); the sum with zeroPoint (|zp| <= 2^32) is exact
                 * whenever it is within the output range, which is all that matters.
                 * SPEC-ISSUE ops-§8.12: the emulation clamps to [0, 255] whatever the
                 * output type; the intent is saturation to the output type's range. */
                v += (double)zp;
                y = v <= (double)lo ? lo : v >= (double)hi ? hi : (int64_t)v;
            }
            ref_store_i(out, i, y);
        } else {
            /* x - zeroPoint: exact (both within 32 bits). */
            int64_t difference = ref_load_i(in, i) - zp;
            ref_store_f(out, i, product_round_to_odd((double)difference, s));
        }
        if (unspecified)
            ref_mark_unspecified(out, i);
        ref_propagate_mask(out, i, in, i);
        ref_propagate_mask(out, i, scale, j);
        ref_propagate_mask(out, i, zeroPoint, j);
    }
    return WNNStatus_Success;
}

/* The spec's "blockwise broadcasting" of shapeFrom to shapeTo: equal ranks, and each
 * shapeTo dimension a whole multiple of the shapeFrom one. SPEC-SILENT: with zero-size
 * dimensions (allowed by the WG), "exactly divisible" is read as "is a multiple": 0 is a
 * multiple of every size (an empty input axis has no blocks to cover), and a 0 scale
 * dimension divides only 0 (input elements would have no scale). */
static int blockwise_broadcastable(const ref_shape *from, const ref_shape *to)
{
    size_t d;
    if (from->rank != to->rank)
        return 0;
    for (d = 0; d < to->rank; d++) {
        if (from->dims[d] == 0 ? to->dims[d] != 0 : to->dims[d] % from->dims[d] != 0)
            return 0;
    }
    return 1;
}

/* Steps 7-10 of both operators: ranks, equal shapes, block-wise broadcastable. */
static WNNStatus check_shapes(const ref_op *op, const ref_desc *in, const ref_desc *scale,
                              const ref_desc *zeroPoint)
{
    char a[256], b[256];
    /* SPEC-STEP 7: scale and zeroPoint have the input's rank. */
    if (scale->shape.rank != in->shape.rank || zeroPoint->shape.rank != in->shape.rank)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the ranks of scale and zeroPoint must be the input's (%lu), "
                           "got %lu and %lu", (unsigned long)in->shape.rank,
                           (unsigned long)scale->shape.rank,
                           (unsigned long)zeroPoint->shape.rank);
    /* SPEC-STEP 8: scale and zeroPoint have equal shapes. */
    if (!ref_shape_equal(&scale->shape, &zeroPoint->shape)) {
        ref_shape_format(&scale->shape, a, sizeof a);
        ref_shape_format(&zeroPoint->shape, b, sizeof b);
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the shapes of scale and zeroPoint must be equal, got %s and %s", a,
                           b);
    }
    /* SPEC-STEP 9-10: both are block-wise broadcastable to the input (the second check
     * repeats the first, the shapes being equal). */
    if (!blockwise_broadcastable(&scale->shape, &in->shape)) {
        ref_shape_format(&scale->shape, a, sizeof a);
        ref_shape_format(&in->shape, b, sizeof b);
        return ref_op_fail(op, WNNStatus_TypeError,
                           "scale's shape is not blockwise broadcastable to the input's, "
                           "got %s and %s", a, b);
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderQuantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale,
                                        WNNOperand zeroPoint, const WNNOperatorOptions *options,
                                        WNNOperand *out)
{
    const ref_desc *in, *ds, *dz;
    ref_desc desc;
    quantize_attrs attrs;
    WNNOperand inputs[3];
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: hasBuilt -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_quantizeLinear, options ? options->label : NULL, out)))
        return s;
    /* SPEC-STEP 2: validate operand for input, scale and zeroPoint. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, scale, "scale", &ds)) ||
        (s = ref_op_operand(&op, zeroPoint, "zeroPoint", &dz)))
        return s;
    /* SPEC-STEP 3: input is float32 or float16. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 4-5: scale is a float type, the input's. */
    if ((s = ref_op_check_type(&op, "scale", ds->type, REF_TYPES_FLOAT)))
        return s;
    if (ds->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of scale must be the input's (%s), got %s",
                           ref_desc_type_name(in), ref_desc_type_name(ds));
    /* SPEC-STEP 6: zeroPoint is uint8, int8, uint32 or int32 (or the int4/uint4
     * extension). */
    if ((s = ref_op_check_type(&op, "zeroPoint", dz->type, QUANTIZED_TYPES)))
        return s;
    /* SPEC-STEP 7-10: shapes. */
    if ((s = check_shapes(&op, in, ds, dz)))
        return s;
    /* SPEC-STEP 11: the output has zeroPoint's type and the input's shape. */
    desc = *in;
    desc.type = dz->type;
    /* SPEC-STEP 12: make graph connections. SPEC-ISSUE ops-§8.18: the text sets only input
     * as the operator's input; scale and zeroPoint are evidently inputs too. */
    attrs.op = REF_OP_quantizeLinear;
    inputs[0] = input;
    inputs[1] = scale;
    inputs[2] = zeroPoint;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, quantize_kernel, &attrs, sizeof attrs, 3, inputs, 1, &desc, out);
}

WNNStatus wnnGraphBuilderDequantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale,
                                          WNNOperand zeroPoint,
                                          const WNNOperatorOptions *options, WNNOperand *out)
{
    const ref_desc *in, *ds, *dz;
    ref_desc desc;
    quantize_attrs attrs;
    WNNOperand inputs[3];
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: hasBuilt -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_dequantizeLinear, options ? options->label : NULL,
                          out)))
        return s;
    /* SPEC-STEP 2: validate operand for input, scale and zeroPoint. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, scale, "scale", &ds)) ||
        (s = ref_op_operand(&op, zeroPoint, "zeroPoint", &dz)))
        return s;
    /* SPEC-STEP 3: input is uint8, int8, uint32 or int32 (or the int4/uint4 extension). */
    if ((s = ref_op_check_type(&op, "input", in->type, QUANTIZED_TYPES)))
        return s;
    /* SPEC-STEP 4: scale is float32 or float16. */
    if ((s = ref_op_check_type(&op, "scale", ds->type, REF_TYPES_FLOAT)))
        return s;
    /* SPEC-STEP 5-6: zeroPoint has an allowed type, the input's. */
    if ((s = ref_op_check_type(&op, "zeroPoint", dz->type, QUANTIZED_TYPES)))
        return s;
    if (dz->type != in->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data type of zeroPoint must be the input's (%s), got %s",
                           ref_desc_type_name(in), ref_desc_type_name(dz));
    /* SPEC-STEP 7-10: shapes. */
    if ((s = check_shapes(&op, in, ds, dz)))
        return s;
    /* SPEC-STEP 11: the output has scale's type and the input's shape. */
    desc = *in;
    desc.type = ds->type;
    /* SPEC-STEP 12: make graph connections (SPEC-ISSUE ops-§8.18: scale and zeroPoint are
     * inputs too). */
    attrs.op = REF_OP_dequantizeLinear;
    inputs[0] = input;
    inputs[1] = scale;
    inputs[2] = zeroPoint;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, quantize_kernel, &attrs, sizeof attrs, 3, inputs, 1, &desc, out);
}
