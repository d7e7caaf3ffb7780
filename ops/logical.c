/* ops/logical.c - element-wise logical operators: equal, notEqual, greater, greaterOrEqual,
 * lesser, lesserOrEqual, logicalNot, logicalAnd, logicalOr, logicalXor, isNaN, isInfinite.
 *
 * Spec: "Element-wise logical operations". Every output is uint8 holding 0 or 1. Comparisons
 * take two operands of one data type (any) and compare exactly: integers as integers (int64
 * and uint64 never through double), floats as IEEE values, so a comparison with NaN is false
 * except notEqual, and -0 equals +0. The logical operators take uint8 operands, any nonzero
 * value counting as true. isNaN and isInfinite take float32/float16. */
#include "../ref/elementwise.h"

#include <math.h>

typedef struct logical_attrs {
    ref_op_id op;
} logical_attrs;

static ref_scalar truth(int value)
{
    ref_scalar r = {0.0, 0, 0};
    r.u = value ? 1 : 0;
    return r;
}

static ref_scalar compare_fn(ref_scalar x, ref_scalar y, WNNOperandDataType inType,
                             WNNOperandDataType outType, const void *attrs, int *unspecified)
{
    /* ref_scalar_compare gives 2 for an unordered (NaN) pair. */
    int c = ref_scalar_compare(x, y, inType);
    (void)outType;
    (void)unspecified;
    switch (((const logical_attrs *)attrs)->op) {
    case REF_OP_equal: return truth(c == 0);
    case REF_OP_notEqual: return truth(c != 0);
    case REF_OP_greater: return truth(c == 1);
    /* greaterOrEqual and lesserOrEqual compare directly (not as the negation of lesser or
     * greater), so NaN gives 0 for them too. */
    case REF_OP_greaterOrEqual: return truth(c == 1 || c == 0);
    case REF_OP_lesser: return truth(c == -1);
    case REF_OP_lesserOrEqual: return truth(c == -1 || c == 0);
    case REF_OP_logicalAnd: return truth(x.u != 0 && y.u != 0);
    case REF_OP_logicalOr: return truth(x.u != 0 || y.u != 0);
    default: return truth((x.u != 0) != (y.u != 0)); /* logicalXor */
    }
}

static ref_scalar unary_fn(ref_scalar x, WNNOperandDataType inType, WNNOperandDataType outType,
                           const void *attrs, int *unspecified)
{
    (void)inType;
    (void)outType;
    (void)unspecified;
    switch (((const logical_attrs *)attrs)->op) {
    case REF_OP_logicalNot: return truth(x.u == 0);
    case REF_OP_isNaN: return truth(isnan(x.f));
    default: return truth(isinf(x.f)); /* isInfinite: 1 for both infinities */
    }
}

static WNNStatus binary_kernel(const void *attrs, const ref_tensor *const *inputs,
                               size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_binary(inputs[0], inputs[1], outputs[0], compare_fn, attrs);
    return WNNStatus_Success;
}

static WNNStatus unary_kernel(const void *attrs, const ref_tensor *const *inputs,
                              size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    (void)inputCount;
    (void)outputCount;
    ref_map_unary(inputs[0], outputs[0], unary_fn, attrs);
    return WNNStatus_Success;
}

/* The spec's "create an element-wise logical operation" given op, a, optional b, options. */
static WNNStatus element_wise_logical(ref_op_id id, WNNGraphBuilder b, WNNOperand a,
                                      int hasB, WNNOperand bb,
                                      const WNNOperatorOptions *options, WNNOperand *out)
{
    ref_op op;
    logical_attrs attrs;
    const ref_desc *da, *db;
    ref_desc desc;
    WNNOperand inputs[2];
    char sa[256], sb[256];
    /* SPEC-STEP 2: can not build -> InvalidStateError. */
    WNNStatus s = ref_op_begin(&op, b, id, options ? options->label : NULL, out);
    if (s)
        return s;
    attrs.op = id;
    /* SPEC-STEP 3: validate operand a. */
    if ((s = ref_op_operand(&op, a, "a", &da)))
        return s;
    /* SPEC-STEP 4: the logical operators take uint8. */
    if (id == REF_OP_logicalNot || id == REF_OP_logicalAnd || id == REF_OP_logicalOr ||
        id == REF_OP_logicalXor) {
        if ((s = ref_op_check_type(&op, "a", da->type, REF_TYPE(Uint8))))
            return s;
    } else if (id == REF_OP_isNaN || id == REF_OP_isInfinite) {
        /* SPEC-STEP 5. SPEC-ISSUE ops-§8.9: the tensor-limits table says "any"; the steps
         * accept only float32/float16, which is what is done here. */
        if ((s = ref_op_check_type(&op, "a", da->type, REF_TYPES_FLOAT)))
            return s;
    } else if ((s = ref_op_check_type(&op, "a", da->type, REF_TYPES_ANY))) {
        return s;
    }
    desc.type = WNNOperandDataType_Uint8;
    inputs[0] = a;
    inputs[1] = bb;
    /* SPEC-STEP 6: with b, validate it, equal data types, broadcast the shapes. */
    if (hasB) {
        if ((s = ref_op_operand(&op, bb, "b", &db)))
            return s;
        if (da->type != db->type)
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the data types of a and b must be equal, got %s and %s",
                               ref_desc_type_name(da), ref_desc_type_name(db));
        if (!ref_broadcast_bidirectional(&da->shape, &db->shape, &desc.shape)) {
            ref_shape_format(&da->shape, sa, sizeof sa);
            ref_shape_format(&db->shape, sb, sizeof sb);
            return ref_op_fail(&op, WNNStatus_TypeError,
                               "the shapes of a and b are not bidirectionally broadcastable, "
                               "got %s and %s", sa, sb);
        }
    } else {
        /* SPEC-STEP 7: otherwise the output shape is a's. */
        desc.shape = da->shape;
    }
    /* SPEC-STEP 8-9: a uint8 output; make graph connections. */
    op.kernelPropagatesMask = 1;
    return ref_op_finish(&op, hasB ? binary_kernel : unary_kernel, &attrs, sizeof attrs,
                         hasB ? 2 : 1, inputs, 1, &desc, out);
}

#define LOGICAL_BINARY_(Name, id) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, \
                                    const WNNOperatorOptions *options, WNNOperand *out) \
    { \
        return element_wise_logical(REF_OP_##id, b, a, 1, bb, options, out); \
    }
#define LOGICAL_UNARY_(Name, id) \
    WNNStatus wnnGraphBuilder##Name(WNNGraphBuilder b, WNNOperand a, \
                                    const WNNOperatorOptions *options, WNNOperand *out) \
    { \
        return element_wise_logical(REF_OP_##id, b, a, 0, NULL, options, out); \
    }
LOGICAL_BINARY_(Equal, equal)
LOGICAL_BINARY_(NotEqual, notEqual)
LOGICAL_BINARY_(Greater, greater)
LOGICAL_BINARY_(GreaterOrEqual, greaterOrEqual)
LOGICAL_BINARY_(Lesser, lesser)
LOGICAL_BINARY_(LesserOrEqual, lesserOrEqual)
LOGICAL_UNARY_(LogicalNot, logicalNot)
LOGICAL_BINARY_(LogicalAnd, logicalAnd)
LOGICAL_BINARY_(LogicalOr, logicalOr)
LOGICAL_BINARY_(LogicalXor, logicalXor)
LOGICAL_UNARY_(IsNaN, isNaN)
LOGICAL_UNARY_(IsInfinite, isInfinite)
