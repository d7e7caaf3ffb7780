/* ops/cumulative_sum.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderCumulativeSum(WNNGraphBuilder b, WNNOperand input, uint32_t axis, const WNNCumulativeSumOptions *options, WNNOperand *out)
{
    (void)input;
    (void)axis;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_cumulativeSum, options ? options->label : NULL);
}
