/* ops/scatter.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderScatterElements(WNNGraphBuilder b, WNNOperand input, WNNOperand indices, WNNOperand updates, const WNNScatterOptions *options, WNNOperand *out)
{
    (void)input;
    (void)indices;
    (void)updates;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_scatterElements, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderScatterND(WNNGraphBuilder b, WNNOperand input, WNNOperand indices, WNNOperand updates, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)indices;
    (void)updates;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_scatterND, options ? options->label : NULL);
}
