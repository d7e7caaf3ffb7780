/* ref/evaluate.c - the float64 reference evaluator: run every node of a built graph in
 * topological order. Each kernel reads its inputs exactly, computes in double (or exact
 * integers) and rounds once into its output's data type. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void free_tensors(const struct WNNGraphImpl *g, ref_tensor *tensors)
{
    size_t i;
    for (i = 0; i < g->operandCount; i++) {
        if (g->operands[i].kind == REF_OPERAND_RESULT)
            free(tensors[i].data);
        free(tensors[i].mask);
    }
    free(tensors);
}

/* An operator whose kernel does not follow the mask element by element: when any input
 * element is unspecified, every output element may depend on it, so all are marked. */
static void mark_dependent_outputs(const ref_node *node, const ref_tensor *const *inputs,
                                   ref_tensor *const *outputs)
{
    size_t i, j, k;
    for (i = 0; i < node->inputCount; i++) {
        const ref_tensor *in = inputs[i];
        if (!in || !in->mask)
            continue;
        for (j = 0; j < in->count && !in->mask[j]; j++)
            ;
        if (j == in->count)
            continue;
        for (j = 0; j < node->outputCount; j++)
            for (k = 0; k < outputs[j]->count; k++)
                ref_mark_unspecified(outputs[j], k);
        return;
    }
}

/* For the magnitude evaluation: a copy of a floating-point tensor holding absolute values
 * (the sign bit cleared, which is exact). Other tensors are used as they are. */
static WNNStatus absolute_copy(const ref_tensor *in, ref_tensor *copy)
{
    size_t i, bytes = in->count * ref_type_size(in->desc.type);
    *copy = *in; /* the mask is shared: kernels only read input masks */
    copy->data = malloc(bytes ? bytes : 1);
    if (!copy->data)
        return WNNStatus_OutOfMemory;
    for (i = 0; i < in->count; i++)
        ref_store_f(copy, i, fabs(ref_load_f(in, i)));
    return WNNStatus_Success;
}

/* Tell the observer about a node's outputs. */
static WNNStatus observe_outputs(const WNNDispatchObserver *observer, size_t index,
                                 const ref_node *node, ref_tensor *const *outputs)
{
    WNNObservedTensor *seen;
    size_t j;
    if (!observer || !observer->operatorEnd)
        return WNNStatus_Success;
    seen = (WNNObservedTensor *)calloc(node->outputCount + 1, sizeof *seen);
    if (!seen)
        return WNNStatus_OutOfMemory;
    for (j = 0; j < node->outputCount; j++) {
        const ref_tensor *t = outputs[j];
        seen[j].dataType = t->desc.type;
        seen[j].shape = t->desc.shape.dims;
        seen[j].shapeCount = t->desc.shape.rank;
        seen[j].count = t->count;
        seen[j].data = t->data;
        seen[j].mask = t->mask;
    }
    observer->operatorEnd(observer->userData, index, ref_op_name(node->op),
                          node->label ? node->label : "", node->outputCount, seen);
    free(seen);
    return WNNStatus_Success;
}

WNNStatus ref_graph_evaluate(const struct WNNGraphImpl *g, const void *const *inputData,
                             ref_tensor *results, int magnitudes,
                             const WNNDispatchObserver *observer)
{
    ref_tensor *absolute = NULL; /* per node input, for the magnitude evaluation */
    size_t i, j;
    ref_tensor *tensors = (ref_tensor *)calloc(g->operandCount + 1, sizeof *tensors);
    const ref_tensor **nodeInputs = NULL;
    ref_tensor **nodeOutputs = NULL;
    size_t maxInputs = 1, maxOutputs = 1;
    WNNStatus status = WNNStatus_Success;
    if (!tensors)
        return WNNStatus_OutOfMemory;
    for (i = 0; i < g->operandCount; i++) {
        tensors[i].desc = g->operands[i].desc;
        tensors[i].count = ref_shape_count(&g->operands[i].desc.shape);
        if (g->operands[i].kind == REF_OPERAND_CONSTANT)
            tensors[i].data = (void *)g->operands[i].data; /* read only */
    }
    for (i = 0; i < g->inputCount; i++)
        tensors[g->inputs[i].id].data = (void *)inputData[i]; /* read only */
    for (i = 0; i < g->nodeCount; i++) {
        if (g->nodes[i].inputCount > maxInputs)
            maxInputs = g->nodes[i].inputCount;
        if (g->nodes[i].outputCount > maxOutputs)
            maxOutputs = g->nodes[i].outputCount;
    }
    nodeInputs = (const ref_tensor **)calloc(maxInputs, sizeof *nodeInputs);
    nodeOutputs = (ref_tensor **)calloc(maxOutputs, sizeof *nodeOutputs);
    absolute = (ref_tensor *)calloc(maxInputs, sizeof *absolute);
    if (!nodeInputs || !nodeOutputs || !absolute) {
        status = WNNStatus_OutOfMemory;
        goto done;
    }
    for (i = 0; i < g->nodeCount && status == WNNStatus_Success; i++) {
        const ref_node *node = &g->nodes[i];
        size_t elements = 0;
        for (j = 0; j < node->outputCount; j++)
            elements += tensors[node->outputs[j]].count;
        /* Outputs without elements: nothing to compute. The kernel is not called, because its
         * loops around an axis (outer x inner) may still count up to 2^31-1 with no element
         * to visit: [0, 2147483647] is a legal shape. */
        if (elements == 0) {
            for (j = 0; j < node->outputCount; j++) {
                ref_tensor *t = &tensors[node->outputs[j]];
                if (!t->data && !(t->data = calloc(1, 1)))
                    status = WNNStatus_OutOfMemory;
            }
            continue;
        }
        for (j = 0; j < node->inputCount; j++) {
            const ref_tensor *in =
                node->inputs[j] == REF_NO_OPERAND ? NULL : &tensors[node->inputs[j]];
            absolute[j].data = NULL;
            if (magnitudes && in && ref_type_class(in->desc.type) == REF_CLASS_FLOAT &&
                status == WNNStatus_Success) {
                status = absolute_copy(in, &absolute[j]);
                in = &absolute[j];
            }
            nodeInputs[j] = in;
        }
        for (j = 0; j < node->outputCount; j++) {
            ref_tensor *t = &tensors[node->outputs[j]];
            size_t bytes = t->count * ref_type_size(t->desc.type);
            t->data = calloc(bytes ? bytes : 1, 1);
            if (!t->data) {
                status = WNNStatus_OutOfMemory;
                break;
            }
            nodeOutputs[j] = t;
        }
        if (status == WNNStatus_Success && observer && observer->operatorBegin)
            observer->operatorBegin(observer->userData, i, ref_op_name(node->op),
                                    node->label ? node->label : "");
        if (status == WNNStatus_Success)
            status = node->kernel(node->attrs, nodeInputs, node->inputCount, nodeOutputs,
                                  node->outputCount);
        if (status == WNNStatus_Success && !node->kernelPropagatesMask)
            mark_dependent_outputs(node, nodeInputs, nodeOutputs);
        for (j = 0; j < node->outputCount && status == WNNStatus_Success; j++)
            if (tensors[node->outputs[j]].maskFailed)
                status = WNNStatus_OutOfMemory;
        if (status == WNNStatus_Success)
            status = observe_outputs(observer, i, node, nodeOutputs);
        for (j = 0; j < node->inputCount; j++) {
            free(absolute[j].data);
            absolute[j].data = NULL;
        }
    }
    if (status)
        goto done;
    /* Copy every graph output (two names may share one operand). */
    for (i = 0; i < g->outputCount; i++) {
        const ref_tensor *t = &tensors[g->outputs[i].id];
        memcpy(results[i].data, t->data, t->count * ref_type_size(t->desc.type));
        if (t->mask) {
            results[i].mask = (uint8_t *)malloc(t->count ? t->count : 1);
            if (!results[i].mask) {
                status = WNNStatus_OutOfMemory;
                goto done;
            }
            memcpy(results[i].mask, t->mask, t->count);
        }
    }
done:
    free(nodeInputs);
    free(nodeOutputs);
    free(absolute);
    free_tensors(g, tensors);
    return status;
}
