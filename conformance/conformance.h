/* conformance/conformance.h - the conformance runner library: load WPT-format case files,
 * turn each case into webnn.h calls, run it, compare the outputs, report.
 *
 * It uses only the public webnn.h (and the JSON reader of tools/json.h), so it can drive
 * any implementation of webnn.h.
 *
 * A case file is the JSON form of a web-platform-tests WebNN conformance file (see
 * conformance/wpt/README.md): {"tests": [{"name", "graph": {"inputs", "operators",
 * "expectedOutputs"}, "tolerance"}, ...], ...}, with this project's extensions (README.md):
 * "expectedError", "spec", "notes" on a case, expected outputs given by their descriptor
 * alone. Reading is strict: an unknown member, an unknown operator, argument, option or enum
 * name is an error naming the file, line, column and case.
 */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <stddef.h>
#include <stdint.h>

#include "../webnn.h"
#include "../tools/json.h"

/* ------------------------------------------------------------------------------------------ */
/* Utilities: growing text, a pool of allocations freed together, number formats             */
/* ------------------------------------------------------------------------------------------ */

typedef struct cf_text {
    char *s;
    size_t length, capacity;
} cf_text;

void cf_text_init(cf_text *t);
void cf_text_free(cf_text *t);
void cf_text_clear(cf_text *t);
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
void cf_text_printf(cf_text *t, const char *fmt, ...);
void cf_text_append(cf_text *t, const char *s);
/* The text ("" when empty). */
const char *cf_text_str(const cf_text *t);

typedef struct cf_pool {
    struct cf_pool_block *head;
} cf_pool;

/* Zero-filled memory living until cf_pool_free; NULL when out of memory or bytes is huge. */
void *cf_pool_alloc(cf_pool *p, size_t bytes);
/* An array of count items of size bytes, checked for overflow. */
void *cf_pool_array(cf_pool *p, size_t count, size_t size);
char *cf_pool_strdup(cf_pool *p, const char *s);
void cf_pool_free(cf_pool *p);

/* binary16 from a double, rounding to nearest, ties to even (overflow to infinity,
 * subnormals kept, NaN kept as a quiet NaN with its sign). */
uint16_t cf_float16_from_double(double d);
double cf_float16_to_double(uint16_t bits);
/* binary32 from a double, rounding to nearest, ties to even, overflow to infinity. */
float cf_float32_from_double(double d);

/* Data types: "float32" -> WNNOperandDataType_Float32, ...; 0 when unknown. */
int cf_data_type_from_name(const char *name, WNNOperandDataType *out);
const char *cf_data_type_name(WNNOperandDataType t);
/* Element class of a data type. */
typedef enum cf_class { CF_CLASS_FLOAT, CF_CLASS_SIGNED, CF_CLASS_UNSIGNED } cf_class;
cf_class cf_data_type_class(WNNOperandDataType t);
/* The range of an integer data type. */
void cf_data_type_range(WNNOperandDataType t, int64_t *min, uint64_t *max);

/* The largest element count (and dimension) accepted: 2^31 - 1, as in the specification. */
#define CF_MAX_ELEMENTS ((size_t)0x7FFFFFFF)

/* ------------------------------------------------------------------------------------------ */
/* Case files and cases                                                                       */
/* ------------------------------------------------------------------------------------------ */

typedef struct cf_file {
    char *path;
    char *stem;                 /* file name without folder and ".json": "add" */
    json_document *doc;
    const json_value *tests;    /* the "tests" array */
    size_t caseCount;
    size_t proceduralCount;     /* "proceduralTests": API-mechanics subtests, not data */
} cf_file;

/* Open and parse a case file; checks its top-level structure. Returns 0, or -1 with a
 * message "path:line:column: ..." in err. */
int cf_file_open(cf_file *f, const char *path, const json_limits *limits, cf_text *err);
/* The same from text in memory; name stands for the path in messages. */
int cf_file_open_text(cf_file *f, const char *name, const char *text, size_t length,
                      const json_limits *limits, cf_text *err);
void cf_file_close(cf_file *f);
/* The name of case index (NULL when it has none or is not an object). */
const char *cf_file_case_name(const cf_file *f, size_t index);
/* The name of the first operator of case index, or NULL. */
const char *cf_file_case_operator(const cf_file *f, size_t index);
/* Whether case index calls the operator named op. */
int cf_file_case_uses(const cf_file *f, size_t index, const char *op);

/* The data of one tensor: a case input or expected output, or an implementation's result.
 * Values are kept by element class: float types as the double read from the JSON text
 * (unrounded; rounded to the data type when written into a tensor), signed integer types as
 * int64_t, unsigned ones as uint64_t, all checked to lie in the data type's range. */
typedef struct cf_tensor {
    const char *name;
    const json_value *node;     /* for error positions */
    WNNOperandDataType dataType;
    uint32_t *shape;
    size_t rank;
    size_t count;               /* elements: the product of shape */
    int constant;               /* an input: a constant operand, not a graph input */
    int fill;                   /* "data" was a bare number: every element has that value */
    int descriptorOnly;         /* an expected output given by its "descriptor" alone: only its
                                   data type and shape are checked; no values are stored */
    double *f;                  /* CF_CLASS_FLOAT: fill ? 1 : count values */
    int64_t *i;                 /* CF_CLASS_SIGNED */
    uint64_t *u;                /* CF_CLASS_UNSIGNED */
    const void *raw;            /* instead of f/i/u (graph files): count elements already in
                                   the data type's layout, written into tensors unchanged */
    const char *operand;        /* an expected output: the operand it names, when that differs
                                   from name (graph files' outputs); NULL otherwise */
} cf_tensor;

typedef enum cf_metric { CF_METRIC_NONE = 0, CF_METRIC_ULP, CF_METRIC_ATOL } cf_metric;

typedef struct cf_tolerance {
    cf_metric metric; /* NONE: the case has no tolerance; compared as 0 ULP */
    double value;
} cf_tolerance;

typedef struct cf_case {
    const cf_file *file;
    size_t index;
    const char *name;
    const json_value *node;
    const json_value *operators; /* the "operators" array, read when the graph is built */
    cf_tensor *inputs;
    size_t inputCount;
    cf_tensor *expected;         /* expectedOutputs, in document order */
    size_t expectedCount;
    cf_tolerance tolerance;      /* "tolerance": the case's own, for any operator */
    const char *spec;            /* "spec": "section / step" of the specification, or NULL */
    const char *notes;           /* "notes": free text, or NULL */
    /* "expectedError": {"status": "TypeError", "message": "substring"}: the case must fail
     * to build (an input, constant, operator call or build()) with this status and a builder
     * message containing this text. Its expectedOutputs may then be absent (the graph's
     * outputs are the last operator's outputs) or give descriptors only. */
    int expectError;
    WNNStatus expectedStatus;
    const char *expectedMessage;
    cf_pool pool;
} cf_case;

/* Load case index of a file: structure and data (operators are read by cf_execute). On
 * failure nothing needs freeing (calling cf_case_free is harmless). */
int cf_case_load(const cf_file *f, size_t index, cf_case *c, cf_text *err);
void cf_case_free(cf_case *c);

/* Read a tensor from its parts: dataType (a string node), shape (an array node) and data
 * (an array or a bare number). what names it in messages ("input \"x\""). */
int cf_tensor_read(cf_pool *pool, const char *path, const char *what, const json_value *dataType,
                   const json_value *shape, const json_value *data, cf_tensor *t, cf_text *err);
/* Write the tensor's count elements, converted to its data type, into buf (count * element
 * size bytes). */
void cf_tensor_pack(const cf_tensor *t, void *buf);

/* ------------------------------------------------------------------------------------------ */
/* Running a case                                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef struct cf_output {
    const char *name;
    WNNOperandDataType dataType;
    uint32_t *shape;
    size_t rank;
    size_t count;
    void *data;          /* count elements of dataType */
    uint8_t *mask;       /* count bytes: 1 where the specification leaves the value undefined */
    size_t unspecified;  /* the number of 1 bytes in mask */
} cf_output;

typedef struct cf_execution {
    cf_output *outputs;  /* one per expected output, in the same order */
    size_t count;
    cf_text notes;       /* how data predating the specification was read */
    int disagreement;    /* the error is a documented disagreement of the data with the spec */
    WNNStatus status;    /* the status of the call that failed, or Success */
    int builderFailed;   /* the call that failed is the graph builder's (an input, a constant,
                            an operator or build()), not the case reader's or the context's */
    cf_text message;     /* the failing webnn.h call's own error message */
    cf_pool pool;
} cf_execution;

/* Build the case's graph through webnn.h (context options may be NULL), create and write
 * the input tensors, dispatch, read every output and its unspecified mask. Returns 0, or -1
 * with the error in err (x->status, x->disagreement and x->notes say more). Always call
 * cf_execution_free afterwards. */
int cf_execute(const cf_case *c, const WNNContextOptions *options, cf_execution *x, cf_text *err);

/* Hooks into cf_execute, for the tools that time or trace a run. */
typedef enum cf_phase { CF_PHASE_BUILD, CF_PHASE_DISPATCH } cf_phase;
typedef struct cf_hooks {
    void *userData;
    /* called at the beginning (end = 0) and the end (end = 1) of each phase: BUILD from the
     * first builder call to build()'s return, DISPATCH around the dispatch call. */
    void (*phase)(void *userData, cf_phase phase, int end);
    const WNNDispatchObserver *observer; /* the dispatch is observed (may be NULL) */
    int buildOnly; /* stop after a successful build() (the inputs need no data); no outputs */
} cf_hooks;

/* cf_execute with hooks (may be NULL). */
int cf_execute_hooked(const cf_case *c, const WNNContextOptions *options, const cf_hooks *hooks,
                      cf_execution *x, cf_text *err);
void cf_execution_free(cf_execution *x);

/* The verdict on a case giving "expectedError", from its run x (failed: cf_execute returned
 * -1). Returns 1 when the graph builder rejected it with the expected status and a message
 * containing the expected text; 0 when it built (or failed elsewhere, or otherwise), with
 * the reason in report; -1 when the case reader stopped before the builder could judge (the
 * case itself is wrong: cf_execute's err says why). */
int cf_check_expected_error(const cf_case *c, const cf_execution *x, int failed, cf_text *report);

/* The operator call table: the 95 MLGraphBuilder operator names, in the specification's
 * order. */
#define CF_OPERATOR_COUNT 95
const char *cf_operator_name(size_t index);
/* Whether name is one of them. */
int cf_operator_known(const char *name);

/* The positional parameters of an operator, in the specification's order (the options
 * dictionary last), for readers of graph formats that name arguments differently. */
typedef enum cf_param_kind {
    CF_PARAM_OPERAND,  /* an MLOperand */
    CF_PARAM_OPERANDS, /* sequence<MLOperand> (concat's inputs) */
    CF_PARAM_VALUE,    /* anything else: an integer, a list, a data type */
    CF_PARAM_OPTIONS   /* the options dictionary */
} cf_param_kind;

typedef struct cf_param_info {
    const char *name;  /* the specification's parameter name: "input", "newShape", "options" */
    cf_param_kind kind;
    int optional;      /* may be left out */
} cf_param_info;

/* Parameter index of operator op. Returns 1, or 0 past the last one or for an unknown op. */
int cf_operator_param(const char *op, size_t index, cf_param_info *out);
/* Whether option `option` of operator op takes an operand (conv2d's "bias", gemm's "c"). */
int cf_operator_option_is_operand(const char *op, const char *option);

/* ------------------------------------------------------------------------------------------ */
/* Comparing                                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef enum cf_mode {
    CF_MODE_WPT = 0, /* the web-platform-tests rules and the case's tolerance */
    CF_MODE_EXACT,   /* bit for bit (floats after rounding the expected value to the type);
                        NaN matches any NaN; +0 and -0 differ */
    CF_MODE_BOUNDS,  /* float outputs of accumulating operators: an error budget per element
                        derived from the data (cf_bound_allowed); everything else: wpt */
    CF_MODE_AUTO     /* per output: exact for data movement and for integers computed
                        without floating-point arithmetic, bounds for accumulating
                        operators, wpt for the rest */
} cf_mode;

/* "wpt", "exact", "bounds", "auto" (NULL when out of range), and back (0 when unknown). */
const char *cf_mode_name(cf_mode mode);
int cf_mode_from_name(const char *name, cf_mode *out);

/* A read-only view of values: either raw typed elements (raw != NULL) or a cf_tensor's. */
typedef struct cf_values {
    WNNOperandDataType dataType;
    size_t count;
    int fill;            /* element 0 stands for every element */
    const void *raw;
    const double *f;
    const int64_t *i;
    const uint64_t *u;
} cf_values;

void cf_values_from_tensor(cf_values *v, const cf_tensor *t);
void cf_values_from_output(cf_values *v, const cf_output *o);

/* One element by class (the member for its class is set). */
typedef struct cf_element {
    double f;
    int64_t i;
    uint64_t u;
} cf_element;

void cf_values_get(const cf_values *v, size_t index, cf_element *e);

/* The verdict on one element. */
typedef struct cf_verdict {
    int pass;
    double distance; /* ULP, absolute, or integer distance; INFINITY when incomparable (a NaN
                        against a number, an infinity against anything else) */
    double allowed;
} cf_verdict;

/* Judge element `actual` against `expected` for an output of data type t. */
void cf_judge(WNNOperandDataType t, cf_mode mode, const cf_tolerance *tol,
              const cf_element *expected, const cf_element *actual, cf_verdict *v);
/* float32 ULP distance as the suite measures it: expected rounded to float32, then the
 * difference of sign-magnitude bit patterns (+0 and -0 are both 0); equal values and two
 * NaNs are 0 apart; INFINITY for a NaN against a number. */
double cf_ulp_float32(double expected, double actual);
/* float16: the difference of the raw 16-bit patterns of the values rounded to float16
 * (after the suite's equality test, so +0 and -0 are 0 apart). */
double cf_ulp_float16(double expected, double actual);

typedef struct cf_compare_stats {
    size_t checked;      /* elements compared */
    size_t failed;       /* elements beyond the allowed distance */
    size_t unspecified;  /* elements skipped because the specification leaves them undefined */
    size_t bounded;      /* of the checked elements, those judged by a data-derived bound */
    double worstFraction; /* the largest distance / allowed distance among those (0: none) */
    size_t budgetOnly;   /* of those, elements beyond the bound accepted within the case's wpt
                            budget (outputs of cf_bound_output.nonlinear) */
    double length;       /* the largest accumulation length n used by a bound (0: none) */
    const char *lengthOp; /* the operator it comes from */
} cf_compare_stats;

/* How many elements are compared: all, or for a bare-number expectation min(1000, count)
 * (the suite's rule). */
size_t cf_checked_count(const cf_values *expected);

/* Compare one output. mask (may be NULL) marks elements to skip. Failures are described in
 * report (case, output, element index, expected, got, distance, allowed). Returns 1 when
 * every compared element passes. stats accumulate. report and stats may be NULL. */
int cf_compare_values(const char *caseName, const char *output, const cf_values *expected,
                      const cf_values *actual, const uint8_t *mask, cf_mode mode,
                      const cf_tolerance *tol, cf_text *report, cf_compare_stats *stats);

/* ------------------------------------------------------------------------------------------ */
/* Bounds: error budgets derived from the data (mode bounds, after the TOSA reference model)  */
/* ------------------------------------------------------------------------------------------ */

/* An element of a float output computed by accumulating operators may differ from the
 * expected value by
 *
 *     allowed = CF_BOUNDS_K * n * u * m + floor
 *
 * n: the accumulation length (cf_bounds_compute), u: the unit roundoff of the output type,
 * m: the element's magnitude (the same graph evaluated on absolute values,
 * wnnContextDispatchMagnitudes; the larger of that and |expected|), floor: the smallest
 * normal number of the type (rounding near underflow). docs/comparison-modes.md derives it. */
#define CF_BOUNDS_K 2.0

/* Unit roundoff: 2^-24 for float32, 2^-11 for float16; 0 for integer types. */
double cf_unit_roundoff(WNNOperandDataType t);
/* Smallest positive normal number: 2^-126 for float32, 2^-14 for float16; 0 for integers. */
double cf_smallest_normal(WNNOperandDataType t);
/* allowed for length n and magnitude m (a NaN magnitude counts as 0; an infinite one, or a
 * product beyond the double range, allows any finite distance). */
double cf_bound_allowed(WNNOperandDataType t, double length, double magnitude);
/* Judge a float element in bounds mode: NaN meets NaN only, an infinity the same infinity
 * only (the expected value rounded to t first), otherwise the distance is |actual - expected|
 * (actual rounded to t, expected as given) and the allowed distance cf_bound_allowed(t,
 * length, max(magnitude, |expected|)). */
void cf_judge_bound(WNNOperandDataType t, double length, double magnitude,
                    const cf_element *expected, const cf_element *actual, cf_verdict *v);

/* How the automatic mode treats an operator. */
typedef enum cf_op_class {
    CF_OP_OTHER = 0,   /* compared with the wpt rules */
    CF_OP_MOVEMENT,    /* every result element is an input element, or exactly determined by
                          one (data movement, selection, cast, clamp, abs, neg): exact */
    CF_OP_ACCUMULATING /* a result element sums many terms (matmul, conv2d, reductions,
                          normalizations, softmax, recurrent networks): bounds */
} cf_op_class;

/* The class of an operator name (CF_OP_OTHER for unknown names). */
cf_op_class cf_operator_class(const char *name);
/* What cf_bounds_compute finds for one output. */
typedef struct cf_bound_output {
    double length;        /* n: the accumulation length of the largest accumulating operator
                             the output depends on; 0 when it depends on none */
    const char *op;       /* that operator's name, or NULL */
    int movement;         /* every operator the output depends on is CF_OP_MOVEMENT (or it
                             depends on none: an input) */
    int fromFloat;        /* some operator it depends on does floating-point arithmetic (a
                             float result of an operator not CF_OP_MOVEMENT, or
                             quantizeLinear): integers computed from it may be off by one */
    int nonlinear;        /* it depends on an accumulating operator whose magnitude
                             evaluation is not a sum of magnitudes (softmax, the
                             normalizations, reduceLogSum, reduceLogSumExp, gru, lstm and their
                             cells): an element is also accepted within the case's wpt budget */
    cf_values magnitudes; /* a float output with length > 0: per element, in the output's
                             type (raw); count 0 otherwise */
} cf_bound_output;

typedef struct cf_bounds {
    cf_bound_output *outputs; /* one per expected output, in the same order */
    size_t count;
    cf_pool pool;
} cf_bounds;

/* Build the case's graph again, derive each output's accumulation length and flags, and,
 * where some float output has a length, evaluate the graph on magnitudes
 * (wnnContextDispatchMagnitudes). Returns 0, or -1 with err set. Always call
 * cf_bounds_free afterwards. */
int cf_bounds_compute(const cf_case *c, cf_bounds *b, cf_text *err);
void cf_bounds_free(cf_bounds *b);
/* Whether any operator of the case is accumulating (then modes bounds and auto need
 * cf_bounds_compute). */
int cf_case_accumulates(const cf_case *c);
/* Whether every operator of the case is CF_OP_MOVEMENT. */
int cf_case_moves_only(const cf_case *c);

/* Compare one float output in bounds mode: cf_judge_bound per element with the magnitudes
 * (element i of magnitudes, or 0 when it has fewer); with tol not NULL an element beyond the
 * bound is also accepted within the wpt budget tol (the rule for cf_bound_output.nonlinear).
 * Otherwise like cf_compare_values. */
int cf_compare_values_bounded(const char *caseName, const char *output, const cf_values *expected,
                              const cf_values *actual, const uint8_t *mask, double length,
                              const cf_values *magnitudes, const cf_tolerance *tol,
                              cf_text *report, cf_compare_stats *stats);

/* Compare the reference outputs of a run (x) with the case's expected outputs: data type,
 * shape, then values. Modes bounds and auto evaluate the case on magnitudes first (a failure
 * there fails the case, with the reason in report). Returns 1 when all pass. report and stats
 * may be NULL. */
int cf_compare_case(const cf_case *c, const cf_execution *x, cf_mode mode, cf_text *report,
                    cf_compare_stats *stats);

/* Judge another implementation's result for a case (an entry of a results file:
 * {"status": "ok"|"error", "error": {...}, "outputs": {"<name>": {"dataType", "shape",
 * "data"}}}; unknown members ignored) against the oracle's run x. When the oracle itself
 * failed (oracleStatus not Success), an implementation error agrees with a TypeError of the
 * oracle. Returns 1 when it passes; report (may be NULL) says why not. path names the results
 * file. */
int cf_compare_result(const cf_case *c, const cf_execution *x, int oracleFailed,
                      WNNStatus oracleStatus, const char *path, const json_value *result,
                      cf_mode mode, cf_text *report, cf_compare_stats *stats);

/* ------------------------------------------------------------------------------------------ */
/* Writing expectations                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* Write one output as a case's expected output {"data": ..., "descriptor": {...}}. With
 * bare set and every element equal, data is written as a bare number. */
void cf_write_expected_output(json_writer *w, const cf_output *o, int bare);
/* Write an output as a results-file output {"dataType", "shape", "data"}; data is a bare
 * number when there are several elements, all equal. */
void cf_write_result_output(json_writer *w, const cf_output *o);
/* A case's input {"data", "descriptor", "constant": true when constant}. */
void cf_write_case_input(json_writer *w, const cf_output *o, int constant);

#endif
