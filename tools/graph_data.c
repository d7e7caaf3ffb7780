/* tools/graph_data.c - the data side of graph files: inputs from tensor files, constants from
 * weight stores, scalars and inline bytes; the graph and its data as a runnable case; and the
 * conversions between the JSON twin and WPT case files. */
#include "graph.h"
#include "tensorio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Bindings                                                                                   */
/* ------------------------------------------------------------------------------------------ */

int gf_data_init(const gf_graph *g, gf_data *d)
{
    gf_data keep = *d;
    memset(d, 0, sizeof *d);
    d->weightsPath = keep.weightsPath;
    d->maxTensorBytes = keep.maxTensorBytes;
    d->inputs = (gf_binding *)calloc(g->inputCount + 1, sizeof *d->inputs);
    d->consts = (gf_binding *)calloc(g->constCount + 1, sizeof *d->consts);
    return d->inputs && d->consts ? 0 : -1;
}

void gf_data_free(const gf_graph *g, gf_data *d)
{
    size_t i;
    for (i = 0; d->inputs && i < g->inputCount; i++)
        free(d->inputs[i].data);
    for (i = 0; d->consts && i < g->constCount; i++)
        free(d->consts[i].data);
    free(d->inputs);
    free(d->consts);
    d->inputs = d->consts = NULL;
}

static size_t byte_length(const gf_operand *o)
{
    return o->count * wnnOperandDataTypeByteSize(o->dataType);
}

static int same_shape(const uint32_t *a, size_t ra, const uint32_t *b, size_t rb)
{
    size_t i;
    if (ra != rb)
        return 0;
    for (i = 0; i < ra; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}


/* "FILE: holds float32 [3]; input "x" is declared float16 [3]". */
static void mismatch(cf_text *err, const char *file, const gf_operand *o, WNNOperandDataType type,
                     const uint32_t *shape, size_t rank)
{
    cf_text e;
    cf_text_init(&e);
    gf_describe(&e, type, shape, rank);
    cf_text_printf(err, "%s: holds %s; input \"%s\" is declared ", file, cf_text_str(&e), o->name);
    cf_text_clear(&e);
    gf_describe(&e, o->dataType, o->shape, o->rank);
    cf_text_append(err, cf_text_str(&e));
    cf_text_free(&e);
}

/* A tensor of a JSON file {"dataType", "shape", "data"}, packed. */
static void *read_json_tensor(const gf_operand *o, const char *file, size_t maxBytes, cf_text *err)
{
    static const char *const keys[] = {"dataType", "shape", "data", NULL};
    json_error jerr;
    json_document *doc = json_parse_file(file, NULL, &jerr);
    const json_value *root;
    cf_tensor t;
    cf_pool pool;
    void *buf = NULL;
    size_t i, k;
    char what[160];
    if (!doc) {
        if (jerr.line)
            cf_text_printf(err, "%s:%u:%u: %s", file, (unsigned)jerr.line, (unsigned)jerr.column,
                           jerr.message);
        else
            cf_text_printf(err, "%s: %s", file, jerr.message);
        return NULL;
    }
    memset(&pool, 0, sizeof pool);
    memset(&t, 0, sizeof t);
    root = json_root(doc);
    snprintf(what, sizeof what, "input \"%.100s\"", o->name);
    if (root->type != JSON_OBJECT) {
        cf_text_printf(err, "%s: a tensor file is an object {\"dataType\", \"shape\", \"data\"}",
                       file);
        goto done;
    }
    for (i = 0; i < root->length; i++) {
        int known = 0;
        for (k = 0; keys[k] && !known; k++)
            known = strcmp(root->items[i].key, keys[k]) == 0;
        if (!known) {
            cf_text_printf(err, "%s:%u:%u: unknown member \"%.60s\" in a tensor file (known: "
                           "\"dataType\", \"shape\", \"data\")", file,
                           (unsigned)root->items[i].keyLine, (unsigned)root->items[i].keyColumn,
                           root->items[i].key);
            goto done;
        }
    }
    if (cf_tensor_read(&pool, file, what, json_get(root, "dataType"), json_get(root, "shape"),
                       json_get(root, "data"), &t, err) != 0)
        goto done;
    if (t.dataType != o->dataType || !same_shape(t.shape, t.rank, o->shape, o->rank)) {
        mismatch(err, file, o, t.dataType, t.shape, t.rank);
        goto done;
    }
    if (byte_length(o) > maxBytes) {
        cf_text_printf(err, "%s: %lu bytes, above the limit of %lu bytes per tensor", file,
                       (unsigned long)byte_length(o), (unsigned long)maxBytes);
        goto done;
    }
    buf = malloc(byte_length(o) ? byte_length(o) : 1);
    if (!buf)
        cf_text_printf(err, "%s: out of memory", file);
    else
        cf_tensor_pack(&t, buf);
done:
    cf_pool_free(&pool);
    json_free(doc);
    return buf;
}

static void *read_npy_tensor(const gf_operand *o, const char *file, size_t maxBytes, cf_text *err)
{
    tio_tensor t;
    char message[512];
    memset(&t, 0, sizeof t);
    if (tio_npy_read(file, maxBytes, &t, message, sizeof message) != 0 ||
        tio_tensor_narrow(&t, o->dataType, message, sizeof message) != 0) {
        tio_tensor_free(&t);
        cf_text_printf(err, "input \"%s\": %s", o->name, message);
        return NULL;
    }
    if (!same_shape(t.shape, t.rank, o->shape, o->rank)) {
        mismatch(err, file, o, t.dataType, t.shape, t.rank);
        tio_tensor_free(&t);
        return NULL;
    }
    return t.data; /* taken over */
}

static size_t find_operand(const gf_operand *list, size_t count, const char *name)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (strcmp(list[i].name, name) == 0)
            return i;
    return (size_t)-1;
}


int gf_bind_input(const gf_graph *g, gf_data *d, const char *name, const char *file, cf_text *err)
{
    size_t i = find_operand(g->inputs, g->inputCount, name);
    void *data;
    if (i == (size_t)-1) {
        size_t j;
        cf_text_printf(err, "--input %s: the graph has no input \"%s\" (its inputs:", name, name);
        for (j = 0; j < g->inputCount; j++)
            cf_text_printf(err, " %s", g->inputs[j].name);
        cf_text_append(err, g->inputCount ? ")" : " none)");
        return -1;
    }
    if (d->inputs[i].data) {
        cf_text_printf(err, "--input %s: given twice", name);
        return -1;
    }
    if (tio_has_suffix(file, ".npy"))
        data = read_npy_tensor(&g->inputs[i], file, d->maxTensorBytes, err);
    else if (tio_has_suffix(file, ".json"))
        data = read_json_tensor(&g->inputs[i], file, d->maxTensorBytes, err);
    else {
        cf_text_printf(err, "--input %s=%s: a tensor file is .npy or .json", name, file);
        return -1;
    }
    if (!data)
        return -1;
    d->inputs[i].name = g->inputs[i].name;
    d->inputs[i].data = data;
    return 0;
}

int gf_check_inputs_bound(const gf_graph *g, const gf_data *d, cf_text *err)
{
    size_t i, missing = 0;
    for (i = 0; i < g->inputCount; i++) {
        if (d->inputs[i].data)
            continue;
        if (missing++ == 0)
            cf_text_printf(err, "%s: inputs without data (give each with --input NAME=FILE, "
                           "a .npy or JSON tensor file):", g->path);
        cf_text_printf(err, "\n  %s: ", g->inputs[i].name);
        gf_describe(err, g->inputs[i].dataType, g->inputs[i].shape, g->inputs[i].rank);
    }
    return missing ? -1 : 0;
}

/* The weight store of a graph: --weights, or the first of <stem>.safetensors, <stem>.weights,
 * model.safetensors, model.weights beside the graph file that exists. */
static tio_weights *open_weights(const gf_graph *g, const gf_data *d, const gf_operand *first,
                                 cf_text *err)
{
    static const char *const suffixes[] = {".safetensors", ".weights"};
    char message[512], candidate[4][4096];
    tio_weights *w = NULL;
    const char *slash = strrchr(g->path, '/'), *dot;
    size_t dirLength = slash ? (size_t)(slash - g->path) + 1 : 0, stemLength, i;
    if (d->weightsPath) {
        if (tio_weights_open(d->weightsPath, d->maxTensorBytes, &w, message, sizeof message) != 0) {
            cf_text_append(err, message);
            return NULL;
        }
        return w;
    }
    dot = strrchr(g->path + dirLength, '.');
    stemLength = dot ? (size_t)(dot - (g->path + dirLength)) : strlen(g->path + dirLength);
    if (dirLength + stemLength > 4000) {
        cf_text_printf(err, "%s: path too long", g->path);
        return NULL;
    }
    for (i = 0; i < 4; i++)
        snprintf(candidate[i], sizeof candidate[i], "%.*s%.*s%s", (int)dirLength, g->path,
                 (int)(i < 2 ? stemLength : 5), i < 2 ? g->path + dirLength : "model",
                 suffixes[i % 2]);
    for (i = 0; i < 4; i++) {
        FILE *f = fopen(candidate[i], "rb");
        if (!f)
            continue;
        fclose(f);
        if (tio_weights_open(candidate[i], d->maxTensorBytes, &w, message, sizeof message) != 0) {
            cf_text_append(err, message);
            return NULL;
        }
        return w;
    }
    cf_text_printf(err, "%s:%u:%u: constant \"%s\" takes its data from weights, and no weights "
                   "file was found (looked for %s, %s, %s, %s); give one with --weights FILE",
                   g->path, (unsigned)first->node->keyLine, (unsigned)first->node->keyColumn,
                   first->name, candidate[0], candidate[1], candidate[2], candidate[3]);
    return NULL;
}

static void *scalar_data(const gf_graph *g, const gf_operand *o, size_t maxBytes, cf_text *err)
{
    cf_pool pool;
    cf_tensor t;
    void *buf = NULL;
    char what[160];
    memset(&pool, 0, sizeof pool);
    memset(&t, 0, sizeof t);
    snprintf(what, sizeof what, "constant \"%.100s\"", o->name);
    if (byte_length(o) > maxBytes) {
        cf_text_printf(err, "%s:%u:%u: %s: %lu bytes, above the limit of %lu bytes per tensor",
                       g->path, (unsigned)o->node->keyLine, (unsigned)o->node->keyColumn, what,
                       (unsigned long)byte_length(o), (unsigned long)maxBytes);
        return NULL;
    }
    if (cf_tensor_read(&pool, g->path, what, json_get(o->node, "dataType"),
                       json_get(o->node, "shape"), o->value, &t, err) == 0) {
        buf = malloc(byte_length(o) ? byte_length(o) : 1);
        if (!buf)
            cf_text_printf(err, "%s: %s: out of memory", g->path, what);
        else
            cf_tensor_pack(&t, buf);
    }
    cf_pool_free(&pool);
    return buf;
}

static void *inline_bytes(const gf_graph *g, const gf_operand *o, cf_text *err)
{
    size_t n = byte_length(o), i;
    unsigned char *buf = (unsigned char *)malloc(n ? n : 1);
    if (!buf) {
        cf_text_printf(err, "%s: constant \"%s\": out of memory", g->path, o->name);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        uint64_t u = 0;
        json_to_uint64(&o->value->items[i], &u); /* checked by gf_open */
        buf[i] = (unsigned char)u;
    }
    if (!tio_host_little_endian())
        tio_swap_bytes(buf, o->count, wnnOperandDataTypeByteSize(o->dataType));
    return buf;
}

int gf_bind_constants(const gf_graph *g, gf_data *d, cf_text *err)
{
    tio_weights *w = NULL;
    size_t i;
    int result = 0;
    for (i = 0; i < g->constCount && result == 0; i++) {
        const gf_operand *o = &g->consts[i];
        void *data = NULL;
        if (d->consts[i].data)
            continue;
        if (o->init == GF_WEIGHTS) {
            tio_tensor t;
            char message[512];
            if (!w && !(w = open_weights(g, d, o, err)))
                return -1;
            memset(&t, 0, sizeof t);
            if (tio_weights_load(w, o->value->text, o->dataType, o->shape, o->rank, &t, message,
                                 sizeof message) != 0) {
                cf_text_printf(err, "%s:%u:%u: constant \"%s\": %s", g->path,
                               (unsigned)o->value->line, (unsigned)o->value->column, o->name,
                               message);
                tio_tensor_free(&t);
                result = -1;
                break;
            }
            data = t.data;
        } else if (o->init == GF_SCALAR)
            data = scalar_data(g, o, d->maxTensorBytes, err);
        else
            data = inline_bytes(g, o, err);
        if (!data)
            result = -1;
        d->consts[i].name = o->name;
        d->consts[i].data = data;
    }
    if (w)
        tio_weights_close(w);
    return result;
}

/* ------------------------------------------------------------------------------------------ */
/* The graph as a case                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void set_tensor(cf_tensor *t, const gf_operand *o, const void *data, int constant)
{
    t->name = o->name;
    t->node = o->node;
    t->dataType = o->dataType;
    t->shape = (uint32_t *)o->shape;
    t->rank = o->rank;
    t->count = o->count;
    t->constant = constant;
    t->raw = data;
}

int gf_make_case(const gf_graph *g, const gf_data *d, cf_file *file, cf_case *c, cf_text *err)
{
    size_t i;
    memset(file, 0, sizeof *file);
    memset(c, 0, sizeof *c);
    file->path = (char *)g->path;
    file->stem = (char *)g->name;
    file->caseCount = 1;
    c->file = file;
    c->name = g->name;
    c->node = g->root;
    c->operators = g->operators;
    c->inputCount = g->inputCount + g->constCount;
    c->inputs = (cf_tensor *)cf_pool_array(&c->pool, c->inputCount + 1, sizeof *c->inputs);
    c->expectedCount = g->outputCount;
    c->expected = (cf_tensor *)cf_pool_array(&c->pool, g->outputCount + 1, sizeof *c->expected);
    if (!c->inputs || !c->expected) {
        cf_text_printf(err, "%s: out of memory", g->path);
        return -1;
    }
    for (i = 0; i < g->inputCount; i++)
        set_tensor(&c->inputs[i], &g->inputs[i], d->inputs[i].data, 0);
    for (i = 0; i < g->constCount; i++)
        set_tensor(&c->inputs[g->inputCount + i], &g->consts[i], d->consts[i].data, 1);
    for (i = 0; i < g->outputCount; i++) {
        cf_tensor *t = &c->expected[i];
        t->name = g->outputNames[i];
        t->operand = strcmp(g->outputNames[i], g->outputOperands[i]) != 0 ? g->outputOperands[i]
                                                                          : NULL;
        t->node = g->outputNodes[i];
        t->descriptorOnly = 1;
    }
    return 0;
}
