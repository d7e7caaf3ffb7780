/* ops/recurrent.h - what gru.c and lstm.c share: the recurrent network activations, the
 * description of one cell's operands, and the dot products of a cell step, all in double. */
#ifndef OPS_RECURRENT_H
#define OPS_RECURRENT_H

#include "../ref/builder.h"

/* The recurrent network activation functions in double. */
double rnn_activate(WNNRecurrentNetworkActivation f, double x);

/* Element row (+offset) of an optional 1-D slice; a missing operand is zero. */
double rnn_optional_at(const ref_tensor *t, size_t offset, size_t row);

/* The tensors and offsets of one cell evaluation (one direction's slices for gru/lstm). */
typedef struct rnn_cell_args {
    const ref_tensor *input;           /* x[b][k] = input[inputOffset + b*I + k] */
    size_t inputOffset;
    const ref_tensor *weight;          /* W[row][k] = weight[weightOffset + row*I + k] */
    size_t weightOffset;
    const ref_tensor *recurrentWeight; /* R[row][k] = recurrentWeight[rOffset + row*H + k] */
    size_t recurrentWeightOffset;
    const ref_tensor *bias;            /* NULL: zeros */
    size_t biasOffset;
    const ref_tensor *recurrentBias;   /* NULL: zeros */
    size_t recurrentBiasOffset;
    const ref_tensor *peepholeWeight;  /* lstm only; NULL: zeros */
    size_t peepholeOffset;
    size_t batchSize, inputSize, hiddenSize;
} rnn_cell_args;

/* x·W[row]ᵀ for batch row b. */
double rnn_input_product(const rnn_cell_args *a, size_t b, size_t row);
/* v·R[row]ᵀ for a hidden-size vector v. */
double rnn_recurrent_product(const rnn_cell_args *a, const double *v, size_t row);
/* calloc of count doubles (at least one), NULL when it cannot be had. */
double *rnn_new_doubles(size_t count);

/* hiddenSize * multiple (6 for gru, 8 for lstm) must be a valid dimension. SPEC-ISSUE #391:
 * zero is allowed (WG resolution), so only the upper bound 2^31-1 is checked. */
WNNStatus rnn_check_hidden_size(const ref_op *op, uint32_t hiddenSize, unsigned multiple);
/* WebIDL enum conversion of the layout (two values) and the activation values (a JS caller
 * cannot pass any other value: the binding throws TypeError). */
WNNStatus rnn_check_enums(const ref_op *op, int layout,
                          const WNNRecurrentNetworkActivation *activations, size_t count);
/* The activations option: a clone of the `wanted` given values, or the default « sigmoid,
 * tanh[, tanh] ». out has room for `wanted` values. */
WNNStatus rnn_take_activations(const ref_op *op, const WNNRecurrentNetworkActivation *given,
                               size_t count, size_t wanted, WNNRecurrentNetworkActivation *out);

#endif
