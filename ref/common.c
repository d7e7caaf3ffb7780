/* ref/common.c - status strings, MLNumber constructors, data type names, the operator name
 * table and small shared helpers. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wnnStatusString(WNNStatus status)
{
    switch (status) {
    case WNNStatus_Success: return "Success";
    case WNNStatus_TypeError: return "TypeError";
    case WNNStatus_InvalidStateError: return "InvalidStateError";
    case WNNStatus_NotSupportedError: return "NotSupportedError";
    case WNNStatus_OperationError: return "OperationError";
    case WNNStatus_InvalidArgument: return "InvalidArgument";
    case WNNStatus_OutOfMemory: return "OutOfMemory";
    default: return "unknown status";
    }
}

const char *wnnOperandDataTypeString(WNNOperandDataType dataType)
{
    return ref_type_name(dataType);
}

size_t wnnOperandDataTypeByteSize(WNNOperandDataType dataType)
{
    return ref_type_size(dataType);
}

WNNNumber wnnNumberFromDouble(double value)
{
    WNNNumber n = WNN_NUMBER_DOUBLE(0);
    n.asDouble = value;
    return n;
}

WNNNumber wnnNumberFromInt64(int64_t value)
{
    WNNNumber n = WNN_NUMBER_DOUBLE(0);
    n.type = WNNNumberType_Int64;
    n.asInt64 = value;
    return n;
}

WNNNumber wnnNumberFromUint64(uint64_t value)
{
    WNNNumber n = WNN_NUMBER_DOUBLE(0);
    n.type = WNNNumberType_Uint64;
    n.asUint64 = value;
    return n;
}

#define REF_OP_NAME_(name) #name,
static const char *const op_names[REF_OP_COUNT] = {REF_OPERATORS(REF_OP_NAME_)};
#undef REF_OP_NAME_

const char *ref_op_name(ref_op_id op)
{
    return (unsigned)op < REF_OP_COUNT ? op_names[op] : "unknown";
}

ref_op_id ref_op_from_name(const char *name)
{
    int i;
    for (i = 0; i < REF_OP_COUNT; i++)
        if (name && strcmp(op_names[i], name) == 0)
            return (ref_op_id)i;
    return REF_OP_COUNT;
}

char *ref_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = (char *)malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

void ref_set_message(char *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, REF_MESSAGE_SIZE, format, args);
    va_end(args);
}

uint64_t ref_desc_byte_length(const ref_desc *d)
{
    return (uint64_t)ref_shape_count(&d->shape) * ref_type_size(d->type);
}

uint64_t ref_add_saturating(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

int ref_check_byte_length(WNNContext c, const char *what, const ref_desc *d, char *reason,
                          size_t reasonSize)
{
    uint64_t limit = c->options.maxTensorBytes, bytes = ref_desc_byte_length(d);
    char text[256];
    /* Every allocation takes a size_t: where it is narrower than 64 bits, so is the limit. */
    if (limit > SIZE_MAX)
        limit = SIZE_MAX;
    if (bytes <= limit)
        return 1;
    ref_shape_format(&d->shape, text, sizeof text);
    snprintf(reason, reasonSize,
             "the byte length of %s (%s %s) must be at most %llu (maxTensorBytes), got %llu",
             what, ref_type_name(d->type), text, (unsigned long long)limit,
             (unsigned long long)bytes);
    return 0;
}

int ref_check_descriptor(WNNContext c, const char *what, WNNOperandDataType type,
                         const uint32_t *shape, size_t shapeCount, ref_desc *out, char *reason,
                         size_t reasonSize)
{
    size_t i;
    int ok;
    if (!ref_type_valid(type)) {
        snprintf(reason, reasonSize, "the data type is not an MLOperandDataType, got %d",
                 (int)type);
        return 0;
    }
    if (shapeCount > 0 && !shape) {
        snprintf(reason, reasonSize, "the shape pointer is NULL with %lu dimensions",
                 (unsigned long)shapeCount);
        return 0;
    }
    /* SPEC-STEP 2 of "check dimensions": this implementation's maximum rank. */
    if (shapeCount > REF_MAX_RANK) {
        snprintf(reason, reasonSize, "the rank exceeds this implementation's maximum of %d, got %lu",
                 REF_MAX_RANK, (unsigned long)shapeCount);
        return 0;
    }
    out->type = type;
    out->shape.rank = shapeCount;
    /* SPEC-STEP 1: every dimension is a valid dimension. SPEC-ISSUE #391: zero is allowed
     * (WG resolution of 2026-05-21), so the check is the upper bound only. */
    for (i = 0; i < shapeCount; i++) {
        if (shape[i] > REF_MAX_DIMENSION) {
            snprintf(reason, reasonSize, "dimension %lu exceeds 2^31-1, got %lu",
                     (unsigned long)i, (unsigned long)shape[i]);
            return 0;
        }
        out->shape.dims[i] = shape[i];
    }
    /* SPEC-STEP 3: the element count is a valid dimension (at most 2^31-1). */
    (void)ref_shape_checked_count(&out->shape, &ok);
    if (!ok) {
        char text[256];
        ref_shape_format(&out->shape, text, sizeof text);
        snprintf(reason, reasonSize, "the element count exceeds 2^31-1, got shape %s", text);
        return 0;
    }
    /* SPEC-STEP 4: "byte length is not supported by the implementation": above the
     * context's maxTensorBytes (C-only extension, WNNContextOptions). */
    return ref_check_byte_length(c, what, out, reason, reasonSize);
}

void ref_node_free(ref_node *node)
{
    free(node->label);
    free(node->attrs);
    free(node->inputs);
    free(node->outputs);
}
