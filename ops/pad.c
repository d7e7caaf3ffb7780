/* ops/pad.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderPad(WNNGraphBuilder b, WNNOperand input, const uint32_t *beginningPadding, size_t beginningPaddingCount, const uint32_t *endingPadding, size_t endingPaddingCount, const WNNPadOptions *options, WNNOperand *out)
{
    (void)input;
    (void)beginningPadding;
    (void)beginningPaddingCount;
    (void)endingPadding;
    (void)endingPaddingCount;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_pad, options ? options->label : NULL);
}
