/* ops/resample.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderResample2d(WNNGraphBuilder b, WNNOperand input, const WNNResample2dOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_resample2d, options ? options->label : NULL);
}
