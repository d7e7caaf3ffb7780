/* ops/arg_min_max.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderArgMin(WNNGraphBuilder b, WNNOperand input, uint32_t axis, const WNNArgMinMaxOptions *options, WNNOperand *out)
{
    (void)input;
    (void)axis;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_argMin, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderArgMax(WNNGraphBuilder b, WNNOperand input, uint32_t axis, const WNNArgMinMaxOptions *options, WNNOperand *out)
{
    (void)input;
    (void)axis;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_argMax, options ? options->label : NULL);
}
