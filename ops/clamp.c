/* ops/clamp.c - clamp: min(max(x, minValue), maxValue) element-wise, for every data type.
 *
 * Spec: "clamp". The bounds are MLNumbers cast to the input's data type; min > max after the
 * cast is a TypeError. Two places where the text is broken are followed as the Working Group
 * intends (DESIGN.md): an absent bound means no bound on that side, and a NaN bound means no
 * bound on that side. A NaN input stays NaN. */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct clamp_attrs {
    int hasMin, hasMax;
    ref_scalar minValue, maxValue; /* already cast to the input type */
} clamp_attrs;

static ref_scalar clamp_fn(ref_scalar x, WNNOperandDataType inType, WNNOperandDataType outType,
                           const void *attrs, int *unspecified)
{
    const clamp_attrs *a = (const clamp_attrs *)attrs;
    (void)outType;
    (void)unspecified;
    /* A NaN input compares unordered with both bounds and so stays NaN. An input equal to a
     * bound is kept as it is, so clamp(-0, min = +0) is -0. */
    if (a->hasMin && ref_scalar_compare(x, a->minValue, inType) == -1)
        x = a->minValue;
    if (a->hasMax && ref_scalar_compare(x, a->maxValue, inType) == 1)
        x = a->maxValue;
    return x;
}

static WNNStatus clamp_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_unary(inputs[0], outputs[0], clamp_fn, attrs);
    return WNNStatus_Success;
}

/* A bound that is given and is not NaN. */
static int bound_given(WNNBool has, WNNNumber value)
{
    return has && !(value.type == WNNNumberType_Double && isnan(value.asDouble));
}

WNNStatus wnnGraphBuilderClamp(WNNGraphBuilder b, WNNOperand input,
                               const WNNClampOptions *options, WNNOperand *out)
{
    WNNClampOptions defaults = WNN_CLAMP_OPTIONS_INIT;
    const WNNClampOptions *o = options ? options : &defaults;
    clamp_attrs attrs;
    const ref_desc *in;
    ref_op op;
    char lo[64], hi[64];
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_clamp, o->label, out);
    if (s)
        return s;
    /* SPEC-STEP 2: validate operand. */
    if ((s = ref_op_operand(&op, input, "input", &in)))
        return s;
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_ANY)))
        return s;
    if ((o->hasMinValue && (unsigned)o->minValue.type > (unsigned)WNNNumberType_Uint64) ||
        (o->hasMaxValue && (unsigned)o->maxValue.type > (unsigned)WNNNumberType_Uint64))
        return ref_op_fail(&op, WNNStatus_InvalidArgument, "a bound's WNNNumber type is invalid");
    /* SPEC-STEP 3-6: the bounds cast to the input's data type.
     * SPEC-ISSUE ops-§8.1: the text defaults an absent minValue to +Infinity and an absent
     * maxValue to -Infinity, which makes clamp(x) throw; the prose and the emulation mean
     * "no bound on that side", which is what an absent bound is here.
     * SPEC-ISSUE #874: a NaN bound also means no bound on that side (as Chromium does); the
     * cast would otherwise turn it into 0 for integer types and NaN for float types. */
    attrs.hasMin = bound_given(o->hasMinValue, o->minValue);
    attrs.hasMax = bound_given(o->hasMaxValue, o->maxValue);
    attrs.minValue = ref_cast_number(o->minValue, in->type);
    attrs.maxValue = ref_cast_number(o->maxValue, in->type);
    /* SPEC-STEP 7: minValue > maxValue (after the cast) -> TypeError. Equal bounds are
     * allowed (#684). */
    if (attrs.hasMin && attrs.hasMax &&
        ref_scalar_compare(attrs.minValue, attrs.maxValue, in->type) == 1) {
        ref_scalar_format(attrs.minValue, in->type, lo, sizeof lo);
        ref_scalar_format(attrs.maxValue, in->type, hi, sizeof hi);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "minValue must not be greater than maxValue after casting to %s, "
                           "got %s and %s", ref_desc_type_name(in), lo, hi);
    }
    /* SPEC-STEP 8: make graph connections (the output copies the input's descriptor). */
    return ref_op_unary(&op, input, "input", REF_TYPES_ANY, REF_SAME_TYPE, clamp_kernel, &attrs,
                        sizeof attrs, out);
}
