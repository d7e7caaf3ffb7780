/* ops/conv.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderConv2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter, const WNNConv2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)filter;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_conv2d, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderConvTranspose2d(WNNGraphBuilder b, WNNOperand input, WNNOperand filter, const WNNConvTranspose2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)filter;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_convTranspose2d, options ? options->label : NULL);
}
