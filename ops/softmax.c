/* ops/softmax.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderSoftmax(WNNGraphBuilder b, WNNOperand input, uint32_t axis, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)axis;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_softmax, options ? options->label : NULL);
}
