/* tools/graph.h - graph files: the .webnn text format, its canonical JSON twin
 * ("format": "webnn-graph-json") and WPT case files, checked and turned into runnable cases.
 *
 * One path from a graph to API calls: a .webnn file is parsed into the same JSON tree as its
 * twin (tools/graph_text.h), with the positions of the text; the tree is checked here
 * (structure, names, references, order); its nodes become the conformance runner's operator
 * calls ({"name", "arguments", "outputs"}, conformance/operators.c), and its inputs and
 * constants become the case's tensors, their data read from tensor files (.npy, JSON) and
 * weight stores (safetensors, manifest + blob; tools/tensorio.h). docs/graph-files.md
 * describes the formats and the rules.
 */
#ifndef TOOLS_GRAPH_H
#define TOOLS_GRAPH_H

#include "../conformance/conformance.h"

#define GF_MAX_RANK 16

/* A declared input or constant of a graph. */
typedef enum gf_init { GF_INPUT, GF_WEIGHTS, GF_SCALAR, GF_BYTES } gf_init;

typedef struct gf_operand {
    const char *name;
    const json_value *node;  /* its declaration (for positions) */
    WNNOperandDataType dataType;
    uint32_t shape[GF_MAX_RANK];
    size_t rank;
    size_t count;            /* elements */
    gf_init init;
    const json_value *value; /* GF_WEIGHTS: the key (a string); GF_SCALAR: the value;
                                GF_BYTES: the byte array; GF_INPUT: NULL */
} gf_operand;

typedef struct gf_graph {
    const char *path;
    const char *name;          /* the graph's name, or the file's stem */
    json_document *doc;        /* the JSON twin (owned) */
    const json_value *root;
    const json_value *nodes;   /* the "nodes" array */
    gf_operand *inputs;
    size_t inputCount;
    gf_operand *consts;
    size_t constCount;
    const char **outputNames;  /* the graph's outputs: name -> operand */
    const char **outputOperands;
    const json_value **outputNodes;
    size_t outputCount;
    json_value *operators;     /* the nodes as operator calls (made by gf_check) */
    cf_pool pool;
} gf_graph;

/* What a file holds. */
typedef enum gf_format { GF_FORMAT_TEXT, GF_FORMAT_TWIN, GF_FORMAT_WPT } gf_format;

/* Read a file and say which format it has: ".webnn" (or text starting with "webnn_graph")
 * is the text format; JSON with "format": "webnn-graph-json" the twin; JSON with "tests" a
 * WPT case file. On success *doc holds the parsed tree (text: the twin made from it).
 * Returns 0, or -1 with "path:line:column: ..." in err. */
int gf_read_file(const char *path, gf_format *format, json_document **doc, cf_text *err);

/* Check a twin tree (doc is taken over, also on failure) and prepare its operator calls.
 * Every structural error found is appended to err, one per line; *errorCount (may be
 * NULL) receives their number. Returns 0 when there is none. */
int gf_open(gf_graph *g, const char *path, json_document *doc, cf_text *err, size_t *errorCount);
void gf_close(gf_graph *g);

/* Tensor data bound to a graph's inputs and constants. */
typedef struct gf_binding {
    const char *name;
    void *data;               /* count elements in the operand's data type (malloc'd) */
} gf_binding;

typedef struct gf_data {
    const char *weightsPath;  /* --weights FILE, or NULL: found beside the graph */
    size_t maxTensorBytes;    /* bound on one tensor read from a file */
    gf_binding *inputs;       /* one per graph input, in declaration order (data NULL: not
                                 given) */
    gf_binding *consts;       /* one per constant */
} gf_data;

/* Read "--input NAME=FILE" into the binding of input NAME (.npy or a JSON tensor
 * {"dataType", "shape", "data"}), checked against its declaration. Returns 0 or -1. */
int gf_bind_input(const gf_graph *g, gf_data *d, const char *name, const char *file, cf_text *err);
/* Load every constant's data (weights found as docs/graph-files.md says). Returns 0 or -1. */
int gf_bind_constants(const gf_graph *g, gf_data *d, cf_text *err);
/* Allocate the bindings (all NULL). */
int gf_data_init(const gf_graph *g, gf_data *d);
void gf_data_free(const gf_graph *g, gf_data *d);
/* An error listing the inputs without data and their descriptors, or 0 when all have data. */
int gf_check_inputs_bound(const gf_graph *g, const gf_data *d, cf_text *err);

/* A runnable case made of the graph and its data (inputs may lack data when only building).
 * c borrows from g and d; free with cf_case_free. */
int gf_make_case(const gf_graph *g, const gf_data *d, cf_file *file, cf_case *c, cf_text *err);

/* Conversions between the twin and WPT case files. */
/* A WPT case (case index of f) as a twin tree: its non-constant inputs become inputs, its
 * constants inline bytes, its operators nodes, its expected outputs the outputs. */
int gf_twin_from_case(const cf_file *f, size_t index, json_document **out, cf_text *err);
/* Write the graph with its data as a WPT case file with one case, whose expected outputs are
 * the outputs x of a run of it. */
int gf_write_case(FILE *out, const gf_graph *g, const gf_data *d, const cf_execution *x,
                  cf_text *err);

/* A display form of a descriptor: "float32 [1, 3, 224, 224]". */
void gf_describe(cf_text *t, WNNOperandDataType type, const uint32_t *shape, size_t rank);

#endif
