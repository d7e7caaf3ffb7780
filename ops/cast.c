/* ops/cast.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderCast(WNNGraphBuilder b, WNNOperand input, WNNOperandDataType dataType, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)dataType;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_cast, options ? options->label : NULL);
}
