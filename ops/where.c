/* ops/where.c - where: select trueValue where the condition is nonzero, else falseValue.
 *
 * Spec: "where". condition is uint8; trueValue and falseValue share a data type (any); the
 * three shapes broadcast bidirectionally. The reference selects the element (bit for bit),
 * unlike the spec's arithmetic emulation, which would turn an unselected NaN or infinity
 * into NaN. */
#include "../ref/elementwise.h"

static WNNStatus where_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const ref_tensor *condition = inputs[0];
    ref_tensor *out = outputs[0];
    size_t i;
    (void)attrs;
    (void)inputCount;
    (void)outputCount;
    for (i = 0; i < out->count; i++) {
        size_t ic = ref_broadcast_index(&condition->desc.shape, &out->desc.shape, i);
        const ref_tensor *chosen = ref_load_u(condition, ic) ? inputs[1] : inputs[2];
        size_t j = ref_broadcast_index(&chosen->desc.shape, &out->desc.shape, i);
        ref_copy_element(out, i, chosen, j);
        ref_propagate_mask(out, i, condition, ic);
        ref_propagate_mask(out, i, chosen, j);
    }
    return WNNStatus_Success;
}

WNNStatus wnnGraphBuilderWhere(WNNGraphBuilder b, WNNOperand condition, WNNOperand trueValue,
                               WNNOperand falseValue, const WNNOperatorOptions *options,
                               WNNOperand *out)
{
    const ref_desc *dc, *dt, *df;
    ref_desc desc;
    ref_shape values;
    WNNOperand inputs[3];
    char s1[256], s2[256];
    ref_op op;
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, REF_OP_where, options ? options->label : NULL, out);
    if (s)
        return s;
    /* SPEC-STEP 2: validate the three operands. */
    if ((s = ref_op_operand(&op, condition, "condition", &dc)) ||
        (s = ref_op_operand(&op, trueValue, "trueValue", &dt)) ||
        (s = ref_op_operand(&op, falseValue, "falseValue", &df)))
        return s;
    /* SPEC-STEP 3: allowed data types: condition uint8, falseValue the same as trueValue. */
    if ((s = ref_op_check_type(&op, "condition", dc->type, REF_TYPE(Uint8))) ||
        (s = ref_op_check_type(&op, "trueValue", dt->type, REF_TYPES_ANY)))
        return s;
    if (df->type != dt->type)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the data types of trueValue and falseValue must be equal, got %s "
                           "and %s", ref_desc_type_name(dt), ref_desc_type_name(df));
    /* SPEC-STEP 4: broadcast trueValue with falseValue. */
    if (!ref_broadcast_bidirectional(&dt->shape, &df->shape, &values)) {
        ref_shape_format(&dt->shape, s1, sizeof s1);
        ref_shape_format(&df->shape, s2, sizeof s2);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the shapes of trueValue and falseValue are not bidirectionally "
                           "broadcastable, got %s and %s", s1, s2);
    }
    /* SPEC-STEP 5: then the condition with that shape. */
    if (!ref_broadcast_bidirectional(&dc->shape, &values, &desc.shape)) {
        ref_shape_format(&dc->shape, s1, sizeof s1);
        ref_shape_format(&values, s2, sizeof s2);
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "the shape of condition is not bidirectionally broadcastable with "
                           "the values' shape, got %s and %s", s1, s2);
    }
    /* SPEC-STEP 6-7: output of trueValue's data type; make graph connections. */
    desc.type = dt->type;
    inputs[0] = condition;
    inputs[1] = trueValue;
    inputs[2] = falseValue;
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, where_kernel, NULL, 0, 3, inputs, 1, &desc, out);
}
