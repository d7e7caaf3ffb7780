/* ops/lstm.c - lstm and lstmCell: Long Short-Term Memory.
 *
 * Spec: "lstm" and "lstmCell". One cell step, for each batch row and hidden unit j, with the
 * gate rows of weight/recurrentWeight/bias/recurrentBias ordered by `layout` ("iofg": input,
 * output, forget, cell; "ifgo": input, forget, cell, output), the peephole weight always
 * packed input, output, forget, and σ = activations[0] (default sigmoid), φ = activations[1]
 * (default tanh), ψ = activations[2] (default tanh), following the spec's emulation of
 * lstmCell (c is the cell state given to the step, h the hidden state):
 *
 *   i  = σ(c ⊙ p_i + ((b_i + rb_i) + (x·W_iᵀ + h·R_iᵀ)))
 *   f  = σ(c ⊙ p_f + ((b_f + rb_f) + (x·W_fᵀ + h·R_fᵀ)))
 *   g  = φ((b_g + rb_g) + (x·W_gᵀ + h·R_gᵀ))
 *   o  = σ(c ⊙ p_o + ((b_o + rb_o) + (x·W_oᵀ + h·R_oᵀ)))
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ ψ(c')
 *
 * A missing bias, recurrent bias, peephole weight or initial state is zero. lstm runs the
 * cell over the time steps of each direction as the spec's emulation of lstm does: direction
 * "forward" reads t = 0 .. steps-1, "backward" and direction index 1 of "both" read
 * t = steps-1 .. 0; the sequence output stores each step's hidden state at the time index of
 * the input it was computed from.
 *
 * SPEC-SILENT: the spec defines the cell math only by its emulation of lstmCell, written for
 * layout "iofg" and the default activations; "ifgo" takes the row blocks in the order i, f, g,
 * o, and the activations given replace sigmoid and tanh in the same places. The order of the
 * time steps of each direction and the time index at which the sequence output stores a
 * backward step also come only from the (non-normative) emulation of lstm; the reference
 * follows it.
 *
 * Numerics: every time step and every gate is computed in double from the exact input
 * values; the hidden and cell states carried between steps are unrounded doubles. Only the
 * operator's outputs are rounded, once each, to the output type (DESIGN.md: one rounding per
 * operator output; SPEC-SILENT: the spec does not say how precisely the state carried
 * between steps is kept). An implementation that composes the operator from lstmCell or from
 * element-wise operators rounds at every step; the reference gives the exact-input value
 * that such implementations approximate. */
#include "recurrent.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lstm_attrs {
    uint32_t steps;
    uint32_t hiddenSize;
    uint32_t numDirections;
    WNNRecurrentNetworkDirection direction;
    WNNLstmWeightLayout layout;
    int returnSequence;
    WNNRecurrentNetworkActivation activations[3];
} lstm_attrs;

/* ---- numerics ---------------------------------------------------------------------------- */

/* The gate pre-activation without peephole: (b + rb) + (x·Wᵀ + h·Rᵀ) for weight row `row`. */
static double gate_sum(const rnn_cell_args *a, size_t b, const double *hb, size_t row)
{
    double biases = rnn_optional_at(a->bias, a->biasOffset, row) +
                    rnn_optional_at(a->recurrentBias, a->recurrentBiasOffset, row);
    return biases + (rnn_input_product(a, b, row) + rnn_recurrent_product(a, hb, row));
}

/* One lstmCell step: h, c, hNext, cNext are [batchSize, hiddenSize] doubles (the next
 * arrays distinct from the current ones). */
static void lstm_cell(const lstm_attrs *attrs, const rnn_cell_args *a, const double *h,
                      const double *c, double *hNext, double *cNext)
{
    size_t H = a->hiddenSize, b, j;
    int iofg = attrs->layout == WNNLstmWeightLayout_Iofg;
    /* Gate row offsets for the layout ("iofg": i, o, f, g; "ifgo": i, f, g, o). */
    size_t iRow = 0;
    size_t oRow = iofg ? H : 3 * H;
    size_t fRow = iofg ? 2 * H : H;
    size_t gRow = iofg ? 3 * H : 2 * H;
    for (b = 0; b < a->batchSize; b++) {
        const double *hb = h + b * H;
        for (j = 0; j < H; j++) {
            double cPrev = c[b * H + j];
            /* The peephole weight is packed i, o, f whatever the layout. */
            double pi = rnn_optional_at(a->peepholeWeight, a->peepholeOffset, j);
            double po = rnn_optional_at(a->peepholeWeight, a->peepholeOffset, H + j);
            double pf = rnn_optional_at(a->peepholeWeight, a->peepholeOffset, 2 * H + j);
            double ig, fg, gg, og, cNew;
            /* SPEC-SILENT: a missing peephole weight is a zero weight, as in the emulation
             * (cellState * zero): an infinite cell state then gives NaN in the gates, as it
             * does in the emulation and in ONNX's definition (P defaults to zeros). */
            ig = rnn_activate(attrs->activations[0], cPrev * pi + gate_sum(a, b, hb, iRow + j));
            fg = rnn_activate(attrs->activations[0], cPrev * pf + gate_sum(a, b, hb, fRow + j));
            gg = rnn_activate(attrs->activations[1], gate_sum(a, b, hb, gRow + j));
            /* SPEC-ISSUE ops-§8.15: the emulation applies the output gate's peephole to the
             * cell state given to the step (the previous one); ONNX and the LSTM literature
             * with peepholes use the new cell state c'. The reference follows the spec's
             * emulation, the only definition the spec gives. */
            og = rnn_activate(attrs->activations[0], cPrev * po + gate_sum(a, b, hb, oRow + j));
            cNew = fg * cPrev + ig * gg;
            cNext[b * H + j] = cNew;
            hNext[b * H + j] = og * rnn_activate(attrs->activations[2], cNew);
        }
    }
}

/* calloc of count doubles (at least one, so that an empty array is not NULL). */
static void swap_arrays(double **x, double **y)
{
    double *t = *x;
    *x = *y;
    *y = t;
}

/* ---- kernels ----------------------------------------------------------------------------- */

/* inputs: input, weight, recurrentWeight, bias?, recurrentBias?, peepholeWeight?,
 * initialHiddenState?, initialCellState?
 * outputs: [D, B, H] final hidden state, [D, B, H] final cell state, and
 * [steps, D, B, H] with returnSequence. */
static WNNStatus lstm_kernel(const void *attrsPtr, const ref_tensor *const *inputs,
                             size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const lstm_attrs *attrs = (const lstm_attrs *)attrsPtr;
    const ref_tensor *input = inputs[0], *h0 = inputs[6], *c0 = inputs[7];
    size_t steps = attrs->steps, D = attrs->numDirections, H = attrs->hiddenSize;
    size_t B = input->desc.shape.dims[1], I = input->desc.shape.dims[2];
    size_t d, s, i;
    double *h = rnn_new_doubles(B * H), *hNext = rnn_new_doubles(B * H);
    double *c = rnn_new_doubles(B * H), *cNext = rnn_new_doubles(B * H);
    WNNStatus status = WNNStatus_Success;
    (void)inputCount;
    (void)outputCount;
    if (!h || !hNext || !c || !cNext) {
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    for (d = 0; d < D; d++) {
        rnn_cell_args a;
        /* Direction index 1 of "both", and "backward", run from the last step to the first. */
        int backward = attrs->direction == WNNRecurrentNetworkDirection_Backward || d == 1;
        a.input = input;
        a.weight = inputs[1];
        a.weightOffset = d * 4 * H * I;
        a.recurrentWeight = inputs[2];
        a.recurrentWeightOffset = d * 4 * H * H;
        a.bias = inputs[3];
        a.biasOffset = d * 4 * H;
        a.recurrentBias = inputs[4];
        a.recurrentBiasOffset = d * 4 * H;
        a.peepholeWeight = inputs[5];
        a.peepholeOffset = d * 3 * H;
        a.batchSize = B;
        a.inputSize = I;
        a.hiddenSize = H;
        /* The initial states of this direction, or zeros. SPEC-SILENT: the emulation makes a
         * missing state a float32 constant of zeros even for float16 input (a graph that
         * would not type-check); the intent, zeros, is taken. */
        for (i = 0; i < B * H; i++) {
            h[i] = h0 ? ref_load_f(h0, d * B * H + i) : 0.0;
            c[i] = c0 ? ref_load_f(c0, d * B * H + i) : 0.0;
        }
        for (s = 0; s < steps; s++) {
            size_t t = backward ? steps - 1 - s : s;
            a.inputOffset = t * B * I;
            lstm_cell(attrs, &a, h, c, hNext, cNext);
            swap_arrays(&h, &hNext);
            swap_arrays(&c, &cNext);
            /* The sequence output holds the state computed from input step t at index t. */
            if (attrs->returnSequence)
                for (i = 0; i < B * H; i++)
                    ref_store_f(outputs[2], (t * D + d) * B * H + i, h[i]);
        }
        for (i = 0; i < B * H; i++) {
            ref_store_f(outputs[0], d * B * H + i, h[i]);
            ref_store_f(outputs[1], d * B * H + i, c[i]);
        }
    }
done:
    free(h);
    free(hNext);
    free(c);
    free(cNext);
    return status;
}

/* inputs: input, weight, recurrentWeight, hiddenState, cellState, bias?, recurrentBias?,
 * peepholeWeight?; outputs: [B, H] hidden state, [B, H] cell state. */
static WNNStatus lstm_cell_kernel(const void *attrsPtr, const ref_tensor *const *inputs,
                                  size_t inputCount, ref_tensor *const *outputs,
                                  size_t outputCount)
{
    const lstm_attrs *attrs = (const lstm_attrs *)attrsPtr;
    size_t H = attrs->hiddenSize, B = inputs[0]->desc.shape.dims[0], i;
    double *h = rnn_new_doubles(B * H), *hNext = rnn_new_doubles(B * H);
    double *c = rnn_new_doubles(B * H), *cNext = rnn_new_doubles(B * H);
    WNNStatus status = WNNStatus_Success;
    rnn_cell_args a;
    (void)inputCount;
    (void)outputCount;
    if (!h || !hNext || !c || !cNext) {
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    a.input = inputs[0];
    a.inputOffset = 0;
    a.weight = inputs[1];
    a.weightOffset = 0;
    a.recurrentWeight = inputs[2];
    a.recurrentWeightOffset = 0;
    a.bias = inputs[5];
    a.biasOffset = 0;
    a.recurrentBias = inputs[6];
    a.recurrentBiasOffset = 0;
    a.peepholeWeight = inputs[7];
    a.peepholeOffset = 0;
    a.batchSize = B;
    a.inputSize = inputs[0]->desc.shape.dims[1];
    a.hiddenSize = H;
    for (i = 0; i < B * H; i++) {
        h[i] = ref_load_f(inputs[3], i);
        c[i] = ref_load_f(inputs[4], i);
    }
    lstm_cell(attrs, &a, h, c, hNext, cNext);
    for (i = 0; i < B * H; i++) {
        ref_store_f(outputs[0], i, hNext[i]);
        ref_store_f(outputs[1], i, cNext[i]);
    }
done:
    free(h);
    free(hNext);
    free(c);
    free(cNext);
    return status;
}

/* ---- validation helpers ------------------------------------------------------------------ */

/* ---- lstm -------------------------------------------------------------------------------- */

WNNStatus wnnGraphBuilderLstm(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                              WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize,
                              const WNNLstmOptions *options, WNNOperand *outputs,
                              size_t *outputCount)
{
    static const WNNLstmOptions defaults = WNN_LSTM_OPTIONS_INIT;
    const WNNLstmOptions *o = options ? options : &defaults;
    const ref_desc *in, *w, *rw, *bias, *rbias, *peep, *h0, *c0;
    ref_desc descs[3];
    uint64_t H = hiddenSize, D, B, I, dims[3];
    uint32_t outDims[4];
    WNNOperand nodeInputs[8];
    lstm_attrs attrs;
    size_t count;
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_lstm, o->label, outputs);
    if (s)
        return s;
    /* WebIDL: the enum members of options are converted before the method steps. */
    if ((s = ref_op_check_enum(&op, "options.direction", (int)o->direction, 3)) ||
        (s = rnn_check_enums(&op, (int)o->layout, o->activations, o->activationsCount)))
        return s;
    /* SPEC-STEP 2: validate every operand, options included. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, weight, "weight", &w)) ||
        (s = ref_op_operand(&op, recurrentWeight, "recurrentWeight", &rw)) ||
        (s = ref_op_optional_operand(&op, o->bias, "options.bias", &bias)) ||
        (s = ref_op_optional_operand(&op, o->recurrentBias, "options.recurrentBias", &rbias)) ||
        (s = ref_op_optional_operand(&op, o->peepholeWeight, "options.peepholeWeight",
                                     &peep)) ||
        (s = ref_op_optional_operand(&op, o->initialHiddenState, "options.initialHiddenState",
                                     &h0)) ||
        (s = ref_op_optional_operand(&op, o->initialCellState, "options.initialCellState",
                                     &c0)))
        return s;
    /* SPEC-STEP 3: numDirections. */
    D = o->direction == WNNRecurrentNetworkDirection_Both ? 2 : 1;
    /* SPEC-STEP 4: data types of input (float32, float16), weight and recurrentWeight (same
     * as input). */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)) ||
        (s = ref_op_check_same_type(&op, "weight", w, in)) ||
        (s = ref_op_check_same_type(&op, "recurrentWeight", rw, in)))
        return s;
    /* SPEC-STEP 5: ranks (all 3). */
    if ((s = ref_op_check_rank(&op, "input", in, 3)) || (s = ref_op_check_rank(&op, "weight", w, 3)) ||
        (s = ref_op_check_rank(&op, "recurrentWeight", rw, 3)))
        return s;
    /* SPEC-STEP 6: steps must not be 0. The spec says so explicitly for lstm (not for gru),
     * so it stays a TypeError although zero-size dimensions are allowed elsewhere. */
    if (steps == 0)
        return ref_op_fail(&op, WNNStatus_TypeError, "steps must not be 0, got 0");
    /* SPEC-STEP 7: input's shape[0] is steps. */
    if (in->shape.dims[0] != steps)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "input's shape[0] must equal steps %lu, got %lu",
                           (unsigned long)steps, (unsigned long)in->shape.dims[0]);
    /* SPEC-STEP 8-9: batchSize, inputSize. */
    B = in->shape.dims[1];
    I = in->shape.dims[2];
    /* SPEC-STEP 10: weight is [numDirections, 4 * hiddenSize, inputSize]. */
    dims[0] = D;
    dims[1] = 4 * H;
    dims[2] = I;
    if ((s = ref_op_check_shape(&op, "weight", w, dims, 3)))
        return s;
    /* SPEC-STEP 11: recurrentWeight is [numDirections, 4 * hiddenSize, hiddenSize]. */
    dims[2] = H;
    if ((s = ref_op_check_shape(&op, "recurrentWeight", rw, dims, 3)))
        return s;
    /* SPEC-STEP 12: hiddenSize * 8 is a valid dimension. */
    if ((s = rnn_check_hidden_size(&op, hiddenSize, 8)))
        return s;
    /* SPEC-STEP 13: bias: same type as input, shape [numDirections, 4 * hiddenSize]. */
    if (bias && ((s = ref_op_check_same_type(&op, "options.bias", bias, in)) ||
                 (s = ref_op_check_shape(&op, "options.bias", bias, dims, 2))))
        return s;
    /* SPEC-STEP 14: recurrentBias: likewise. */
    if (rbias && ((s = ref_op_check_same_type(&op, "options.recurrentBias", rbias, in)) ||
                  (s = ref_op_check_shape(&op, "options.recurrentBias", rbias, dims, 2))))
        return s;
    /* SPEC-STEP 15: peepholeWeight: same type, shape [numDirections, 3 * hiddenSize]. */
    dims[1] = 3 * H;
    if (peep && ((s = ref_op_check_same_type(&op, "options.peepholeWeight", peep, in)) ||
                 (s = ref_op_check_shape(&op, "options.peepholeWeight", peep, dims, 2))))
        return s;
    /* SPEC-STEP 16-17: initialHiddenState, initialCellState: same type,
     * [numDirections, batchSize, hiddenSize]. */
    dims[1] = B;
    dims[2] = H;
    if (h0 && ((s = ref_op_check_same_type(&op, "options.initialHiddenState", h0, in)) ||
               (s = ref_op_check_shape(&op, "options.initialHiddenState", h0, dims, 3))))
        return s;
    if (c0 && ((s = ref_op_check_same_type(&op, "options.initialCellState", c0, in)) ||
               (s = ref_op_check_shape(&op, "options.initialCellState", c0, dims, 3))))
        return s;
    /* SPEC-STEP 18-19: activations: exactly 3 if given, else « sigmoid, tanh, tanh ». */
    if ((s = rnn_take_activations(&op, o->activations, o->activationsCount, 3,
                                  attrs.activations)))
        return s;
    /* SPEC-STEP 20: output descriptors: [numDirections, batchSize, hiddenSize] twice and,
     * with returnSequence, [steps, numDirections, batchSize, hiddenSize]. */
    outDims[0] = (uint32_t)D;
    outDims[1] = (uint32_t)B;
    outDims[2] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output 0", in->type, outDims, 3, &descs[0])))
        return s;
    descs[1] = descs[0];
    outDims[0] = steps;
    outDims[1] = (uint32_t)D;
    outDims[2] = (uint32_t)B;
    outDims[3] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output 2", in->type, outDims, 4, &descs[2])))
        return s;
    count = o->returnSequence ? 3 : 2;
    /* SPEC-STEP 21: make graph connections. Absent options stay NULL inputs. */
    attrs.steps = steps;
    attrs.hiddenSize = hiddenSize;
    attrs.numDirections = (uint32_t)D;
    attrs.direction = o->direction;
    attrs.layout = o->layout;
    attrs.returnSequence = o->returnSequence != 0;
    nodeInputs[0] = input;
    nodeInputs[1] = weight;
    nodeInputs[2] = recurrentWeight;
    nodeInputs[3] = o->bias;
    nodeInputs[4] = o->recurrentBias;
    nodeInputs[5] = o->peepholeWeight;
    nodeInputs[6] = o->initialHiddenState;
    nodeInputs[7] = o->initialCellState;
    op.scratchBytes = 4 * B * H * sizeof(double); /* h, hNext, c, cNext */
    s = ref_op_finish(&op, lstm_kernel, &attrs, sizeof attrs, 8, nodeInputs, count, descs,
                      outputs);
    /* SPEC-STEP 22: return the outputs. */
    if (!s && outputCount)
        *outputCount = count;
    return s;
}

/* ---- lstmCell ---------------------------------------------------------------------------- */

WNNStatus wnnGraphBuilderLstmCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                                  WNNOperand recurrentWeight, WNNOperand hiddenState,
                                  WNNOperand cellState, uint32_t hiddenSize,
                                  const WNNLstmCellOptions *options, WNNOperand *outputs)
{
    static const WNNLstmCellOptions defaults = WNN_LSTM_CELL_OPTIONS_INIT;
    const WNNLstmCellOptions *o = options ? options : &defaults;
    const ref_desc *in, *w, *rw, *hs, *cs, *bias, *rbias, *peep;
    ref_desc descs[2];
    uint64_t H = hiddenSize, B, I, dims[2];
    uint32_t outDims[2];
    WNNOperand nodeInputs[8];
    lstm_attrs attrs;
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_lstmCell, o->label, outputs);
    if (s)
        return s;
    /* WebIDL: the enum members of options are converted before the method steps. */
    if ((s = rnn_check_enums(&op, (int)o->layout, o->activations, o->activationsCount)))
        return s;
    /* SPEC-STEP 2: validate every operand, options included. */
    if ((s = ref_op_operand(&op, input, "input", &in)) ||
        (s = ref_op_operand(&op, weight, "weight", &w)) ||
        (s = ref_op_operand(&op, recurrentWeight, "recurrentWeight", &rw)) ||
        (s = ref_op_operand(&op, hiddenState, "hiddenState", &hs)) ||
        (s = ref_op_operand(&op, cellState, "cellState", &cs)) ||
        (s = ref_op_optional_operand(&op, o->bias, "options.bias", &bias)) ||
        (s = ref_op_optional_operand(&op, o->recurrentBias, "options.recurrentBias", &rbias)) ||
        (s = ref_op_optional_operand(&op, o->peepholeWeight, "options.peepholeWeight",
                                     &peep)))
        return s;
    /* SPEC-STEP 3: data types: input float32/float16, the others the same as input. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)) ||
        (s = ref_op_check_same_type(&op, "weight", w, in)) ||
        (s = ref_op_check_same_type(&op, "recurrentWeight", rw, in)) ||
        (s = ref_op_check_same_type(&op, "hiddenState", hs, in)) ||
        (s = ref_op_check_same_type(&op, "cellState", cs, in)))
        return s;
    /* SPEC-STEP 4: ranks (all 2). */
    if ((s = ref_op_check_rank(&op, "input", in, 2)) || (s = ref_op_check_rank(&op, "weight", w, 2)) ||
        (s = ref_op_check_rank(&op, "recurrentWeight", rw, 2)) ||
        (s = ref_op_check_rank(&op, "hiddenState", hs, 2)) || (s = ref_op_check_rank(&op, "cellState", cs, 2)))
        return s;
    /* SPEC-STEP 5-6: batchSize, inputSize. */
    B = in->shape.dims[0];
    I = in->shape.dims[1];
    /* SPEC-STEP 7: weight is [4 * hiddenSize, inputSize]. */
    dims[0] = 4 * H;
    dims[1] = I;
    if ((s = ref_op_check_shape(&op, "weight", w, dims, 2)))
        return s;
    /* SPEC-STEP 8: recurrentWeight is [4 * hiddenSize, hiddenSize]. */
    dims[1] = H;
    if ((s = ref_op_check_shape(&op, "recurrentWeight", rw, dims, 2)))
        return s;
    /* SPEC-STEP 9-10: hiddenState and cellState are [batchSize, hiddenSize]. */
    dims[0] = B;
    if ((s = ref_op_check_shape(&op, "hiddenState", hs, dims, 2)) ||
        (s = ref_op_check_shape(&op, "cellState", cs, dims, 2)))
        return s;
    /* SPEC-STEP 11: hiddenSize * 8 is a valid dimension. */
    if ((s = rnn_check_hidden_size(&op, hiddenSize, 8)))
        return s;
    /* SPEC-STEP 12-13: bias and recurrentBias: same type as input, shape [4 * hiddenSize]. */
    dims[0] = 4 * H;
    if (bias && ((s = ref_op_check_same_type(&op, "options.bias", bias, in)) ||
                 (s = ref_op_check_shape(&op, "options.bias", bias, dims, 1))))
        return s;
    if (rbias && ((s = ref_op_check_same_type(&op, "options.recurrentBias", rbias, in)) ||
                  (s = ref_op_check_shape(&op, "options.recurrentBias", rbias, dims, 1))))
        return s;
    /* SPEC-STEP 14: peepholeWeight: same type as input, shape [3 * hiddenSize]. */
    dims[0] = 3 * H;
    if (peep && ((s = ref_op_check_same_type(&op, "options.peepholeWeight", peep, in)) ||
                 (s = ref_op_check_shape(&op, "options.peepholeWeight", peep, dims, 1))))
        return s;
    /* SPEC-STEP 15-16: activations: exactly 3 if given, else « sigmoid, tanh, tanh ». */
    if ((s = rnn_take_activations(&op, o->activations, o->activationsCount, 3,
                                  attrs.activations)))
        return s;
    /* SPEC-STEP 17-19: the output descriptor [batchSize, hiddenSize], input's data type. */
    outDims[0] = (uint32_t)B;
    outDims[1] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output", in->type, outDims, 2, &descs[0])))
        return s;
    descs[1] = descs[0];
    /* SPEC-STEP 20: make graph connections: two outputs, hidden state and cell state. */
    attrs.steps = 1;
    attrs.hiddenSize = hiddenSize;
    attrs.numDirections = 1;
    attrs.direction = WNNRecurrentNetworkDirection_Forward;
    attrs.layout = o->layout;
    attrs.returnSequence = 0;
    nodeInputs[0] = input;
    nodeInputs[1] = weight;
    nodeInputs[2] = recurrentWeight;
    nodeInputs[3] = hiddenState;
    nodeInputs[4] = cellState;
    nodeInputs[5] = o->bias;
    nodeInputs[6] = o->recurrentBias;
    nodeInputs[7] = o->peepholeWeight;
    /* SPEC-STEP 21: return the outputs. */
    op.scratchBytes = 4 * B * H * sizeof(double); /* h, hNext, c, cNext */
    return ref_op_finish(&op, lstm_cell_kernel, &attrs, sizeof attrs, 8, nodeInputs, 2, descs,
                         outputs);
}
