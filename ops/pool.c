/* ops/pool.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderAveragePool2d(WNNGraphBuilder b, WNNOperand input, const WNNPool2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_averagePool2d, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderL2Pool2d(WNNGraphBuilder b, WNNOperand input, const WNNPool2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_l2Pool2d, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderMaxPool2d(WNNGraphBuilder b, WNNOperand input, const WNNPool2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_maxPool2d, options ? options->label : NULL);
}
