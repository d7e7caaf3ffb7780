/* ops/resample.c - resample2d.
 *
 * Spec: "resample2d" and the MLInterpolationMode definitions. The input is 4-D (float32,
 * float16, uint8, int8); two of its axes (`axes`, default [2, 3]) are resized to `sizes`, or
 * to floor(inputSize * scales[i]); the other two are copied. On a resized axis, output
 * coordinate o reads input coordinate
 *
 *     scale = outputSize / inputSize
 *     u     = (o + 0.5) / scale - 0.5
 *     c     = clamp(u, 0, inputSize - 1)
 *
 * where `scale` is the ratio of the final integer sizes (not the user's scales value). Here u
 * is computed exactly as the rational N / D with N = (2o + 1) * inputSize - outputSize and
 * D = 2 * outputSize (both exact in 64-bit integers, since sizes are below 2^31).
 *
 * - nearest-neighbor: index = ceil(c - 0.5), i.e. halves round down; the element is copied
 *   bit for bit (so NaN payloads and integer values are kept exactly).
 * - linear: x0 = floor(c), x1 = ceil(c), t = c - x0 on each axis, and
 *       vy0 = v(x0,y0) * (1 - tx) + v(x1,y0) * tx
 *       vy1 = v(x0,y1) * (1 - tx) + v(x1,y1) * tx
 *       out = vy0 * (1 - ty) + vy1 * ty
 *   with x along axes[1] and y along axes[0]. Floats follow this formula literally in double
 *   (t = exact numerator / D, rounded once to double) and round once to the output type. As
 *   the formula says, terms with weight 0 still take part, and inf * 0 is NaN: wherever an
 *   infinite input element is read on an axis with t = 0 (the clamped borders, an exact grid
 *   position, or an axis of unchanged size 1, where the two rows are the same row), the
 *   result is NaN; it stays infinite only where both weights are strictly between 0 and 1.
 *   uint8/int8: the interpolated value is computed exactly as a rational (the weights are
 *   integers over D; their products stay below 2^41) and rounded to the nearest integer, ties
 *   to even. It is a convex combination of input values, so it never needs saturation. The
 *   spec does not say how it is rounded (#872), so an element whose exact value is not an
 *   integer is marked unspecified; integral results are exact and unmarked. */
#include "../ref/builder.h"

#include <math.h>
#include <string.h>

typedef struct resample_attrs {
    WNNInterpolationMode mode;
    uint32_t axes[2]; /* axes[0]: the "y" axis, axes[1]: the "x" axis of the formulas */
} resample_attrs;

/* The two input coordinates read along one resized axis for output coordinate o, and the
 * weight of the second, t / d (linear). For nearest-neighbor only i0 is used. */
typedef struct axis_sample {
    uint32_t i0, i1;
    int64_t t, d;
} axis_sample;

/* Floor and ceiling of a / b for b > 0 (C division truncates toward zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0 ? 1 : 0);
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    return a / b + (a % b > 0 ? 1 : 0);
}

static axis_sample sample_axis(WNNInterpolationMode mode, uint32_t o, uint32_t inSize,
                               uint32_t outSize)
{
    axis_sample s;
    /* u = N / D exactly; (2o + 1) < 2^32 and inSize < 2^31, so N fits in int64_t. */
    int64_t n = (int64_t)(2 * (uint64_t)o + 1) * (int64_t)inSize - (int64_t)outSize;
    int64_t d = 2 * (int64_t)outSize;
    int64_t last = (int64_t)inSize - 1;
    s.t = 0;
    s.d = d;
    if (mode == WNNInterpolationMode_NearestNeighbor) {
        /* ceil(clamp(u, 0, last) - 0.5) = clamp(ceil(u - 0.5), 0, last), ceil being
         * monotone and mapping 0 and last to themselves; u - 0.5 = (N - outSize) / D. */
        int64_t index = ceil_div(n - (int64_t)outSize, d);
        index = index < 0 ? 0 : index > last ? last : index;
        s.i0 = s.i1 = (uint32_t)index;
        return s;
    }
    if (n <= 0) { /* u <= 0: clamped to 0 */
        s.i0 = s.i1 = 0;
    } else if (n >= last * d) { /* u >= inSize - 1: clamped to the last coordinate */
        s.i0 = s.i1 = (uint32_t)last;
    } else {
        int64_t x0 = floor_div(n, d);
        s.i0 = (uint32_t)x0;
        s.t = n - x0 * d; /* c - x0 = t / D, 0 <= t < D */
        s.i1 = s.t ? s.i0 + 1 : s.i0;
    }
    return s;
}

/* Round the exact rational num / den (den > 0) to the nearest integer, ties to even. */
static int64_t round_rational_half_even(int64_t num, int64_t den, int *inexact)
{
    int64_t q = floor_div(num, den);
    int64_t r = num - q * den; /* 0 <= r < den */
    *inexact = r != 0;
    if (2 * r > den || (2 * r == den && (q % 2) != 0))
        q += 1;
    return q;
}

static WNNStatus resample_kernel(const void *attrs, const ref_tensor *const *inputs,
                                 size_t inputCount, ref_tensor *const *outputs,
                                 size_t outputCount)
{
    const resample_attrs *a = (const resample_attrs *)attrs;
    const ref_tensor *in = inputs[0];
    ref_tensor *out = outputs[0];
    const ref_shape *inShape = &in->desc.shape, *outShape = &out->desc.shape;
    size_t inStrides[4], i, d;
    uint32_t ya = a->axes[0], xa = a->axes[1];
    (void)inputCount;
    (void)outputCount;
    ref_shape_strides(inShape, inStrides);
    for (i = 0; i < out->count; i++) {
        uint32_t coordinates[4];
        axis_sample sy, sx;
        size_t rest = i, base = 0, j00, j10, j01, j11;
        for (d = 4; d-- > 0;) {
            coordinates[d] = (uint32_t)(rest % outShape->dims[d]);
            rest /= outShape->dims[d];
        }
        /* The two axes that are not resized read the same coordinate. */
        for (d = 0; d < 4; d++)
            if (d != ya && d != xa)
                base += coordinates[d] * inStrides[d];
        sy = sample_axis(a->mode, coordinates[ya], inShape->dims[ya], outShape->dims[ya]);
        sx = sample_axis(a->mode, coordinates[xa], inShape->dims[xa], outShape->dims[xa]);
        j00 = base + sy.i0 * inStrides[ya] + sx.i0 * inStrides[xa];
        if (a->mode == WNNInterpolationMode_NearestNeighbor) {
            ref_copy_element(out, i, in, j00);
            ref_propagate_mask(out, i, in, j00);
            continue;
        }
        j10 = base + sy.i0 * inStrides[ya] + sx.i1 * inStrides[xa]; /* (x1, y0) */
        j01 = base + sy.i1 * inStrides[ya] + sx.i0 * inStrides[xa]; /* (x0, y1) */
        j11 = base + sy.i1 * inStrides[ya] + sx.i1 * inStrides[xa]; /* (x1, y1) */
        if (ref_type_class(in->desc.type) == REF_CLASS_FLOAT) {
            double tx = (double)sx.t / (double)sx.d, ty = (double)sy.t / (double)sy.d;
            double vy0 = ref_load_f(in, j00) * (1.0 - tx) + ref_load_f(in, j10) * tx;
            double vy1 = ref_load_f(in, j01) * (1.0 - tx) + ref_load_f(in, j11) * tx;
            ref_store_f(out, i, vy0 * (1.0 - ty) + vy1 * ty);
        } else {
            /* Exact: sum of v * wx * wy over the four neighbours, over Dx * Dy. Dx * Dy =
             * 4 * outX * outY <= 4 * (2^31 - 1) (both sizes count in the output's element
             * count), and |v| <= 255, so every term fits easily in int64_t. */
            int64_t wx0 = sx.d - sx.t, wx1 = sx.t, wy0 = sy.d - sy.t, wy1 = sy.t;
            int64_t num = ref_load_i(in, j00) * wx0 * wy0 + ref_load_i(in, j10) * wx1 * wy0 +
                          ref_load_i(in, j01) * wx0 * wy1 + ref_load_i(in, j11) * wx1 * wy1;
            int inexact;
            /* SPEC-SILENT (#872): rounding of interpolated uint8/int8 values; we round half
             * to even and mark non-integral results unspecified. */
            ref_store_i(out, i, round_rational_half_even(num, sx.d * sy.d, &inexact));
            if (inexact)
                ref_mark_unspecified(out, i);
        }
        ref_propagate_mask(out, i, in, j00);
        ref_propagate_mask(out, i, in, j10);
        ref_propagate_mask(out, i, in, j01);
        ref_propagate_mask(out, i, in, j11);
    }
    return WNNStatus_Success;
}

/* floor(inSize * scale) computed exactly. A float32 scale is m * 2^e with m an integer below
 * 2^24, so the product is (inSize * m) * 2^e with inSize * m below 2^55 (a double product
 * could round up to the next integer). Sets *ok = 0 when the result exceeds 2^31 - 1. */
static uint32_t floor_scaled(uint32_t inSize, float scale, int *ok)
{
    int e, shift;
    double f = frexp((double)scale, &e);       /* scale = f * 2^e, 0.5 <= f < 1 */
    uint64_t m = (uint64_t)ldexp(f, 24);        /* exact: at most 24 significant bits */
    uint64_t q = (uint64_t)inSize * m, result;  /* inSize * scale = q * 2^(e - 24) */
    *ok = 1;
    shift = e - 24;
    if (shift >= 0) {
        if (q != 0 && (shift >= 32 || q > (REF_MAX_DIMENSION >> shift))) {
            *ok = 0;
            return 0;
        }
        result = q << shift;
    } else {
        result = -shift >= 64 ? 0 : q >> -shift; /* the shift drops the fraction: floor */
    }
    if (result > REF_MAX_DIMENSION) {
        *ok = 0;
        return 0;
    }
    return (uint32_t)result;
}

WNNStatus wnnGraphBuilderResample2d(WNNGraphBuilder b, WNNOperand input,
                                    const WNNResample2dOptions *options, WNNOperand *out)
{
    static const WNNResample2dOptions defaults = WNN_RESAMPLE2D_OPTIONS_INIT;
    static const float defaultScales[2] = {1.0f, 1.0f};
    static const uint32_t defaultAxes[2] = {2, 3};
    const float *scales;
    const uint32_t *axes;
    const ref_desc *in;
    ref_desc desc;
    resample_attrs attrs;
    size_t i;
    ref_op op;
    WNNStatus s;
    if (!options)
        options = &defaults;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    if ((s = ref_op_begin(&op, b, REF_OP_resample2d, options->label, out)))
        return s;
    /* WebIDL: mode is an MLInterpolationMode; scales are (restricted) floats. */
    if ((s = ref_op_check_enum(&op, "mode", (int)options->mode, 2)))
        return s;
    for (i = 0; options->scales && i < options->scalesCount; i++)
        if (!isfinite(options->scales[i]))
            return ref_op_fail(&op, WNNStatus_TypeError, "scales must be finite, got %g",
                               (double)options->scales[i]);
    /* SPEC-STEP 2: validate operand. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    /* SPEC-STEP 3: input's data type is float32, float16, uint8 or int8. */
    if ((s = ref_op_check_type(&op, "input", in->type,
                               REF_TYPES_FLOAT | REF_TYPE(Uint8) | REF_TYPE(Int8))))
        return s;
    /* SPEC-STEP 4: the input is 4-D. */
    if (in->shape.rank != 4)
        return ref_op_fail(&op, WNNStatus_TypeError, "the input's rank must be 4, got %lu",
                           (unsigned long)in->shape.rank);
    /* SPEC-STEP 5-6: scales default to [1.0, 1.0]; given, they are 2 values above 0. */
    if (!options->scales) {
        scales = defaultScales;
    } else {
        scales = options->scales;
        if (options->scalesCount != 2)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "scales must have 2 values, got %lu",
                               (unsigned long)options->scalesCount);
        for (i = 0; i < 2; i++)
            if (scales[i] <= 0.0f)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "scales must be greater than 0, got %g", (double)scales[i]);
    }
    /* SPEC-STEP 7: sizes, when given, are 2 values. SPEC-ISSUE #391: the step also rejects
     * a size of 0; zero-size dimensions are allowed (WG resolution), so 0 gives an empty
     * output (but see the output shape step for an empty input axis). */
    if (options->sizes && options->sizesCount != 2)
        return ref_op_fail(&op, WNNStatus_TypeError, "sizes must have 2 values, got %lu",
                           (unsigned long)options->sizesCount);
    /* SPEC-STEP 8: axes default to [2, 3]. */
    if (!options->axes) {
        axes = defaultAxes;
    } else {
        /* SPEC-ISSUE ops-§8.8: the text never checks that axes has 2 items, although it
         * must (scales and sizes pair with them, and the operator is 2-D). */
        axes = options->axes;
        if (options->axesCount != 2)
            return ref_op_fail(&op, WNNStatus_TypeError, "axes must have 2 values, got %lu",
                               (unsigned long)options->axesCount);
        /* SPEC-STEP 9: no duplicates, each in [0, rank). */
        for (i = 0; i < 2; i++)
            if (axes[i] >= 4)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "axes must be less than the input's rank 4, got %lu",
                                   (unsigned long)axes[i]);
        if (axes[0] == axes[1])
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "axes must not contain duplicates, got %lu twice",
                               (unsigned long)axes[0]);
    }
    /* SPEC-STEP 10: calculate the output shape. */
    desc = *in;
    for (i = 0; i < 2; i++) {
        uint32_t inSize = in->shape.dims[axes[i]], size;
        if (options->sizes) {
            size = options->sizes[i];
            if (size > REF_MAX_DIMENSION)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "the output size for axis %lu is not a valid dimension, "
                                   "got %lu", (unsigned long)axes[i], (unsigned long)size);
        } else {
            int ok;
            size = floor_scaled(inSize, scales[i], &ok);
            if (!ok)
                return ref_op_fail(&op, WNNStatus_TypeError,
                                   "the output size floor(%lu * %g) for axis %lu is not a "
                                   "valid dimension", (unsigned long)inSize,
                                   (double)scales[i], (unsigned long)axes[i]);
        }
        /* SPEC-SILENT: an empty input axis has nothing to sample from, so it can only be
         * resized to 0 (scales always give 0 there); a positive size throws TypeError. */
        if (inSize == 0 && size > 0)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "an empty input axis %lu cannot be resized to %lu",
                               (unsigned long)axes[i], (unsigned long)size);
        desc.shape.dims[axes[i]] = size;
    }
    /* SPEC-STEP 11: make graph connections. */
    attrs.mode = options->mode;
    attrs.axes[0] = axes[0];
    attrs.axes[1] = axes[1];
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, resample_kernel, &attrs, sizeof attrs, 1, &input, 1, &desc, out);
}
