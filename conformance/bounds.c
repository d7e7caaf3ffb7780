/* conformance/bounds.c - what the "bounds" and "auto" comparison modes need from a case:
 * the class of each operator (data movement, accumulating, other), the accumulation length
 * n of each output, and the magnitude evaluation of the graph.
 *
 * Bounds mode follows the TOSA reference model's compliance checks: the error an
 * implementation may make in an element computed by accumulation is proportional to the sum
 * of the magnitudes of the terms behind it (not to the result, which cancellation can make
 * arbitrarily small) and to the number of terms. The magnitudes come from the graph evaluated
 * a second time with every operator reading the absolute values of its float inputs
 * (wnnContextDispatchMagnitudes); the number of terms is derived here from the shapes and
 * arguments of each accumulating operator (accumulation_length). docs/comparison-modes.md
 * has the formula, its derivation and the constants.
 *
 * The graph is built the way cf_execute builds it (the same operator call table), then
 * dispatched with wnnContextDispatchMagnitudes instead of wnnContextDispatch.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Operator classes                                                                           */
/* ------------------------------------------------------------------------------------------ */

/* Every result element is an input element (data movement, selection), or exactly
 * determined by one (cast and clamp round or select exactly; abs and neg change the sign
 * bit): compared bit for bit in auto mode. */
static const char *const movement_ops[] = {
    "abs", "argMax", "argMin", "cast", "clamp", "concat", "expand", "gather", "gatherElements",
    "gatherND", "identity", "max", "maxPool2d", "min", "neg", "pad", "reduceMax", "reduceMin",
    "reshape", "reverse", "scatterElements", "scatterND", "slice", "split", "tile", "transpose",
    "triangular", "where", NULL};

/* A result element sums many terms: compared against a bound derived from the data. */
static const char *const accumulating_ops[] = {
    "averagePool2d", "batchNormalization", "conv2d", "convTranspose2d", "cumulativeSum", "gemm",
    "gru", "gruCell", "instanceNormalization", "l2Pool2d", "layerNormalization", "lstm",
    "lstmCell", "matmul", "reduceL1", "reduceL2", "reduceLogSum", "reduceLogSumExp",
    "reduceMean", "reduceProduct", "reduceSum", "reduceSumSquare", "softmax", NULL};

/* Accumulating operators whose magnitude evaluation is not a sum of magnitudes: their
 * kernels subtract (a mean, 1 - z), normalize or take logarithms after the absolute values
 * are taken, so the evaluation can be smaller than the result, zero or negative. An output
 * depending on one is also accepted within the case's wpt budget (docs/comparison-modes.md,
 * "Operators without a magnitude sum"). */
static const char *const nonlinear_ops[] = {
    "batchNormalization", "gru", "gruCell", "instanceNormalization", "layerNormalization", "lstm",
    "lstmCell", "reduceLogSum", "reduceLogSumExp", "softmax", NULL};

static int listed(const char *const *list, const char *name)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

cf_op_class cf_operator_class(const char *name)
{
    if (!name)
        return CF_OP_OTHER;
    if (listed(movement_ops, name))
        return CF_OP_MOVEMENT;
    if (listed(accumulating_ops, name))
        return CF_OP_ACCUMULATING;
    return CF_OP_OTHER;
}

/* The name of operator index of the case, or NULL. */
static const char *operator_name(const cf_case *c, size_t index)
{
    const json_value *name = json_get(&c->operators->items[index], "name");
    return name && name->type == JSON_STRING ? name->text : NULL;
}

int cf_case_accumulates(const cf_case *c)
{
    size_t i;
    for (i = 0; c->operators && i < c->operators->length; i++)
        if (cf_operator_class(operator_name(c, i)) == CF_OP_ACCUMULATING)
            return 1;
    return 0;
}

int cf_case_moves_only(const cf_case *c)
{
    size_t i;
    for (i = 0; c->operators && i < c->operators->length; i++)
        if (cf_operator_class(operator_name(c, i)) != CF_OP_MOVEMENT)
            return 0;
    return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Accumulation lengths                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* The value of the positional argument named name ({"name": value}), or NULL. */
static const json_value *argument(const json_value *op, const char *name)
{
    const json_value *args = json_get(op, "arguments");
    size_t i;
    if (!args || args->type != JSON_ARRAY)
        return NULL;
    for (i = 0; i < args->length; i++) {
        const json_value *v = json_get(&args->items[i], name);
        if (v)
            return v;
    }
    return NULL;
}

static const json_value *option(const json_value *op, const char *name)
{
    return json_get(argument(op, "options"), name);
}

/* The shape of the operand a string value names; NULL when it names none. */
static const uint32_t *operand_shape(const cf_graph *g, const json_value *v, size_t *rank)
{
    size_t sym;
    *rank = 0;
    if (!v || v->type != JSON_STRING)
        return NULL;
    sym = cf_graph_find(g, v->text);
    if (sym == CF_NO_INDEX)
        return NULL;
    return wnnOperandGetShape(g->symbols[sym].operand, rank);
}

static double element_count(const uint32_t *shape, size_t rank)
{
    double n = 1;
    size_t i;
    for (i = 0; i < rank; i++)
        n *= shape[i];
    return n;
}

/* An unsigned integer argument or option, or fallback when absent or not one. */
static double number_or(const json_value *v, double fallback)
{
    uint64_t u;
    if (!v || v->type != JSON_NUMBER || json_to_uint64(v, &u) != JSON_CONV_OK)
        return fallback;
    return (double)u;
}

/* The index of the first of two spatial dimensions of a 4-D input in a layout option. */
static size_t spatial_start(const json_value *layout)
{
    return json_is_string(layout, "nhwc") ? 1 : 2;
}

/* The upper bound used when an operator's length cannot be derived from its arguments (the
 * builder accepted something this file does not expect): the element count of every operand
 * it read, added up. No output element of any accumulating operator sums more terms. */
static double fallback_length(const cf_graph *g, size_t index)
{
    const cf_reads *r = &g->opReads[index];
    double n = 0;
    size_t i, rank;
    for (i = 0; i < r->count; i++) {
        const uint32_t *shape = wnnOperandGetShape(g->symbols[r->symbols[i]].operand, &rank);
        n += shape || rank == 0 ? element_count(shape, rank) : 0;
    }
    return n > 1 ? n : 1;
}

/* The number of rounded operations behind one output element of operator index (an
 * accumulating one), as an upper bound where elements differ (edge windows, the first
 * elements of a cumulative sum). Terms: n products or values summed, plus the few
 * operations after the sum (a division, a square root, a bias). */
static double accumulation_length(const cf_graph *g, size_t index)
{
    const json_value *op = &g->c->operators->items[index];
    const char *name = operator_name(g->c, index);
    const uint32_t *in, *other;
    size_t rank, orank;
    double n = -1;
    if (cf_operator_class(name) != CF_OP_ACCUMULATING)
        return 0; /* reduceMax, reduceMin: selections, not sums */
    in = operand_shape(g, argument(op, "input"), &rank);
    if (strcmp(name, "matmul") == 0) {
        /* a dot product of the inner dimension: a's last */
        in = operand_shape(g, argument(op, "a"), &rank);
        if (in && rank >= 1)
            n = in[rank - 1];
    } else if (strcmp(name, "gemm") == 0) {
        /* alpha * sum over K of a*b + beta * c: K products, the scaling, the addition */
        const json_value *aTranspose = option(op, "aTranspose");
        in = operand_shape(g, argument(op, "a"), &rank);
        if (in && rank == 2)
            n = (aTranspose && aTranspose->type == JSON_TRUE ? in[0] : in[1]) + 2.0;
    } else if (strcmp(name, "conv2d") == 0 || strcmp(name, "convTranspose2d") == 0) {
        /* each output element sums (input channels / groups) * kernel height * width
         * products (convTranspose2d: at most that many, fewer with strides), plus the bias:
         * the filter's elements over its output-channel dimension */
        const json_value *layout = option(op, "filterLayout");
        size_t oDim;
        double groups = number_or(option(op, "groups"), 1);
        other = operand_shape(g, argument(op, "filter"), &orank);
        if (strcmp(name, "conv2d") == 0)
            oDim = json_is_string(layout, "hwio") || json_is_string(layout, "ihwo") ? 3 : 0;
        else {
            oDim = json_is_string(layout, "hwoi") ? 2 : json_is_string(layout, "ohwi") ? 0 : 1;
            /* iohw: [input channels, output channels / groups, h, w]: a group's share of
             * the input channels feeds an output element */
        }
        if (other && orank == 4 && other[oDim] > 0 && groups >= 1) {
            n = element_count(other, orank) / other[oDim];
            if (strcmp(name, "convTranspose2d") == 0)
                n /= groups;
            if (option(op, "bias"))
                n += 1;
        }
    } else if (strcmp(name, "averagePool2d") == 0 || strcmp(name, "l2Pool2d") == 0) {
        /* the window's elements summed (padding excluded: fewer), then a division or a
         * square root */
        const json_value *window = option(op, "windowDimensions");
        if (window && window->type == JSON_ARRAY && window->length == 2)
            n = number_or(&window->items[0], -1) * number_or(&window->items[1], -1);
        else if (in && rank == 4) {
            size_t s = spatial_start(option(op, "layout"));
            n = (double)in[s] * in[s + 1];
        }
        if (n >= 0)
            n += 1;
        else
            n = -1;
    } else if (strncmp(name, "reduce", 6) == 0) {
        /* the reduced elements: the input's count over the output's */
        size_t s, orank2 = 0;
        for (s = 0; s < g->symbolCount; s++)
            if (g->symbols[s].producer == index)
                break;
        if (in && s < g->symbolCount) {
            const uint32_t *out = wnnOperandGetShape(g->symbols[s].operand, &orank2);
            double outCount = out || orank2 == 0 ? element_count(out, orank2) : 0;
            n = outCount > 0 ? element_count(in, rank) / outCount : 1;
            if (strcmp(name, "reduceMean") == 0 || strcmp(name, "reduceL2") == 0 ||
                strcmp(name, "reduceSumSquare") == 0 || strcmp(name, "reduceLogSum") == 0)
                n += 1; /* the division, the square root, the squares, the logarithm */
            else if (strcmp(name, "reduceLogSumExp") == 0)
                n += 2; /* the exponentials and the logarithm */
        }
    } else if (strcmp(name, "cumulativeSum") == 0) {
        /* the last element along the axis sums them all */
        double axis = number_or(argument(op, "axis"), -1);
        if (in && axis >= 0 && axis < (double)rank)
            n = in[(size_t)axis];
    } else if (strcmp(name, "softmax") == 0) {
        /* the sum of exponentials along the axis, the exponential, the division; a 2-D
         * softmax without an axis (the suite's older data) is over axis 1 */
        double axis = number_or(argument(op, "axis"), rank == 2 ? 1 : -1);
        if (in && axis >= 0 && axis < (double)rank)
            n = in[(size_t)axis] + 2.0;
    } else if (strcmp(name, "batchNormalization") == 0) {
        /* no sum: (x - mean) / sqrt(variance + epsilon) * scale + bias, six operations */
        n = 6;
    } else if (strcmp(name, "instanceNormalization") == 0) {
        /* the mean and variance over the spatial dimensions, then the six operations of the
         * normalization */
        if (in && rank == 4) {
            size_t s = spatial_start(option(op, "layout"));
            n = (double)in[s] * in[s + 1] + 6.0;
        }
    } else if (strcmp(name, "layerNormalization") == 0) {
        /* the mean and variance over the axes (default: all but the first) */
        const json_value *axes = option(op, "axes");
        size_t i;
        if (in) {
            n = 1;
            if (axes && axes->type == JSON_ARRAY) {
                for (i = 0; i < axes->length; i++) {
                    double a = number_or(&axes->items[i], -1);
                    if (a < 0 || a >= (double)rank) {
                        n = -1;
                        break;
                    }
                    n *= in[(size_t)a];
                }
            } else
                for (i = 1; i < rank; i++)
                    n *= in[i];
            if (n >= 0)
                n += 6.0;
        }
    } else if (strcmp(name, "gru") == 0 || strcmp(name, "lstm") == 0 ||
               strcmp(name, "gruCell") == 0 || strcmp(name, "lstmCell") == 0) {
        /* per step, a gate sums input size + hidden size products and two biases; the hidden
         * state carries the error of one step into the next, so the steps add up */
        int cell = strstr(name, "Cell") != NULL;
        double steps = cell ? 1 : number_or(argument(op, "steps"), -1);
        double hidden = number_or(argument(op, "hiddenSize"), -1);
        if (in && rank == (cell ? 2u : 3u) && steps >= 0 && hidden >= 0)
            n = steps * ((double)in[rank - 1] + hidden + 4.0);
    }
    if (n < 0 || isnan(n))
        return fallback_length(g, index);
    return n > 1 ? n : 1;
}

/* ------------------------------------------------------------------------------------------ */
/* The magnitude run                                                                          */
/* ------------------------------------------------------------------------------------------ */

static int fail(cf_text *err, const cf_case *c, const char *what, WNNStatus s, const char *message)
{
    cf_text_printf(err, "%s:%u:%u: case \"%s\": the magnitude evaluation: %s: %s%s%s",
                   c->file->path, (unsigned)c->node->line, (unsigned)c->node->column, c->name,
                   what, wnnStatusString(s), message && *message ? ": " : "",
                   message ? message : "");
    return -1;
}

/* A tensor's data in its type (malloc'd; NULL when out of memory). */
static void *packed(const cf_tensor *t, size_t *bytes)
{
    void *buf;
    *bytes = t->count * wnnOperandDataTypeByteSize(t->dataType);
    buf = malloc(*bytes ? *bytes : 1);
    if (buf)
        cf_tensor_pack(t, buf);
    return buf;
}

/* Walk back from symbol sym through the operators that produced what it depends on:
 * the largest accumulation length among them, and whether all of them move data. */
static void trace_output(const cf_graph *g, size_t sym, const double *lengths,
                         unsigned char *seen, size_t *stack, cf_bound_output *o)
{
    size_t top = 0, k;
    o->length = 0;
    o->op = NULL;
    o->movement = 1;
    o->fromFloat = 0;
    o->nonlinear = 0;
    memset(seen, 0, g->symbolCount);
    seen[sym] = 1;
    stack[top++] = sym;
    while (top > 0) {
        size_t s = stack[--top], producer = g->symbols[s].producer;
        const char *name;
        if (producer == CF_NO_INDEX)
            continue;
        name = operator_name(g->c, producer);
        if (cf_operator_class(name) != CF_OP_MOVEMENT) {
            o->movement = 0;
            /* floating-point arithmetic: a float result of an operator that computes, or
             * quantizeLinear's integers (a float quotient, rounded) */
            if ((name && strcmp(name, "quantizeLinear") == 0) ||
                cf_data_type_class(wnnOperandGetDataType(g->symbols[s].operand)) == CF_CLASS_FLOAT)
                o->fromFloat = 1;
        }
        if (name && listed(nonlinear_ops, name))
            o->nonlinear = 1;
        if (lengths[producer] > o->length) {
            o->length = lengths[producer];
            o->op = name;
        }
        for (k = 0; k < g->opReads[producer].count; k++) {
            size_t r = g->opReads[producer].symbols[k];
            if (!seen[r]) {
                seen[r] = 1;
                stack[top++] = r;
            }
        }
    }
}

int cf_bounds_compute(const cf_case *c, cf_bounds *b, cf_text *err)
{
    cf_graph g;
    cf_text notes;
    WNNContext context = NULL;
    WNNGraph graph = NULL;
    WNNNamedOperand *named = NULL;
    WNNNamedTensor *inputs = NULL, *outputs = NULL;
    size_t inputCount = 0, outputCount = 0, i, n = c->expectedCount, top = 0;
    unsigned char *needed = NULL;
    size_t *stack = NULL;
    double *lengths = NULL;
    int result = -1, dispatch = 0;
    WNNStatus s;

    memset(b, 0, sizeof *b);
    memset(&g, 0, sizeof g);
    cf_text_init(&notes);
    g.c = c;
    g.pool = &b->pool;
    g.notes = &notes;
    g.status = WNNStatus_Success;
    b->outputs = (cf_bound_output *)cf_pool_array(&b->pool, n + 1, sizeof *b->outputs);
    g.opReads = (cf_reads *)cf_pool_array(&b->pool, c->operators->length + 1, sizeof *g.opReads);
    lengths = (double *)calloc(c->operators->length + 1, sizeof *lengths);
    if (!b->outputs || !g.opReads || !lengths) {
        cf_text_printf(err, "case \"%s\": out of memory", c->name);
        goto done;
    }
    s = wnnCreateContext(NULL, &context);
    if (s == WNNStatus_Success)
        s = wnnCreateGraphBuilder(context, &g.builder);
    if (s != WNNStatus_Success) {
        fail(err, c, "createContext", s, NULL);
        goto done;
    }
    for (i = 0; i < c->inputCount; i++) {
        const cf_tensor *t = &c->inputs[i];
        WNNOperandDescriptor desc;
        WNNOperand operand = NULL;
        desc.dataType = t->dataType;
        desc.shape = t->shape;
        desc.shapeCount = t->rank;
        if (t->constant) {
            size_t bytes;
            void *buf = packed(t, &bytes);
            if (!buf) {
                cf_text_printf(err, "case \"%s\": out of memory", c->name);
                goto done;
            }
            s = wnnGraphBuilderConstant(g.builder, &desc, buf, bytes, &operand);
            free(buf);
        } else
            s = wnnGraphBuilderInput(g.builder, t->name, &desc, &operand);
        if (s != WNNStatus_Success) {
            fail(err, c, t->name, s, wnnGraphBuilderGetErrorMessage(g.builder));
            goto done;
        }
        if (cf_graph_add(&g, t->name, operand, i, CF_NO_INDEX) == CF_NO_INDEX) {
            cf_text_printf(err, "case \"%s\": out of memory", c->name);
            goto done;
        }
    }
    for (i = 0; i < c->operators->length; i++) {
        if (cf_call_operator(&g, i, err) != 0)
            goto done;
        lengths[i] = accumulation_length(&g, i);
    }

    /* each output: its length, whether it only moves data, its graph output */
    named = (WNNNamedOperand *)calloc(n + 1, sizeof *named);
    outputs = (WNNNamedTensor *)calloc(n + 1, sizeof *outputs);
    inputs = (WNNNamedTensor *)calloc(c->inputCount + 1, sizeof *inputs);
    needed = (unsigned char *)calloc(g.symbolCount + 1, 1);
    stack = (size_t *)malloc((g.symbolCount + 1) * sizeof *stack);
    if (!named || !outputs || !inputs || !needed || !stack) {
        cf_text_printf(err, "case \"%s\": out of memory", c->name);
        goto done;
    }
    b->count = n;
    for (i = 0; i < n; i++) {
        size_t sym = cf_graph_find(&g, c->expected[i].name);
        cf_bound_output *o = &b->outputs[i];
        if (sym == CF_NO_INDEX) {
            cf_text_printf(err, "case \"%s\": expected output \"%s\" is not an operand of the graph",
                           c->name, c->expected[i].name);
            goto done;
        }
        trace_output(&g, sym, lengths, needed, stack, o);
        named[i].name = c->expected[i].name;
        named[i].operand = g.symbols[sym].operand;
        if (o->length > 0 &&
            cf_data_type_class(wnnOperandGetDataType(named[i].operand)) == CF_CLASS_FLOAT)
            dispatch = 1;
    }
    if (!dispatch) {
        result = 0; /* nothing to evaluate: no float output depends on an accumulation */
        goto done;
    }
    s = wnnGraphBuilderBuild(g.builder, n, named, &graph);
    if (s != WNNStatus_Success) {
        fail(err, c, "build", s, wnnGraphBuilderGetErrorMessage(g.builder));
        goto done;
    }

    /* bind the inputs the outputs depend on */
    memset(needed, 0, g.symbolCount);
    for (i = 0; i < n; i++) {
        size_t sym = cf_graph_find(&g, c->expected[i].name);
        if (!needed[sym]) {
            needed[sym] = 1;
            stack[top++] = sym;
        }
    }
    while (top > 0) {
        size_t sym = stack[--top], producer = g.symbols[sym].producer, k;
        if (producer == CF_NO_INDEX)
            continue;
        for (k = 0; k < g.opReads[producer].count; k++) {
            size_t r = g.opReads[producer].symbols[k];
            if (!needed[r]) {
                needed[r] = 1;
                stack[top++] = r;
            }
        }
    }
    for (i = 0; i < g.symbolCount; i++) {
        const cf_tensor *t;
        WNNTensorDescriptor desc;
        size_t bytes;
        void *buf;
        if (!needed[i] || g.symbols[i].input == CF_NO_INDEX || c->inputs[g.symbols[i].input].constant)
            continue;
        t = &c->inputs[g.symbols[i].input];
        desc.dataType = t->dataType;
        desc.shape = t->shape;
        desc.shapeCount = t->rank;
        desc.readable = 0;
        desc.writable = 1;
        s = wnnContextCreateTensor(context, &desc, &inputs[inputCount].tensor);
        if (s != WNNStatus_Success) {
            fail(err, c, "createTensor", s, wnnContextGetErrorMessage(context));
            goto done;
        }
        inputs[inputCount++].name = t->name;
        buf = packed(t, &bytes);
        if (!buf) {
            cf_text_printf(err, "case \"%s\": out of memory", c->name);
            goto done;
        }
        s = wnnContextWriteTensor(context, inputs[inputCount - 1].tensor, buf, bytes);
        free(buf);
        if (s != WNNStatus_Success) {
            fail(err, c, "writeTensor", s, wnnContextGetErrorMessage(context));
            goto done;
        }
    }
    for (i = 0; i < n; i++) {
        WNNTensorDescriptor desc;
        size_t rank = 0;
        desc.dataType = wnnOperandGetDataType(named[i].operand);
        desc.shape = wnnOperandGetShape(named[i].operand, &rank);
        desc.shapeCount = rank;
        desc.readable = 1;
        desc.writable = 0;
        s = wnnContextCreateTensor(context, &desc, &outputs[i].tensor);
        if (s != WNNStatus_Success) {
            fail(err, c, "createTensor", s, wnnContextGetErrorMessage(context));
            goto done;
        }
        outputs[i].name = named[i].name;
        outputCount = i + 1;
    }
    s = wnnContextDispatchMagnitudes(context, graph, inputCount, inputs, n, outputs);
    if (s != WNNStatus_Success) {
        fail(err, c, "dispatch", s, wnnContextGetErrorMessage(context));
        goto done;
    }
    for (i = 0; i < n; i++) {
        cf_bound_output *o = &b->outputs[i];
        WNNOperandDataType t = wnnOperandGetDataType(named[i].operand);
        size_t rank = 0, count, bytes;
        const uint32_t *shape = wnnOperandGetShape(named[i].operand, &rank);
        void *data;
        if (o->length <= 0 || cf_data_type_class(t) != CF_CLASS_FLOAT)
            continue;
        count = (size_t)element_count(shape, rank);
        bytes = count * wnnOperandDataTypeByteSize(t);
        data = cf_pool_alloc(&b->pool, bytes ? bytes : 1);
        if (!data) {
            cf_text_printf(err, "case \"%s\": out of memory", c->name);
            goto done;
        }
        s = wnnContextReadTensor(context, outputs[i].tensor, data, bytes);
        if (s != WNNStatus_Success) {
            fail(err, c, "readTensor", s, wnnContextGetErrorMessage(context));
            goto done;
        }
        o->magnitudes.dataType = t;
        o->magnitudes.count = count;
        o->magnitudes.raw = data;
    }
    result = 0;

done:
    for (i = 0; i < outputCount; i++)
        wnnTensorRelease(outputs[i].tensor);
    for (i = 0; i < inputCount; i++)
        wnnTensorRelease(inputs[i].tensor);
    free(outputs);
    free(inputs);
    free(named);
    free(needed);
    free(stack);
    free(lengths);
    free(g.symbols);
    free(g.hash);
    free(g.reads);
    wnnGraphRelease(graph);
    wnnGraphBuilderRelease(g.builder);
    wnnContextRelease(context);
    cf_text_free(&notes);
    if (result != 0)
        b->count = 0;
    return result;
}

void cf_bounds_free(cf_bounds *b)
{
    cf_pool_free(&b->pool);
    memset(b, 0, sizeof *b);
}
