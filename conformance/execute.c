/* conformance/execute.c - run one case through webnn.h: inputs and constants, the operator
 * calls, build, tensors, dispatch, read back every output and its unspecified mask. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a */
static size_t name_hash(const char *name)
{
    uint32_t h = 2166136261u;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 16777619u;
    return h;
}

size_t cf_graph_find(const cf_graph *g, const char *name)
{
    size_t i;
    if (!g->hashSize)
        return CF_NO_INDEX;
    for (i = name_hash(name) & (g->hashSize - 1); g->hash[i]; i = (i + 1) & (g->hashSize - 1))
        if (strcmp(g->symbols[g->hash[i] - 1].name, name) == 0)
            return g->hash[i] - 1;
    return CF_NO_INDEX;
}

static void hash_insert(cf_graph *g, size_t symbol)
{
    size_t i = name_hash(g->symbols[symbol].name) & (g->hashSize - 1);
    while (g->hash[i])
        i = (i + 1) & (g->hashSize - 1);
    g->hash[i] = symbol + 1;
}

size_t cf_graph_add(cf_graph *g, const char *name, WNNOperand operand, size_t input,
                    size_t producer)
{
    cf_symbol *s;
    if (g->symbolCount >= CF_MAX_SYMBOLS)
        return CF_NO_INDEX;
    if (g->symbolCount == g->symbolCapacity) {
        size_t cap = g->symbolCapacity ? g->symbolCapacity * 2 : 16, i;
        size_t *hash;
        s = (cf_symbol *)realloc(g->symbols, cap * sizeof *s);
        if (!s)
            return CF_NO_INDEX;
        g->symbols = s;
        g->symbolCapacity = cap;
        /* the hash table keeps at most half its slots used */
        hash = (size_t *)calloc(cap * 2, sizeof *hash);
        if (!hash)
            return CF_NO_INDEX;
        free(g->hash);
        g->hash = hash;
        g->hashSize = cap * 2;
        for (i = 0; i < g->symbolCount; i++)
            hash_insert(g, i);
    }
    s = &g->symbols[g->symbolCount];
    s->name = name;
    s->operand = operand;
    s->input = input;
    s->producer = producer;
    hash_insert(g, g->symbolCount);
    return g->symbolCount++;
}

static int case_error(const cf_case *c, cf_text *err, const char *fmt, ...) CF_PRINTF(3, 4);

/* "path:line:column: case "name": message" at the case. Returns -1. */
static int case_error(const cf_case *c, cf_text *err, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    cf_text_printf(err, "%s:%u:%u: case \"%s\": %s", c->file->path, (unsigned)c->node->line,
                   (unsigned)c->node->column, c->name, message);
    return -1;
}

static int status_error(const cf_case *c, cf_execution *x, cf_text *err, WNNStatus s,
                        const char *what, const char *message)
{
    x->status = s;
    cf_text_clear(&x->message);
    cf_text_append(&x->message, message ? message : "");
    return case_error(c, err, "%s: %s: %s", what, wnnStatusString(s), message ? message : "");
}

static size_t element_count(const uint32_t *shape, size_t rank)
{
    size_t n = 1, i;
    for (i = 0; i < rank; i++) {
        if (shape[i] != 0 && n > CF_MAX_ELEMENTS / shape[i])
            return (size_t)-1;
        n *= shape[i];
    }
    return n;
}

/* A graph builder call failed: keep its message for cf_check_expected_error. */
static void builder_failed(cf_execution *x, WNNGraphBuilder b)
{
    const char *m = wnnGraphBuilderGetErrorMessage(b);
    x->builderFailed = 1;
    cf_text_clear(&x->message);
    cf_text_append(&x->message, m ? m : "");
}

/* The graph's output names: the expected outputs', or for a case expecting an error without
 * expectedOutputs, the last operator's "outputs" (a name or an array of names). Returns the
 * count, 0 when there is none (err set), (size_t)-1 when out of memory. */
static size_t output_names(const cf_case *c, cf_pool *pool, const char ***out, cf_text *err)
{
    const char **names;
    const json_value *last, *outs;
    size_t i, n = c->expectedCount;
    if (n == 0) {
        last = c->operators->length ? &c->operators->items[c->operators->length - 1] : NULL;
        outs = json_get(last, "outputs");
        n = !outs ? 0 : outs->type == JSON_STRING ? 1 : outs->type == JSON_ARRAY ? outs->length : 0;
        for (i = 0; outs && outs->type == JSON_ARRAY && i < n; i++)
            if (outs->items[i].type != JSON_STRING)
                n = 0;
        if (n == 0) {
            case_error(c, err, "no expectedOutputs and no last operator's \"outputs\" to build "
                       "the graph with");
            return 0;
        }
    } else
        outs = NULL;
    names = (const char **)cf_pool_array(pool, n, sizeof *names);
    if (!names)
        return (size_t)-1;
    for (i = 0; i < n; i++)
        names[i] = c->expectedCount ? c->expected[i].name
                 : outs->type == JSON_STRING ? outs->text : outs->items[i].text;
    *out = names;
    return n;
}

/* The bytes of a tensor's data in its type (malloc'd; NULL when out of memory). */
static void *packed(const cf_tensor *t, size_t *bytes)
{
    void *buf;
    *bytes = t->count * wnnOperandDataTypeByteSize(t->dataType);
    buf = malloc(*bytes ? *bytes : 1);
    if (buf)
        cf_tensor_pack(t, buf);
    return buf;
}

/* Whether a tensor's byte length exceeds the maxTensorBytes the context will have. */
static int above_tensor_limit(const cf_tensor *t, const WNNContextOptions *options)
{
    uint64_t limit = options && options->maxTensorBytes ? options->maxTensorBytes
                                                        : WNN_DEFAULT_MAX_TENSOR_BYTES;
    return (uint64_t)t->count * wnnOperandDataTypeByteSize(t->dataType) > limit;
}

static void phase(const cf_hooks *hooks, cf_phase which, int end)
{
    if (hooks && hooks->phase)
        hooks->phase(hooks->userData, which, end);
}

int cf_execute(const cf_case *c, const WNNContextOptions *options, cf_execution *x, cf_text *err)
{
    return cf_execute_hooked(c, options, NULL, x, err);
}

int cf_execute_hooked(const cf_case *c, const WNNContextOptions *options, const cf_hooks *hooks,
                      cf_execution *x, cf_text *err)
{
    cf_graph g;
    WNNContext context = NULL;
    WNNGraph graph = NULL;
    WNNNamedOperand *named = NULL;
    WNNNamedTensor *inputTensors = NULL, *outputTensors = NULL;
    size_t inputTensorCount = 0, i, n = 0;
    const char **names = NULL;
    unsigned char *needed = NULL;
    size_t *stack = NULL, top = 0;
    int result = -1;
    WNNStatus s;

    memset(x, 0, sizeof *x);
    cf_text_init(&x->notes);
    cf_text_init(&x->message);
    x->status = WNNStatus_Success;
    memset(&g, 0, sizeof g);
    g.c = c;
    g.pool = &x->pool;
    g.notes = &x->notes;
    g.status = WNNStatus_Success;

    s = wnnCreateContext(options, &context);
    if (s != WNNStatus_Success) {
        status_error(c, x, err, s, "createContext", NULL);
        goto done;
    }
    phase(hooks, CF_PHASE_BUILD, 0);
    s = wnnCreateGraphBuilder(context, &g.builder);
    if (s != WNNStatus_Success) {
        status_error(c, x, err, s, "MLGraphBuilder", wnnContextGetErrorMessage(context));
        goto done;
    }
    g.opReads = (cf_reads *)cf_pool_array(&x->pool, c->operators->length + 1, sizeof *g.opReads);
    if (!g.opReads) {
        case_error(c, err, "out of memory");
        goto done;
    }

    /* inputs and constants */
    for (i = 0; i < c->inputCount; i++) {
        const cf_tensor *t = &c->inputs[i];
        WNNOperandDescriptor desc;
        WNNOperand operand = NULL;
        char what[160];
        desc.dataType = t->dataType;
        desc.shape = t->shape;
        desc.shapeCount = t->rank;
        if (t->constant && above_tensor_limit(t, options)) {
            /* Not packed: packing would allocate what the limit is there to prevent. The
             * implementation refuses the descriptor before it reads a buffer (check
             * dimensions comes first), and (NULL, 0) lets none read anything. */
            s = wnnGraphBuilderConstant(g.builder, &desc, NULL, 0, &operand);
        } else if (t->constant) {
            size_t bytes;
            void *buf = packed(t, &bytes);
            if (!buf) {
                case_error(c, err, "out of memory for constant \"%s\"", t->name);
                goto done;
            }
            s = wnnGraphBuilderConstant(g.builder, &desc, buf, bytes, &operand);
            free(buf);
        } else
            s = wnnGraphBuilderInput(g.builder, t->name, &desc, &operand);
        if (s != WNNStatus_Success) {
            builder_failed(x, g.builder);
            snprintf(what, sizeof what, "%s \"%.100s\"", t->constant ? "constant" : "input", t->name);
            status_error(c, x, err, s, what, wnnGraphBuilderGetErrorMessage(g.builder));
            goto done;
        }
        if (cf_graph_add(&g, t->name, operand, i, CF_NO_INDEX) == CF_NO_INDEX) {
            case_error(c, err, "out of memory");
            goto done;
        }
    }

    /* operators */
    for (i = 0; i < c->operators->length; i++)
        if (cf_call_operator(&g, i, err) != 0) {
            x->status = g.status;
            x->disagreement = g.disagreement;
            /* a status without a disagreement comes from the builder call itself */
            if (g.status != WNNStatus_Success && !g.disagreement)
                builder_failed(x, g.builder);
            goto done;
        }

    n = output_names(c, &x->pool, &names, err);
    if (n == 0)
        goto done;
    if (n == (size_t)-1) {
        n = 0;
        case_error(c, err, "out of memory");
        goto done;
    }

    /* build with the expected outputs */
    named = (WNNNamedOperand *)calloc(n + 1, sizeof *named);
    outputTensors = (WNNNamedTensor *)calloc(n + 1, sizeof *outputTensors);
    inputTensors = (WNNNamedTensor *)calloc(c->inputCount + 1, sizeof *inputTensors);
    x->outputs = (cf_output *)cf_pool_array(&x->pool, n + 1, sizeof *x->outputs);
    needed = (unsigned char *)calloc(g.symbolCount + 1, 1);
    stack = (size_t *)malloc((g.symbolCount + 1) * sizeof *stack);
    if (!named || !outputTensors || !inputTensors || !x->outputs || !needed || !stack) {
        case_error(c, err, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        const char *operand = c->expectedCount && c->expected[i].operand
                              ? c->expected[i].operand : names[i];
        size_t sym = cf_graph_find(&g, operand);
        if (sym == CF_NO_INDEX) {
            const json_value *at = c->expectedCount ? c->expected[i].node : c->node;
            cf_text_printf(err, "%s:%u:%u: case \"%s\": %s output \"%s\" is not an operand of "
                           "the graph", c->file->path, (unsigned)at->line, (unsigned)at->column,
                           c->name, c->expectedCount ? "expected" : "the last operator's", operand);
            goto done;
        }
        named[i].name = names[i];
        named[i].operand = g.symbols[sym].operand;
        if (!needed[sym]) {
            needed[sym] = 1;
            stack[top++] = sym;
        }
    }
    s = wnnGraphBuilderBuild(g.builder, n, named, &graph);
    phase(hooks, CF_PHASE_BUILD, 1);
    if (s != WNNStatus_Success) {
        builder_failed(x, g.builder);
        status_error(c, x, err, s, "build", wnnGraphBuilderGetErrorMessage(g.builder));
        goto done;
    }

    if (hooks && hooks->buildOnly) {
        result = 0;
        goto done;
    }
    /* The graph's inputs are the inputs the outputs depend on: bind exactly those. */
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
        WNNTensor tensor = NULL;
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
        s = wnnContextCreateTensor(context, &desc, &tensor);
        if (s != WNNStatus_Success) {
            status_error(c, x, err, s, "createTensor", wnnContextGetErrorMessage(context));
            goto done;
        }
        inputTensors[inputTensorCount].name = t->name;
        inputTensors[inputTensorCount++].tensor = tensor;
        buf = packed(t, &bytes);
        if (!buf) {
            case_error(c, err, "out of memory for input \"%s\"", t->name);
            goto done;
        }
        s = wnnContextWriteTensor(context, tensor, buf, bytes);
        free(buf);
        if (s != WNNStatus_Success) {
            status_error(c, x, err, s, "writeTensor", wnnContextGetErrorMessage(context));
            goto done;
        }
    }
    for (i = 0; i < n; i++) {
        WNNTensorDescriptor desc;
        cf_output *o = &x->outputs[i];
        size_t rank = 0;
        const uint32_t *shape = wnnOperandGetShape(named[i].operand, &rank);
        o->name = names[i];
        o->dataType = wnnOperandGetDataType(named[i].operand);
        o->rank = rank;
        o->shape = (uint32_t *)cf_pool_array(&x->pool, rank ? rank : 1, sizeof *o->shape);
        if (!o->shape || (rank && !shape)) {
            case_error(c, err, "out of memory");
            goto done;
        }
        if (rank)
            memcpy(o->shape, shape, rank * sizeof *shape);
        o->count = element_count(o->shape, rank);
        if (o->count == (size_t)-1) {
            case_error(c, err, "output \"%s\" has more than 2^31-1 elements", o->name);
            goto done;
        }
        desc.dataType = o->dataType;
        desc.shape = o->shape;
        desc.shapeCount = rank;
        desc.readable = 1;
        desc.writable = 0;
        s = wnnContextCreateTensor(context, &desc, &outputTensors[i].tensor);
        if (s != WNNStatus_Success) {
            status_error(c, x, err, s, "createTensor", wnnContextGetErrorMessage(context));
            goto done;
        }
        outputTensors[i].name = o->name;
        x->count = i + 1;
    }
    phase(hooks, CF_PHASE_DISPATCH, 0);
    s = wnnContextDispatchObserved(context, graph, inputTensorCount, inputTensors, n,
                                   outputTensors, hooks ? hooks->observer : NULL);
    phase(hooks, CF_PHASE_DISPATCH, 1);
    if (s != WNNStatus_Success) {
        status_error(c, x, err, s, "dispatch", wnnContextGetErrorMessage(context));
        goto done;
    }
    for (i = 0; i < n; i++) {
        cf_output *o = &x->outputs[i];
        size_t bytes = o->count * wnnOperandDataTypeByteSize(o->dataType);
        o->data = cf_pool_alloc(&x->pool, bytes);
        o->mask = (uint8_t *)cf_pool_alloc(&x->pool, o->count);
        if (!o->data || !o->mask) {
            case_error(c, err, "out of memory for output \"%s\"", o->name);
            goto done;
        }
        s = wnnContextReadTensor(context, outputTensors[i].tensor, o->data, bytes);
        if (s == WNNStatus_Success)
            s = wnnContextReadTensorUnspecifiedMask(context, outputTensors[i].tensor, o->mask,
                                                    o->count, &o->unspecified);
        if (s != WNNStatus_Success) {
            status_error(c, x, err, s, "readTensor", wnnContextGetErrorMessage(context));
            goto done;
        }
    }
    result = 0;

done:
    if (result != 0)
        x->count = 0;
    for (i = 0; outputTensors && i < n; i++)
        wnnTensorRelease(outputTensors[i].tensor);
    for (i = 0; i < inputTensorCount; i++)
        wnnTensorRelease(inputTensors[i].tensor);
    free(outputTensors);
    free(inputTensors);
    free(named);
    free(needed);
    free(stack);
    free(g.symbols);
    free(g.hash);
    free(g.reads);
    wnnGraphRelease(graph);
    wnnGraphBuilderRelease(g.builder);
    wnnContextRelease(context);
    return result;
}

void cf_execution_free(cf_execution *x)
{
    cf_pool_free(&x->pool);
    cf_text_free(&x->notes);
    cf_text_free(&x->message);
    memset(x, 0, sizeof *x);
}

int cf_check_expected_error(const cf_case *c, const cf_execution *x, int failed, cf_text *report)
{
    const char *want = wnnStatusString(c->expectedStatus);
    if (!c->expectError) {
        cf_text_printf(report, "case \"%s\": expects no error\n", c->name);
        return 0;
    }
    if (!failed) {
        cf_text_printf(report, "case \"%s\": expected %s with a message containing \"%s\", but "
                       "the graph built and ran\n", c->name, want, c->expectedMessage);
        return 0;
    }
    if (!x->builderFailed) {
        if (x->status == WNNStatus_Success || x->disagreement)
            return -1; /* the reader stopped first: the case is wrong */
        cf_text_printf(report, "case \"%s\": expected the builder to fail with %s, but the graph "
                       "built and running it failed with %s: %s\n", c->name, want,
                       wnnStatusString(x->status), cf_text_str(&x->message));
        return 0;
    }
    if (x->status != c->expectedStatus) {
        cf_text_printf(report, "case \"%s\": expected %s, got %s: %s\n", c->name, want,
                       wnnStatusString(x->status), cf_text_str(&x->message));
        return 0;
    }
    if (!strstr(cf_text_str(&x->message), c->expectedMessage)) {
        cf_text_printf(report, "case \"%s\": %s as expected, but the message \"%s\" does not "
                       "contain \"%s\"\n", c->name, want, cf_text_str(&x->message),
                       c->expectedMessage);
        return 0;
    }
    return 1;
}
