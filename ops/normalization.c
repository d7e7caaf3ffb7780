/* ops/normalization.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderBatchNormalization(WNNGraphBuilder b, WNNOperand input, WNNOperand mean, WNNOperand variance, const WNNBatchNormalizationOptions *options, WNNOperand *out)
{
    (void)input;
    (void)mean;
    (void)variance;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_batchNormalization, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderInstanceNormalization(WNNGraphBuilder b, WNNOperand input, const WNNInstanceNormalizationOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_instanceNormalization, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLayerNormalization(WNNGraphBuilder b, WNNOperand input, const WNNLayerNormalizationOptions *options, WNNOperand *out)
{
    (void)input;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_layerNormalization, options ? options->label : NULL);
}
