/* ops/lstm.c - not implemented yet: each operator answers NotSupportedError. */
#include "../ref/builder.h"

WNNStatus wnnGraphBuilderLstm(WNNGraphBuilder b, WNNOperand input, WNNOperand weight, WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize, const WNNLstmOptions *options, WNNOperand *outputs, size_t *outputCount)
{
    (void)input;
    (void)weight;
    (void)recurrentWeight;
    (void)steps;
    (void)hiddenSize;
    (void)options;
    (void)outputs;
    (void)outputCount;
    return ref_op_not_implemented(b, REF_OP_lstm, options ? options->label : NULL);
}

WNNStatus wnnGraphBuilderLstmCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight, WNNOperand recurrentWeight, WNNOperand hiddenState, WNNOperand cellState, uint32_t hiddenSize, const WNNLstmCellOptions *options, WNNOperand *outputs)
{
    (void)input;
    (void)weight;
    (void)recurrentWeight;
    (void)hiddenState;
    (void)cellState;
    (void)hiddenSize;
    (void)options;
    (void)outputs;
    return ref_op_not_implemented(b, REF_OP_lstmCell, options ? options->label : NULL);
}
