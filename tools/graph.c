/* tools/graph.c - graph files: reading, checking the JSON twin, and making its operator calls.
 * The data side (tensor files, weights, cases) is in tools/graph_data.c. */
#include "graph.h"
#include "graph_text.h"
#include "tensorio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest graph file read (text or JSON). */
#define GF_MAX_FILE_BYTES ((size_t)256 << 20)
/* The most errors reported by one check (the rest are counted). */
#define GF_MAX_REPORTED 100
/* The most parameters of an operator (options included). */
#define GF_MAX_PARAMS 8

/* ------------------------------------------------------------------------------------------ */
/* Reading a file                                                                             */
/* ------------------------------------------------------------------------------------------ */

static char *read_all(const char *path, size_t *length, cf_text *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        cf_text_printf(err, "%s: cannot open the file", path);
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *bigger;
            if (cap >= GF_MAX_FILE_BYTES) {
                cf_text_printf(err, "%s: larger than the limit of %lu bytes for a graph file",
                               path, (unsigned long)GF_MAX_FILE_BYTES);
                free(buf);
                fclose(f);
                return NULL;
            }
            cap = cap ? cap * 2 : 65536;
            if (cap > GF_MAX_FILE_BYTES)
                cap = GF_MAX_FILE_BYTES;
            bigger = (char *)realloc(buf, cap + 1);
            if (!bigger) {
                cf_text_printf(err, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        cf_text_printf(err, "%s: read error", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *length = n;
    return buf;
}


/* Whether text begins (after blanks and # comments) with the word webnn_graph. */
static int looks_like_text(const char *text, size_t length)
{
    size_t i = 0;
    while (i < length) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')
            i++;
        else if (text[i] == '#')
            while (i < length && text[i] != '\n')
                i++;
        else
            break;
    }
    return length - i >= 11 && memcmp(text + i, "webnn_graph", 11) == 0;
}

int gf_read_file(const char *path, gf_format *format, json_document **doc, cf_text *err)
{
    size_t length = 0;
    char *text = read_all(path, &length, err);
    const json_value *root;
    json_error jerr;
    *doc = NULL;
    if (!text)
        return -1;
    if (tio_has_suffix(path, ".webnn") || looks_like_text(text, length)) {
        char message[512];
        *format = GF_FORMAT_TEXT;
        *doc = gt_parse(text, length, path, message, sizeof message);
        free(text);
        if (!*doc) {
            cf_text_append(err, message);
            return -1;
        }
        return 0;
    }
    *doc = json_parse(text, length, NULL, &jerr);
    free(text);
    if (!*doc) {
        if (jerr.line)
            cf_text_printf(err, "%s:%u:%u: %s", path, (unsigned)jerr.line, (unsigned)jerr.column,
                           jerr.message);
        else
            cf_text_printf(err, "%s: %s", path, jerr.message);
        return -1;
    }
    root = json_root(*doc);
    if (root->type == JSON_OBJECT && json_get(root, "format")) {
        *format = GF_FORMAT_TWIN;
        return 0;
    }
    if (root->type == JSON_OBJECT && json_get(root, "tests")) {
        *format = GF_FORMAT_WPT;
        return 0;
    }
    cf_text_printf(err, "%s: neither a .webnn graph, its JSON twin (an object with \"format\": "
                   "\"webnn-graph-json\") nor a case file (an object with \"tests\")", path);
    json_free(*doc);
    *doc = NULL;
    return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Checking the twin                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* Where a name is defined. */
typedef struct gf_name {
    const char *name;
    const json_value *node; /* the definition */
    size_t definer;         /* index of the node defining it, or (size_t)-1 for a declaration */
} gf_name;

typedef struct checker {
    gf_graph *g;
    cf_text *err;
    size_t errors;
    gf_name *names;
    size_t nameCount, nameCapacity;
    size_t *hash; /* open addressing: name index + 1 */
    size_t hashSize;
} checker;

static void report(checker *k, const json_value *at, int atKey, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void report(checker *k, const json_value *at, int atKey, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    k->errors++;
    if (k->errors > GF_MAX_REPORTED)
        return;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (at && atKey && at->keyLine)
        cf_text_printf(k->err, "%s:%u:%u: ", k->g->path, (unsigned)at->keyLine,
                       (unsigned)at->keyColumn);
    else if (at && at->line)
        cf_text_printf(k->err, "%s:%u:%u: ", k->g->path, (unsigned)at->line, (unsigned)at->column);
    else
        cf_text_printf(k->err, "%s: ", k->g->path);
    cf_text_printf(k->err, "%s\n", message);
}

static size_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static size_t find_name(const checker *k, const char *name)
{
    size_t i;
    if (!k->hashSize)
        return (size_t)-1;
    for (i = hash_name(name) & (k->hashSize - 1); k->hash[i]; i = (i + 1) & (k->hashSize - 1))
        if (strcmp(k->names[k->hash[i] - 1].name, name) == 0)
            return k->hash[i] - 1;
    return (size_t)-1;
}

/* Add a name; a second definition is reported with both places. Returns -1 out of memory. */
static int add_name(checker *k, const char *name, const json_value *node, size_t definer)
{
    size_t i, found = find_name(k, name);
    if (found != (size_t)-1) {
        const json_value *first = k->names[found].node;
        report(k, node, node->keyLine != 0, "duplicate name \"%.100s\" (first defined at %u:%u)",
               name, (unsigned)(first->keyLine ? first->keyLine : first->line),
               (unsigned)(first->keyLine ? first->keyColumn : first->column));
        return 0;
    }
    if (k->nameCount == k->nameCapacity) {
        size_t cap = k->nameCapacity ? k->nameCapacity * 2 : 64;
        gf_name *bigger = (gf_name *)realloc(k->names, cap * sizeof *bigger);
        size_t *hash = (size_t *)calloc(cap * 2, sizeof *hash);
        if (!bigger || !hash) {
            free(hash);
            if (bigger)
                k->names = bigger;
            return -1;
        }
        k->names = bigger;
        k->nameCapacity = cap;
        free(k->hash);
        k->hash = hash;
        k->hashSize = cap * 2;
        for (i = 0; i < k->nameCount; i++) {
            size_t j = hash_name(k->names[i].name) & (k->hashSize - 1);
            while (k->hash[j])
                j = (j + 1) & (k->hashSize - 1);
            k->hash[j] = i + 1;
        }
    }
    k->names[k->nameCount].name = name;
    k->names[k->nameCount].node = node;
    k->names[k->nameCount].definer = definer;
    i = hash_name(name) & (k->hashSize - 1);
    while (k->hash[i])
        i = (i + 1) & (k->hashSize - 1);
    k->hash[i] = ++k->nameCount;
    return 0;
}

static int plain_string(const json_value *v)
{
    return v && v->type == JSON_STRING && v->length > 0 && strlen(v->text) == v->length;
}

/* Every member of object must be one of names (NULL-terminated); required ones present. */
static void check_members(checker *k, const json_value *object, const char *what,
                          const char *const *names, const char *const *required)
{
    size_t i, j;
    for (i = 0; i < object->length; i++) {
        const json_value *m = &object->items[i];
        int known = 0;
        for (j = 0; names[j] && !known; j++)
            known = strcmp(m->key, names[j]) == 0 && strlen(m->key) == m->keyLength;
        if (!known) {
            cf_text list;
            cf_text_init(&list);
            for (j = 0; names[j]; j++)
                cf_text_printf(&list, "%s\"%s\"", j ? ", " : "", names[j]);
            report(k, m, 1, "unknown member \"%.60s\" in %s (known: %s)", m->key, what,
                   cf_text_str(&list));
            cf_text_free(&list);
        }
    }
    for (j = 0; required[j]; j++)
        if (!json_get(object, required[j]))
            report(k, object, 0, "%s has no \"%s\"", what, required[j]);
}

/* A descriptor: "dataType" and "shape" of a declaration. Returns 0 when valid. */
static int read_descriptor(checker *k, const json_value *decl, const char *what, gf_operand *o)
{
    const json_value *type = json_get(decl, "dataType"), *shape = json_get(decl, "shape");
    size_t i;
    int ok = 1;
    o->count = 1;
    if (!type || type->type != JSON_STRING || !cf_data_type_from_name(type->text, &o->dataType)) {
        report(k, type ? type : decl, 0, "%s: \"dataType\" must be one of \"float32\", "
               "\"float16\", \"int32\", \"uint32\", \"int64\", \"uint64\", \"int8\", \"uint8\", "
               "\"int4\", \"uint4\"", what);
        ok = 0;
    }
    if (!shape || shape->type != JSON_ARRAY) {
        report(k, shape ? shape : decl, 0, "%s: \"shape\" must be an array of dimensions", what);
        return -1;
    }
    if (shape->length > GF_MAX_RANK) {
        report(k, shape, 0, "%s: rank %lu is above the limit of %d", what,
               (unsigned long)shape->length, GF_MAX_RANK);
        return -1;
    }
    o->rank = shape->length;
    for (i = 0; i < shape->length; i++) {
        const json_value *d = &shape->items[i];
        uint64_t u;
        if (d->type == JSON_OBJECT && json_get(d, "name")) {
            report(k, d, 0, "%s: dimension %lu is dynamic; WebNN graphs have static shapes "
                   "(give the size as a number)", what, (unsigned long)i);
            ok = 0;
            continue;
        }
        if (d->type != JSON_NUMBER || json_to_uint64(d, &u) != JSON_CONV_OK || u > 0x7FFFFFFFu) {
            report(k, d, 0, "%s: dimension %lu must be an integer from 0 to 2147483647", what,
                   (unsigned long)i);
            ok = 0;
            continue;
        }
        o->shape[i] = (uint32_t)u;
        if (u != 0 && o->count > CF_MAX_ELEMENTS / u) {
            report(k, shape, 0, "%s: more than 2147483647 elements", what);
            return -1;
        }
        o->count *= (size_t)u;
    }
    return ok ? 0 : -1;
}

static void check_inputs(checker *k, const json_value *inputs)
{
    static const char *const keys[] = {"dataType", "shape", NULL};
    gf_graph *g = k->g;
    size_t i;
    if (inputs->type != JSON_OBJECT) {
        report(k, inputs, 0, "\"inputs\" must be an object of name: descriptor");
        return;
    }
    g->inputs = (gf_operand *)cf_pool_array(&g->pool, inputs->length + 1, sizeof *g->inputs);
    if (!g->inputs) {
        report(k, inputs, 0, "out of memory");
        return;
    }
    for (i = 0; i < inputs->length; i++) {
        const json_value *m = &inputs->items[i];
        gf_operand *o = &g->inputs[g->inputCount];
        char what[160];
        snprintf(what, sizeof what, "input \"%.100s\"", m->key);
        if (strlen(m->key) != m->keyLength || m->keyLength == 0) {
            report(k, m, 1, "an input name must be a non-empty string without NUL");
            continue;
        }
        if (m->type != JSON_OBJECT) {
            report(k, m, 0, "%s must be an object {\"dataType\", \"shape\"}", what);
            continue;
        }
        check_members(k, m, what, keys, keys);
        o->name = m->key;
        o->node = m;
        o->init = GF_INPUT;
        if (add_name(k, m->key, m, (size_t)-1) != 0) {
            report(k, m, 0, "out of memory");
            return;
        }
        if (read_descriptor(k, m, what, o) == 0)
            g->inputCount++;
    }
}

static void check_init(checker *k, const json_value *init, const char *what, gf_operand *o)
{
    static const char *const weightsKeys[] = {"kind", "ref", NULL};
    static const char *const scalarKeys[] = {"kind", "value", NULL};
    static const char *const bytesKeys[] = {"kind", "bytes", NULL};
    const json_value *kind = json_get(init, "kind");
    size_t i;
    if (json_is_string(kind, "weights")) {
        check_members(k, init, what, weightsKeys, weightsKeys);
        o->init = GF_WEIGHTS;
        o->value = json_get(init, "ref");
        if (o->value && !plain_string(o->value))
            report(k, o->value, 0, "%s: \"ref\" must be a non-empty string", what);
    } else if (json_is_string(kind, "scalar")) {
        check_members(k, init, what, scalarKeys, scalarKeys);
        o->init = GF_SCALAR;
        o->value = json_get(init, "value");
        if (o->value && o->value->type != JSON_NUMBER && o->value->type != JSON_STRING)
            report(k, o->value, 0, "%s: \"value\" must be a number (or \"NaN\", \"Infinity\", "
                   "\"-Infinity\")", what);
    } else if (json_is_string(kind, "inlineBytes")) {
        check_members(k, init, what, bytesKeys, bytesKeys);
        o->init = GF_BYTES;
        o->value = json_get(init, "bytes");
        if (!o->value)
            return;
        if (o->value->type != JSON_ARRAY) {
            report(k, o->value, 0, "%s: \"bytes\" must be an array of integers 0-255", what);
            return;
        }
        for (i = 0; i < o->value->length; i++) {
            uint64_t u;
            if (json_to_uint64(&o->value->items[i], &u) != JSON_CONV_OK || u > 255 ||
                o->value->items[i].type != JSON_NUMBER) {
                report(k, &o->value->items[i], 0, "%s: byte %lu must be an integer 0-255", what,
                       (unsigned long)i);
                return;
            }
        }
        if (o->value->length != o->count * wnnOperandDataTypeByteSize(o->dataType))
            report(k, o->value, 0, "%s: %lu byte%s for %lu elements of %s (%lu bytes expected)",
                   what, (unsigned long)o->value->length, o->value->length == 1 ? "" : "s",
                   (unsigned long)o->count,
                   cf_data_type_name(o->dataType),
                   (unsigned long)(o->count * wnnOperandDataTypeByteSize(o->dataType)));
    } else
        report(k, kind ? kind : init, 0, "%s: \"init\" must have \"kind\" \"weights\", "
               "\"scalar\" or \"inlineBytes\"", what);
}

static void check_consts(checker *k, const json_value *consts)
{
    static const char *const keys[] = {"dataType", "shape", "init", NULL};
    gf_graph *g = k->g;
    size_t i;
    if (consts->type != JSON_OBJECT) {
        report(k, consts, 0, "\"consts\" must be an object of name: declaration");
        return;
    }
    g->consts = (gf_operand *)cf_pool_array(&g->pool, consts->length + 1, sizeof *g->consts);
    if (!g->consts) {
        report(k, consts, 0, "out of memory");
        return;
    }
    for (i = 0; i < consts->length; i++) {
        const json_value *m = &consts->items[i], *init;
        gf_operand *o = &g->consts[g->constCount];
        char what[160];
        size_t before = k->errors;
        snprintf(what, sizeof what, "constant \"%.100s\"", m->key);
        if (strlen(m->key) != m->keyLength || m->keyLength == 0) {
            report(k, m, 1, "a constant name must be a non-empty string without NUL");
            continue;
        }
        if (m->type != JSON_OBJECT) {
            report(k, m, 0, "%s must be an object {\"dataType\", \"shape\", \"init\"}", what);
            continue;
        }
        check_members(k, m, what, keys, keys);
        o->name = m->key;
        o->node = m;
        if (add_name(k, m->key, m, (size_t)-1) != 0) {
            report(k, m, 0, "out of memory");
            return;
        }
        if (read_descriptor(k, m, what, o) != 0)
            continue;
        init = json_get(m, "init");
        if (init && init->type != JSON_OBJECT)
            report(k, init, 0, "%s: \"init\" must be an object", what);
        else if (init)
            check_init(k, init, what, o);
        if (k->errors == before)
            g->constCount++;
    }
}

/* The names a node defines: its "outputs" array, or its id. */
static void node_outputs(const json_value *node, const json_value **list, const json_value **id)
{
    const json_value *outs = json_get(node, "outputs");
    *list = outs && outs->type == JSON_ARRAY ? outs : NULL;
    *id = json_get(node, "id");
}

static void define_node_names(checker *k, const json_value *nodes)
{
    static const char *const keys[] = {"id", "op", "inputs", "options", "outputs", NULL};
    static const char *const required[] = {"id", "op", "inputs", NULL};
    size_t i, j;
    for (i = 0; i < nodes->length; i++) {
        const json_value *n = &nodes->items[i], *list, *id, *outs;
        char what[160];
        snprintf(what, sizeof what, "node %lu", (unsigned long)i);
        if (n->type != JSON_OBJECT) {
            report(k, n, 0, "%s must be an object {\"id\", \"op\", \"inputs\", \"options\"}", what);
            continue;
        }
        check_members(k, n, what, keys, required);
        node_outputs(n, &list, &id);
        outs = json_get(n, "outputs");
        if (id && !plain_string(id)) {
            report(k, id, 0, "%s: \"id\" must be a non-empty string", what);
            id = NULL;
        }
        if (outs && (outs->type != JSON_ARRAY || outs->length == 0)) {
            report(k, outs, 0, "%s: \"outputs\" must be a non-empty array of names", what);
            continue;
        }
        if (list) {
            for (j = 0; j < list->length; j++) {
                if (!plain_string(&list->items[j]))
                    report(k, &list->items[j], 0, "%s: an output name must be a non-empty string",
                           what);
                else if (add_name(k, list->items[j].text, &list->items[j], i) != 0)
                    return;
            }
        } else if (id && add_name(k, id->text, id, i) != 0)
            return;
    }
}

/* A reference from node `user` (or from the outputs, user = count of nodes) to a name. */
static void check_reference(checker *k, const json_value *ref, size_t user, const char *what)
{
    size_t found;
    if (!plain_string(ref)) {
        report(k, ref, 0, "%s must name an operand (a non-empty string)", what);
        return;
    }
    found = find_name(k, ref->text);
    if (found == (size_t)-1)
        report(k, ref, 0, "%s: no operand named \"%.100s\" (an input, a constant or a node's "
               "output)", what, ref->text);
    else if (k->names[found].definer == user)
        report(k, ref, 0, "%s: \"%.100s\" is this node's own output (a cycle)", what, ref->text);
    else if (k->names[found].definer != (size_t)-1 && k->names[found].definer > user)
        report(k, ref, 0, "%s: \"%.100s\" is used before the node defining it at %u:%u (a cycle, "
               "or nodes out of order)", what, ref->text, (unsigned)k->names[found].node->line,
               (unsigned)k->names[found].node->column);
}

static void check_node_references(checker *k, const json_value *nodes)
{
    size_t i, j;
    for (i = 0; i < nodes->length; i++) {
        const json_value *n = &nodes->items[i], *op, *inputs, *options;
        char what[200];
        if (n->type != JSON_OBJECT)
            continue;
        op = json_get(n, "op");
        if (op && (!plain_string(op) || !cf_operator_known(op->text))) {
            report(k, op, 0, "node %lu: unknown operator \"%.60s\"", (unsigned long)i,
                   op->type == JSON_STRING ? op->text : json_type_name(op->type));
            op = NULL;
        }
        inputs = json_get(n, "inputs");
        if (inputs && inputs->type != JSON_ARRAY)
            report(k, inputs, 0, "node %lu: \"inputs\" must be an array of operand names",
                   (unsigned long)i);
        else if (inputs)
            for (j = 0; j < inputs->length; j++) {
                snprintf(what, sizeof what, "node %lu: input %lu", (unsigned long)i,
                         (unsigned long)j);
                check_reference(k, &inputs->items[j], i, what);
            }
        options = json_get(n, "options");
        if (options && options->type != JSON_OBJECT)
            report(k, options, 0, "node %lu: \"options\" must be an object", (unsigned long)i);
        else if (options && op)
            for (j = 0; j < options->length; j++) {
                const json_value *m = &options->items[j];
                if (!cf_operator_option_is_operand(op->text, m->key))
                    continue;
                snprintf(what, sizeof what, "node %lu: option \"%.60s\"", (unsigned long)i, m->key);
                check_reference(k, m, i, what);
            }
    }
}

/* An output name given twice: a JSON file cannot say it (a reader refuses a repeated member),
 * but the text's outputs block can ("outputs { y; y; }"), and each name is a file of `run`. */
static void check_output_names(checker *k, const json_value *outputs)
{
    const json_value **sorted;
    size_t i, run;
    if (outputs->length < 2)
        return;
    sorted = (const json_value **)malloc(outputs->length * sizeof *sorted);
    if (!sorted) {
        report(k, outputs, 0, "out of memory");
        return;
    }
    for (i = 0; i < outputs->length; i++)
        sorted[i] = &outputs->items[i];
    qsort(sorted, outputs->length, sizeof *sorted, json_compare_members);
    for (i = 1, run = 0; i < outputs->length; i++) {
        const json_value *first = sorted[run], *again = sorted[i];
        if (first->keyLength != again->keyLength ||
            memcmp(first->key, again->key, again->keyLength) != 0) {
            run = i; /* a new name: the first of its run */
            continue;
        }
        report(k, again, 1, "output \"%.100s\" is given twice (first at %u:%u)", again->key,
               (unsigned)first->keyLine, (unsigned)first->keyColumn);
    }
    free(sorted);
}

static void check_outputs(checker *k, const json_value *outputs, size_t nodeCount)
{
    gf_graph *g = k->g;
    size_t i;
    if (outputs->type != JSON_OBJECT || outputs->length == 0) {
        report(k, outputs, 0, "\"outputs\" must be a non-empty object of output name: operand");
        return;
    }
    g->outputNames = (const char **)cf_pool_array(&g->pool, outputs->length, sizeof(char *));
    g->outputOperands = (const char **)cf_pool_array(&g->pool, outputs->length, sizeof(char *));
    g->outputNodes = (const json_value **)cf_pool_array(&g->pool, outputs->length,
                                                        sizeof(json_value *));
    if (!g->outputNames || !g->outputOperands || !g->outputNodes) {
        report(k, outputs, 0, "out of memory");
        return;
    }
    for (i = 0; i < outputs->length; i++) {
        const json_value *m = &outputs->items[i];
        char what[160];
        if (strlen(m->key) != m->keyLength || m->keyLength == 0) {
            report(k, m, 1, "an output name must be a non-empty string without NUL");
            continue;
        }
        snprintf(what, sizeof what, "output \"%.100s\"", m->key);
        check_reference(k, m, nodeCount, what);
        if (!plain_string(m))
            continue;
        g->outputNames[g->outputCount] = m->key;
        g->outputOperands[g->outputCount] = m->text;
        g->outputNodes[g->outputCount++] = m;
    }
    check_output_names(k, outputs);
}

/* ------------------------------------------------------------------------------------------ */
/* Nodes as operator calls                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* A member named key holding a copy of value (its children shared). */
static void set_member(json_value *member, const char *key, const json_value *value)
{
    uint32_t line = value->line, column = value->column;
    *member = *value;
    member->key = key;
    member->keyLength = strlen(key);
    member->keyLine = line;
    member->keyColumn = column;
}

static json_value *new_string(json_document *doc, json_value *v, const char *text,
                              const json_value *at)
{
    v->type = JSON_STRING;
    v->length = strlen(text);
    v->text = json_document_text(doc, text, v->length);
    v->line = at->line;
    v->column = at->column;
    return v->text ? v : NULL;
}

/* Node i as {"name": op, "arguments": [...], "outputs": id or [names]}: its inputs fill the
 * operator's operand parameters in order, its options the value parameters (by name) and
 * the options dictionary; the node's id is added as the label (messages then name it). */
static int make_call(checker *k, size_t i, json_value *call)
{
    gf_graph *g = k->g;
    json_document *doc = g->doc;
    const json_value *n = &g->nodes->items[i];
    const json_value *op = json_get(n, "op"), *inputs = json_get(n, "inputs");
    const json_value *options = json_get(n, "options"), *outs = json_get(n, "outputs");
    const json_value *id = json_get(n, "id");
    json_value *members, *args, *opts;
    size_t p, nextInput = 0, argCount = 0, used = 0, j, optCount = 0;
    unsigned char *consumed;
    cf_param_info info;
    char what[120];
    snprintf(what, sizeof what, "node %lu (%.60s)", (unsigned long)i, op->text);
    members = json_document_values(doc, 3);
    args = json_document_values(doc, GF_MAX_PARAMS);
    consumed = (unsigned char *)cf_pool_alloc(&g->pool, options ? options->length + 1 : 1);
    if (!members || !args || !consumed)
        return -1;
    for (p = 0; p < GF_MAX_PARAMS && cf_operator_param(op->text, p, &info); p++) {
        json_value *a = &args[argCount];
        const json_value *v;
        if (info.kind == CF_PARAM_OPERAND) {
            if (nextInput >= inputs->length) {
                if (info.optional)
                    break;
                report(k, inputs, 0, "%s: operand \"%s\" is missing (inputs give %lu operand%s)",
                       what, info.name, (unsigned long)inputs->length,
                       inputs->length == 1 ? "" : "s");
                return 0;
            }
            set_member(a, info.name, &inputs->items[nextInput++]);
        } else if (info.kind == CF_PARAM_OPERANDS) {
            json_value *list = json_document_values(doc, inputs->length - nextInput + 1);
            if (!list)
                return -1;
            a->type = JSON_ARRAY;
            a->line = inputs->line;
            a->column = inputs->column;
            a->items = list;
            a->length = inputs->length - nextInput;
            for (j = 0; nextInput < inputs->length; j++)
                list[j] = inputs->items[nextInput++];
            a->key = info.name;
            a->keyLength = strlen(info.name);
            a->keyLine = inputs->line;
            a->keyColumn = inputs->column;
        } else if (info.kind == CF_PARAM_VALUE) {
            v = options ? json_get(options, info.name) : NULL;
            if (!v) {
                /* required here even where the call table tolerates old data without it
                 * (softmax's axis): arguments are positional */
                report(k, options ? options : n, 0, "%s: the parameter \"%s\" is missing (give "
                       "it by name, %s=...)", what, info.name, info.name);
                return 0;
            }
            consumed[v - options->items] = 1;
            used++;
            set_member(a, info.name, v);
        } else {
            /* the options dictionary: what is left, plus the label */
            int hasLabel = options && json_get(options, "label") != NULL;
            size_t left = (options ? options->length : 0) - used;
            opts = json_document_values(doc, left + 1);
            if (!opts)
                return -1;
            for (j = 0; options && j < options->length; j++)
                if (!consumed[j])
                    opts[optCount++] = options->items[j];
            if (!hasLabel && id && plain_string(id)) {
                json_value *label = &opts[optCount++];
                if (!new_string(doc, label, id->text, id))
                    return -1;
                label->key = "label";
                label->keyLength = 5;
                label->keyLine = id->line;
                label->keyColumn = id->column;
            }
            a->type = JSON_OBJECT;
            a->items = opts;
            a->length = optCount;
            a->line = options ? options->line : n->line;
            a->column = options ? options->column : n->column;
            a->key = "options";
            a->keyLength = 7;
            a->keyLine = a->line;
            a->keyColumn = a->column;
        }
        /* each argument is an object with one member */
        {
            json_value *wrapper = json_document_values(doc, 1);
            if (!wrapper)
                return -1;
            *wrapper = *a;
            memset(a, 0, sizeof *a);
            a->type = JSON_OBJECT;
            a->items = wrapper;
            a->length = 1;
            a->line = wrapper->keyLine;
            a->column = wrapper->keyColumn;
        }
        argCount++;
    }
    if (nextInput < inputs->length) {
        cf_text list;
        cf_text_init(&list);
        for (p = 0; cf_operator_param(op->text, p, &info); p++)
            if (info.kind == CF_PARAM_OPERAND || info.kind == CF_PARAM_OPERANDS)
                cf_text_printf(&list, "%s%s", list.length ? ", " : "", info.name);
        report(k, &inputs->items[nextInput], 0, "%s: %lu operand inputs given; %s takes %s",
               what, (unsigned long)inputs->length, op->text,
               list.length ? cf_text_str(&list) : "none");
        cf_text_free(&list);
        return 0;
    }
    members[0] = *op;
    members[0].key = "name";
    members[0].keyLength = 4;
    members[0].keyLine = op->line;
    members[0].keyColumn = op->column;
    members[1].type = JSON_ARRAY;
    members[1].items = args;
    members[1].length = argCount;
    members[1].line = n->line;
    members[1].column = n->column;
    members[1].key = "arguments";
    members[1].keyLength = 9;
    set_member(&members[2], "outputs", outs && outs->type == JSON_ARRAY ? outs : id);
    call->type = JSON_OBJECT;
    call->items = members;
    call->length = 3;
    call->line = n->line;
    call->column = n->column;
    return 0;
}

static void make_calls(checker *k)
{
    gf_graph *g = k->g;
    size_t i;
    g->operators = json_document_values(g->doc, 1);
    if (!g->operators) {
        report(k, NULL, 0, "out of memory");
        return;
    }
    g->operators->type = JSON_ARRAY;
    g->operators->items = json_document_values(g->doc, g->nodes->length + 1);
    if (!g->operators->items) {
        report(k, NULL, 0, "out of memory");
        return;
    }
    for (i = 0; i < g->nodes->length; i++) {
        json_value *call = (json_value *)&g->operators->items[i];
        if (make_call(k, i, call) != 0) {
            report(k, NULL, 0, "out of memory");
            return;
        }
    }
    g->operators->length = g->nodes->length;
}

int gf_open(gf_graph *g, const char *path, json_document *doc, cf_text *err, size_t *errorCount)
{
    static const char *const keys[] = {"format", "version", "name", "quantized", "inputs",
                                       "consts", "nodes", "outputs", NULL};
    static const char *const required[] = {"format", "version", "inputs", "nodes", "outputs",
                                           NULL};
    checker k;
    const json_value *root, *v;
    const char *slash;
    memset(g, 0, sizeof *g);
    memset(&k, 0, sizeof k);
    g->path = path;
    g->doc = doc;
    k.g = g;
    k.err = err;
    root = g->root = json_root(doc);
    slash = strrchr(path, '/');
    g->name = slash ? slash + 1 : path;
    if (root->type != JSON_OBJECT) {
        report(&k, root, 0, "a graph is an object, got %s", json_type_name(root->type));
        goto done;
    }
    check_members(&k, root, "the graph", keys, required);
    v = json_get(root, "format");
    if (v && !json_is_string(v, "webnn-graph-json"))
        report(&k, v, 0, "\"format\" must be \"webnn-graph-json\"");
    v = json_get(root, "version");
    if (v && !(v->type == JSON_NUMBER && (strcmp(v->text, "1") == 0 || strcmp(v->text, "2") == 0)))
        report(&k, v, 0, "\"version\" must be 1 or 2");
    v = json_get(root, "name");
    if (v && !plain_string(v))
        report(&k, v, 0, "\"name\" must be a non-empty string");
    else if (v)
        g->name = v->text;
    v = json_get(root, "quantized");
    if (v && v->type != JSON_TRUE && v->type != JSON_FALSE)
        report(&k, v, 0, "\"quantized\" must be true or false");
    if ((v = json_get(root, "inputs")) != NULL)
        check_inputs(&k, v);
    if ((v = json_get(root, "consts")) != NULL)
        check_consts(&k, v);
    v = json_get(root, "nodes");
    if (v && v->type != JSON_ARRAY)
        report(&k, v, 0, "\"nodes\" must be an array");
    else if (v) {
        g->nodes = v;
        define_node_names(&k, v);
        check_node_references(&k, v);
    }
    if ((v = json_get(root, "outputs")) != NULL)
        check_outputs(&k, v, g->nodes ? g->nodes->length : 0);
    if (k.errors == 0 && g->nodes)
        make_calls(&k);
done:
    if (k.errors > GF_MAX_REPORTED)
        cf_text_printf(err, "%s: %lu more errors\n", path,
                       (unsigned long)(k.errors - GF_MAX_REPORTED));
    if (errorCount)
        *errorCount = k.errors;
    free(k.names);
    free(k.hash);
    return k.errors ? -1 : 0;
}

void gf_close(gf_graph *g)
{
    json_free(g->doc);
    cf_pool_free(&g->pool);
    memset(g, 0, sizeof *g);
}

void gf_describe(cf_text *t, WNNOperandDataType type, const uint32_t *shape, size_t rank)
{
    size_t i;
    cf_text_printf(t, "%s [", cf_data_type_name(type));
    for (i = 0; i < rank; i++)
        cf_text_printf(t, "%s%lu", i ? ", " : "", (unsigned long)shape[i]);
    cf_text_append(t, "]");
}
