/* ops/clamp.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderClamp(WNNGraphBuilder b, WNNOperand input, const WNNClampOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_clamp, options ? options->label : NULL);
}
