/* ref/builder.c - MLGraphBuilder: operands, input(), constant(), build(), and the helpers
 * every operator uses to validate its arguments and record its node. */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WNNStatus wnnCreateGraphBuilder(WNNContext context, WNNGraphBuilder *out)
{
    WNNGraphBuilder b;
    if (!context || !out)
        return WNNStatus_InvalidArgument;
    b = (WNNGraphBuilder)calloc(1, sizeof *b);
    if (!b)
        return WNNStatus_OutOfMemory;
    b->context = context;
    *out = b;
    return WNNStatus_Success;
}

void wnnGraphBuilderRelease(WNNGraphBuilder b)
{
    size_t i;
    if (!b)
        return;
    for (i = 0; i < b->operandCount; i++) {
        free(b->operands[i]->name);
        free(b->operands[i]->data);
        free(b->operands[i]);
    }
    for (i = 0; i < b->nodeCount; i++)
        ref_node_free(&b->nodes[i]);
    free(b->operands);
    free(b->nodes);
    free(b);
}

const char *wnnGraphBuilderGetErrorMessage(WNNGraphBuilder b)
{
    return b ? b->message : "the builder is NULL";
}

WNNOperandDataType wnnOperandGetDataType(WNNOperand operand)
{
    return operand ? operand->desc.type : WNNOperandDataType_Force32;
}

const uint32_t *wnnOperandGetShape(WNNOperand operand, size_t *shapeCount)
{
    if (shapeCount)
        *shapeCount = operand ? operand->desc.shape.rank : 0;
    return operand ? operand->desc.shape.dims : NULL;
}

/* ---- operands ---------------------------------------------------------------------------- */

/* Append a new operand (the spec's "create an MLOperand"). */
static WNNOperand new_operand(WNNGraphBuilder b, const ref_desc *desc, ref_operand_kind kind)
{
    WNNOperand operand;
    if (b->operandCount >= UINT32_MAX - 1)
        return NULL; /* ids must stay below REF_NO_OPERAND */
    if (b->operandCount == b->operandCapacity) {
        size_t capacity = b->operandCapacity ? b->operandCapacity * 2 : 16;
        WNNOperand *grown = (WNNOperand *)realloc(b->operands, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        b->operands = grown;
        b->operandCapacity = capacity;
    }
    operand = (WNNOperand)calloc(1, sizeof *operand);
    if (!operand)
        return NULL;
    operand->builder = b;
    operand->id = (uint32_t)b->operandCount;
    operand->desc = *desc;
    operand->kind = kind;
    b->operands[b->operandCount++] = operand;
    return operand;
}

/* Undo the last new_operand (used when a later allocation of the same call fails). */
static void drop_last_operands(WNNGraphBuilder b, size_t keep)
{
    while (b->operandCount > keep) {
        WNNOperand o = b->operands[--b->operandCount];
        free(o->name);
        free(o->data);
        free(o);
    }
}

static WNNStatus builder_fail(WNNGraphBuilder b, WNNStatus status, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static WNNStatus builder_fail(WNNGraphBuilder b, WNNStatus status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(b->message, sizeof b->message, format, args);
    va_end(args);
    return status;
}

/* The spec's "can not build": the builder has built (a context is never lost here). */
static int can_not_build(WNNGraphBuilder b)
{
    return b->hasBuilt;
}

WNNStatus wnnGraphBuilderInput(WNNGraphBuilder b, const char *name,
                               const WNNOperandDescriptor *desc, WNNOperand *out)
{
    ref_desc d;
    char reason[300];
    size_t i;
    WNNOperand operand;
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!desc || !out || !name)
        return builder_fail(b, WNNStatus_InvalidArgument,
                            "input: name, descriptor and out must not be NULL");
    /* SPEC-STEP 1 */
    if (can_not_build(b))
        return builder_fail(b, WNNStatus_InvalidStateError,
                            "input: the builder has already built a graph");
    /* SPEC-STEP 2 */
    if (name[0] == '\0')
        return builder_fail(b, WNNStatus_TypeError, "input: the name must not be empty");
    /* SPEC-STEP 3 */
    for (i = 0; i < b->operandCount; i++)
        if (b->operands[i]->kind == REF_OPERAND_INPUT && strcmp(b->operands[i]->name, name) == 0)
            return builder_fail(b, WNNStatus_TypeError,
                                "input: another input already has the name, got \"%s\"", name);
    /* SPEC-STEP 4 (its byte length step: maxTensorBytes) */
    if (!ref_check_descriptor(b->context, "the input", desc->dataType, desc->shape,
                              desc->shapeCount, &d, reason, sizeof reason))
        return builder_fail(b, WNNStatus_TypeError, "input[%s]: %s", name, reason);
    /* SPEC-STEP 5: make graph connections. */
    operand = new_operand(b, &d, REF_OPERAND_INPUT);
    if (!operand)
        return builder_fail(b, WNNStatus_OutOfMemory, "input: out of memory");
    operand->name = ref_strdup(name);
    if (!operand->name) {
        drop_last_operands(b, b->operandCount - 1);
        return builder_fail(b, WNNStatus_OutOfMemory, "input: out of memory");
    }
    *out = operand;
    return WNNStatus_Success;
}

/* Add a constant operand holding a copy of `bytes`. */
static WNNStatus add_constant(WNNGraphBuilder b, const char *what, const ref_desc *d,
                              const void *bytes, size_t byteLength, WNNOperand *out)
{
    WNNOperand operand = new_operand(b, d, REF_OPERAND_CONSTANT);
    if (!operand)
        return builder_fail(b, WNNStatus_OutOfMemory, "%s: out of memory", what);
    operand->data = malloc(byteLength ? byteLength : 1);
    if (!operand->data) {
        drop_last_operands(b, b->operandCount - 1);
        return builder_fail(b, WNNStatus_OutOfMemory, "%s: out of memory", what);
    }
    if (byteLength)
        memcpy(operand->data, bytes, byteLength);
    operand->byteLength = byteLength;
    *out = operand;
    return WNNStatus_Success;
}

/* Values of the int4/uint4 extension must lie in their 4-bit range. */
static int extension_values_valid(const ref_desc *d, const void *data, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        if (d->type == WNNOperandDataType_Int4) {
            int8_t v = ((const int8_t *)data)[i];
            if (v < -8 || v > 7)
                return 0;
        } else if (d->type == WNNOperandDataType_Uint4 && ((const uint8_t *)data)[i] > 15) {
            return 0;
        }
    }
    return 1;
}

WNNStatus wnnGraphBuilderConstant(WNNGraphBuilder b, const WNNOperandDescriptor *desc,
                                  const void *data, size_t byteLength, WNNOperand *out)
{
    ref_desc d;
    char reason[300];
    size_t expected;
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!desc || !out || (!data && byteLength))
        return builder_fail(b, WNNStatus_InvalidArgument,
                            "constant: descriptor, data and out must not be NULL");
    /* SPEC-STEP 1 */
    if (can_not_build(b))
        return builder_fail(b, WNNStatus_InvalidStateError,
                            "constant: the builder has already built a graph");
    /* SPEC-STEP 2 (its byte length step: maxTensorBytes, before the copy is allocated) */
    if (!ref_check_descriptor(b->context, "the constant", desc->dataType, desc->shape,
                              desc->shapeCount, &d, reason, sizeof reason))
        return builder_fail(b, WNNStatus_TypeError, "constant: %s", reason);
    /* SPEC-STEP 3: validate buffer with descriptor (its byte length must match exactly). */
    expected = ref_shape_count(&d.shape) * ref_type_size(d.type);
    if (byteLength != expected)
        return builder_fail(b, WNNStatus_TypeError,
                            "constant: the buffer's byte length must be %lu, got %lu",
                            (unsigned long)expected, (unsigned long)byteLength);
    if (!extension_values_valid(&d, data, ref_shape_count(&d.shape)))
        return builder_fail(b, WNNStatus_TypeError,
                            "constant: a %s value is outside its 4-bit range",
                            ref_type_name(d.type));
    /* SPEC-STEP 4: make graph connections (the bytes are copied now). */
    return add_constant(b, "constant", &d, data, byteLength, out);
}

WNNStatus wnnGraphBuilderConstantScalar(WNNGraphBuilder b, WNNOperandDataType type,
                                        WNNNumber value, WNNOperand *out)
{
    ref_desc d;
    ref_scalar s;
    ref_tensor t;
    unsigned char bytes[8];
    char reason[300];
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!out)
        return builder_fail(b, WNNStatus_InvalidArgument, "constant: out must not be NULL");
    if (!ref_type_valid(type))
        return builder_fail(b, WNNStatus_TypeError,
                            "constant: the data type is not an MLOperandDataType, got %d",
                            (int)type);
    if ((unsigned)value.type > (unsigned)WNNNumberType_Uint64)
        return builder_fail(b, WNNStatus_InvalidArgument,
                            "constant: the WNNNumber type is out of range, got %d",
                            (int)value.type);
    /* SPEC-STEP 1 */
    if (can_not_build(b))
        return builder_fail(b, WNNStatus_InvalidStateError,
                            "constant: the builder has already built a graph");
    /* SPEC-STEP 2: cast the value to the data type (saturating, half-even). */
    /* (The algorithm has no 4-bit branch; ConvertToInt with the extension's 4-bit range
     * saturates int4/uint4 the same way.) */
    s = ref_cast_number(value, type);
    /* SPEC-STEP 3: a scalar descriptor. It is created, not checked, by the text; a limit
     * below one element's size refuses it like any other operand (C-only extension). */
    d.type = type;
    d.shape.rank = 0;
    if (!ref_check_byte_length(b->context, "the constant", &d, reason, sizeof reason))
        return builder_fail(b, WNNStatus_TypeError, "constant: %s", reason);
    t.desc = d;
    t.count = 1;
    t.data = bytes;
    t.mask = NULL;
    ref_store(&t, 0, s);
    /* SPEC-STEP 4: make graph connections. */
    return add_constant(b, "constant", &d, bytes, ref_type_size(type), out);
}

WNNStatus wnnGraphBuilderConstantTensor(WNNGraphBuilder b, WNNTensor tensor, WNNOperand *out)
{
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!tensor || !out)
        return builder_fail(b, WNNStatus_InvalidArgument,
                            "constant: tensor and out must not be NULL");
    /* SPEC-STEP 1 */
    if (tensor->context != b->context)
        return builder_fail(b, WNNStatus_TypeError,
                            "constant: the tensor belongs to another context");
    /* SPEC-STEP 2 (a destroyed tensor is a released handle here: it cannot be passed). */
    /* SPEC-STEP 3 */
    if (!tensor->constant)
        return builder_fail(b, WNNStatus_TypeError,
                            "constant: the tensor was not created by createConstantTensor");
    /* SPEC-STEP 4 */
    if (can_not_build(b))
        return builder_fail(b, WNNStatus_InvalidStateError,
                            "constant: the builder has already built a graph");
    /* SPEC-STEP 5. SPEC-SILENT: the bytes are copied now, so destroying the tensor later
     * cannot affect the graph (the text lets build() reject a destroyed constant tensor). */
    return add_constant(b, "constant", &tensor->desc, tensor->data, tensor->byteLength, out);
}

/* ---- operator helpers -------------------------------------------------------------------- */

static void op_prefix(const ref_op *op, char *buffer, size_t size)
{
    if (op->label && op->label[0])
        snprintf(buffer, size, "%s[%s]: ", ref_op_name(op->id), op->label);
    else
        snprintf(buffer, size, "%s: ", ref_op_name(op->id));
}

WNNStatus ref_op_fail(const ref_op *op, WNNStatus status, const char *format, ...)
{
    va_list args;
    size_t used;
    op_prefix(op, op->builder->message, sizeof op->builder->message);
    used = strlen(op->builder->message);
    va_start(args, format);
    vsnprintf(op->builder->message + used, sizeof op->builder->message - used, format, args);
    va_end(args);
    return status;
}

WNNStatus ref_op_begin(ref_op *op, WNNGraphBuilder b, ref_op_id id, const char *label,
                       const void *out)
{
    op->builder = b;
    op->id = id;
    op->label = label;
    op->kernelPropagatesMask = 0;
    op->scratchBytes = 0;
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!out)
        return ref_op_fail(op, WNNStatus_InvalidArgument, "the output pointer is NULL");
    /* SPEC-STEP: "If this can not build, then throw an InvalidStateError." */
    if (can_not_build(b))
        return ref_op_fail(op, WNNStatus_InvalidStateError,
                           "the builder has already built a graph");
    return WNNStatus_Success;
}

WNNStatus ref_op_operand(const ref_op *op, WNNOperand operand, const char *argument,
                         const ref_desc **desc)
{
    if (!operand)
        return ref_op_fail(op, WNNStatus_TypeError, "%s is NULL", argument);
    if (operand->builder != op->builder)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "%s was created by another builder", argument);
    *desc = &operand->desc;
    return WNNStatus_Success;
}

WNNStatus ref_op_optional_operand(const ref_op *op, WNNOperand operand, const char *argument,
                                  const ref_desc **desc)
{
    *desc = NULL;
    return operand ? ref_op_operand(op, operand, argument, desc) : WNNStatus_Success;
}

WNNStatus ref_op_check_type(const ref_op *op, const char *argument, WNNOperandDataType type,
                            unsigned allowed)
{
    char list[160] = "";
    int t;
    if (ref_type_valid(type) && (allowed & (1u << type)))
        return WNNStatus_Success;
    for (t = 0; t <= (int)WNNOperandDataType_Uint4; t++) {
        if (allowed & (1u << t)) {
            if (list[0])
                strcat(list, ", ");
            strcat(list, ref_type_name((WNNOperandDataType)t));
        }
    }
    return ref_op_fail(op, WNNStatus_TypeError, "the data type of %s must be one of %s, got %s",
                       argument, list, ref_type_valid(type) ? ref_type_name(type) : "invalid");
}

WNNStatus ref_op_check_finite(const ref_op *op, const char *argument, double value)
{
    /* The option is an IDL (restricted) double: NaN and the infinities throw TypeError. */
    if (isfinite(value))
        return WNNStatus_Success;
    return ref_op_fail(op, WNNStatus_TypeError, "%s must be a finite number, got %g", argument,
                       value);
}

WNNStatus ref_op_check_enum(const ref_op *op, const char *argument, int value, int count)
{
    if (value >= 0 && value < count)
        return WNNStatus_Success;
    return ref_op_fail(op, WNNStatus_TypeError, "%s is not a valid enum value, got %d", argument,
                       value);
}

WNNStatus ref_op_check_rank(const ref_op *op, const char *argument, const ref_desc *desc,
                            size_t rank)
{
    if (desc->shape.rank == rank)
        return WNNStatus_Success;
    return ref_op_fail(op, WNNStatus_TypeError, "the rank of %s must be %lu, got %lu", argument,
                       (unsigned long)rank, (unsigned long)desc->shape.rank);
}

WNNStatus ref_op_check_same_type(const ref_op *op, const char *argument, const ref_desc *desc,
                                 const ref_desc *input)
{
    if (desc->type == input->type)
        return WNNStatus_Success;
    return ref_op_fail(op, WNNStatus_TypeError,
                       "the data type of %s must be the input's %s, got %s", argument,
                       ref_desc_type_name(input), ref_desc_type_name(desc));
}

WNNStatus ref_op_check_shape(const ref_op *op, const char *argument, const ref_desc *desc,
                             const uint64_t *dims, size_t rank)
{
    char want[160], got[256];
    size_t i, used;
    int equal = desc->shape.rank == rank;
    for (i = 0; equal && i < rank; i++)
        equal = desc->shape.dims[i] == dims[i];
    if (equal)
        return WNNStatus_Success;
    used = (size_t)snprintf(want, sizeof want, "[");
    for (i = 0; i < rank && used < sizeof want; i++)
        used += (size_t)snprintf(want + used, sizeof want - used, i ? ", %llu" : "%llu",
                                 (unsigned long long)dims[i]);
    if (used < sizeof want)
        snprintf(want + used, sizeof want - used, "]");
    ref_shape_format(&desc->shape, got, sizeof got);
    return ref_op_fail(op, WNNStatus_TypeError, "the shape of %s must be %s, got %s", argument,
                       want, got);
}

WNNStatus ref_op_make_desc(const ref_op *op, const char *what, WNNOperandDataType type,
                           const uint32_t *dims, size_t rank, ref_desc *desc)
{
    size_t i;
    if (rank > REF_MAX_RANK)
        return ref_op_fail(op, WNNStatus_TypeError,
                           "the rank of %s exceeds this implementation's maximum of %d, got %lu",
                           what, REF_MAX_RANK, (unsigned long)rank);
    desc->type = type;
    desc->shape.rank = rank;
    for (i = 0; i < rank; i++)
        desc->shape.dims[i] = dims[i];
    return WNNStatus_Success;
}

const char *ref_desc_type_name(const ref_desc *desc)
{
    return ref_type_name(desc->type);
}

WNNStatus ref_op_finish(const ref_op *op, ref_kernel kernel, const void *attrs,
                        size_t attrSize, size_t inputCount, const WNNOperand *inputs,
                        size_t outputCount, const ref_desc *outputDescs, WNNOperand *outs)
{
    WNNGraphBuilder b = op->builder;
    size_t keep = b->operandCount, i;
    ref_node node;
    memset(&node, 0, sizeof node);
    /* Every output must be describable: valid dimensions and element count (2^31 - 1). */
    for (i = 0; i < outputCount; i++) {
        size_t d;
        int ok;
        char text[256], reason[320];
        for (d = 0; d < outputDescs[i].shape.rank; d++)
            if (outputDescs[i].shape.dims[d] > REF_MAX_DIMENSION) {
                ref_shape_format(&outputDescs[i].shape, text, sizeof text);
                return ref_op_fail(op, WNNStatus_TypeError,
                                   "an output dimension exceeds 2^31-1, got shape %s", text);
            }
        (void)ref_shape_checked_count(&outputDescs[i].shape, &ok);
        if (!ok) {
            ref_shape_format(&outputDescs[i].shape, text, sizeof text);
            return ref_op_fail(op, WNNStatus_TypeError,
                               "the output element count exceeds 2^31-1, got shape %s", text);
        }
        /* The last step of "check dimensions" on the output descriptor: its byte length is
         * supported (maxTensorBytes). Nothing is allocated for it before dispatch, and this
         * keeps every operand the evaluator will allocate within the limit. */
        if (!ref_check_byte_length(b->context, outputCount > 1 ? "an output" : "the output",
                                   &outputDescs[i], reason, sizeof reason))
            return ref_op_fail(op, WNNStatus_TypeError, "%s", reason);
    }
    if (b->nodeCount == b->nodeCapacity) {
        size_t capacity = b->nodeCapacity ? b->nodeCapacity * 2 : 16;
        ref_node *grown = (ref_node *)realloc(b->nodes, capacity * sizeof *grown);
        if (!grown)
            return ref_op_fail(op, WNNStatus_OutOfMemory, "out of memory");
        b->nodes = grown;
        b->nodeCapacity = capacity;
    }
    node.op = op->id;
    node.kernel = kernel;
    node.kernelPropagatesMask = op->kernelPropagatesMask;
    node.scratchBytes = op->scratchBytes;
    node.attrSize = attrSize;
    node.inputCount = inputCount;
    node.outputCount = outputCount;
    node.label = ref_strdup(op->label ? op->label : "");
    node.attrs = malloc(attrSize ? attrSize : 1);
    node.inputs = (uint32_t *)malloc((inputCount ? inputCount : 1) * sizeof(uint32_t));
    node.outputs = (uint32_t *)malloc((outputCount ? outputCount : 1) * sizeof(uint32_t));
    if (!node.label || !node.attrs || !node.inputs || !node.outputs)
        goto out_of_memory;
    if (attrSize)
        memcpy(node.attrs, attrs, attrSize);
    for (i = 0; i < inputCount; i++)
        node.inputs[i] = inputs[i] ? inputs[i]->id : REF_NO_OPERAND;
    /* Make graph connections: one new operand per output. */
    for (i = 0; i < outputCount; i++) {
        WNNOperand o = new_operand(b, &outputDescs[i], REF_OPERAND_RESULT);
        if (!o)
            goto out_of_memory;
        node.outputs[i] = o->id;
    }
    b->nodes[b->nodeCount++] = node;
    for (i = 0; i < outputCount; i++)
        outs[i] = b->operands[keep + i];
    return WNNStatus_Success;
out_of_memory:
    drop_last_operands(b, keep);
    ref_node_free(&node);
    return ref_op_fail(op, WNNStatus_OutOfMemory, "out of memory");
}

/* ---- build ------------------------------------------------------------------------------- */

static void graph_free(WNNGraph g)
{
    size_t i;
    if (!g)
        return;
    for (i = 0; i < g->operandCount; i++)
        free((void *)g->operands[i].data);
    for (i = 0; i < g->nodeCount; i++)
        ref_node_free(&g->nodes[i]);
    for (i = 0; i < g->inputCount; i++)
        free(g->inputs[i].name);
    for (i = 0; i < g->outputCount; i++)
        free(g->outputs[i].name);
    free(g->operands);
    free(g->nodes);
    free(g->inputs);
    free(g->outputs);
    free(g);
}

void wnnGraphRelease(WNNGraph g)
{
    graph_free(g);
}

static int copy_node(ref_node *dst, const ref_node *src)
{
    memset(dst, 0, sizeof *dst);
    dst->op = src->op;
    dst->kernel = src->kernel;
    dst->kernelPropagatesMask = src->kernelPropagatesMask;
    dst->scratchBytes = src->scratchBytes;
    dst->attrSize = src->attrSize;
    dst->inputCount = src->inputCount;
    dst->outputCount = src->outputCount;
    dst->label = ref_strdup(src->label);
    dst->attrs = malloc(src->attrSize ? src->attrSize : 1);
    dst->inputs = (uint32_t *)malloc((src->inputCount ? src->inputCount : 1) * sizeof(uint32_t));
    dst->outputs = (uint32_t *)malloc((src->outputCount ? src->outputCount : 1) * sizeof(uint32_t));
    if (!dst->label || !dst->attrs || !dst->inputs || !dst->outputs)
        return 0;
    memcpy(dst->attrs, src->attrs, src->attrSize);
    memcpy(dst->inputs, src->inputs, src->inputCount * sizeof(uint32_t));
    memcpy(dst->outputs, src->outputs, src->outputCount * sizeof(uint32_t));
    return 1;
}

/* Whether a node computes a reachable operand (then the evaluator runs it). */
static int node_used(const ref_node *node, const unsigned char *reachable)
{
    size_t j;
    for (j = 0; j < node->outputCount; j++)
        if (reachable[node->outputs[j]])
            return 1;
    return 0;
}

/* What evaluating the graph holds at once (ref/evaluate.c and dispatch): the reachable
 * inputs and constants, every output of every node that runs (an unused output of a split
 * is allocated too), a fresh buffer per graph output, and the largest kernel scratch.
 * Sums saturate, so no overflow can make a huge graph look small. SPEC-SILENT: the text
 * only says build() rejects with an OperationError when conversion fails; a graph above
 * maxGraphBytes is such a failure. Returns 0 with the message set when it is too much. */
static int check_graph_bytes(WNNGraphBuilder b, const unsigned char *reachable, size_t count,
                             const WNNNamedOperand *outputs)
{
    uint64_t operands = 0, copies = 0, scratch = 0, total;
    uint64_t limit = b->context->options.maxGraphBytes;
    size_t i, j;
    for (i = 0; i < b->operandCount; i++)
        if (reachable[i] && b->operands[i]->kind != REF_OPERAND_RESULT)
            operands = ref_add_saturating(operands, ref_desc_byte_length(&b->operands[i]->desc));
    for (i = 0; i < b->nodeCount; i++) {
        const ref_node *node = &b->nodes[i];
        if (!node_used(node, reachable))
            continue;
        for (j = 0; j < node->outputCount; j++)
            operands = ref_add_saturating(
                operands, ref_desc_byte_length(&b->operands[node->outputs[j]]->desc));
        if (node->scratchBytes > scratch)
            scratch = node->scratchBytes;
    }
    for (i = 0; i < count; i++)
        copies = ref_add_saturating(copies, ref_desc_byte_length(&outputs[i].operand->desc));
    total = ref_add_saturating(ref_add_saturating(operands, copies), scratch);
    if (limit > SIZE_MAX)
        limit = SIZE_MAX;
    if (total <= limit)
        return 1;
    builder_fail(b, WNNStatus_OperationError,
                 "build: the bytes needed to evaluate the graph must be at most %llu "
                 "(maxGraphBytes), got %llu (operands %llu, output copies %llu, kernel "
                 "scratch %llu)",
                 (unsigned long long)limit, (unsigned long long)total,
                 (unsigned long long)operands, (unsigned long long)copies,
                 (unsigned long long)scratch);
    return 0;
}

WNNStatus wnnGraphBuilderBuild(WNNGraphBuilder b, size_t count,
                               const WNNNamedOperand *outputs, WNNGraph *out)
{
    size_t i, j, n;
    unsigned char *reachable = NULL; /* per operand */
    WNNGraph g = NULL;
    if (!b)
        return WNNStatus_InvalidArgument;
    if (!out || (count && !outputs))
        return builder_fail(b, WNNStatus_InvalidArgument, "build: outputs and out must not be NULL");
    /* SPEC-STEP 2 */
    if (can_not_build(b))
        return builder_fail(b, WNNStatus_InvalidStateError,
                            "build: the builder has already built a graph");
    /* SPEC-STEP 3 */
    if (count == 0)
        return builder_fail(b, WNNStatus_TypeError, "build: outputs must not be empty");
    /* SPEC-STEP 4 */
    for (i = 0; i < count; i++) {
        const char *name = outputs[i].name;
        WNNOperand operand = outputs[i].operand;
        if (!name || name[0] == '\0')
            return builder_fail(b, WNNStatus_TypeError,
                                "build: output %lu has an empty name", (unsigned long)i);
        /* A record cannot hold a name twice; a C array can, so it is rejected. */
        for (j = 0; j < i; j++)
            if (strcmp(outputs[j].name, name) == 0)
                return builder_fail(b, WNNStatus_TypeError,
                                    "build: two outputs have the same name, got \"%s\"", name);
        if (!operand || operand->builder != b)
            return builder_fail(b, WNNStatus_TypeError,
                                "build: output \"%s\" is not an operand of this builder", name);
        if (operand->kind != REF_OPERAND_RESULT)
            return builder_fail(b, WNNStatus_TypeError,
                                "build: output \"%s\" is a graph %s; wrap it with identity()",
                                name, operand->kind == REF_OPERAND_INPUT ? "input" : "constant");
    }
    /* SPEC-STEP 5-8: walk back from the outputs. Nodes are created after their inputs, so a
     * reverse sweep over the node list visits every reachable node after its consumers. */
    reachable = (unsigned char *)calloc(b->operandCount, 1);
    g = (WNNGraph)calloc(1, sizeof *g);
    if (!reachable || !g)
        goto out_of_memory;
    for (i = 0; i < count; i++)
        reachable[outputs[i].operand->id] = 1;
    n = 0;
    for (i = b->nodeCount; i-- > 0;) {
        const ref_node *node = &b->nodes[i];
        int used = 0;
        for (j = 0; j < node->outputCount; j++)
            used |= reachable[node->outputs[j]];
        if (!used)
            continue;
        n++;
        for (j = 0; j < node->inputCount; j++)
            if (node->inputs[j] != REF_NO_OPERAND)
                reachable[node->inputs[j]] = 1;
    }
    /* SPEC-STEP 18.1.1-18.1.2: converting the graph fails (OperationError) when evaluating
     * it would hold more than maxGraphBytes; checked before anything of that size is
     * allocated. SPEC-SILENT: the text sets [[hasBuilt]] before converting; here a failed
     * build changes nothing in the builder, as every failed call (webnn.h, Errors). */
    if (!check_graph_bytes(b, reachable, count, outputs)) {
        free(reachable);
        graph_free(g);
        return WNNStatus_OperationError;
    }
    /* SPEC-STEP 10-14: the graph, with its own copy of everything it needs. */
    g->context = b->context;
    g->operandCount = b->operandCount;
    g->operands = (ref_graph_operand *)calloc(b->operandCount ? b->operandCount : 1,
                                              sizeof *g->operands);
    g->nodes = (ref_node *)calloc(n ? n : 1, sizeof *g->nodes);
    g->outputs = (ref_named *)calloc(count, sizeof *g->outputs);
    if (!g->operands || !g->nodes || !g->outputs)
        goto out_of_memory;
    for (i = 0; i < b->operandCount; i++) {
        WNNOperand o = b->operands[i];
        g->operands[i].desc = o->desc;
        g->operands[i].kind = o->kind;
        if (reachable[i] && o->kind == REF_OPERAND_INPUT)
            g->inputCount++;
        if (reachable[i] && o->kind == REF_OPERAND_CONSTANT) {
            void *copy = malloc(o->byteLength ? o->byteLength : 1);
            if (!copy)
                goto out_of_memory;
            memcpy(copy, o->data, o->byteLength);
            g->operands[i].data = copy;
        }
    }
    for (i = 0; i < b->nodeCount; i++) {
        const ref_node *node = &b->nodes[i];
        int used = 0;
        for (j = 0; j < node->outputCount; j++)
            used |= reachable[node->outputs[j]];
        if (used && !copy_node(&g->nodes[g->nodeCount++], node))
            goto out_of_memory;
    }
    /* SPEC-STEP 15: input descriptors of the reachable inputs only. */
    g->inputs = (ref_named *)calloc(g->inputCount ? g->inputCount : 1, sizeof *g->inputs);
    if (!g->inputs)
        goto out_of_memory;
    for (i = 0, j = 0; i < b->operandCount; i++) {
        if (reachable[i] && b->operands[i]->kind == REF_OPERAND_INPUT) {
            g->inputs[j].id = (uint32_t)i;
            g->inputs[j].name = ref_strdup(b->operands[i]->name);
            if (!g->inputs[j++].name)
                goto out_of_memory;
        }
    }
    /* SPEC-STEP 16: output descriptors. */
    for (i = 0; i < count; i++) {
        g->outputs[i].id = outputs[i].operand->id;
        g->outputs[i].name = ref_strdup(outputs[i].name);
        g->outputCount++;
        if (!g->outputs[i].name)
            goto out_of_memory;
    }
    free(reachable);
    /* SPEC-STEP 17 */
    b->hasBuilt = 1;
    *out = g;
    return WNNStatus_Success;
out_of_memory:
    free(reachable);
    graph_free(g);
    return builder_fail(b, WNNStatus_OutOfMemory, "build: out of memory");
}
