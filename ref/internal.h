/* ref/internal.h - the objects behind the public handles. Only ref/ sees these. */
#ifndef REF_INTERNAL_H
#define REF_INTERNAL_H

#include "builder.h"

#define REF_MESSAGE_SIZE 512
#define REF_NO_OPERAND UINT32_MAX

typedef enum ref_operand_kind {
    REF_OPERAND_INPUT,
    REF_OPERAND_CONSTANT,
    REF_OPERAND_RESULT /* output of an operator */
} ref_operand_kind;

struct WNNContextImpl {
    WNNContextOptions options; /* maxTensorBytes and maxGraphBytes are never 0 here */
    char message[REF_MESSAGE_SIZE];
};

struct WNNTensorImpl {
    WNNContext context;
    ref_desc desc;
    size_t count;
    size_t byteLength;
    WNNBool readable, writable, constant;
    void *data;    /* at least one byte, so a zero-size tensor has a valid pointer */
    uint8_t *mask; /* unspecified mask of the last dispatch that wrote it, or NULL */
};

struct WNNOperandImpl {
    WNNGraphBuilder builder;
    uint32_t id;
    ref_desc desc;
    ref_operand_kind kind;
    char *name;         /* graph inputs */
    void *data;         /* constants: a copy of the bytes */
    size_t byteLength;
};

typedef struct ref_node {
    ref_op_id op;
    char *label;
    ref_kernel kernel;
    int kernelPropagatesMask;
    void *attrs;
    size_t attrSize;
    size_t inputCount;
    uint32_t *inputs; /* operand ids, REF_NO_OPERAND for an absent optional input */
    size_t outputCount;
    uint32_t *outputs;
    uint64_t scratchBytes; /* the most the kernel allocates beside its outputs */
} ref_node;

struct WNNGraphBuilderImpl {
    WNNContext context;
    int hasBuilt;
    WNNOperand *operands;
    size_t operandCount, operandCapacity;
    ref_node *nodes;
    size_t nodeCount, nodeCapacity;
    char message[REF_MESSAGE_SIZE];
};

typedef struct ref_graph_operand {
    ref_desc desc;
    ref_operand_kind kind;
    const void *data; /* constants: owned copy; others NULL */
} ref_graph_operand;

typedef struct ref_named {
    char *name;
    uint32_t id;
} ref_named;

struct WNNGraphImpl {
    WNNContext context;
    size_t operandCount;
    ref_graph_operand *operands;
    size_t nodeCount;
    ref_node *nodes; /* reachable nodes only, in topological order */
    size_t inputCount;
    ref_named *inputs;
    size_t outputCount;
    ref_named *outputs;
};

/* Evaluate g. inputData[i] holds graph input i's bytes; results[j] (data and count set by the
 * caller) receives graph output j and its mask (allocated here when any element is
 * unspecified). With magnitudes set, every kernel reads the absolute values of its
 * floating-point inputs (wnnContextDispatchMagnitudes). observer (may be NULL) is called
 * around every node (wnnContextDispatchObserved). */
WNNStatus ref_graph_evaluate(const struct WNNGraphImpl *g, const void *const *inputData,
                             ref_tensor *results, int magnitudes,
                             const WNNDispatchObserver *observer);

/* Shared helpers. */
char *ref_strdup(const char *s);
void ref_set_message(char *buffer, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The spec's "check dimensions" on a public descriptor, writing a reason on failure. Its
 * last step, "byte length not supported", is ref_check_byte_length with context c's limit;
 * `what` names the operand or tensor in the reason ("the input", ...). */
int ref_check_descriptor(WNNContext c, const char *what, WNNOperandDataType type,
                         const uint32_t *shape, size_t shapeCount, ref_desc *out, char *reason,
                         size_t reasonSize);
/* The byte length of a descriptor whose element count is checked: at most 2^31-1 elements
 * of at most 8 bytes, so it always fits 64 bits. */
uint64_t ref_desc_byte_length(const ref_desc *d);
/* Whether the byte length of d is supported: at most the context's maxTensorBytes (and what
 * a size_t can count). Writes "the byte length of <what> (<type> <shape>) must be at most
 * <limit> (maxTensorBytes), got <n>" on failure. */
int ref_check_byte_length(WNNContext c, const char *what, const ref_desc *d, char *reason,
                          size_t reasonSize);
/* a + b, or UINT64_MAX when the sum does not fit: totals compared with a limit. */
uint64_t ref_add_saturating(uint64_t a, uint64_t b);
void ref_node_free(ref_node *node);

#endif
