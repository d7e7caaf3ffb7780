/* ops/recurrent.c - see recurrent.h. */
#include "recurrent.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* The recurrent network activation functions in double. */
double rnn_activate(WNNRecurrentNetworkActivation f, double x)
{
    double e;
    if (isnan(x))
        return x; /* NaN in, NaN out, for every activation */
    switch (f) {
    case WNNRecurrentNetworkActivation_Relu:
        /* max(0, x) (the spec's relu emulation): -0 and negatives give +0. SPEC-SILENT:
         * relu of NaN; NaN is returned, not marked unspecified (it is what every
         * implementation of the activation produces). */
        return x > 0.0 ? x : 0.0;
    case WNNRecurrentNetworkActivation_Sigmoid:
        /* 1 / (1 + exp(-x)), written so that exp never overflows: for x < 0 use
         * exp(x) / (1 + exp(x)). Both forms are the same function. */
        if (x >= 0.0)
            return 1.0 / (1.0 + exp(-x));
        e = exp(x);
        return e / (1.0 + e);
    default:
        return tanh(x); /* C tanh: +-1 at +-inf, keeps the sign of zero */
    }
}

/* Element row (+offset) of an optional 1-D slice; a missing operand is zero. */
double rnn_optional_at(const ref_tensor *t, size_t offset, size_t row)
{
    return t ? ref_load_f(t, offset + row) : 0.0;
}

/* x·W[row]ᵀ for batch row b. */
double rnn_input_product(const rnn_cell_args *a, size_t b, size_t row)
{
    double sum = 0.0;
    size_t k;
    for (k = 0; k < a->inputSize; k++)
        sum += ref_load_f(a->input, a->inputOffset + b * a->inputSize + k) *
               ref_load_f(a->weight, a->weightOffset + row * a->inputSize + k);
    return sum;
}

/* v·R[row]ᵀ for a hidden-size vector v. */
double rnn_recurrent_product(const rnn_cell_args *a, const double *v, size_t row)
{
    double sum = 0.0;
    size_t k;
    for (k = 0; k < a->hiddenSize; k++)
        sum += v[k] * ref_load_f(a->recurrentWeight,
                                 a->recurrentWeightOffset + row * a->hiddenSize + k);
    return sum;
}

double *rnn_new_doubles(size_t count)
{
    if (count > SIZE_MAX / sizeof(double))
        return NULL;
    return (double *)calloc(count ? count : 1, sizeof(double));
}

WNNStatus rnn_check_hidden_size(const ref_op *op, uint32_t hiddenSize, unsigned multiple)
{
    if ((uint64_t)hiddenSize * multiple <= REF_MAX_DIMENSION)
        return WNNStatus_Success;
    return ref_op_fail(op, WNNStatus_TypeError,
                       "hiddenSize * %u must be a valid dimension (at most 2147483647), got "
                       "hiddenSize %lu",
                       multiple, (unsigned long)hiddenSize);
}

WNNStatus rnn_check_enums(const ref_op *op, int layout,
                          const WNNRecurrentNetworkActivation *activations, size_t count)
{
    WNNStatus s;
    size_t i;
    if ((s = ref_op_check_enum(op, "options.layout", layout, 2)))
        return s;
    for (i = 0; activations && i < count; i++)
        if ((s = ref_op_check_enum(op, "options.activations item", (int)activations[i], 3)))
            return s;
    return WNNStatus_Success;
}

WNNStatus rnn_take_activations(const ref_op *op, const WNNRecurrentNetworkActivation *given,
                               size_t count, size_t wanted, WNNRecurrentNetworkActivation *out)
{
    size_t i;
    if (given) {
        if (count != wanted)
            return ref_op_fail(op, WNNStatus_TypeError,
                               "options.activations must have %lu items, got %lu",
                               (unsigned long)wanted, (unsigned long)count);
        for (i = 0; i < wanted; i++)
            out[i] = given[i];
    } else {
        out[0] = WNNRecurrentNetworkActivation_Sigmoid;
        for (i = 1; i < wanted; i++)
            out[i] = WNNRecurrentNetworkActivation_Tanh;
    }
    return WNNStatus_Success;
}
