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

#endif
