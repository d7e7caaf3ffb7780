/* ops/gru.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderGru(WNNGraphBuilder b, WNNOperand input, WNNOperand weight, WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize, const WNNGruOptions *options, WNNOperand *outputs, size_t *outputCount)
{
    (void)input;
    (void)weight;
    (void)recurrentWeight;
    (void)steps;
    (void)hiddenSize;
    (void)options;
    (void)outputs;
    (void)outputCount;
    return ref_op_not_implemented(b, REF_OP_gru, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderGruCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight, WNNOperand recurrentWeight, WNNOperand hiddenState, uint32_t hiddenSize, const WNNGruCellOptions *options, WNNOperand *out)
{
    (void)input;
    (void)weight;
    (void)recurrentWeight;
    (void)hiddenState;
    (void)hiddenSize;
    (void)options;
    (void)out;
    return ref_op_not_implemented(b, REF_OP_gruCell, options ? options->label : NULL);
}
