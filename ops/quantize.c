/* ops/quantize.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderQuantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale, WNNOperand zeroPoint, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)scale;
    (void)zeroPoint;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_quantizeLinear, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderDequantizeLinear(WNNGraphBuilder b, WNNOperand input, WNNOperand scale, WNNOperand zeroPoint, const WNNOperatorOptions *options, WNNOperand *out)
{
    (void)input;
    (void)scale;
    (void)zeroPoint;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_dequantizeLinear, options ? options->label : NULL);
}
