/* conformance/internal.h - shared between the runner's files; not part of its interface. */
#ifndef CONFORMANCE_INTERNAL_H
#define CONFORMANCE_INTERNAL_H

#include "conformance.h"

#if defined(__GNUC__) || defined(__clang__)
#define CF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CF_PRINTF(f, a)
#endif

#define CF_NO_INDEX ((size_t)-1)

/* A named operand of a case's graph: an input, a constant or an operator's output. */
typedef struct cf_symbol {
    const char *name;
    WNNOperand operand;
    size_t input;    /* index in the case's inputs, or CF_NO_INDEX */
    size_t producer; /* index of the operator that made it, or CF_NO_INDEX */
} cf_symbol;

/* The operands an operator read (for finding the inputs the outputs depend on). */
typedef struct cf_reads {
    size_t *symbols;
    size_t count;
} cf_reads;

typedef struct cf_graph {
    const cf_case *c;
    WNNGraphBuilder builder;
    cf_pool *pool;
    cf_symbol *symbols;
    size_t symbolCount, symbolCapacity;
    size_t *hash; /* open addressing: symbol index + 1, 0 when empty; hashSize slots */
    size_t hashSize;
    cf_reads *opReads; /* one per operator */
    /* the operator being read */
    size_t *reads;
    size_t readCount, readCapacity;
    cf_text *notes;
    int disagreement;
    WNNStatus status;
} cf_graph;

/* The symbol named name, or CF_NO_INDEX. */
size_t cf_graph_find(const cf_graph *g, const char *name);
/* The most named operands in one case. */
#define CF_MAX_SYMBOLS ((size_t)1 << 20)

/* Add a symbol (the name must be new); returns its index, or CF_NO_INDEX when out of memory
 * or beyond CF_MAX_SYMBOLS. */
size_t cf_graph_add(cf_graph *g, const char *name, WNNOperand operand, size_t input,
                    size_t producer);

/* Read operator index of the case (its name, arguments, options and output names), call
 * its wnnGraphBuilder function and name its outputs. Returns 0 or -1 with err set. */
int cf_call_operator(cf_graph *g, size_t index, cf_text *err);

#endif
