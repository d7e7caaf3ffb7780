/* ref/elementwise.c - see elementwise.h. */
#include "elementwise.h"

#include <stdio.h>

WNNStatus ref_op_unary(ref_op *op, WNNOperand input, const char *argument, unsigned allowed,
                       WNNOperandDataType outType, ref_kernel kernel, const void *attrs,
                       size_t attrSize, WNNOperand *out)
{
    const ref_desc *in;
    ref_desc desc;
    WNNStatus s;
    /* SPEC-STEP: validate operand. */
    if ((s = ref_op_operand(op, input, argument, &in)))
        return s;
    /* SPEC-STEP: the input's data type must be allowed. */
    if ((s = ref_op_check_type(op, argument, in->type, allowed)))
        return s;
    /* SPEC-STEP: the output descriptor copies the input's shape. */
    desc = *in;
    if (outType != REF_SAME_TYPE)
        desc.type = outType;
    op->kernelPropagatesMask = 1;
    return ref_op_finish(op, kernel, attrs, attrSize, 1, &input, 1, &desc, out);
}

WNNStatus ref_op_binary(ref_op *op, WNNOperand a, WNNOperand b, const char *nameA,
                        const char *nameB, unsigned allowed, WNNOperandDataType outType,
                        ref_kernel kernel, const void *attrs, size_t attrSize, WNNOperand *out)
{
    const ref_desc *da, *db;
    ref_desc desc;
    char sa[256], sb[256];
    WNNOperand inputs[2];
    WNNStatus s;
    /* SPEC-STEP: validate operand for a and b. */
    if ((s = ref_op_operand(op, a, nameA, &da)) || (s = ref_op_operand(op, b, nameB, &db)))
        return s;
    /* SPEC-STEP: the data types must be equal (and allowed). */
    if (da->type != db->type)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the data types of %s and %s must be equal, got %s and %s", nameA,
                           nameB, ref_desc_type_name(da), ref_desc_type_name(db));
    if ((s = ref_op_check_type(op, nameA, da->type, allowed)))
        return s;
    /* SPEC-STEP: the output shape is the bidirectional broadcast of the two shapes. */
    desc.type = outType == REF_SAME_TYPE ? da->type : outType;
    if (!ref_broadcast_bidirectional(&da->shape, &db->shape, &desc.shape)) {
        ref_shape_format(&da->shape, sa, sizeof sa);
        ref_shape_format(&db->shape, sb, sizeof sb);
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the shapes of %s and %s are not bidirectionally broadcastable, "
                           "got %s and %s", nameA, nameB, sa, sb);
    }
    inputs[0] = a;
    inputs[1] = b;
    op->kernelPropagatesMask = 1;
    return ref_op_finish(op, kernel, attrs, attrSize, 2, inputs, 1, &desc, out);
}

void ref_map_unary(const ref_tensor *in, ref_tensor *out, ref_unary_fn fn, const void *attrs)
{
    size_t i;
    for (i = 0; i < out->count; i++) {
        int unspecified = 0;
        ref_scalar r = fn(ref_load(in, i), in->desc.type, out->desc.type, attrs, &unspecified);
        ref_store(out, i, r);
        if (unspecified)
            ref_mark_unspecified(out, i);
        ref_propagate_mask(out, i, in, i);
    }
}

void ref_map_binary(const ref_tensor *a, const ref_tensor *b, ref_tensor *out, ref_binary_fn fn,
                    const void *attrs)
{
    size_t i;
    for (i = 0; i < out->count; i++) {
        size_t ia = ref_broadcast_index(&a->desc.shape, &out->desc.shape, i);
        size_t ib = ref_broadcast_index(&b->desc.shape, &out->desc.shape, i);
        int unspecified = 0;
        ref_scalar r = fn(ref_load(a, ia), ref_load(b, ib), a->desc.type, out->desc.type, attrs,
                          &unspecified);
        ref_store(out, i, r);
        if (unspecified)
            ref_mark_unspecified(out, i);
        ref_propagate_mask(out, i, a, ia);
        ref_propagate_mask(out, i, b, ib);
    }
}

ref_scalar ref_fit_signed(int64_t value, int overflowed, WNNOperandDataType type,
                          int *unspecified)
{
    ref_scalar r = {0.0, 0, 0};
    int fits;
    r.i = ref_wrap_i(value, type, &fits);
    if (overflowed || !fits)
        *unspecified = 1;
    return r;
}

ref_scalar ref_fit_unsigned(uint64_t value, int overflowed, WNNOperandDataType type,
                            int *unspecified)
{
    ref_scalar r = {0.0, 0, 0};
    int fits;
    r.u = ref_wrap_u(value, type, &fits);
    if (overflowed || !fits)
        *unspecified = 1;
    return r;
}

ref_scalar ref_float_scalar(double value)
{
    ref_scalar r = {0.0, 0, 0};
    r.f = value;
    return r;
}
