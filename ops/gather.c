/* ops/gather.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderGather(WNNGraphBuilder b, WNNOperand input, WNNOperand indices, const WNNGatherOptions *options, WNNOperand *out)
{
    (void)input;
    (void)indices;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gather, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGatherElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices, const WNNGatherOptions *options, WNNOperand *out)
{
    (void)input;
    (void)indices;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gatherElements, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGatherND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)indices;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gatherND, options ? options->label : NULL);
}
