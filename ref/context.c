/* ref/context.c - MLContext: tensors, reading and writing them, and dispatch. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

WNNStatus wnnCreateContext(const WNNContextOptions *options, WNNContext *out)
{
    WNNContextOptions defaults = WNN_CONTEXT_OPTIONS_INIT;
    WNNContext c;
    if (!out)
        return WNNStatus_InvalidArgument;
    if (options) {
        if ((unsigned)options->powerPreference > (unsigned)WNNPowerPreference_LowPower ||
            options->executor != WNNExecutor_Reference)
            return WNNStatus_InvalidArgument;
        defaults = *options;
    }
    /* 0 means the default (WNNContextOptions): a limit of 0 bytes would refuse everything. */
    if (defaults.maxTensorBytes == 0)
        defaults.maxTensorBytes = WNN_DEFAULT_MAX_TENSOR_BYTES;
    if (defaults.maxGraphBytes == 0)
        defaults.maxGraphBytes = WNN_DEFAULT_MAX_GRAPH_BYTES;
    c = (WNNContext)calloc(1, sizeof *c);
    if (!c)
        return WNNStatus_OutOfMemory;
    c->options = defaults;
    *out = c;
    return WNNStatus_Success;
}

void wnnContextRelease(WNNContext c)
{
    free(c);
}

const char *wnnContextGetErrorMessage(WNNContext c)
{
    return c ? c->message : "the context is NULL";
}

static WNNStatus create_tensor(WNNContext c, const char *what, WNNOperandDataType type,
                               const uint32_t *shape, size_t shapeCount, WNNTensor *out)
{
    char reason[300];
    WNNTensor t;
    ref_desc d;
    /* SPEC-ISSUE ops-§8.19: createTensor() does not check dimensions in the text; it is checked
     * here as for input() so that no tensor has a shape no operand could have, nor a byte
     * length above maxTensorBytes: this is the check before the allocation below. */
    if (!ref_check_descriptor(c, "the tensor", type, shape, shapeCount, &d, reason,
                              sizeof reason)) {
        ref_set_message(c->message, "%s: %s", what, reason);
        return WNNStatus_TypeError;
    }
    t = (WNNTensor)calloc(1, sizeof *t);
    if (!t) {
        ref_set_message(c->message, "%s: out of memory", what);
        return WNNStatus_OutOfMemory;
    }
    t->context = c;
    t->desc = d;
    t->count = ref_shape_count(&d.shape);
    t->byteLength = t->count * ref_type_size(type);
    t->data = calloc(t->byteLength ? t->byteLength : 1, 1); /* zero-initialised */
    if (!t->data) {
        free(t);
        ref_set_message(c->message, "%s: out of memory", what);
        return WNNStatus_OutOfMemory;
    }
    *out = t;
    return WNNStatus_Success;
}

WNNStatus wnnContextCreateTensor(WNNContext c, const WNNTensorDescriptor *desc, WNNTensor *out)
{
    WNNStatus s;
    if (!c)
        return WNNStatus_InvalidArgument;
    if (!desc || !out) {
        ref_set_message(c->message, "createTensor: descriptor and out must not be NULL");
        return WNNStatus_InvalidArgument;
    }
    s = create_tensor(c, "createTensor", desc->dataType, desc->shape, desc->shapeCount, out);
    if (s == WNNStatus_Success) {
        (*out)->readable = desc->readable != 0;
        (*out)->writable = desc->writable != 0;
    }
    return s;
}

WNNStatus wnnContextCreateConstantTensor(WNNContext c, const WNNOperandDescriptor *desc,
                                         const void *data, size_t byteLength, WNNTensor *out)
{
    WNNTensor t;
    WNNStatus s;
    if (!c)
        return WNNStatus_InvalidArgument;
    if (!desc || !out || (!data && byteLength)) {
        ref_set_message(c->message, "createConstantTensor: arguments must not be NULL");
        return WNNStatus_InvalidArgument;
    }
    s = create_tensor(c, "createConstantTensor", desc->dataType, desc->shape, desc->shapeCount,
                      &t);
    if (s)
        return s;
    if (byteLength != t->byteLength) {
        ref_set_message(c->message,
                        "createConstantTensor: the data's byte length must be %lu, got %lu",
                        (unsigned long)t->byteLength, (unsigned long)byteLength);
        wnnTensorRelease(t);
        return WNNStatus_TypeError;
    }
    if (byteLength)
        memcpy(t->data, data, byteLength);
    t->constant = 1;
    *out = t;
    return WNNStatus_Success;
}

void wnnTensorRelease(WNNTensor t)
{
    if (!t)
        return;
    free(t->data);
    free(t->mask);
    free(t);
}

WNNOperandDataType wnnTensorGetDataType(WNNTensor t)
{
    return t ? t->desc.type : WNNOperandDataType_Force32;
}

const uint32_t *wnnTensorGetShape(WNNTensor t, size_t *shapeCount)
{
    if (shapeCount)
        *shapeCount = t ? t->desc.shape.rank : 0;
    return t ? t->desc.shape.dims : NULL;
}

/* SPEC-STEP 1-4 of writeTensor / readTensor: context, usage flag, byte length. */
static WNNStatus check_transfer(WNNContext c, WNNTensor t, const void *data, size_t byteLength,
                                const char *what, int allowed)
{
    if (!t || (!data && byteLength)) {
        ref_set_message(c->message, "%s: tensor and data must not be NULL", what);
        return WNNStatus_InvalidArgument;
    }
    if (t->context != c) {
        ref_set_message(c->message, "%s: the tensor belongs to another context", what);
        return WNNStatus_TypeError;
    }
    if (!allowed) {
        ref_set_message(c->message, "%s: the tensor was not created %s", what,
                        what[0] == 'w' ? "writable" : "readable");
        return WNNStatus_TypeError;
    }
    if (byteLength != t->byteLength) {
        ref_set_message(c->message, "%s: the byte length must be %lu, got %lu", what,
                        (unsigned long)t->byteLength, (unsigned long)byteLength);
        return WNNStatus_TypeError;
    }
    return WNNStatus_Success;
}

WNNStatus wnnContextWriteTensor(WNNContext c, WNNTensor t, const void *data, size_t byteLength)
{
    WNNStatus s;
    if (!c)
        return WNNStatus_InvalidArgument;
    s = check_transfer(c, t, data, byteLength, "writeTensor", t && t->writable);
    if (s)
        return s;
    if (t->desc.type == WNNOperandDataType_Int4 || t->desc.type == WNNOperandDataType_Uint4) {
        size_t i;
        for (i = 0; i < t->count; i++) {
            int v = t->desc.type == WNNOperandDataType_Int4 ? ((const int8_t *)data)[i]
                                                           : ((const uint8_t *)data)[i];
            if (v < (t->desc.type == WNNOperandDataType_Int4 ? -8 : 0) ||
                v > (t->desc.type == WNNOperandDataType_Int4 ? 7 : 15)) {
                ref_set_message(c->message, "writeTensor: element %lu is outside the %s range",
                                (unsigned long)i, ref_type_name(t->desc.type));
                return WNNStatus_TypeError;
            }
        }
    }
    if (byteLength)
        memcpy(t->data, data, byteLength);
    free(t->mask); /* written data is fully specified */
    t->mask = NULL;
    return WNNStatus_Success;
}

WNNStatus wnnContextReadTensor(WNNContext c, WNNTensor t, void *data, size_t byteLength)
{
    WNNStatus s;
    if (!c)
        return WNNStatus_InvalidArgument;
    s = check_transfer(c, t, data, byteLength, "readTensor", t && t->readable);
    if (s)
        return s;
    if (byteLength)
        memcpy(data, t->data, byteLength);
    return WNNStatus_Success;
}

WNNStatus wnnContextReadTensorUnspecifiedMask(WNNContext c, WNNTensor t, uint8_t *mask,
                                              size_t count, size_t *unspecifiedCount)
{
    size_t i, n = 0;
    WNNStatus s;
    if (!c)
        return WNNStatus_InvalidArgument;
    s = check_transfer(c, t, mask, t ? count * ref_type_size(t->desc.type) : 0,
                       "readTensorUnspecifiedMask", t && t->readable);
    if (s)
        return s;
    for (i = 0; i < count; i++) {
        mask[i] = t->mask ? t->mask[i] : 0;
        n += mask[i];
    }
    if (unspecifiedCount)
        *unspecifiedCount = n;
    return WNNStatus_Success;
}

/* ---- dispatch ---------------------------------------------------------------------------- */

/* The spec's "validate tensors with descriptors": the same names, no constant tensor, equal
 * descriptors. Writes the reason on failure. */
static int validate_tensors(WNNContext c, const char *kind, size_t count,
                            const WNNNamedTensor *tensors, size_t expectedCount,
                            const ref_named *expected, const ref_graph_operand *operands,
                            WNNTensor *matched)
{
    size_t i, j;
    /* SPEC-STEP 1 */
    if (count != expectedCount) {
        ref_set_message(c->message, "dispatch: the graph has %lu %ss, got %lu",
                        (unsigned long)expectedCount, kind, (unsigned long)count);
        return 0;
    }
    /* SPEC-STEP 2 */
    for (i = 0; i < count; i++) {
        const char *name = tensors[i].name ? tensors[i].name : "";
        WNNTensor t = tensors[i].tensor;
        const ref_desc *want;
        char have[256], need[256];
        /* SPEC-STEP 2.1 */
        if (t->constant) {
            ref_set_message(c->message, "dispatch: %s \"%s\" is a constant tensor", kind, name);
            return 0;
        }
        /* SPEC-STEP 2.2 */
        for (j = 0; j < expectedCount; j++)
            if (strcmp(expected[j].name, name) == 0)
                break;
        if (j == expectedCount) {
            ref_set_message(c->message, "dispatch: the graph has no %s named \"%s\"", kind, name);
            return 0;
        }
        if (matched[j]) {
            ref_set_message(c->message, "dispatch: %s \"%s\" is given twice", kind, name);
            return 0;
        }
        matched[j] = t;
        /* SPEC-STEP 2.3 */
        want = &operands[expected[j].id].desc;
        if (want->type != t->desc.type || !ref_shape_equal(&want->shape, &t->desc.shape)) {
            ref_shape_format(&want->shape, need, sizeof need);
            ref_shape_format(&t->desc.shape, have, sizeof have);
            ref_set_message(c->message, "dispatch: %s \"%s\" must be %s %s, got %s %s", kind, name,
                            ref_type_name(want->type), need, ref_type_name(t->desc.type), have);
            return 0;
        }
    }
    return 1;
}

static WNNStatus dispatch(WNNContext c, WNNGraph g, size_t inputCount,
                          const WNNNamedTensor *inputs, size_t outputCount,
                          const WNNNamedTensor *outputs, int magnitudes,
                          const WNNDispatchObserver *observer)
{
    WNNTensor *inputTensors = NULL, *outputTensors = NULL;
    const void **inputData = NULL;
    ref_tensor *results = NULL;
    WNNStatus status = WNNStatus_TypeError;
    size_t i, j;
    if (!c)
        return WNNStatus_InvalidArgument;
    if (!g || (inputCount && !inputs) || (outputCount && !outputs)) {
        ref_set_message(c->message, "dispatch: the graph and tensor lists must not be NULL");
        return WNNStatus_InvalidArgument;
    }
    for (i = 0; i < inputCount + outputCount; i++) {
        const WNNNamedTensor *n = i < inputCount ? &inputs[i] : &outputs[i - inputCount];
        if (!n->tensor || !n->name) {
            ref_set_message(c->message, "dispatch: a tensor or its name is NULL");
            return WNNStatus_InvalidArgument;
        }
    }
    /* SPEC-STEP 1 (step 2, a destroyed graph, cannot happen: release frees the handle) */
    if (g->context != c) {
        ref_set_message(c->message, "dispatch: the graph belongs to another context");
        return WNNStatus_TypeError;
    }
    /* SPEC-STEP 3-4: no tensor twice across inputs and outputs. */
    for (i = 0; i < inputCount + outputCount; i++) {
        WNNTensor ti = i < inputCount ? inputs[i].tensor : outputs[i - inputCount].tensor;
        for (j = 0; j < i; j++) {
            WNNTensor tj = j < inputCount ? inputs[j].tensor : outputs[j - inputCount].tensor;
            if (ti == tj) {
                ref_set_message(c->message, "dispatch: a tensor is bound twice");
                return WNNStatus_TypeError;
            }
        }
        /* SPEC-STEP 5 */
        if (ti->context != c) {
            ref_set_message(c->message, "dispatch: a tensor belongs to another context");
            return WNNStatus_TypeError;
        }
    }
    inputTensors = (WNNTensor *)calloc(g->inputCount + 1, sizeof *inputTensors);
    outputTensors = (WNNTensor *)calloc(g->outputCount + 1, sizeof *outputTensors);
    inputData = (const void **)calloc(g->inputCount + 1, sizeof *inputData);
    results = (ref_tensor *)calloc(g->outputCount + 1, sizeof *results);
    if (!inputTensors || !outputTensors || !inputData || !results) {
        ref_set_message(c->message, "dispatch: out of memory");
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    /* SPEC-STEP 6-7 */
    if (!validate_tensors(c, "input", inputCount, inputs, g->inputCount, g->inputs, g->operands,
                          inputTensors) ||
        !validate_tensors(c, "output", outputCount, outputs, g->outputCount, g->outputs,
                          g->operands, outputTensors))
        goto done;
    /* SPEC-STEP 8: compute. Results go to fresh buffers first, so a failure leaves the
     * output tensors as they were. */
    for (i = 0; i < g->inputCount; i++)
        inputData[i] = inputTensors[i]->data;
    for (i = 0; i < g->outputCount; i++) {
        results[i].desc = outputTensors[i]->desc;
        results[i].count = outputTensors[i]->count;
        results[i].data = malloc(outputTensors[i]->byteLength ? outputTensors[i]->byteLength : 1);
        if (!results[i].data) {
            ref_set_message(c->message, "dispatch: out of memory");
            status = WNNStatus_OutOfMemory;
            goto done;
        }
    }
    status = ref_graph_evaluate(g, inputData, results, magnitudes, observer);
    if (status) {
        ref_set_message(c->message, "dispatch: %s during evaluation", wnnStatusString(status));
        goto done;
    }
    for (i = 0; i < g->outputCount; i++) {
        WNNTensor t = outputTensors[i];
        free(t->data);
        free(t->mask);
        t->data = results[i].data;
        t->mask = results[i].mask;
        results[i].data = NULL;
        results[i].mask = NULL;
    }
done:
    if (results)
        for (i = 0; i < g->outputCount; i++) {
            free(results[i].data);
            free(results[i].mask);
        }
    free(results);
    free(inputData);
    free(inputTensors);
    free(outputTensors);
    return status;
}

WNNStatus wnnContextDispatch(WNNContext c, WNNGraph g,
                             size_t inputCount, const WNNNamedTensor *inputs,
                             size_t outputCount, const WNNNamedTensor *outputs)
{
    return dispatch(c, g, inputCount, inputs, outputCount, outputs, 0, NULL);
}

WNNStatus wnnContextDispatchMagnitudes(WNNContext c, WNNGraph g,
                                       size_t inputCount, const WNNNamedTensor *inputs,
                                       size_t outputCount, const WNNNamedTensor *outputs)
{
    return dispatch(c, g, inputCount, inputs, outputCount, outputs, 1, NULL);
}

WNNStatus wnnContextDispatchObserved(WNNContext c, WNNGraph g,
                                     size_t inputCount, const WNNNamedTensor *inputs,
                                     size_t outputCount, const WNNNamedTensor *outputs,
                                     const WNNDispatchObserver *observer)
{
    return dispatch(c, g, inputCount, inputs, outputCount, outputs, 0, observer);
}
