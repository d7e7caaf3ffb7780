/* ops/where.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderWhere(WNNGraphBuilder b, WNNOperand condition, WNNOperand trueValue, WNNOperand falseValue, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)condition;
    (void)trueValue;
    (void)falseValue;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_where, options ? options->label : NULL);
}
