/* ops/logical.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderEqual(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_equal, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderNotEqual(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_notEqual, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGreater(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_greater, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGreaterOrEqual(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_greaterOrEqual, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLesser(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_lesser, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLesserOrEqual(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_lesserOrEqual, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLogicalNot(WNNGraphBuilder b, WNNOperand a, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_logicalNot, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLogicalAnd(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_logicalAnd, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLogicalOr(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_logicalOr, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLogicalXor(WNNGraphBuilder b, WNNOperand a, WNNOperand bb, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)bb;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_logicalXor, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderIsNaN(WNNGraphBuilder b, WNNOperand a, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_isNaN, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderIsInfinite(WNNGraphBuilder b, WNNOperand a, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)a;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_isInfinite, options ? options->label : NULL);
}
