/* ops/unary.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderAbs(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_abs, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderCeil(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_ceil, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderCos(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_cos, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderErf(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_erf, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderExp(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_exp, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderFloor(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_floor, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderIdentity(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_identity, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLog(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_log, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderNeg(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_neg, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReciprocal(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reciprocal, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderRoundEven(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_roundEven, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSin(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_sin, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSign(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_sign, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSqrt(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_sqrt, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderTan(WNNGraphBuilder b, WNNOperand input, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_tan, options ? options->label : NULL);
}
