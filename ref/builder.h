/* ref/builder.h - what an operator file in ops/ needs from the reference: validating its
 * arguments with labelled errors, and recording a node with its kernel.
 *
 * An operator's builder function follows the specification's steps:
 *
 *   ref_op op;
 *   WNNStatus s = ref_op_begin(&op, b, REF_OP_relu, options ? options->label : NULL, out);
 *   if (s) return s;                                   // SPEC-STEP: can not build
 *   if ((s = ref_op_operand(&op, input, "input", &in))) return s;  // validate operand
 *   ... checks, each failing with ref_op_fail(&op, WNNStatus_TypeError, "...") ...
 *   return ref_op_finish(&op, kernel, &attrs, sizeof attrs, 1, &input, 1, &outDesc, out);
 */
#ifndef REF_BUILDER_H
#define REF_BUILDER_H

#include "../webnn.h"
#include "operators.h"
#include "tensor.h"

/* A kernel evaluates one node: it reads its input tensors (an absent optional input is NULL)
 * and writes every element of its outputs, already allocated. It returns Success, or
 * OutOfMemory when a temporary allocation fails. attrs is the node's copy of the struct the
 * builder function recorded. */
typedef WNNStatus (*ref_kernel)(const void *attrs, const ref_tensor *const *inputs,
                                size_t inputCount, ref_tensor *const *outputs,
                                size_t outputCount);

/* One operator call being validated. */
typedef struct ref_op {
    WNNGraphBuilder builder;
    ref_op_id id;
    const char *label;
    /* Set by the operator before ref_op_finish when its kernel carries the unspecified mask
     * of its inputs element by element (ref_propagate_mask). Otherwise the evaluator marks
     * the whole output when any input element is unspecified. */
    int kernelPropagatesMask;
    /* Set by the operator before ref_op_finish when its kernel allocates scratch memory that
     * grows with the operands (accumulators, bookkeeping): the most it allocates at once, in
     * bytes, computed from the operands' sizes. build() counts the largest one against
     * maxGraphBytes. */
    uint64_t scratchBytes;
} ref_op;

/* Type sets for ref_op_check_type. */
#define REF_TYPE(name) (1u << WNNOperandDataType_##name)
#define REF_TYPES_FLOAT (REF_TYPE(Float32) | REF_TYPE(Float16))
#define REF_TYPES_ANY (REF_TYPES_FLOAT | REF_TYPE(Int32) | REF_TYPE(Uint32) | REF_TYPE(Int64) \
                       | REF_TYPE(Uint64) | REF_TYPE(Int8) | REF_TYPE(Uint8))
#define REF_TYPES_SIGNED_AND_FLOAT (REF_TYPES_FLOAT | REF_TYPE(Int64) | REF_TYPE(Int32) \
                                    | REF_TYPE(Int8))

/* Begin an operator call: checks the builder and the out pointer (InvalidArgument) and that
 * the builder can build (InvalidStateError). */
WNNStatus ref_op_begin(ref_op *op, WNNGraphBuilder b, ref_op_id id, const char *label,
                       const void *out);
/* Record the error "<op>[<label>]: <message>" in the builder and return status. */
WNNStatus ref_op_fail(const ref_op *op, WNNStatus status, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The spec's "validate operand": operand must be non-NULL and made by this builder. On
 * success *desc points at its descriptor. */
WNNStatus ref_op_operand(const ref_op *op, WNNOperand operand, const char *argument,
                         const ref_desc **desc);
/* The same for an optional operand: NULL is accepted and gives *desc = NULL. */
WNNStatus ref_op_optional_operand(const ref_op *op, WNNOperand operand, const char *argument,
                                  const ref_desc **desc);
/* TypeError unless the data type is in the set `allowed` (REF_TYPE bits). */
WNNStatus ref_op_check_type(const ref_op *op, const char *argument, WNNOperandDataType type,
                            unsigned allowed);
/* TypeError unless a restricted double option (alpha, beta, epsilon) is finite. */
WNNStatus ref_op_check_finite(const ref_op *op, const char *argument, double value);
/* TypeError unless an enum option is one of `count` values starting at 0. */
WNNStatus ref_op_check_enum(const ref_op *op, const char *argument, int value, int count);
/* TypeError unless the operand's rank is `rank`. */
WNNStatus ref_op_check_rank(const ref_op *op, const char *argument, const ref_desc *desc,
                            size_t rank);
/* TypeError unless the operand's data type is the input's (the tables' "same as input"). */
WNNStatus ref_op_check_same_type(const ref_op *op, const char *argument, const ref_desc *desc,
                                 const ref_desc *input);
/* TypeError unless the operand's shape equals dims. The expected dimensions are 64-bit, so a
 * computed size beyond 32 bits (3 * hiddenSize, ...) compares as unequal instead of
 * wrapping. */
WNNStatus ref_op_check_shape(const ref_op *op, const char *argument, const ref_desc *desc,
                             const uint64_t *dims, size_t rank);
/* Fill a descriptor from a type and dimensions; TypeError if the rank is too large. */
WNNStatus ref_op_make_desc(const ref_op *op, const char *what, WNNOperandDataType type,
                           const uint32_t *dims, size_t rank, ref_desc *desc);

/* Create the node and its output operands. Every output descriptor is checked (dimensions
 * and element count at most 2^31 - 1, byte length at most the context's maxTensorBytes).
 * inputs may contain NULL for absent optional operands. attrs (attrSize bytes, may be 0) is
 * copied. outs receives outputCount operands. */
WNNStatus ref_op_finish(const ref_op *op, ref_kernel kernel, const void *attrs,
                        size_t attrSize, size_t inputCount, const WNNOperand *inputs,
                        size_t outputCount, const ref_desc *outputDescs, WNNOperand *outs);

/* Format helpers for messages. */
const char *ref_desc_type_name(const ref_desc *desc);

#endif
