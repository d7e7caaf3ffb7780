/* ops/gru.c - gru and gruCell: the Gated Recurrent Unit.
 *
 * Spec: "gru" and "gruCell". One cell step, for each batch row and hidden unit j, with the
 * gate rows of weight/recurrentWeight/bias/recurrentBias ordered by `layout` ("zrn": update,
 * reset, new; "rzn": reset, update, new), f = activations[0] (default sigmoid) and
 * g = activations[1] (default tanh), following the spec's emulation of gruCell:
 *
 *   z  = f((b_z + rb_z) + (x·W_zᵀ + h·R_zᵀ))
 *   r  = f((b_r + rb_r) + (x·W_rᵀ + h·R_rᵀ))
 *   resetAfter true:  n = g(b_n + (x·W_nᵀ + r ⊙ (rb_n + h·R_nᵀ)))
 *   resetAfter false: n = g((b_n + rb_n) + (x·W_nᵀ + (r ⊙ h)·R_nᵀ))
 *   h' = z ⊙ h + n ⊙ (1 - z)
 *
 * A missing bias, recurrent bias or initial hidden state is zero. gru runs the cell over the
 * time steps of each direction as the spec's emulation of gru does: direction "forward" reads
 * t = 0 .. steps-1, "backward" and direction index 1 of "both" read t = steps-1 .. 0; the
 * sequence output stores each step's hidden state at the time index of the input it was
 * computed from.
 *
 * SPEC-SILENT: the spec defines the cell math only by its emulation of gruCell, written for
 * layout "zrn" and the default activations; "rzn" takes the z and r row blocks in the other
 * order, and the activations given replace sigmoid and tanh in the same places. The order of
 * the time steps of each direction and the time index at which the sequence output stores a
 * backward step also come only from the (non-normative) emulation of gru; the reference follows
 * it.
 *
 * Numerics: every time step and every gate is computed in double from the exact input
 * values; the hidden state carried between steps is the unrounded double. Only the
 * operator's outputs are rounded, once each, to the output type (DESIGN.md: one rounding per
 * operator output; SPEC-SILENT: the spec does not say how precisely the state carried
 * between steps is kept). An implementation that composes the operator from gruCell or from
 * element-wise operators rounds at every step; the reference gives the exact-input value
 * that such implementations approximate. */
#include "recurrent.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gru_attrs {
    uint32_t steps;
    uint32_t hiddenSize;
    uint32_t numDirections;
    WNNRecurrentNetworkDirection direction;
    WNNGruWeightLayout layout;
    int resetAfter;
    int returnSequence;
    WNNRecurrentNetworkActivation activations[2];
} gru_attrs;

/* ---- numerics ---------------------------------------------------------------------------- */

/* One gruCell step: h and hNext are [batchSize, hiddenSize] in double (distinct arrays);
 * z, r and rh are scratch vectors of hiddenSize doubles. */
static void gru_cell(const gru_attrs *attrs, const rnn_cell_args *a, const double *h,
                     double *hNext, double *z, double *r, double *rh)
{
    size_t H = a->hiddenSize, b, j;
    /* Gate row offsets for the layout. */
    size_t zRow = attrs->layout == WNNGruWeightLayout_Zrn ? 0 : H;
    size_t rRow = attrs->layout == WNNGruWeightLayout_Zrn ? H : 0;
    size_t nRow = 2 * H;
    for (b = 0; b < a->batchSize; b++) {
        const double *hb = h + b * H;
        /* update gate (z) and reset gate (r) */
        for (j = 0; j < H; j++) {
            double zb = rnn_optional_at(a->bias, a->biasOffset, zRow + j) +
                        rnn_optional_at(a->recurrentBias, a->recurrentBiasOffset, zRow + j);
            double rb = rnn_optional_at(a->bias, a->biasOffset, rRow + j) +
                        rnn_optional_at(a->recurrentBias, a->recurrentBiasOffset, rRow + j);
            z[j] = rnn_activate(attrs->activations[0],
                            zb + (rnn_input_product(a, b, zRow + j) +
                                  rnn_recurrent_product(a, hb, zRow + j)));
            r[j] = rnn_activate(attrs->activations[0],
                            rb + (rnn_input_product(a, b, rRow + j) +
                                  rnn_recurrent_product(a, hb, rRow + j)));
        }
        /* r ⊙ h, used by the reset-before form */
        for (j = 0; j < H; j++)
            rh[j] = r[j] * hb[j];
        /* new gate (n) and the new hidden state */
        for (j = 0; j < H; j++) {
            double nb = rnn_optional_at(a->bias, a->biasOffset, nRow + j);
            double nrb = rnn_optional_at(a->recurrentBias, a->recurrentBiasOffset, nRow + j);
            double n;
            if (attrs->resetAfter)
                n = rnn_activate(attrs->activations[1],
                             nb + (rnn_input_product(a, b, nRow + j) +
                                   r[j] * (nrb + rnn_recurrent_product(a, hb, nRow + j))));
            else
                n = rnn_activate(attrs->activations[1],
                             (nb + nrb) + (rnn_input_product(a, b, nRow + j) +
                                           rnn_recurrent_product(a, rh, nRow + j)));
            hNext[b * H + j] = z[j] * hb[j] + n * (1.0 - z[j]);
        }
    }
}

/* calloc of count doubles (at least one, so that an empty array is not NULL). */
/* ---- kernels ----------------------------------------------------------------------------- */

/* inputs: input, weight, recurrentWeight, bias?, recurrentBias?, initialHiddenState?
 * outputs: [D, B, H] final hidden state, and [steps, D, B, H] with returnSequence. */
static WNNStatus gru_kernel(const void *attrsPtr, const ref_tensor *const *inputs,
                            size_t inputCount, ref_tensor *const *outputs, size_t outputCount)
{
    const gru_attrs *attrs = (const gru_attrs *)attrsPtr;
    const ref_tensor *input = inputs[0], *initial = inputs[5];
    size_t steps = attrs->steps, D = attrs->numDirections, H = attrs->hiddenSize;
    size_t B = input->desc.shape.dims[1], I = input->desc.shape.dims[2];
    size_t d, s, i;
    double *h = rnn_new_doubles(B * H), *hNext = rnn_new_doubles(B * H);
    double *z = rnn_new_doubles(H), *r = rnn_new_doubles(H), *rh = rnn_new_doubles(H);
    WNNStatus status = WNNStatus_Success;
    (void)inputCount;
    (void)outputCount;
    if (!h || !hNext || !z || !r || !rh) {
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    for (d = 0; d < D; d++) {
        rnn_cell_args a;
        /* Direction index 1 of "both", and "backward", run from the last step to the first. */
        int backward = attrs->direction == WNNRecurrentNetworkDirection_Backward || d == 1;
        a.input = input;
        a.weight = inputs[1];
        a.weightOffset = d * 3 * H * I;
        a.recurrentWeight = inputs[2];
        a.recurrentWeightOffset = d * 3 * H * H;
        a.bias = inputs[3];
        a.biasOffset = d * 3 * H;
        a.recurrentBias = inputs[4];
        a.recurrentBiasOffset = d * 3 * H;
        a.batchSize = B;
        a.inputSize = I;
        a.hiddenSize = H;
        /* The initial hidden state of this direction, or zeros. SPEC-SILENT: the emulation
         * makes the missing state a float32 constant of zeros even for float16 input (a graph
         * that would not type-check); the intent, zeros, is taken. */
        for (i = 0; i < B * H; i++)
            h[i] = initial ? ref_load_f(initial, d * B * H + i) : 0.0;
        for (s = 0; s < steps; s++) {
            size_t t = backward ? steps - 1 - s : s;
            double *swap;
            a.inputOffset = t * B * I;
            gru_cell(attrs, &a, h, hNext, z, r, rh);
            swap = h;
            h = hNext;
            hNext = swap;
            /* The sequence output holds the state computed from input step t at index t. */
            if (attrs->returnSequence)
                for (i = 0; i < B * H; i++)
                    ref_store_f(outputs[1], (t * D + d) * B * H + i, h[i]);
        }
        for (i = 0; i < B * H; i++)
            ref_store_f(outputs[0], d * B * H + i, h[i]);
    }
done:
    free(h);
    free(hNext);
    free(z);
    free(r);
    free(rh);
    return status;
}

/* inputs: input, weight, recurrentWeight, hiddenState, bias?, recurrentBias?
 * output: [B, H]. */
static WNNStatus gru_cell_kernel(const void *attrsPtr, const ref_tensor *const *inputs,
                                 size_t inputCount, ref_tensor *const *outputs,
                                 size_t outputCount)
{
    const gru_attrs *attrs = (const gru_attrs *)attrsPtr;
    size_t H = attrs->hiddenSize, B = inputs[0]->desc.shape.dims[0], i;
    double *h = rnn_new_doubles(B * H), *hNext = rnn_new_doubles(B * H);
    double *z = rnn_new_doubles(H), *r = rnn_new_doubles(H), *rh = rnn_new_doubles(H);
    WNNStatus status = WNNStatus_Success;
    rnn_cell_args a;
    (void)inputCount;
    (void)outputCount;
    if (!h || !hNext || !z || !r || !rh) {
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    a.input = inputs[0];
    a.inputOffset = 0;
    a.weight = inputs[1];
    a.weightOffset = 0;
    a.recurrentWeight = inputs[2];
    a.recurrentWeightOffset = 0;
    a.bias = inputs[4];
    a.biasOffset = 0;
    a.recurrentBias = inputs[5];
    a.recurrentBiasOffset = 0;
    a.batchSize = B;
    a.inputSize = inputs[0]->desc.shape.dims[1];
    a.hiddenSize = H;
    for (i = 0; i < B * H; i++)
        h[i] = ref_load_f(inputs[3], i);
    gru_cell(attrs, &a, h, hNext, z, r, rh);
    for (i = 0; i < B * H; i++)
        ref_store_f(outputs[0], i, hNext[i]);
done:
    free(h);
    free(hNext);
    free(z);
    free(r);
    free(rh);
    return status;
}

/* ---- validation helpers ------------------------------------------------------------------ */

/* ---- gru --------------------------------------------------------------------------------- */

WNNStatus wnnGraphBuilderGru(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                             WNNOperand recurrentWeight, uint32_t steps, uint32_t hiddenSize,
                             const WNNGruOptions *options, WNNOperand *outputs,
                             size_t *outputCount)
{
    static const WNNGruOptions defaults = WNN_GRU_OPTIONS_INIT;
    const WNNGruOptions *o = options ? options : &defaults;
    const ref_desc *in, *w, *rw, *bias, *rbias, *h0;
    ref_desc descs[2];
    uint64_t H = hiddenSize, D, B, I, dims[4];
    uint32_t outDims[4];
    WNNOperand nodeInputs[6];
    gru_attrs attrs;
    size_t count;
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_gru, o->label, outputs);
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
        (s = ref_op_optional_operand(&op, o->initialHiddenState, "options.initialHiddenState",
                                     &h0)))
        return s;
    /* SPEC-STEP 3: data types of input (float32, float16), weight and recurrentWeight (same
     * as input). */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)) ||
        (s = ref_op_check_same_type(&op, "weight", w, in)) ||
        (s = ref_op_check_same_type(&op, "recurrentWeight", rw, in)))
        return s;
    /* SPEC-STEP 4: ranks (all 3). */
    if ((s = ref_op_check_rank(&op, "input", in, 3)) || (s = ref_op_check_rank(&op, "weight", w, 3)) ||
        (s = ref_op_check_rank(&op, "recurrentWeight", rw, 3)))
        return s;
    /* SPEC-STEP 5: input's shape[0] is steps. SPEC-SILENT: the argument's description says
     * steps "must be greater than 0", but unlike lstm() the steps do not check it; with
     * zero-size dimensions allowed (#391) steps = 0 is accepted: the output is the initial
     * hidden state (or zeros) and the sequence output is empty. */
    if (in->shape.dims[0] != steps)
        return ref_op_fail(&op, WNNStatus_TypeError,
                           "input's shape[0] must equal steps %lu, got %lu",
                           (unsigned long)steps, (unsigned long)in->shape.dims[0]);
    /* SPEC-STEP 6-8: batchSize, inputSize, numDirections. */
    B = in->shape.dims[1];
    I = in->shape.dims[2];
    D = o->direction == WNNRecurrentNetworkDirection_Both ? 2 : 1;
    /* SPEC-STEP 9: weight is [numDirections, 3 * hiddenSize, inputSize]. */
    dims[0] = D;
    dims[1] = 3 * H;
    dims[2] = I;
    if ((s = ref_op_check_shape(&op, "weight", w, dims, 3)))
        return s;
    /* SPEC-STEP 10: recurrentWeight is [numDirections, 3 * hiddenSize, hiddenSize]. */
    dims[2] = H;
    if ((s = ref_op_check_shape(&op, "recurrentWeight", rw, dims, 3)))
        return s;
    /* SPEC-STEP 11: hiddenSize * 6 is a valid dimension. */
    if ((s = rnn_check_hidden_size(&op, hiddenSize, 6)))
        return s;
    /* SPEC-STEP 12: bias: same type as input, shape [numDirections, 3 * hiddenSize]. */
    if (bias && ((s = ref_op_check_same_type(&op, "options.bias", bias, in)) ||
                 (s = ref_op_check_shape(&op, "options.bias", bias, dims, 2))))
        return s;
    /* SPEC-STEP 13: recurrentBias: likewise. */
    if (rbias && ((s = ref_op_check_same_type(&op, "options.recurrentBias", rbias, in)) ||
                  (s = ref_op_check_shape(&op, "options.recurrentBias", rbias, dims, 2))))
        return s;
    /* SPEC-STEP 14: initialHiddenState: same type, [numDirections, batchSize, hiddenSize]. */
    dims[1] = B;
    dims[2] = H;
    if (h0 && ((s = ref_op_check_same_type(&op, "options.initialHiddenState", h0, in)) ||
               (s = ref_op_check_shape(&op, "options.initialHiddenState", h0, dims, 3))))
        return s;
    /* SPEC-STEP 15-16: activations: exactly 2 if given, else « sigmoid, tanh ». */
    if ((s = rnn_take_activations(&op, o->activations, o->activationsCount, 2,
                                  attrs.activations)))
        return s;
    /* SPEC-STEP 17: output descriptors [numDirections, batchSize, hiddenSize] and, with
     * returnSequence, [steps, numDirections, batchSize, hiddenSize]. */
    outDims[0] = (uint32_t)D;
    outDims[1] = (uint32_t)B;
    outDims[2] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output 0", in->type, outDims, 3, &descs[0])))
        return s;
    outDims[0] = steps;
    outDims[1] = (uint32_t)D;
    outDims[2] = (uint32_t)B;
    outDims[3] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output 1", in->type, outDims, 4, &descs[1])))
        return s;
    count = o->returnSequence ? 2 : 1;
    /* SPEC-STEP 18: make graph connections. Absent options stay NULL inputs. */
    attrs.steps = steps;
    attrs.hiddenSize = hiddenSize;
    attrs.numDirections = (uint32_t)D;
    attrs.direction = o->direction;
    attrs.layout = o->layout;
    attrs.resetAfter = o->resetAfter != 0;
    attrs.returnSequence = o->returnSequence != 0;
    nodeInputs[0] = input;
    nodeInputs[1] = weight;
    nodeInputs[2] = recurrentWeight;
    nodeInputs[3] = o->bias;
    nodeInputs[4] = o->recurrentBias;
    nodeInputs[5] = o->initialHiddenState;
    op.scratchBytes = (2 * B * H + 3 * H) * sizeof(double); /* h, hNext; z, r, rh */
    s = ref_op_finish(&op, gru_kernel, &attrs, sizeof attrs, 6, nodeInputs, count, descs,
                      outputs);
    /* SPEC-STEP 19: return the outputs. */
    if (!s && outputCount)
        *outputCount = count;
    return s;
}

/* ---- gruCell ----------------------------------------------------------------------------- */

WNNStatus wnnGraphBuilderGruCell(WNNGraphBuilder b, WNNOperand input, WNNOperand weight,
                                 WNNOperand recurrentWeight, WNNOperand hiddenState,
                                 uint32_t hiddenSize, const WNNGruCellOptions *options,
                                 WNNOperand *out)
{
    static const WNNGruCellOptions defaults = WNN_GRU_CELL_OPTIONS_INIT;
    const WNNGruCellOptions *o = options ? options : &defaults;
    const ref_desc *in, *w, *rw, *hs, *bias, *rbias;
    ref_desc desc;
    uint64_t H = hiddenSize, B, I, dims[2];
    uint32_t outDims[2];
    WNNOperand nodeInputs[6];
    gru_attrs attrs;
    ref_op op;
    WNNStatus s;
    memset(&attrs, 0, sizeof attrs);
    /* SPEC-STEP 1: can not build -> InvalidStateError. */
    s = ref_op_begin(&op, b, REF_OP_gruCell, o->label, out);
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
        (s = ref_op_optional_operand(&op, o->bias, "options.bias", &bias)) ||
        (s = ref_op_optional_operand(&op, o->recurrentBias, "options.recurrentBias", &rbias)))
        return s;
    /* SPEC-STEP 3: data types: input float32/float16, the others the same as input. */
    if ((s = ref_op_check_type(&op, "input", in->type, REF_TYPES_FLOAT)) ||
        (s = ref_op_check_same_type(&op, "weight", w, in)) ||
        (s = ref_op_check_same_type(&op, "recurrentWeight", rw, in)) ||
        (s = ref_op_check_same_type(&op, "hiddenState", hs, in)))
        return s;
    /* SPEC-STEP 4: ranks (all 2). */
    if ((s = ref_op_check_rank(&op, "input", in, 2)) || (s = ref_op_check_rank(&op, "weight", w, 2)) ||
        (s = ref_op_check_rank(&op, "recurrentWeight", rw, 2)) ||
        (s = ref_op_check_rank(&op, "hiddenState", hs, 2)))
        return s;
    /* SPEC-STEP 5-6: batchSize, inputSize. */
    B = in->shape.dims[0];
    I = in->shape.dims[1];
    /* SPEC-STEP 7: weight is [3 * hiddenSize, inputSize]. */
    dims[0] = 3 * H;
    dims[1] = I;
    if ((s = ref_op_check_shape(&op, "weight", w, dims, 2)))
        return s;
    /* SPEC-STEP 8: recurrentWeight is [3 * hiddenSize, hiddenSize]. */
    dims[1] = H;
    if ((s = ref_op_check_shape(&op, "recurrentWeight", rw, dims, 2)))
        return s;
    /* SPEC-STEP 9: hiddenState is [batchSize, hiddenSize]. */
    dims[0] = B;
    if ((s = ref_op_check_shape(&op, "hiddenState", hs, dims, 2)))
        return s;
    /* SPEC-STEP 10: hiddenSize * 6 is a valid dimension. */
    if ((s = rnn_check_hidden_size(&op, hiddenSize, 6)))
        return s;
    /* SPEC-STEP 11-12: bias and recurrentBias: same type as input, shape [3 * hiddenSize]. */
    dims[0] = 3 * H;
    if (bias && ((s = ref_op_check_same_type(&op, "options.bias", bias, in)) ||
                 (s = ref_op_check_shape(&op, "options.bias", bias, dims, 1))))
        return s;
    if (rbias && ((s = ref_op_check_same_type(&op, "options.recurrentBias", rbias, in)) ||
                  (s = ref_op_check_shape(&op, "options.recurrentBias", rbias, dims, 1))))
        return s;
    /* SPEC-STEP 13-14: activations: exactly 2 if given, else « sigmoid, tanh ». */
    if ((s = rnn_take_activations(&op, o->activations, o->activationsCount, 2,
                                  attrs.activations)))
        return s;
    /* SPEC-STEP 15: the output descriptor [batchSize, hiddenSize]. */
    outDims[0] = (uint32_t)B;
    outDims[1] = hiddenSize;
    if ((s = ref_op_make_desc(&op, "output", in->type, outDims, 2, &desc)))
        return s;
    /* SPEC-STEP 16: make graph connections. */
    attrs.steps = 1;
    attrs.hiddenSize = hiddenSize;
    attrs.numDirections = 1;
    attrs.direction = WNNRecurrentNetworkDirection_Forward;
    attrs.layout = o->layout;
    attrs.resetAfter = o->resetAfter != 0;
    attrs.returnSequence = 0;
    nodeInputs[0] = input;
    nodeInputs[1] = weight;
    nodeInputs[2] = recurrentWeight;
    nodeInputs[3] = hiddenState;
    nodeInputs[4] = o->bias;
    nodeInputs[5] = o->recurrentBias;
    /* SPEC-STEP 17: return the output. */
    op.scratchBytes = (2 * B * H + 3 * H) * sizeof(double); /* h, hNext; z, r, rh */
    return ref_op_finish(&op, gru_cell_kernel, &attrs, sizeof attrs, 6, nodeInputs, 1, &desc,
                         out);
}
