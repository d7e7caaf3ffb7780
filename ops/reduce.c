/* ops/reduce.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderReduceL1(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceL1, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceL2(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceL2, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceLogSum(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceLogSum, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceLogSumExp(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceLogSumExp, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceMax(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceMax, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceMean(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceMean, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceMin(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceMin, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceProduct(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceProduct, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceSum(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceSum, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderReduceSumSquare(WNNGraphBuilder b, WNNOperand input, const WNNReduceOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_reduceSumSquare, options ? options->label : NULL);
}
