/* tools/graph_convert.c - between the JSON twin of a graph and WPT case files. */
#include "graph.h"
#include "tensorio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Building a tree                                                                            */
/* ------------------------------------------------------------------------------------------ */

typedef struct tree {
    json_document *doc;
    int failed; /* out of memory */
} tree;

static json_value *values(tree *t, size_t count)
{
    json_value *v = json_document_values(t->doc, count);
    if (!v)
        t->failed = 1;
    return v;
}

static const char *text(tree *t, const char *s)
{
    const char *copy = json_document_text(t->doc, s, strlen(s));
    if (!copy)
        t->failed = 1;
    return copy ? copy : "";
}

static void name_member(tree *t, json_value *m, const char *key, const json_value *at)
{
    m->key = text(t, key);
    m->keyLength = strlen(key);
    m->keyLine = at ? at->line : 0;
    m->keyColumn = at ? at->column : 0;
}

static void set_string(tree *t, json_value *v, const char *s, const json_value *at)
{
    v->type = JSON_STRING;
    v->text = text(t, s);
    v->length = strlen(s);
    v->line = at ? at->line : 0;
    v->column = at ? at->column : 0;
}

static void set_number(tree *t, json_value *v, unsigned long n, const json_value *at)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lu", n);
    v->type = JSON_NUMBER;
    v->text = text(t, buf);
    v->length = strlen(buf);
    v->line = at ? at->line : 0;
    v->column = at ? at->column : 0;
}

static void set_container(tree *t, json_value *v, json_type type, size_t count,
                          const json_value *at)
{
    v->type = type;
    v->items = values(t, count);
    v->length = t->failed ? 0 : count;
    v->line = at ? at->line : 0;
    v->column = at ? at->column : 0;
}

/* A deep copy of src into dst (the key is kept from dst's caller). */
static void copy_value(tree *t, json_value *dst, const json_value *src)
{
    size_t i;
    const char *key = dst->key;
    size_t keyLength = dst->keyLength;
    uint32_t keyLine = dst->keyLine, keyColumn = dst->keyColumn;
    *dst = *src;
    dst->key = key;
    dst->keyLength = keyLength;
    dst->keyLine = keyLine;
    dst->keyColumn = keyColumn;
    if (src->type == JSON_STRING || src->type == JSON_NUMBER) {
        dst->text = json_document_text(t->doc, src->text, src->length);
        if (!dst->text)
            t->failed = 1;
    } else if (src->type == JSON_ARRAY || src->type == JSON_OBJECT) {
        json_value *items = values(t, src->length);
        dst->items = items;
        if (!items) {
            dst->length = 0;
            return;
        }
        for (i = 0; i < src->length; i++) {
            if (src->type == JSON_OBJECT) {
                items[i].key = json_document_text(t->doc, src->items[i].key,
                                                  src->items[i].keyLength);
                if (!items[i].key)
                    t->failed = 1;
                items[i].keyLength = src->items[i].keyLength;
                items[i].keyLine = src->items[i].keyLine;
                items[i].keyColumn = src->items[i].keyColumn;
            }
            copy_value(t, &items[i], &src->items[i]);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* A case as a twin                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void descriptor_members(tree *t, json_value *m, const cf_tensor *in)
{
    size_t k;
    name_member(t, &m[0], "dataType", in->node);
    set_string(t, &m[0], cf_data_type_name(in->dataType), in->node);
    name_member(t, &m[1], "shape", in->node);
    set_container(t, &m[1], JSON_ARRAY, in->rank, in->node);
    for (k = 0; !t->failed && k < in->rank; k++)
        set_number(t, (json_value *)&m[1].items[k], in->shape[k], in->node);
}


/* A constant's data as its little-endian bytes. */
static void bytes_value(tree *t, json_value *v, const cf_tensor *in, cf_text *err)
{
    size_t size = wnnOperandDataTypeByteSize(in->dataType), n = in->count * size, k;
    unsigned char *buf = (unsigned char *)malloc(n ? n : 1);
    if (!buf) {
        t->failed = 1;
        cf_text_printf(err, "out of memory");
        return;
    }
    cf_tensor_pack(in, buf);
    set_container(t, v, JSON_ARRAY, n, in->node);
    for (k = 0; !t->failed && k < n; k++) {
        size_t element = k / size, byte = k % size;
        size_t at = tio_host_little_endian() ? k : element * size + (size - 1 - byte);
        set_number(t, (json_value *)&v->items[k], buf[at], in->node);
    }
    free(buf);
}

static void case_inputs(tree *t, json_value *inputs, json_value *consts, const cf_case *c,
                        cf_text *err)
{
    size_t i, ni = 0, nc = 0;
    for (i = 0; i < c->inputCount; i++)
        c->inputs[i].constant ? nc++ : ni++;
    set_container(t, inputs, JSON_OBJECT, ni, c->node);
    set_container(t, consts, JSON_OBJECT, nc, c->node);
    ni = nc = 0;
    for (i = 0; !t->failed && i < c->inputCount; i++) {
        const cf_tensor *in = &c->inputs[i];
        json_value *m = (json_value *)(in->constant ? &consts->items[nc++] : &inputs->items[ni++]);
        name_member(t, m, in->name, in->node);
        set_container(t, m, JSON_OBJECT, in->constant ? 3 : 2, in->node);
        if (t->failed)
            return;
        descriptor_members(t, (json_value *)m->items, in);
        if (in->constant) {
            json_value *init = (json_value *)&m->items[2], *im;
            name_member(t, init, "init", in->node);
            set_container(t, init, JSON_OBJECT, 2, in->node);
            if (t->failed)
                return;
            im = (json_value *)init->items;
            name_member(t, &im[0], "kind", in->node);
            set_string(t, &im[0], "inlineBytes", in->node);
            name_member(t, &im[1], "bytes", in->node);
            bytes_value(t, &im[1], in, err);
        }
    }
}

/* One operator {"name", "arguments", "outputs"} as a node {"id", "op", "inputs", "options"
 * [, "outputs"]}. */
static int case_node(tree *t, json_value *node, const json_value *op, const char *path,
                     cf_text *err)
{
    const json_value *name = json_get(op, "name"), *args = json_get(op, "arguments");
    const json_value *outs = json_get(op, "outputs");
    size_t i, j, inputCount = 0, optionCount = 0, members;
    json_value *m, *inputs, *options;
    cf_param_info info;
    if (!name || name->type != JSON_STRING || !cf_operator_known(name->text) || !args ||
        args->type != JSON_ARRAY || !outs ||
        (outs->type != JSON_STRING && (outs->type != JSON_ARRAY || outs->length == 0))) {
        cf_text_printf(err, "%s:%u:%u: an operator must have a known \"name\", \"arguments\" "
                       "and \"outputs\"", path, (unsigned)op->line, (unsigned)op->column);
        return -1;
    }
    /* count what goes where */
    for (i = 0; i < args->length; i++) {
        const json_value *v;
        if (!cf_operator_param(name->text, i, &info) || args->items[i].type != JSON_OBJECT ||
            args->items[i].length != 1) {
            cf_text_printf(err, "%s:%u:%u: %s: argument %lu is not one of its parameters", path,
                           (unsigned)args->items[i].line, (unsigned)args->items[i].column,
                           name->text, (unsigned long)i);
            return -1;
        }
        v = &args->items[i].items[0];
        if (info.kind == CF_PARAM_OPERAND)
            inputCount++;
        else if (info.kind == CF_PARAM_OPERANDS)
            inputCount += v->type == JSON_ARRAY ? v->length : 0;
        else if (info.kind == CF_PARAM_VALUE)
            optionCount++;
        else
            optionCount += v->type == JSON_OBJECT ? v->length : 0;
    }
    members = outs->type == JSON_ARRAY ? 5 : 4;
    set_container(t, node, JSON_OBJECT, members, op);
    if (t->failed)
        return -1;
    m = (json_value *)node->items;
    name_member(t, &m[0], "id", outs);
    copy_value(t, &m[0], outs->type == JSON_ARRAY ? &outs->items[0] : outs);
    name_member(t, &m[1], "op", name);
    copy_value(t, &m[1], name);
    name_member(t, &m[2], "inputs", args);
    set_container(t, &m[2], JSON_ARRAY, inputCount, args);
    name_member(t, &m[3], "options", args);
    set_container(t, &m[3], JSON_OBJECT, optionCount, args);
    if (members == 5) {
        name_member(t, &m[4], "outputs", outs);
        copy_value(t, &m[4], outs);
    }
    if (t->failed)
        return -1;
    inputs = (json_value *)m[2].items;
    options = (json_value *)m[3].items;
    inputCount = optionCount = 0;
    for (i = 0; i < args->length; i++) {
        const json_value *v = &args->items[i].items[0];
        cf_operator_param(name->text, i, &info);
        if (info.kind == CF_PARAM_OPERAND)
            copy_value(t, &inputs[inputCount++], v);
        else if (info.kind == CF_PARAM_OPERANDS)
            for (j = 0; v->type == JSON_ARRAY && j < v->length; j++)
                copy_value(t, &inputs[inputCount++], &v->items[j]);
        else if (info.kind == CF_PARAM_VALUE) {
            name_member(t, &options[optionCount], info.name, v);
            copy_value(t, &options[optionCount++], v);
        } else
            for (j = 0; v->type == JSON_OBJECT && j < v->length; j++) {
                json_value *o = &options[optionCount++];
                o->key = json_document_text(t->doc, v->items[j].key, v->items[j].keyLength);
                o->keyLength = v->items[j].keyLength;
                o->keyLine = v->items[j].keyLine;
                o->keyColumn = v->items[j].keyColumn;
                if (!o->key)
                    t->failed = 1;
                copy_value(t, o, &v->items[j]);
            }
    }
    return t->failed ? -1 : 0;
}

int gf_twin_from_case(const cf_file *f, size_t index, json_document **out, cf_text *err)
{
    cf_case c;
    tree t;
    json_value root, *m;
    size_t i;
    int result = -1;
    *out = NULL;
    memset(&t, 0, sizeof t);
    memset(&root, 0, sizeof root);
    if (cf_case_load(f, index, &c, err) != 0) {
        cf_case_free(&c);
        return -1;
    }
    t.doc = json_document_new();
    if (!t.doc) {
        cf_text_printf(err, "out of memory");
        goto done;
    }
    set_container(&t, &root, JSON_OBJECT, 7, c.node);
    if (t.failed)
        goto oom;
    m = (json_value *)root.items;
    name_member(&t, &m[0], "format", c.node);
    set_string(&t, &m[0], "webnn-graph-json", c.node);
    name_member(&t, &m[1], "version", c.node);
    set_number(&t, &m[1], 1, c.node);
    name_member(&t, &m[2], "name", c.node);
    set_string(&t, &m[2], c.name, c.node);
    name_member(&t, &m[3], "inputs", c.node);
    name_member(&t, &m[4], "consts", c.node);
    case_inputs(&t, &m[3], &m[4], &c, err);
    name_member(&t, &m[5], "nodes", c.operators);
    set_container(&t, &m[5], JSON_ARRAY, c.operators->length, c.operators);
    if (t.failed)
        goto oom;
    for (i = 0; i < c.operators->length; i++)
        if (case_node(&t, (json_value *)&m[5].items[i], &c.operators->items[i], f->path, err) != 0)
            goto done;
    name_member(&t, &m[6], "outputs", c.node);
    if (c.expectedCount) {
        set_container(&t, &m[6], JSON_OBJECT, c.expectedCount, c.node);
        for (i = 0; !t.failed && i < c.expectedCount; i++) {
            json_value *o = (json_value *)&m[6].items[i];
            name_member(&t, o, c.expected[i].name, c.expected[i].node);
            set_string(&t, o, c.expected[i].name, c.expected[i].node);
        }
    } else {
        /* no expected outputs: the last operator's */
        const json_value *outs = c.operators->length
                                 ? json_get(&c.operators->items[c.operators->length - 1], "outputs")
                                 : NULL;
        size_t n = !outs ? 0 : outs->type == JSON_ARRAY ? outs->length : 1;
        if (n == 0 || (outs->type != JSON_STRING && outs->type != JSON_ARRAY)) {
            cf_text_printf(err, "%s: case \"%s\" has no outputs", f->path, c.name);
            goto done;
        }
        set_container(&t, &m[6], JSON_OBJECT, n, outs);
        for (i = 0; !t.failed && i < n; i++) {
            const json_value *v = outs->type == JSON_ARRAY ? &outs->items[i] : outs;
            json_value *o = (json_value *)&m[6].items[i];
            if (v->type != JSON_STRING) {
                cf_text_printf(err, "%s:%u:%u: an output name must be a string", f->path,
                               (unsigned)v->line, (unsigned)v->column);
                goto done;
            }
            name_member(&t, o, v->text, v);
            set_string(&t, o, v->text, v);
        }
    }
    if (t.failed)
        goto oom;
    json_document_set_root(t.doc, &root);
    *out = t.doc;
    t.doc = NULL;
    result = 0;
    goto done;
oom:
    cf_text_printf(err, "out of memory");
done:
    json_free(t.doc);
    cf_case_free(&c);
    return result;
}

/* ------------------------------------------------------------------------------------------ */
/* A graph and its data as a case file                                                       */
/* ------------------------------------------------------------------------------------------ */

static void write_tensor(json_writer *w, const gf_operand *o, const void *data, int constant)
{
    cf_output view;
    memset(&view, 0, sizeof view);
    view.name = o->name;
    view.dataType = o->dataType;
    view.shape = (uint32_t *)o->shape;
    view.rank = o->rank;
    view.count = o->count;
    view.data = (void *)data;
    cf_write_case_input(w, &view, constant);
}

/* An operator call without the label gf_open added (the node's id). */
static void write_call(json_writer *w, const json_value *call, const json_value *node)
{
    const json_value *args = json_get(call, "arguments"), *options = json_get(node, "options");
    int addedLabel = !(options && json_get(options, "label"));
    size_t i, j;
    json_write_object_begin(w);
    json_write_key(w, "name");
    json_write_value(w, json_get(call, "name"));
    json_write_key(w, "arguments");
    json_write_array_begin(w);
    for (i = 0; i < args->length; i++) {
        const json_value *a = &args->items[i].items[0];
        json_write_object_begin(w);
        json_write_key(w, a->key);
        if (strcmp(a->key, "options") == 0 && addedLabel) {
            json_write_object_begin(w);
            for (j = 0; j < a->length; j++)
                if (strcmp(a->items[j].key, "label") != 0) {
                    json_write_key_n(w, a->items[j].key, a->items[j].keyLength);
                    json_write_value(w, &a->items[j]);
                }
            json_write_object_end(w);
        } else
            json_write_value(w, a);
        json_write_object_end(w);
    }
    json_write_array_end(w);
    json_write_key(w, "outputs");
    json_write_value(w, json_get(call, "outputs"));
    json_write_object_end(w);
}

int gf_write_case(FILE *out, const gf_graph *g, const gf_data *d, const cf_execution *x,
                  cf_text *err)
{
    json_writer w;
    size_t i;
    for (i = 0; i < g->outputCount; i++)
        if (strcmp(g->outputNames[i], g->outputOperands[i]) != 0) {
            cf_text_printf(err, "%s: output \"%s\" names the operand \"%s\"; a case file names "
                           "each expected output by its operand", g->path, g->outputNames[i],
                           g->outputOperands[i]);
            return -1;
        }
    json_writer_init(&w, out, 2);
    json_write_object_begin(&w);
    json_write_key(&w, "tests");
    json_write_array_begin(&w);
    json_write_object_begin(&w);
    json_write_key(&w, "name");
    json_write_string(&w, g->name);
    json_write_key(&w, "graph");
    json_write_object_begin(&w);
    json_write_key(&w, "inputs");
    json_write_object_begin(&w);
    for (i = 0; i < g->inputCount; i++) {
        json_write_key(&w, g->inputs[i].name);
        write_tensor(&w, &g->inputs[i], d->inputs[i].data, 0);
    }
    for (i = 0; i < g->constCount; i++) {
        json_write_key(&w, g->consts[i].name);
        write_tensor(&w, &g->consts[i], d->consts[i].data, 1);
    }
    json_write_object_end(&w);
    json_write_key(&w, "operators");
    json_write_array_begin(&w);
    for (i = 0; i < g->operators->length; i++)
        write_call(&w, &g->operators->items[i], &g->nodes->items[i]);
    json_write_array_end(&w);
    json_write_key(&w, "expectedOutputs");
    json_write_object_begin(&w);
    for (i = 0; i < x->count; i++) {
        json_write_key(&w, x->outputs[i].name);
        cf_write_expected_output(&w, &x->outputs[i], 0);
    }
    json_write_object_end(&w);
    json_write_object_end(&w);
    json_write_object_end(&w);
    json_write_array_end(&w);
    json_write_object_end(&w);
    if (json_writer_finish(&w) != 0) {
        cf_text_printf(err, "write error");
        return -1;
    }
    return 0;
}
