/* conformance/operators.c - the operator call table: an operator of a case, {"name",
 * "arguments", "outputs"}, becomes the matching wnnGraphBuilder<Op> call.
 *
 * "arguments" is positional: each item is an object with one member named after the
 * specification's parameter ({"input": "x"}, {"axis": 1}, {"options": {...}}). Operands are
 * referred to by name; enums by their specification strings ("nchw", "float32",
 * "nearest-neighbor"); sequences are arrays; MLNumber values are numbers, "NaN",
 * "Infinity", "-Infinity", or decimal strings for bigint values. Reading is strict: an
 * unknown operator, a misnamed or extra argument, an unknown option or enum value, a value
 * of the wrong kind is an error naming the file, line, column, case and operator.
 *
 * Values follow WebIDL's conversions, strictly: [EnforceRange] integers must be integers in
 * range (WebIDL would truncate a fraction; here it is an error), booleans must be true or
 * false, restricted double and float values must be finite.
 *
 * Data of the suite that predates the specification:
 *  - pool2d "roundingType" is read as "outputShapeRounding" (renamed by webnn PR #770), with
 *    a note;
 *  - softmax without "axis" (the old 2-D softmax) is read as axis 1 for a 2-D input, with a
 *    note;
 *  - pad mode "symmetric" (removed from the specification by webnn PR #843) is an error
 *    flagged as a documented disagreement.
 */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Parameters and arguments                                                                   */
/* ------------------------------------------------------------------------------------------ */

typedef enum param_kind {
    P_OPERAND,   /* MLOperand: a string naming an operand */
    P_OPERANDS,  /* sequence<MLOperand> */
    P_U32,       /* [EnforceRange] unsigned long */
    P_U32_LIST,  /* sequence<[EnforceRange] unsigned long> */
    P_DATA_TYPE, /* MLOperandDataType */
    P_SPLITS,    /* ([EnforceRange] unsigned long or sequence<[EnforceRange] unsigned long>) */
    P_OPTIONS    /* the options dictionary (always last and optional) */
} param_kind;

typedef struct param {
    const char *name;
    param_kind kind;
    int optional;      /* may be left out (besides options) */
    const char *alias; /* another name the suite's data uses for it, or NULL */
} param;

typedef struct arg {
    int present;
    const json_value *node;
    WNNOperand operand;
    WNNOperand *operands;
    uint32_t u32;
    uint32_t *list;
    size_t count; /* operands or list items */
    WNNOperandDataType dataType;
    int isList; /* P_SPLITS: a sequence */
} arg;

#define CF_MAX_PARAMS 8

typedef struct op_entry op_entry;

typedef struct cf_call {
    cf_graph *g;
    const op_entry *e;
    const char *opName; /* as written in the case */
    const json_value *node;
    size_t index;
    arg a[CF_MAX_PARAMS];
    WNNOperand outBuf[3];
    WNNOperand *outs;
    size_t outCount;
    cf_text *err;
} cf_call;

typedef WNNStatus (*unary_fn)(WNNGraphBuilder, WNNOperand, const WNNOperatorOptions *, WNNOperand *);
typedef WNNStatus (*binary_fn)(WNNGraphBuilder, WNNOperand, WNNOperand, const WNNOperatorOptions *,
                               WNNOperand *);
typedef WNNStatus (*reduce_fn)(WNNGraphBuilder, WNNOperand, const WNNReduceOptions *, WNNOperand *);
typedef WNNStatus (*pool_fn)(WNNGraphBuilder, WNNOperand, const WNNPool2dOptions *, WNNOperand *);
typedef WNNStatus (*arg_min_max_fn)(WNNGraphBuilder, WNNOperand, uint32_t,
                                    const WNNArgMinMaxOptions *, WNNOperand *);
typedef WNNStatus (*gather_fn)(WNNGraphBuilder, WNNOperand, WNNOperand, const WNNGatherOptions *,
                               WNNOperand *);
typedef WNNStatus (*ternary_fn)(WNNGraphBuilder, WNNOperand, WNNOperand, WNNOperand,
                                const WNNOperatorOptions *, WNNOperand *);
typedef int (*call_fn)(cf_call *k);

struct op_entry {
    const char *name;
    const param *params; /* ends with {NULL} */
    call_fn call;
    unary_fn unary;
    binary_fn binary;
    reduce_fn reduce;
    pool_fn pool;
    arg_min_max_fn argMinMax;
    gather_fn gather;
    ternary_fn ternary;
};

static int op_error(cf_call *k, const json_value *node, int atKey, const char *fmt, ...)
    CF_PRINTF(4, 5);

/* "path:line:column: case "name": operator N (op): message". Returns -1. */
static int op_error(cf_call *k, const json_value *node, int atKey, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    const json_value *at = node ? node : k->node;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (atKey && at->keyLine)
        cf_text_printf(k->err, "%s:%u:%u: ", k->g->c->file->path, (unsigned)at->keyLine,
                       (unsigned)at->keyColumn);
    else
        cf_text_printf(k->err, "%s:%u:%u: ", k->g->c->file->path, (unsigned)at->line,
                       (unsigned)at->column);
    cf_text_printf(k->err, "case \"%s\": operator %lu (%s): %s", k->g->c->name,
                   (unsigned long)k->index, k->e ? k->e->name : k->opName ? k->opName : "?", message);
    return -1;
}

static int note_read(cf_call *k, size_t symbol)
{
    cf_graph *g = k->g;
    if (g->readCount == g->readCapacity) {
        size_t cap = g->readCapacity ? g->readCapacity * 2 : 16;
        size_t *r = (size_t *)realloc(g->reads, cap * sizeof *r);
        if (!r)
            return op_error(k, NULL, 0, "out of memory");
        g->reads = r;
        g->readCapacity = cap;
    }
    g->reads[g->readCount++] = symbol;
    return 0;
}

static const char *describe_value(const json_value *v, char *buf, size_t size)
{
    if (v->type == JSON_STRING)
        snprintf(buf, size, "\"%.60s\"", v->text);
    else if (v->type == JSON_NUMBER)
        snprintf(buf, size, "%.60s", v->text);
    else
        snprintf(buf, size, "%s", json_type_name(v->type));
    return buf;
}

static int read_operand(cf_call *k, const json_value *v, const char *what, WNNOperand *out)
{
    size_t s;
    char buf[80];
    if (v->type != JSON_STRING)
        return op_error(k, v, 0, "%s must name an operand (a string), got %s", what,
                        describe_value(v, buf, sizeof buf));
    s = cf_graph_find(k->g, v->text);
    if (s == CF_NO_INDEX)
        return op_error(k, v, 0, "%s: no operand named \"%.100s\" (an input or an earlier "
                        "operator's output)", what, v->text);
    *out = k->g->symbols[s].operand;
    return note_read(k, s);
}

static int read_u32(cf_call *k, const json_value *v, const char *what, uint32_t *out)
{
    uint64_t u;
    json_conversion c;
    char buf[80];
    if (v->type != JSON_NUMBER)
        return op_error(k, v, 0, "%s must be an integer from 0 to 4294967295, got %s", what,
                        describe_value(v, buf, sizeof buf));
    c = json_to_uint64(v, &u);
    if (c != JSON_CONV_OK || u > UINT32_MAX)
        return op_error(k, v, 0, "%s must be an integer from 0 to 4294967295, got %s (%s)", what,
                        describe_value(v, buf, sizeof buf),
                        c == JSON_CONV_OK ? json_conversion_string(JSON_CONV_RANGE)
                                          : json_conversion_string(c));
    *out = (uint32_t)u;
    return 0;
}

static int read_u32_list(cf_call *k, const json_value *v, const char *what, uint32_t **list,
                         size_t *count)
{
    size_t i;
    char item[160];
    if (v->type != JSON_ARRAY)
        return op_error(k, v, 0, "%s must be an array of integers, got %s", what,
                        json_type_name(v->type));
    *list = (uint32_t *)cf_pool_array(k->g->pool, v->length ? v->length : 1, sizeof **list);
    if (!*list)
        return op_error(k, v, 0, "out of memory");
    for (i = 0; i < v->length; i++) {
        snprintf(item, sizeof item, "%s[%lu]", what, (unsigned long)i);
        if (read_u32(k, &v->items[i], item, &(*list)[i]) != 0)
            return -1;
    }
    *count = v->length;
    return 0;
}

static int read_data_type(cf_call *k, const json_value *v, const char *what,
                          WNNOperandDataType *out)
{
    char buf[80];
    if (v->type != JSON_STRING || !cf_data_type_from_name(v->text, out))
        return op_error(k, v, 0, "%s must be a data type (\"float32\", \"float16\", \"int32\", "
                        "\"uint32\", \"int64\", \"uint64\", \"int8\", \"uint8\", \"int4\", \"uint4\"), "
                        "got %s", what, describe_value(v, buf, sizeof buf));
    return 0;
}

static int read_argument(cf_call *k, const param *p, const json_value *v, arg *a)
{
    char what[80];
    size_t i;
    snprintf(what, sizeof what, "argument \"%s\"", p->name);
    a->present = 1;
    a->node = v;
    switch (p->kind) {
    case P_OPERAND:
        return read_operand(k, v, what, &a->operand);
    case P_OPERANDS:
        if (v->type != JSON_ARRAY)
            return op_error(k, v, 0, "%s must be an array of operand names, got %s", what,
                            json_type_name(v->type));
        a->operands = (WNNOperand *)cf_pool_array(k->g->pool, v->length ? v->length : 1,
                                                  sizeof *a->operands);
        if (!a->operands)
            return op_error(k, v, 0, "out of memory");
        for (i = 0; i < v->length; i++) {
            char item[160];
            snprintf(item, sizeof item, "%s[%lu]", what, (unsigned long)i);
            if (read_operand(k, &v->items[i], item, &a->operands[i]) != 0)
                return -1;
        }
        a->count = v->length;
        return 0;
    case P_U32:
        return read_u32(k, v, what, &a->u32);
    case P_U32_LIST:
        return read_u32_list(k, v, what, &a->list, &a->count);
    case P_DATA_TYPE:
        return read_data_type(k, v, what, &a->dataType);
    case P_SPLITS:
        if (v->type == JSON_ARRAY) {
            a->isList = 1;
            return read_u32_list(k, v, what, &a->list, &a->count);
        }
        return read_u32(k, v, what, &a->u32);
    case P_OPTIONS:
        if (v->type != JSON_OBJECT)
            return op_error(k, v, 0, "the options must be an object, got %s", json_type_name(v->type));
        return 0;
    }
    return op_error(k, v, 0, "internal error: parameter kind");
}

static int read_arguments(cf_call *k)
{
    const json_value *args = json_get(k->node, "arguments");
    const param *params = k->e->params;
    size_t n = 0, i;
    while (params[n].name)
        n++;
    if (!args || args->type != JSON_ARRAY)
        return op_error(k, args, 0, "\"arguments\" must be an array");
    if (args->length > n) {
        cf_text list;
        cf_text_init(&list);
        for (i = 0; i < n; i++)
            cf_text_printf(&list, "%s%s", i ? ", " : "", params[i].name);
        op_error(k, &args->items[n], 0, "%lu arguments given, %s takes at most %lu (%s)",
                 (unsigned long)args->length, k->e->name, (unsigned long)n, cf_text_str(&list));
        cf_text_free(&list);
        return -1;
    }
    for (i = 0; i < args->length; i++) {
        const json_value *item = &args->items[i], *v;
        const param *p = &params[i];
        if (item->type != JSON_OBJECT || item->length != 1)
            return op_error(k, item, 0, "argument %lu must be an object with one member, "
                            "{\"%s\": ...}", (unsigned long)i, p->name);
        v = &item->items[0];
        if (strlen(v->key) != v->keyLength ||
            (strcmp(v->key, p->name) != 0 && !(p->alias && strcmp(v->key, p->alias) == 0)))
            return op_error(k, v, 1, "argument %lu is named \"%.60s\"; %s's argument %lu is \"%s\"",
                            (unsigned long)i, v->key, k->e->name, (unsigned long)i, p->name);
        if (read_argument(k, p, v, &k->a[i]) != 0)
            return -1;
    }
    for (; i < n; i++)
        if (params[i].kind != P_OPTIONS && !params[i].optional)
            return op_error(k, args, 0, "missing argument %lu, \"%s\"", (unsigned long)i,
                            params[i].name);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef enum opt_kind {
    O_LABEL,       /* USVString label */
    O_BOOL,        /* boolean */
    O_U32,         /* [EnforceRange] unsigned long */
    O_I32,         /* [EnforceRange] long */
    O_DOUBLE,      /* double (restricted: finite) */
    O_NUMBER,      /* MLNumber: unrestricted double or bigint */
    O_OPERAND,     /* MLOperand */
    O_U32_LIST,    /* sequence<[EnforceRange] unsigned long> */
    O_FLOAT_LIST,  /* sequence<float> (restricted) */
    O_ENUM,        /* an enum of the table */
    O_DATA_TYPE,   /* MLOperandDataType */
    O_ACTIVATIONS  /* sequence<MLRecurrentNetworkActivation> */
} opt_kind;

typedef struct enum_name {
    const char *name;
    int value; /* ENUM_REMOVED: a value the specification no longer has */
} enum_name;

#define ENUM_REMOVED (-1)
#define NO_OFFSET ((size_t)-1)

typedef struct opt_spec {
    const char *name;
    opt_kind kind;
    size_t offset;  /* the member */
    size_t offset2; /* a sequence's count, an optional MLNumber's presence flag, or NO_OFFSET */
    const enum_name *names;
    const char *renamedTo; /* an old name of another option: read as that one, with a note */
} opt_spec;

/* Enum members are written through an int: every WNN enum has int's size. */
typedef char cf_enum_sizes_are_int[(sizeof(WNNOperandDataType) == sizeof(int) &&
                                    sizeof(WNNInputOperandLayout) == sizeof(int) &&
                                    sizeof(WNNConv2dFilterOperandLayout) == sizeof(int) &&
                                    sizeof(WNNConvTranspose2dFilterOperandLayout) == sizeof(int) &&
                                    sizeof(WNNRoundingType) == sizeof(int) &&
                                    sizeof(WNNPaddingMode) == sizeof(int) &&
                                    sizeof(WNNInterpolationMode) == sizeof(int) &&
                                    sizeof(WNNRecurrentNetworkDirection) == sizeof(int) &&
                                    sizeof(WNNGruWeightLayout) == sizeof(int) &&
                                    sizeof(WNNLstmWeightLayout) == sizeof(int))
                                       ? 1
                                       : -1];

static const enum_name input_layouts[] = {
    {"nchw", WNNInputOperandLayout_Nchw}, {"nhwc", WNNInputOperandLayout_Nhwc}, {NULL, 0}};
static const enum_name conv2d_filter_layouts[] = {
    {"oihw", WNNConv2dFilterOperandLayout_Oihw}, {"hwio", WNNConv2dFilterOperandLayout_Hwio},
    {"ohwi", WNNConv2dFilterOperandLayout_Ohwi}, {"ihwo", WNNConv2dFilterOperandLayout_Ihwo},
    {NULL, 0}};
static const enum_name conv_transpose2d_filter_layouts[] = {
    {"iohw", WNNConvTranspose2dFilterOperandLayout_Iohw},
    {"hwoi", WNNConvTranspose2dFilterOperandLayout_Hwoi},
    {"ohwi", WNNConvTranspose2dFilterOperandLayout_Ohwi}, {NULL, 0}};
static const enum_name rounding_types[] = {
    {"floor", WNNRoundingType_Floor}, {"ceil", WNNRoundingType_Ceil}, {NULL, 0}};
static const enum_name padding_modes[] = {
    {"constant", WNNPaddingMode_Constant}, {"edge", WNNPaddingMode_Edge},
    {"reflection", WNNPaddingMode_Reflection}, {"symmetric", ENUM_REMOVED}, {NULL, 0}};
static const enum_name interpolation_modes[] = {
    {"nearest-neighbor", WNNInterpolationMode_NearestNeighbor},
    {"linear", WNNInterpolationMode_Linear}, {NULL, 0}};
static const enum_name directions[] = {
    {"forward", WNNRecurrentNetworkDirection_Forward},
    {"backward", WNNRecurrentNetworkDirection_Backward},
    {"both", WNNRecurrentNetworkDirection_Both}, {NULL, 0}};
static const enum_name gru_layouts[] = {
    {"zrn", WNNGruWeightLayout_Zrn}, {"rzn", WNNGruWeightLayout_Rzn}, {NULL, 0}};
static const enum_name lstm_layouts[] = {
    {"iofg", WNNLstmWeightLayout_Iofg}, {"ifgo", WNNLstmWeightLayout_Ifgo}, {NULL, 0}};
static const enum_name activations[] = {
    {"relu", WNNRecurrentNetworkActivation_Relu},
    {"sigmoid", WNNRecurrentNetworkActivation_Sigmoid},
    {"tanh", WNNRecurrentNetworkActivation_Tanh}, {NULL, 0}};

#define LABEL(S) {"label", O_LABEL, offsetof(S, label), NO_OFFSET, NULL, NULL}
#define OPT(S, m, kind) {#m, kind, offsetof(S, m), NO_OFFSET, NULL, NULL}
#define OPT_LIST(S, m, kind) {#m, kind, offsetof(S, m), offsetof(S, m##Count), NULL, NULL}
#define OPT_ENUM(S, m, table) {#m, O_ENUM, offsetof(S, m), NO_OFFSET, table, NULL}
#define OPT_END {NULL, O_LABEL, 0, 0, NULL, NULL}

static const opt_spec operator_options[] = {LABEL(WNNOperatorOptions), OPT_END};
static const opt_spec arg_min_max_options[] = {
    LABEL(WNNArgMinMaxOptions), OPT(WNNArgMinMaxOptions, keepDimensions, O_BOOL),
    OPT(WNNArgMinMaxOptions, outputDataType, O_DATA_TYPE), OPT_END};
static const opt_spec batch_normalization_options[] = {
    LABEL(WNNBatchNormalizationOptions), OPT(WNNBatchNormalizationOptions, scale, O_OPERAND),
    OPT(WNNBatchNormalizationOptions, bias, O_OPERAND),
    OPT(WNNBatchNormalizationOptions, axis, O_U32),
    OPT(WNNBatchNormalizationOptions, epsilon, O_DOUBLE), OPT_END};
static const opt_spec clamp_options[] = {
    LABEL(WNNClampOptions),
    {"minValue", O_NUMBER, offsetof(WNNClampOptions, minValue),
     offsetof(WNNClampOptions, hasMinValue), NULL, NULL},
    {"maxValue", O_NUMBER, offsetof(WNNClampOptions, maxValue),
     offsetof(WNNClampOptions, hasMaxValue), NULL, NULL},
    OPT_END};
static const opt_spec conv2d_options[] = {
    LABEL(WNNConv2dOptions), OPT_LIST(WNNConv2dOptions, padding, O_U32_LIST),
    OPT_LIST(WNNConv2dOptions, strides, O_U32_LIST),
    OPT_LIST(WNNConv2dOptions, dilations, O_U32_LIST), OPT(WNNConv2dOptions, groups, O_U32),
    OPT_ENUM(WNNConv2dOptions, inputLayout, input_layouts),
    OPT_ENUM(WNNConv2dOptions, filterLayout, conv2d_filter_layouts),
    OPT(WNNConv2dOptions, bias, O_OPERAND), OPT_END};
static const opt_spec conv_transpose2d_options[] = {
    LABEL(WNNConvTranspose2dOptions), OPT_LIST(WNNConvTranspose2dOptions, padding, O_U32_LIST),
    OPT_LIST(WNNConvTranspose2dOptions, strides, O_U32_LIST),
    OPT_LIST(WNNConvTranspose2dOptions, dilations, O_U32_LIST),
    OPT_LIST(WNNConvTranspose2dOptions, outputPadding, O_U32_LIST),
    OPT_LIST(WNNConvTranspose2dOptions, outputSizes, O_U32_LIST),
    OPT(WNNConvTranspose2dOptions, groups, O_U32),
    OPT_ENUM(WNNConvTranspose2dOptions, inputLayout, input_layouts),
    OPT_ENUM(WNNConvTranspose2dOptions, filterLayout, conv_transpose2d_filter_layouts),
    OPT(WNNConvTranspose2dOptions, bias, O_OPERAND), OPT_END};
static const opt_spec cumulative_sum_options[] = {
    LABEL(WNNCumulativeSumOptions), OPT(WNNCumulativeSumOptions, exclusive, O_BOOL),
    OPT(WNNCumulativeSumOptions, reversed, O_BOOL), OPT_END};
static const opt_spec elu_options[] = {LABEL(WNNEluOptions), OPT(WNNEluOptions, alpha, O_DOUBLE),
                                       OPT_END};
static const opt_spec gather_options[] = {LABEL(WNNGatherOptions),
                                          OPT(WNNGatherOptions, axis, O_U32), OPT_END};
static const opt_spec gemm_options[] = {
    LABEL(WNNGemmOptions), OPT(WNNGemmOptions, c, O_OPERAND), OPT(WNNGemmOptions, alpha, O_DOUBLE),
    OPT(WNNGemmOptions, beta, O_DOUBLE), OPT(WNNGemmOptions, aTranspose, O_BOOL),
    OPT(WNNGemmOptions, bTranspose, O_BOOL), OPT_END};
static const opt_spec gru_options[] = {
    LABEL(WNNGruOptions), OPT(WNNGruOptions, bias, O_OPERAND),
    OPT(WNNGruOptions, recurrentBias, O_OPERAND), OPT(WNNGruOptions, initialHiddenState, O_OPERAND),
    OPT(WNNGruOptions, resetAfter, O_BOOL), OPT(WNNGruOptions, returnSequence, O_BOOL),
    OPT_ENUM(WNNGruOptions, direction, directions), OPT_ENUM(WNNGruOptions, layout, gru_layouts),
    OPT_LIST(WNNGruOptions, activations, O_ACTIVATIONS), OPT_END};
static const opt_spec gru_cell_options[] = {
    LABEL(WNNGruCellOptions), OPT(WNNGruCellOptions, bias, O_OPERAND),
    OPT(WNNGruCellOptions, recurrentBias, O_OPERAND), OPT(WNNGruCellOptions, resetAfter, O_BOOL),
    OPT_ENUM(WNNGruCellOptions, layout, gru_layouts),
    OPT_LIST(WNNGruCellOptions, activations, O_ACTIVATIONS), OPT_END};
static const opt_spec hard_sigmoid_options[] = {
    LABEL(WNNHardSigmoidOptions), OPT(WNNHardSigmoidOptions, alpha, O_DOUBLE),
    OPT(WNNHardSigmoidOptions, beta, O_DOUBLE), OPT_END};
static const opt_spec instance_normalization_options[] = {
    LABEL(WNNInstanceNormalizationOptions), OPT(WNNInstanceNormalizationOptions, scale, O_OPERAND),
    OPT(WNNInstanceNormalizationOptions, bias, O_OPERAND),
    OPT(WNNInstanceNormalizationOptions, epsilon, O_DOUBLE),
    OPT_ENUM(WNNInstanceNormalizationOptions, layout, input_layouts), OPT_END};
static const opt_spec layer_normalization_options[] = {
    LABEL(WNNLayerNormalizationOptions), OPT(WNNLayerNormalizationOptions, scale, O_OPERAND),
    OPT(WNNLayerNormalizationOptions, bias, O_OPERAND),
    OPT_LIST(WNNLayerNormalizationOptions, axes, O_U32_LIST),
    OPT(WNNLayerNormalizationOptions, epsilon, O_DOUBLE), OPT_END};
static const opt_spec leaky_relu_options[] = {
    LABEL(WNNLeakyReluOptions), OPT(WNNLeakyReluOptions, alpha, O_DOUBLE), OPT_END};
static const opt_spec linear_options[] = {LABEL(WNNLinearOptions),
                                          OPT(WNNLinearOptions, alpha, O_DOUBLE),
                                          OPT(WNNLinearOptions, beta, O_DOUBLE), OPT_END};
static const opt_spec lstm_options[] = {
    LABEL(WNNLstmOptions), OPT(WNNLstmOptions, bias, O_OPERAND),
    OPT(WNNLstmOptions, recurrentBias, O_OPERAND), OPT(WNNLstmOptions, peepholeWeight, O_OPERAND),
    OPT(WNNLstmOptions, initialHiddenState, O_OPERAND),
    OPT(WNNLstmOptions, initialCellState, O_OPERAND), OPT(WNNLstmOptions, returnSequence, O_BOOL),
    OPT_ENUM(WNNLstmOptions, direction, directions), OPT_ENUM(WNNLstmOptions, layout, lstm_layouts),
    OPT_LIST(WNNLstmOptions, activations, O_ACTIVATIONS), OPT_END};
static const opt_spec lstm_cell_options[] = {
    LABEL(WNNLstmCellOptions), OPT(WNNLstmCellOptions, bias, O_OPERAND),
    OPT(WNNLstmCellOptions, recurrentBias, O_OPERAND),
    OPT(WNNLstmCellOptions, peepholeWeight, O_OPERAND),
    OPT_ENUM(WNNLstmCellOptions, layout, lstm_layouts),
    OPT_LIST(WNNLstmCellOptions, activations, O_ACTIVATIONS), OPT_END};
static const opt_spec pad_options[] = {LABEL(WNNPadOptions),
                                       OPT_ENUM(WNNPadOptions, mode, padding_modes),
                                       OPT(WNNPadOptions, value, O_NUMBER), OPT_END};
static const opt_spec pool2d_options[] = {
    LABEL(WNNPool2dOptions), OPT_LIST(WNNPool2dOptions, windowDimensions, O_U32_LIST),
    OPT_LIST(WNNPool2dOptions, padding, O_U32_LIST), OPT_LIST(WNNPool2dOptions, strides, O_U32_LIST),
    OPT_LIST(WNNPool2dOptions, dilations, O_U32_LIST),
    OPT_ENUM(WNNPool2dOptions, layout, input_layouts),
    OPT_ENUM(WNNPool2dOptions, outputShapeRounding, rounding_types),
    {"roundingType", O_ENUM, offsetof(WNNPool2dOptions, outputShapeRounding), NO_OFFSET,
     rounding_types, "outputShapeRounding"},
    OPT_LIST(WNNPool2dOptions, outputSizes, O_U32_LIST), OPT_END};
static const opt_spec reduce_options[] = {LABEL(WNNReduceOptions),
                                          OPT_LIST(WNNReduceOptions, axes, O_U32_LIST),
                                          OPT(WNNReduceOptions, keepDimensions, O_BOOL), OPT_END};
static const opt_spec resample2d_options[] = {
    LABEL(WNNResample2dOptions), OPT_ENUM(WNNResample2dOptions, mode, interpolation_modes),
    OPT_LIST(WNNResample2dOptions, scales, O_FLOAT_LIST),
    OPT_LIST(WNNResample2dOptions, sizes, O_U32_LIST),
    OPT_LIST(WNNResample2dOptions, axes, O_U32_LIST), OPT_END};
static const opt_spec reverse_options[] = {LABEL(WNNReverseOptions),
                                           OPT_LIST(WNNReverseOptions, axes, O_U32_LIST), OPT_END};
static const opt_spec scatter_options[] = {LABEL(WNNScatterOptions),
                                           OPT(WNNScatterOptions, axis, O_U32), OPT_END};
static const opt_spec slice_options[] = {LABEL(WNNSliceOptions),
                                         OPT_LIST(WNNSliceOptions, strides, O_U32_LIST), OPT_END};
static const opt_spec split_options[] = {LABEL(WNNSplitOptions), OPT(WNNSplitOptions, axis, O_U32),
                                         OPT_END};
static const opt_spec transpose_options[] = {
    LABEL(WNNTransposeOptions), OPT_LIST(WNNTransposeOptions, permutation, O_U32_LIST), OPT_END};
static const opt_spec triangular_options[] = {
    LABEL(WNNTriangularOptions), OPT(WNNTriangularOptions, upper, O_BOOL),
    OPT(WNNTriangularOptions, diagonal, O_I32), OPT_END};

static void put(void *target, size_t offset, const void *value, size_t size)
{
    memcpy((char *)target + offset, value, size);
}

static int read_number(cf_call *k, const json_value *v, const char *what, WNNNumber *out)
{
    char buf[80];
    double d;
    int64_t i;
    uint64_t u;
    memset(out, 0, sizeof *out);
    if (json_to_double(v, &d) == JSON_CONV_OK) {
        out->type = WNNNumberType_Double;
        out->asDouble = d;
        return 0;
    }
    if (v->type == JSON_STRING && json_to_int64(v, &i) == JSON_CONV_OK) {
        *out = wnnNumberFromInt64(i);
        return 0;
    }
    if (v->type == JSON_STRING && json_to_uint64(v, &u) == JSON_CONV_OK) {
        *out = wnnNumberFromUint64(u);
        return 0;
    }
    return op_error(k, v, 0, "%s must be an MLNumber (a number, \"NaN\", \"Infinity\", "
                    "\"-Infinity\", or a decimal string for a bigint within int64 or uint64), got %s",
                    what, describe_value(v, buf, sizeof buf));
}

static int read_enum(cf_call *k, const json_value *v, const char *what, const enum_name *names,
                     int *out)
{
    size_t i;
    char buf[80];
    cf_text list;
    if (v->type == JSON_STRING)
        for (i = 0; names[i].name; i++)
            if (strcmp(v->text, names[i].name) == 0 && strlen(v->text) == v->length) {
                if (names[i].value == ENUM_REMOVED) {
                    k->g->disagreement = 1;
                    k->g->status = WNNStatus_TypeError;
                    return op_error(k, v, 0, "%s \"%s\" is not in the specification (pad mode "
                                    "\"symmetric\" was removed by webnn PR #843); the suite's data "
                                    "predates that: a documented disagreement, the specification "
                                    "rejects this case", what, names[i].name);
                }
                *out = names[i].value;
                return 0;
            }
    cf_text_init(&list);
    for (i = 0; names[i].name; i++)
        if (names[i].value != ENUM_REMOVED)
            cf_text_printf(&list, "%s\"%s\"", i ? ", " : "", names[i].name);
    op_error(k, v, 0, "%s must be one of %s, got %s", what, cf_text_str(&list),
             describe_value(v, buf, sizeof buf));
    cf_text_free(&list);
    return -1;
}

static int read_option(cf_call *k, const opt_spec *s, const json_value *v, void *target)
{
    char what[100], buf[80];
    snprintf(what, sizeof what, "option \"%s\"", s->name);
    switch (s->kind) {
    case O_LABEL: {
        const char *label;
        if (v->type != JSON_STRING || strlen(v->text) != v->length)
            return op_error(k, v, 0, "%s must be a string", what);
        label = v->text;
        put(target, s->offset, &label, sizeof label);
        return 0;
    }
    case O_BOOL: {
        WNNBool b;
        if (v->type != JSON_TRUE && v->type != JSON_FALSE)
            return op_error(k, v, 0, "%s must be true or false, got %s", what,
                            describe_value(v, buf, sizeof buf));
        b = v->type == JSON_TRUE;
        put(target, s->offset, &b, sizeof b);
        return 0;
    }
    case O_U32: {
        uint32_t u;
        if (read_u32(k, v, what, &u) != 0)
            return -1;
        put(target, s->offset, &u, sizeof u);
        return 0;
    }
    case O_I32: {
        int64_t i;
        int32_t i32;
        if (v->type != JSON_NUMBER || json_to_int64(v, &i) != JSON_CONV_OK || i < INT32_MIN ||
            i > INT32_MAX)
            return op_error(k, v, 0, "%s must be an integer from -2147483648 to 2147483647, got %s",
                            what, describe_value(v, buf, sizeof buf));
        i32 = (int32_t)i;
        put(target, s->offset, &i32, sizeof i32);
        return 0;
    }
    case O_DOUBLE: {
        double d = 0;
        if (v->type != JSON_NUMBER || json_to_double(v, &d) != JSON_CONV_OK || !isfinite(d))
            return op_error(k, v, 0, "%s must be a finite number (WebIDL double), got %s", what,
                            describe_value(v, buf, sizeof buf));
        put(target, s->offset, &d, sizeof d);
        return 0;
    }
    case O_NUMBER: {
        WNNNumber n;
        WNNBool has = 1;
        if (read_number(k, v, what, &n) != 0)
            return -1;
        put(target, s->offset, &n, sizeof n);
        if (s->offset2 != NO_OFFSET)
            put(target, s->offset2, &has, sizeof has);
        return 0;
    }
    case O_OPERAND: {
        WNNOperand o;
        if (read_operand(k, v, what, &o) != 0)
            return -1;
        put(target, s->offset, &o, sizeof o);
        return 0;
    }
    case O_U32_LIST: {
        uint32_t *list;
        const uint32_t *clist;
        size_t count;
        if (read_u32_list(k, v, what, &list, &count) != 0)
            return -1;
        clist = list;
        put(target, s->offset, &clist, sizeof clist);
        put(target, s->offset2, &count, sizeof count);
        return 0;
    }
    case O_FLOAT_LIST: {
        float *list;
        const float *clist;
        size_t i;
        if (v->type != JSON_ARRAY)
            return op_error(k, v, 0, "%s must be an array of numbers", what);
        list = (float *)cf_pool_array(k->g->pool, v->length ? v->length : 1, sizeof *list);
        if (!list)
            return op_error(k, v, 0, "out of memory");
        for (i = 0; i < v->length; i++) {
            double d = 0;
            if (v->items[i].type != JSON_NUMBER ||
                json_to_double(&v->items[i], &d) != JSON_CONV_OK || !isfinite(d) ||
                isinf(cf_float32_from_double(d)))
                return op_error(k, &v->items[i], 0, "%s[%lu] must be a finite float32 number "
                                "(WebIDL float), got %s", what, (unsigned long)i,
                                describe_value(&v->items[i], buf, sizeof buf));
            list[i] = cf_float32_from_double(d);
        }
        clist = list;
        put(target, s->offset, &clist, sizeof clist);
        put(target, s->offset2, &v->length, sizeof v->length);
        return 0;
    }
    case O_ENUM: {
        int e;
        if (read_enum(k, v, what, s->names, &e) != 0)
            return -1;
        put(target, s->offset, &e, sizeof e);
        return 0;
    }
    case O_DATA_TYPE: {
        WNNOperandDataType t;
        if (read_data_type(k, v, what, &t) != 0)
            return -1;
        put(target, s->offset, &t, sizeof t);
        return 0;
    }
    case O_ACTIVATIONS: {
        WNNRecurrentNetworkActivation *list;
        const WNNRecurrentNetworkActivation *clist;
        size_t i;
        if (v->type != JSON_ARRAY)
            return op_error(k, v, 0, "%s must be an array of activation names", what);
        list = (WNNRecurrentNetworkActivation *)cf_pool_array(k->g->pool, v->length ? v->length : 1,
                                                              sizeof *list);
        if (!list)
            return op_error(k, v, 0, "out of memory");
        for (i = 0; i < v->length; i++) {
            int e;
            char item[160];
            snprintf(item, sizeof item, "%s[%lu]", what, (unsigned long)i);
            if (read_enum(k, &v->items[i], item, activations, &e) != 0)
                return -1;
            list[i] = (WNNRecurrentNetworkActivation)e;
        }
        clist = list;
        put(target, s->offset, &clist, sizeof clist);
        put(target, s->offset2, &v->length, sizeof v->length);
        return 0;
    }
    }
    return op_error(k, v, 0, "internal error: option kind");
}

/* Read the options argument (argument number `index`, when given) into target. */
static int read_options(cf_call *k, size_t index, const opt_spec *specs, void *target)
{
    const json_value *options = k->a[index].present ? k->a[index].node : NULL;
    size_t i, j;
    if (!options)
        return 0;
    for (i = 0; i < options->length; i++) {
        const json_value *m = &options->items[i];
        const opt_spec *s = NULL;
        for (j = 0; specs[j].name && !s; j++)
            if (strcmp(m->key, specs[j].name) == 0 && strlen(m->key) == m->keyLength)
                s = &specs[j];
        if (!s) {
            cf_text list;
            cf_text_init(&list);
            for (j = 0; specs[j].name; j++)
                if (!specs[j].renamedTo)
                    cf_text_printf(&list, "%s%s", j ? ", " : "", specs[j].name);
            op_error(k, m, 1, "unknown option \"%.60s\" (%s takes: %s)", m->key, k->e->name,
                     cf_text_str(&list));
            cf_text_free(&list);
            return -1;
        }
        if (s->renamedTo) {
            if (json_get(options, s->renamedTo))
                return op_error(k, m, 1, "both \"%s\" and its new name \"%s\" are given", s->name,
                                s->renamedTo);
            cf_text_printf(k->g->notes, "%s: option \"%s\" read as \"%s\" (renamed in the "
                           "specification; the suite's data predates it)\n", k->e->name, s->name,
                           s->renamedTo);
        }
        if (read_option(k, s, m, target) != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Calls                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* The status of a builder call; on success the operator made `count` outputs in outs. */
static int check(cf_call *k, WNNStatus s, WNNOperand *outs, size_t count)
{
    if (s != WNNStatus_Success) {
        k->g->status = s;
        return op_error(k, NULL, 0, "%s: %s", wnnStatusString(s),
                        wnnGraphBuilderGetErrorMessage(k->g->builder));
    }
    k->outs = outs;
    k->outCount = count;
    return 0;
}

#define B (k->g->builder)
#define OPERAND(i) (k->a[i].operand)

static int call_unary(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 1, operator_options, &o) != 0)
        return -1;
    return check(k, k->e->unary(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_binary(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, k->e->binary(B, OPERAND(0), OPERAND(1), &o, k->outBuf), k->outBuf, 1);
}

static int call_ternary(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 3, operator_options, &o) != 0)
        return -1;
    return check(k, k->e->ternary(B, OPERAND(0), OPERAND(1), OPERAND(2), &o, k->outBuf), k->outBuf,
                 1);
}

static int call_reduce(cf_call *k)
{
    WNNReduceOptions o = WNN_REDUCE_OPTIONS_INIT;
    if (read_options(k, 1, reduce_options, &o) != 0)
        return -1;
    return check(k, k->e->reduce(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_pool(cf_call *k)
{
    WNNPool2dOptions o = WNN_POOL2D_OPTIONS_INIT;
    if (read_options(k, 1, pool2d_options, &o) != 0)
        return -1;
    return check(k, k->e->pool(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_arg_min_max(cf_call *k)
{
    WNNArgMinMaxOptions o = WNN_ARG_MIN_MAX_OPTIONS_INIT;
    if (read_options(k, 2, arg_min_max_options, &o) != 0)
        return -1;
    return check(k, k->e->argMinMax(B, OPERAND(0), k->a[1].u32, &o, k->outBuf), k->outBuf, 1);
}

static int call_gather(cf_call *k)
{
    WNNGatherOptions o = WNN_GATHER_OPTIONS_INIT;
    if (read_options(k, 2, gather_options, &o) != 0)
        return -1;
    return check(k, k->e->gather(B, OPERAND(0), OPERAND(1), &o, k->outBuf), k->outBuf, 1);
}

static int call_batch_normalization(cf_call *k)
{
    WNNBatchNormalizationOptions o = WNN_BATCH_NORMALIZATION_OPTIONS_INIT;
    if (read_options(k, 3, batch_normalization_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderBatchNormalization(B, OPERAND(0), OPERAND(1), OPERAND(2), &o,
                                                      k->outBuf),
                 k->outBuf, 1);
}

static int call_cast(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderCast(B, OPERAND(0), k->a[1].dataType, &o, k->outBuf), k->outBuf,
                 1);
}

static int call_clamp(cf_call *k)
{
    WNNClampOptions o = WNN_CLAMP_OPTIONS_INIT;
    if (read_options(k, 1, clamp_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderClamp(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_concat(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderConcat(B, k->a[0].count, k->a[0].operands, k->a[1].u32, &o,
                                          k->outBuf),
                 k->outBuf, 1);
}

static int call_conv2d(cf_call *k)
{
    WNNConv2dOptions o = WNN_CONV2D_OPTIONS_INIT;
    if (read_options(k, 2, conv2d_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderConv2d(B, OPERAND(0), OPERAND(1), &o, k->outBuf), k->outBuf, 1);
}

static int call_conv_transpose2d(cf_call *k)
{
    WNNConvTranspose2dOptions o = WNN_CONV_TRANSPOSE2D_OPTIONS_INIT;
    if (read_options(k, 2, conv_transpose2d_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderConvTranspose2d(B, OPERAND(0), OPERAND(1), &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_cumulative_sum(cf_call *k)
{
    WNNCumulativeSumOptions o = WNN_CUMULATIVE_SUM_OPTIONS_INIT;
    if (read_options(k, 2, cumulative_sum_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderCumulativeSum(B, OPERAND(0), k->a[1].u32, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_elu(cf_call *k)
{
    WNNEluOptions o = WNN_ELU_OPTIONS_INIT;
    if (read_options(k, 1, elu_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderElu(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_expand(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderExpand(B, OPERAND(0), k->a[1].list, k->a[1].count, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_gather_nd(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderGatherND(B, OPERAND(0), OPERAND(1), &o, k->outBuf), k->outBuf, 1);
}

static int call_gemm(cf_call *k)
{
    WNNGemmOptions o = WNN_GEMM_OPTIONS_INIT;
    if (read_options(k, 2, gemm_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderGemm(B, OPERAND(0), OPERAND(1), &o, k->outBuf), k->outBuf, 1);
}

static int call_gru(cf_call *k)
{
    WNNGruOptions o = WNN_GRU_OPTIONS_INIT;
    size_t n = 0;
    WNNStatus s;
    if (read_options(k, 5, gru_options, &o) != 0)
        return -1;
    s = wnnGraphBuilderGru(B, OPERAND(0), OPERAND(1), OPERAND(2), k->a[3].u32, k->a[4].u32, &o,
                           k->outBuf, &n);
    return check(k, s, k->outBuf, n > 2 ? 2 : n);
}

static int call_gru_cell(cf_call *k)
{
    WNNGruCellOptions o = WNN_GRU_CELL_OPTIONS_INIT;
    if (read_options(k, 5, gru_cell_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderGruCell(B, OPERAND(0), OPERAND(1), OPERAND(2), OPERAND(3),
                                           k->a[4].u32, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_hard_sigmoid(cf_call *k)
{
    WNNHardSigmoidOptions o = WNN_HARD_SIGMOID_OPTIONS_INIT;
    if (read_options(k, 1, hard_sigmoid_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderHardSigmoid(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_instance_normalization(cf_call *k)
{
    WNNInstanceNormalizationOptions o = WNN_INSTANCE_NORMALIZATION_OPTIONS_INIT;
    if (read_options(k, 1, instance_normalization_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderInstanceNormalization(B, OPERAND(0), &o, k->outBuf), k->outBuf,
                 1);
}

static int call_layer_normalization(cf_call *k)
{
    WNNLayerNormalizationOptions o = WNN_LAYER_NORMALIZATION_OPTIONS_INIT;
    if (read_options(k, 1, layer_normalization_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderLayerNormalization(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_leaky_relu(cf_call *k)
{
    WNNLeakyReluOptions o = WNN_LEAKY_RELU_OPTIONS_INIT;
    if (read_options(k, 1, leaky_relu_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderLeakyRelu(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_linear(cf_call *k)
{
    WNNLinearOptions o = WNN_LINEAR_OPTIONS_INIT;
    if (read_options(k, 1, linear_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderLinear(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_lstm(cf_call *k)
{
    WNNLstmOptions o = WNN_LSTM_OPTIONS_INIT;
    size_t n = 0;
    WNNStatus s;
    if (read_options(k, 5, lstm_options, &o) != 0)
        return -1;
    s = wnnGraphBuilderLstm(B, OPERAND(0), OPERAND(1), OPERAND(2), k->a[3].u32, k->a[4].u32, &o,
                            k->outBuf, &n);
    return check(k, s, k->outBuf, n > 3 ? 3 : n);
}

static int call_lstm_cell(cf_call *k)
{
    WNNLstmCellOptions o = WNN_LSTM_CELL_OPTIONS_INIT;
    if (read_options(k, 6, lstm_cell_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderLstmCell(B, OPERAND(0), OPERAND(1), OPERAND(2), OPERAND(3),
                                            OPERAND(4), k->a[5].u32, &o, k->outBuf),
                 k->outBuf, 2);
}

static int call_pad(cf_call *k)
{
    WNNPadOptions o = WNN_PAD_OPTIONS_INIT;
    if (read_options(k, 3, pad_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderPad(B, OPERAND(0), k->a[1].list, k->a[1].count, k->a[2].list,
                                       k->a[2].count, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_resample2d(cf_call *k)
{
    WNNResample2dOptions o = WNN_RESAMPLE2D_OPTIONS_INIT;
    if (read_options(k, 1, resample2d_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderResample2d(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_reshape(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderReshape(B, OPERAND(0), k->a[1].list, k->a[1].count, &o,
                                           k->outBuf),
                 k->outBuf, 1);
}

static int call_reverse(cf_call *k)
{
    WNNReverseOptions o = WNN_REVERSE_OPTIONS_INIT;
    if (read_options(k, 1, reverse_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderReverse(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_scatter_elements(cf_call *k)
{
    WNNScatterOptions o = WNN_SCATTER_OPTIONS_INIT;
    if (read_options(k, 3, scatter_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderScatterElements(B, OPERAND(0), OPERAND(1), OPERAND(2), &o,
                                                   k->outBuf),
                 k->outBuf, 1);
}

static int call_slice(cf_call *k)
{
    WNNSliceOptions o = WNN_SLICE_OPTIONS_INIT;
    if (read_options(k, 3, slice_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderSlice(B, OPERAND(0), k->a[1].list, k->a[1].count, k->a[2].list,
                                         k->a[2].count, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_softmax(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    uint32_t axis = k->a[1].u32;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    if (!k->a[1].present) {
        /* The specification's softmax(input, axis) has a required axis; the suite's older
         * cases call softmax(input), the former 2-D softmax over the second axis. */
        size_t rank = 0;
        wnnOperandGetShape(OPERAND(0), &rank);
        if (rank != 2)
            return op_error(k, NULL, 0, "softmax without \"axis\" (required by the "
                            "specification) is only understood for a 2-D input, as the former "
                            "2-D softmax over axis 1; the input has rank %lu", (unsigned long)rank);
        axis = 1;
        cf_text_printf(k->g->notes, "softmax: no \"axis\" (the suite's data predates the "
                       "required axis): read as axis 1, the former 2-D softmax\n");
    }
    return check(k, wnnGraphBuilderSoftmax(B, OPERAND(0), axis, &o, k->outBuf), k->outBuf, 1);
}

/* split: at most this many pieces (the specification's limit, webnn#931) */
#define CF_MAX_SPLITS 8192

static int call_split(cf_call *k)
{
    WNNSplitOptions o = WNN_SPLIT_OPTIONS_INIT;
    size_t capacity, n = 0;
    WNNOperand *outs;
    WNNStatus s;
    if (read_options(k, 2, split_options, &o) != 0)
        return -1;
    capacity = k->a[1].isList ? k->a[1].count : k->a[1].u32;
    if (capacity > CF_MAX_SPLITS)
        capacity = CF_MAX_SPLITS; /* the builder rejects more */
    outs = (WNNOperand *)cf_pool_array(k->g->pool, capacity ? capacity : 1, sizeof *outs);
    if (!outs)
        return op_error(k, NULL, 0, "out of memory");
    if (k->a[1].isList)
        s = wnnGraphBuilderSplit(B, OPERAND(0), 0, k->a[1].list, k->a[1].count, &o, capacity,
                                 outs, &n);
    else
        s = wnnGraphBuilderSplit(B, OPERAND(0), k->a[1].u32, NULL, 0, &o, capacity, outs, &n);
    return check(k, s, outs, n > capacity ? capacity : n);
}

static int call_tile(cf_call *k)
{
    WNNOperatorOptions o = WNN_OPERATOR_OPTIONS_INIT;
    if (read_options(k, 2, operator_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderTile(B, OPERAND(0), k->a[1].list, k->a[1].count, &o, k->outBuf),
                 k->outBuf, 1);
}

static int call_transpose(cf_call *k)
{
    WNNTransposeOptions o = WNN_TRANSPOSE_OPTIONS_INIT;
    if (read_options(k, 1, transpose_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderTranspose(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

static int call_triangular(cf_call *k)
{
    WNNTriangularOptions o = WNN_TRIANGULAR_OPTIONS_INIT;
    if (read_options(k, 1, triangular_options, &o) != 0)
        return -1;
    return check(k, wnnGraphBuilderTriangular(B, OPERAND(0), &o, k->outBuf), k->outBuf, 1);
}

#undef B
#undef OPERAND

/* ------------------------------------------------------------------------------------------ */
/* The table                                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define OPTIONS {"options", P_OPTIONS, 1, NULL}
#define END {NULL, P_OPTIONS, 0, NULL}
#define OPERAND_P(n) {n, P_OPERAND, 0, NULL}

static const param p_input[] = {OPERAND_P("input"), OPTIONS, END};
static const param p_a[] = {OPERAND_P("a"), OPTIONS, END};
/* logicalNot(a): the suite's data names the argument "input" */
static const param p_logical_not[] = {{"a", P_OPERAND, 0, "input"}, OPTIONS, END};
static const param p_ab[] = {OPERAND_P("a"), OPERAND_P("b"), OPTIONS, END};
static const param p_input_axis[] = {OPERAND_P("input"), {"axis", P_U32, 0, NULL}, OPTIONS, END};
static const param p_softmax[] = {OPERAND_P("input"), {"axis", P_U32, 1, NULL}, OPTIONS, END};
static const param p_batch_normalization[] = {OPERAND_P("input"), OPERAND_P("mean"),
                                              OPERAND_P("variance"), OPTIONS, END};
static const param p_cast[] = {OPERAND_P("input"), {"type", P_DATA_TYPE, 0, NULL}, OPTIONS, END};
static const param p_concat[] = {{"inputs", P_OPERANDS, 0, NULL}, {"axis", P_U32, 0, NULL},
                                 OPTIONS, END};
static const param p_input_filter[] = {OPERAND_P("input"), OPERAND_P("filter"), OPTIONS, END};
static const param p_input_scale_zero_point[] = {OPERAND_P("input"), OPERAND_P("scale"),
                                                 OPERAND_P("zeroPoint"), OPTIONS, END};
static const param p_new_shape[] = {OPERAND_P("input"), {"newShape", P_U32_LIST, 0, NULL}, OPTIONS,
                                    END};
static const param p_input_indices[] = {OPERAND_P("input"), OPERAND_P("indices"), OPTIONS, END};
static const param p_input_indices_updates[] = {OPERAND_P("input"), OPERAND_P("indices"),
                                                OPERAND_P("updates"), OPTIONS, END};
static const param p_recurrent[] = {OPERAND_P("input"), OPERAND_P("weight"),
                                    OPERAND_P("recurrentWeight"), {"steps", P_U32, 0, NULL},
                                    {"hiddenSize", P_U32, 0, NULL}, OPTIONS, END};
static const param p_gru_cell[] = {OPERAND_P("input"), OPERAND_P("weight"),
                                   OPERAND_P("recurrentWeight"), OPERAND_P("hiddenState"),
                                   {"hiddenSize", P_U32, 0, NULL}, OPTIONS, END};
static const param p_lstm_cell[] = {OPERAND_P("input"), OPERAND_P("weight"),
                                    OPERAND_P("recurrentWeight"), OPERAND_P("hiddenState"),
                                    OPERAND_P("cellState"), {"hiddenSize", P_U32, 0, NULL},
                                    OPTIONS, END};
static const param p_pad[] = {OPERAND_P("input"), {"beginningPadding", P_U32_LIST, 0, NULL},
                              {"endingPadding", P_U32_LIST, 0, NULL}, OPTIONS, END};
static const param p_prelu[] = {OPERAND_P("input"), OPERAND_P("slope"), OPTIONS, END};
static const param p_slice[] = {OPERAND_P("input"), {"starts", P_U32_LIST, 0, NULL},
                                {"sizes", P_U32_LIST, 0, NULL}, OPTIONS, END};
static const param p_split[] = {OPERAND_P("input"), {"splits", P_SPLITS, 0, NULL}, OPTIONS, END};
static const param p_tile[] = {OPERAND_P("input"), {"repetitions", P_U32_LIST, 0, NULL}, OPTIONS,
                               END};
static const param p_where[] = {OPERAND_P("condition"), OPERAND_P("trueValue"),
                                OPERAND_P("falseValue"), OPTIONS, END};

#define UNARY(n, f) {n, p_input, call_unary, f, NULL, NULL, NULL, NULL, NULL, NULL}
#define UNARY_A(n, f, p) {n, p, call_unary, f, NULL, NULL, NULL, NULL, NULL, NULL}
#define BINARY(n, f) {n, p_ab, call_binary, NULL, f, NULL, NULL, NULL, NULL, NULL}
#define REDUCE(n, f) {n, p_input, call_reduce, NULL, NULL, f, NULL, NULL, NULL, NULL}
#define POOL(n, f) {n, p_input, call_pool, NULL, NULL, NULL, f, NULL, NULL, NULL}
#define ARG_MIN_MAX(n, f) {n, p_input_axis, call_arg_min_max, NULL, NULL, NULL, NULL, f, NULL, NULL}
#define GATHER(n, f) {n, p_input_indices, call_gather, NULL, NULL, NULL, NULL, NULL, f, NULL}
#define TERNARY(n, p, f) {n, p, call_ternary, NULL, NULL, NULL, NULL, NULL, NULL, f}
#define OTHER(n, p, c) {n, p, c, NULL, NULL, NULL, NULL, NULL, NULL, NULL}

/* In the specification's order. */
static const op_entry operators[] = {
    ARG_MIN_MAX("argMin", wnnGraphBuilderArgMin),
    ARG_MIN_MAX("argMax", wnnGraphBuilderArgMax),
    OTHER("batchNormalization", p_batch_normalization, call_batch_normalization),
    OTHER("cast", p_cast, call_cast),
    OTHER("clamp", p_input, call_clamp),
    OTHER("concat", p_concat, call_concat),
    OTHER("conv2d", p_input_filter, call_conv2d),
    OTHER("convTranspose2d", p_input_filter, call_conv_transpose2d),
    OTHER("cumulativeSum", p_input_axis, call_cumulative_sum),
    BINARY("add", wnnGraphBuilderAdd),
    BINARY("sub", wnnGraphBuilderSub),
    BINARY("mul", wnnGraphBuilderMul),
    BINARY("div", wnnGraphBuilderDiv),
    BINARY("max", wnnGraphBuilderMax),
    BINARY("min", wnnGraphBuilderMin),
    BINARY("pow", wnnGraphBuilderPow),
    BINARY("equal", wnnGraphBuilderEqual),
    BINARY("notEqual", wnnGraphBuilderNotEqual),
    BINARY("greater", wnnGraphBuilderGreater),
    BINARY("greaterOrEqual", wnnGraphBuilderGreaterOrEqual),
    BINARY("lesser", wnnGraphBuilderLesser),
    BINARY("lesserOrEqual", wnnGraphBuilderLesserOrEqual),
    UNARY_A("logicalNot", wnnGraphBuilderLogicalNot, p_logical_not),
    BINARY("logicalAnd", wnnGraphBuilderLogicalAnd),
    BINARY("logicalOr", wnnGraphBuilderLogicalOr),
    BINARY("logicalXor", wnnGraphBuilderLogicalXor),
    UNARY_A("isNaN", wnnGraphBuilderIsNaN, p_a),
    UNARY_A("isInfinite", wnnGraphBuilderIsInfinite, p_a),
    UNARY("abs", wnnGraphBuilderAbs),
    UNARY("ceil", wnnGraphBuilderCeil),
    UNARY("cos", wnnGraphBuilderCos),
    UNARY("erf", wnnGraphBuilderErf),
    UNARY("exp", wnnGraphBuilderExp),
    UNARY("floor", wnnGraphBuilderFloor),
    UNARY("identity", wnnGraphBuilderIdentity),
    UNARY("log", wnnGraphBuilderLog),
    UNARY("neg", wnnGraphBuilderNeg),
    UNARY("reciprocal", wnnGraphBuilderReciprocal),
    UNARY("roundEven", wnnGraphBuilderRoundEven),
    UNARY("sin", wnnGraphBuilderSin),
    UNARY("sign", wnnGraphBuilderSign),
    UNARY("sqrt", wnnGraphBuilderSqrt),
    UNARY("tan", wnnGraphBuilderTan),
    TERNARY("dequantizeLinear", p_input_scale_zero_point, wnnGraphBuilderDequantizeLinear),
    TERNARY("quantizeLinear", p_input_scale_zero_point, wnnGraphBuilderQuantizeLinear),
    OTHER("elu", p_input, call_elu),
    OTHER("expand", p_new_shape, call_expand),
    GATHER("gather", wnnGraphBuilderGather),
    GATHER("gatherElements", wnnGraphBuilderGatherElements),
    OTHER("gatherND", p_input_indices, call_gather_nd),
    UNARY("gelu", wnnGraphBuilderGelu),
    OTHER("gemm", p_ab, call_gemm),
    OTHER("gru", p_recurrent, call_gru),
    OTHER("gruCell", p_gru_cell, call_gru_cell),
    OTHER("hardSigmoid", p_input, call_hard_sigmoid),
    UNARY("hardSwish", wnnGraphBuilderHardSwish),
    OTHER("instanceNormalization", p_input, call_instance_normalization),
    OTHER("layerNormalization", p_input, call_layer_normalization),
    OTHER("leakyRelu", p_input, call_leaky_relu),
    OTHER("linear", p_input, call_linear),
    OTHER("lstm", p_recurrent, call_lstm),
    OTHER("lstmCell", p_lstm_cell, call_lstm_cell),
    BINARY("matmul", wnnGraphBuilderMatmul),
    OTHER("pad", p_pad, call_pad),
    POOL("averagePool2d", wnnGraphBuilderAveragePool2d),
    POOL("l2Pool2d", wnnGraphBuilderL2Pool2d),
    POOL("maxPool2d", wnnGraphBuilderMaxPool2d),
    {"prelu", p_prelu, call_binary, NULL, wnnGraphBuilderPrelu, NULL, NULL, NULL, NULL, NULL},
    REDUCE("reduceL1", wnnGraphBuilderReduceL1),
    REDUCE("reduceL2", wnnGraphBuilderReduceL2),
    REDUCE("reduceLogSum", wnnGraphBuilderReduceLogSum),
    REDUCE("reduceLogSumExp", wnnGraphBuilderReduceLogSumExp),
    REDUCE("reduceMax", wnnGraphBuilderReduceMax),
    REDUCE("reduceMean", wnnGraphBuilderReduceMean),
    REDUCE("reduceMin", wnnGraphBuilderReduceMin),
    REDUCE("reduceProduct", wnnGraphBuilderReduceProduct),
    REDUCE("reduceSum", wnnGraphBuilderReduceSum),
    REDUCE("reduceSumSquare", wnnGraphBuilderReduceSumSquare),
    UNARY("relu", wnnGraphBuilderRelu),
    OTHER("resample2d", p_input, call_resample2d),
    OTHER("reshape", p_new_shape, call_reshape),
    OTHER("reverse", p_input, call_reverse),
    OTHER("scatterElements", p_input_indices_updates, call_scatter_elements),
    TERNARY("scatterND", p_input_indices_updates, wnnGraphBuilderScatterND),
    UNARY("sigmoid", wnnGraphBuilderSigmoid),
    OTHER("slice", p_slice, call_slice),
    OTHER("softmax", p_softmax, call_softmax),
    UNARY("softplus", wnnGraphBuilderSoftplus),
    UNARY("softsign", wnnGraphBuilderSoftsign),
    OTHER("split", p_split, call_split),
    UNARY("tanh", wnnGraphBuilderTanh),
    OTHER("tile", p_tile, call_tile),
    OTHER("transpose", p_input, call_transpose),
    OTHER("triangular", p_input, call_triangular),
    TERNARY("where", p_where, wnnGraphBuilderWhere),
};

/* The specification defines 95 operators: this fails to compile if the table drifts. */
typedef char cf_operator_table_has_95[sizeof operators / sizeof operators[0] == CF_OPERATOR_COUNT
                                          ? 1
                                          : -1];

const char *cf_operator_name(size_t index)
{
    return index < CF_OPERATOR_COUNT ? operators[index].name : NULL;
}

static const op_entry *find_operator(const char *name)
{
    size_t i;
    for (i = 0; i < CF_OPERATOR_COUNT; i++)
        if (strcmp(operators[i].name, name) == 0)
            return &operators[i];
    return NULL;
}

int cf_operator_known(const char *name)
{
    return find_operator(name) != NULL;
}

/* Options whose value is an operand, by operator (for readers of graph files, which must
 * tell an operand's name from a string value). */
static const struct {
    const char *op;
    const opt_spec *options;
} operand_options[] = {
    {"batchNormalization", batch_normalization_options},
    {"conv2d", conv2d_options},
    {"convTranspose2d", conv_transpose2d_options},
    {"gemm", gemm_options},
    {"gru", gru_options},
    {"gruCell", gru_cell_options},
    {"instanceNormalization", instance_normalization_options},
    {"layerNormalization", layer_normalization_options},
    {"lstm", lstm_options},
    {"lstmCell", lstm_cell_options},
};

int cf_operator_param(const char *op, size_t index, cf_param_info *out)
{
    const op_entry *e = find_operator(op);
    size_t i;
    if (!e)
        return 0;
    for (i = 0; i < index && e->params[i].name; i++)
        ;
    if (!e->params[i].name)
        return 0;
    out->name = e->params[i].name;
    out->optional = e->params[i].optional || e->params[i].kind == P_OPTIONS;
    switch (e->params[i].kind) {
    case P_OPERAND:
        out->kind = CF_PARAM_OPERAND;
        break;
    case P_OPERANDS:
        out->kind = CF_PARAM_OPERANDS;
        break;
    case P_OPTIONS:
        out->kind = CF_PARAM_OPTIONS;
        break;
    default:
        out->kind = CF_PARAM_VALUE;
        break;
    }
    return 1;
}

int cf_operator_option_is_operand(const char *op, const char *option)
{
    size_t i, j;
    for (i = 0; i < sizeof operand_options / sizeof operand_options[0]; i++)
        if (strcmp(operand_options[i].op, op) == 0)
            for (j = 0; operand_options[i].options[j].name; j++)
                if (strcmp(operand_options[i].options[j].name, option) == 0)
                    return operand_options[i].options[j].kind == O_OPERAND;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* One operator of a case                                                                     */
/* ------------------------------------------------------------------------------------------ */

static int name_outputs(cf_call *k)
{
    const json_value *names = json_get(k->node, "outputs");
    size_t n, i;
    if (!names || (names->type != JSON_STRING && names->type != JSON_ARRAY))
        return op_error(k, names, 0, "\"outputs\" must be a name or an array of names");
    n = names->type == JSON_STRING ? 1 : names->length;
    if (n != k->outCount)
        return op_error(k, names, 0, "%s made %lu output%s but \"outputs\" names %lu",
                        k->e->name, (unsigned long)k->outCount, k->outCount == 1 ? "" : "s",
                        (unsigned long)n);
    for (i = 0; i < n; i++) {
        const json_value *v = names->type == JSON_STRING ? names : &names->items[i];
        if (v->type != JSON_STRING || v->length == 0 || strlen(v->text) != v->length)
            return op_error(k, v, 0, "an output name must be a non-empty string");
        if (cf_graph_find(k->g, v->text) != CF_NO_INDEX)
            return op_error(k, v, 0, "the name \"%.100s\" is already used by another operand",
                            v->text);
        if (cf_graph_add(k->g, v->text, k->outs[i], CF_NO_INDEX, k->index) == CF_NO_INDEX)
            return op_error(k, v, 0, "out of memory, or more than %lu operands",
                            (unsigned long)CF_MAX_SYMBOLS);
    }
    return 0;
}

int cf_call_operator(cf_graph *g, size_t index, cf_text *err)
{
    static const char *const keys[] = {"name", "arguments", "outputs", NULL};
    cf_call k;
    const json_value *name;
    size_t i, j;
    memset(&k, 0, sizeof k);
    k.g = g;
    k.index = index;
    k.node = &g->c->operators->items[index];
    k.err = err;
    g->readCount = 0;
    if (k.node->type != JSON_OBJECT)
        return op_error(&k, NULL, 0, "an operator must be an object, got %s",
                        json_type_name(k.node->type));
    name = json_get(k.node, "name");
    if (!name || name->type != JSON_STRING)
        return op_error(&k, name, 0, "the operator needs a \"name\" string");
    k.opName = name->text;
    k.e = find_operator(name->text);
    if (!k.e || strlen(name->text) != name->length)
        return op_error(&k, name, 0, "unknown operator \"%.60s\"", name->text);
    for (i = 0; i < k.node->length; i++) {
        const json_value *m = &k.node->items[i];
        int known = 0;
        for (j = 0; keys[j] && !known; j++)
            known = strcmp(m->key, keys[j]) == 0 && strlen(m->key) == m->keyLength;
        if (!known)
            return op_error(&k, m, 1, "unknown member \"%.60s\" in an operator (known: \"name\", "
                            "\"arguments\", \"outputs\")", m->key);
    }
    if (read_arguments(&k) != 0)
        return -1;
    if (k.e->call(&k) != 0)
        return -1;
    /* remember what it read, for finding the inputs the outputs depend on */
    g->opReads[index].count = g->readCount;
    g->opReads[index].symbols = (size_t *)cf_pool_array(g->pool, g->readCount ? g->readCount : 1,
                                                        sizeof(size_t));
    if (!g->opReads[index].symbols)
        return op_error(&k, NULL, 0, "out of memory");
    if (g->readCount)
        memcpy(g->opReads[index].symbols, g->reads, g->readCount * sizeof(size_t));
    return name_outputs(&k);
}
