/* ops/concat_split.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderConcat(WNNGraphBuilder b, size_t inputCount, const WNNOperand *inputs, uint32_t axis, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)inputCount;
    (void)inputs;
    (void)axis;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_concat, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderSplit(WNNGraphBuilder b, WNNOperand input, uint32_t splitCount, const uint32_t *splitSizes, size_t splitSizesCount, const WNNSplitOptions *options, size_t outputCapacity, WNNOperand *outputs, size_t *outputCount)
{
    (void)input;
    (void)splitCount;
    (void)splitSizes;
    (void)splitSizesCount;
    (void)options;
    (void)outputCapacity;
    (void)outputs;
    (void)outputCount;
    return ref_op_not_implemented(b, REF_OP_split, options ? options->label : NULL);
}
