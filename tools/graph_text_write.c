/* tools/graph_text_write.c - writing the `.webnn` JSON twin back as canonical text, and as
 * canonical JSON (see graph_text.h).
 *
 * The text writer runs twice over the tree: once only checking that everything can be said
 * in the text format, then writing. So a tree that cannot be written produces no output at
 * all, rather than a truncated file.
 */
#include "graph_text.h"
#include "../conformance/conformance.h"

#include <stdarg.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define GT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GT_PRINTF(f, a)
#endif

typedef struct writer {
    FILE *out; /* NULL: the checking pass */
    char *err;
    size_t errSize;
    int failed;
} writer;

/* "cannot write the graph as text: <what> (at line:column)"; no position when line is 0. */
static int vbad(writer *w, uint32_t line, uint32_t column, const char *fmt, va_list ap) GT_PRINTF(4, 0);
static int vbad(writer *w, uint32_t line, uint32_t column, const char *fmt, va_list ap)
{
    char message[400];
    if (w->failed)
        return -1;
    w->failed = 1;
    vsnprintf(message, sizeof message, fmt, ap);
    if (w->err && w->errSize) {
        if (line)
            snprintf(w->err, w->errSize, "cannot write the graph as text: %s (at %lu:%lu)",
                     message, (unsigned long)line, (unsigned long)column);
        else
            snprintf(w->err, w->errSize, "cannot write the graph as text: %s", message);
    }
    return -1;
}

/* An error at a value (at may be NULL). */
static int bad(writer *w, const json_value *at, const char *fmt, ...) GT_PRINTF(3, 4);
static int bad(writer *w, const json_value *at, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vbad(w, at ? at->line : 0, at ? at->column : 0, fmt, ap);
    va_end(ap);
    return r;
}

/* An error at a member's name. */
static int bad_key(writer *w, const json_value *member, const char *fmt, ...) GT_PRINTF(3, 4);
static int bad_key(writer *w, const json_value *member, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vbad(w, member->keyLine, member->keyColumn, fmt, ap);
    va_end(ap);
    return r;
}

static void put(writer *w, const char *s)
{
    if (w->out)
        fputs(s, w->out);
}

static void put_n(writer *w, const char *s, size_t n)
{
    if (w->out)
        fwrite(s, 1, n, w->out);
}

/* A name for messages: at most 40 bytes, printable ASCII. */
static const char *shown(const char *s, size_t n, char *buf, size_t size)
{
    size_t i, k = n < 40 ? n : 40;
    if (k > size - 4)
        k = size - 4;
    for (i = 0; i < k; i++)
        buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    if (k < n) {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* What the parser reads as one identifier, and not as a keyword or number literal. */
static int is_identifier(const char *s, size_t n)
{
    static const char *const reserved[] = {"true", "false", "null", "NaN", "Infinity"};
    size_t i;
    if (!s || n == 0 || n > GT_MAX_NAME ||
        !(is_alpha(s[0]) || s[0] == '_' || s[0] == '/' || s[0] == '$'))
        return 0;
    for (i = 1; i < n; i++)
        if (!(is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '/'))
            return 0;
    for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strlen(reserved[i]) == n && memcmp(reserved[i], s, n) == 0)
            return 0;
    return 1;
}

/* An identifier: a string value or a member name. */
static int write_name(writer *w, const json_value *at, const char *s, size_t n, const char *what)
{
    char buf[48];
    if (!is_identifier(s, n)) {
        if (s && s == at->key) /* a member's name: point at the name */
            return bad_key(w, at, "%s \"%s\" is not an identifier", what,
                           shown(s, n, buf, sizeof buf));
        return bad(w, at, "%s \"%s\" is not an identifier", what,
                   s ? shown(s, n, buf, sizeof buf) : "");
    }
    put_n(w, s, n);
    return 0;
}

static int write_string(writer *w, const json_value *v)
{
    size_t i, start = 0;
    if (v->length > GT_MAX_NAME)
        return bad(w, v, "a string longer than %lu bytes", (unsigned long)GT_MAX_NAME);
    for (i = 0; i < v->length; i++) {
        unsigned char c = (unsigned char)v->text[i];
        if (c < 0x20 || c == 0x7f)
            return bad(w, v, "a string holding a control character (byte 0x%02x), which the "
                             "text format cannot escape", c);
    }
    put(w, "\"");
    for (i = 0; i < v->length; i++)
        if (v->text[i] == '"' || v->text[i] == '\\') {
            put_n(w, v->text + start, i - start);
            put(w, "\\");
            start = i;
        }
    put_n(w, v->text + start, v->length - start);
    put(w, "\"");
    return 0;
}

/* -?DIGITS(.DIGITS)?([eE][+-]?DIGITS)? without leading zeros: a JSON number, which is also
 * the text format's. */
static int number_text_ok(const char *s, size_t n)
{
    size_t i = 0, d;
    if (i < n && s[i] == '-')
        i++;
    for (d = i; i < n && is_digit(s[i]); i++)
        ;
    if (i == d || (s[d] == '0' && i - d > 1))
        return 0;
    if (i < n && s[i] == '.') {
        for (d = ++i; i < n && is_digit(s[i]); i++)
            ;
        if (i == d)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (d = i; i < n && is_digit(s[i]); i++)
            ;
        if (i == d)
            return 0;
    }
    return i == n;
}

static int write_number(writer *w, const json_value *v)
{
    if (!v->text || !number_text_ok(v->text, v->length))
        return bad(w, v, "a number whose text is not a number literal");
    put_n(w, v->text, v->length);
    return 0;
}

/* The strings that stand for the numbers JSON lacks: written as the text's literals. */
static int is_special_number(const json_value *v)
{
    return v->type == JSON_STRING &&
           (json_is_string(v, "NaN") || json_is_string(v, "Infinity") ||
            json_is_string(v, "-Infinity"));
}

/* A digits-only number (a dimension, a byte). */
static int is_unsigned(const json_value *v)
{
    size_t i;
    if (v->type != JSON_NUMBER || !v->text || !number_text_ok(v->text, v->length))
        return 0;
    for (i = 0; i < v->length; i++)
        if (!is_digit(v->text[i]))
            return 0;
    return 1;
}

/* An option's or value parameter's value. operand: the option takes an operand, written as
 * a bare identifier. */
static int write_value(writer *w, const json_value *v, int operand, size_t depth)
{
    size_t i;
    switch (v->type) {
    case JSON_NULL:
        put(w, "null");
        return 0;
    case JSON_TRUE:
        put(w, "true");
        return 0;
    case JSON_FALSE:
        put(w, "false");
        return 0;
    case JSON_NUMBER:
        return write_number(w, v);
    case JSON_STRING:
        if (operand)
            return write_name(w, v, v->text, v->length, "the operand name");
        if (is_special_number(v)) {
            put_n(w, v->text, v->length);
            return 0;
        }
        return write_string(w, v);
    case JSON_ARRAY:
        if (depth >= GT_MAX_DEPTH)
            return bad(w, v, "arrays nested deeper than %d levels", GT_MAX_DEPTH);
        put(w, "[");
        for (i = 0; i < v->length; i++) {
            if (i)
                put(w, ", ");
            if (write_value(w, &v->items[i], 0, depth + 1))
                return -1;
        }
        put(w, "]");
        return 0;
    default:
        return bad(w, v, "an object value, which the text format has no literal for");
    }
}

/* Members of obj must be among the names given (NULL-terminated). */
static int only_members(writer *w, const json_value *obj, const char *what,
                        const char *const *names)
{
    size_t i, j;
    char buf[48];
    for (i = 0; i < obj->length; i++) {
        const json_value *m = &obj->items[i];
        for (j = 0; names[j]; j++)
            if (strlen(names[j]) == m->keyLength && memcmp(names[j], m->key, m->keyLength) == 0)
                break;
        if (!names[j])
            return bad_key(w, m, "%s has a member \"%s\" that the text format cannot say", what,
                       shown(m->key, m->keyLength, buf, sizeof buf));
    }
    return 0;
}

static const struct {
    const char *text, *json;
} dtypes[] = {
    {"f32", "float32"}, {"f16", "float16"}, {"i4", "int4"},   {"u4", "uint4"},
    {"i32", "int32"},   {"u32", "uint32"},  {"i64", "int64"}, {"u64", "uint64"},
    {"i8", "int8"},     {"u8", "uint8"},
};

/* dtype[dims] of an input or constant declaration. */
static int write_type(writer *w, const json_value *decl, int constant)
{
    const json_value *type = json_get(decl, "dataType"), *shape = json_get(decl, "shape");
    size_t i;
    if (!type || type->type != JSON_STRING)
        return bad(w, decl, "a declaration without a \"dataType\" string");
    for (i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++)
        if (json_is_string(type, dtypes[i].json))
            break;
    if (i == sizeof dtypes / sizeof dtypes[0])
        return bad(w, type, "the data type \"%.40s\" has no name in the text format", type->text);
    if (!shape || shape->type != JSON_ARRAY)
        return bad(w, decl, "a declaration without a \"shape\" array");
    put(w, dtypes[i].text);
    put(w, "[");
    for (i = 0; i < shape->length; i++) {
        const json_value *d = &shape->items[i], *name, *max;
        static const char *const dyn_members[] = {"name", "maxSize", NULL};
        if (i)
            put(w, ", ");
        if (is_unsigned(d)) {
            put_n(w, d->text, d->length);
            continue;
        }
        if (d->type != JSON_OBJECT || constant)
            return bad(w, d, constant ? "a constant's dimension must be a non-negative integer"
                                      : "a dimension must be a non-negative integer or "
                                        "{\"name\", \"maxSize\"}");
        name = json_get(d, "name");
        max = json_get(d, "maxSize");
        if (only_members(w, d, "a dynamic dimension", dyn_members))
            return -1;
        if (!name || name->type != JSON_STRING || !max || !is_unsigned(max))
            return bad(w, d, "a dynamic dimension needs a \"name\" string and a non-negative "
                             "integer \"maxSize\"");
        put(w, "dyn(");
        if (write_string(w, name))
            return -1;
        put(w, ", ");
        put_n(w, max->text, max->length);
        put(w, ")");
    }
    put(w, "]");
    return 0;
}

static int write_inputs(writer *w, const json_value *inputs)
{
    static const char *const members[] = {"dataType", "shape", NULL};
    size_t i;
    for (i = 0; i < inputs->length; i++) {
        const json_value *d = &inputs->items[i];
        put(w, "    ");
        if (write_name(w, d, d->key, d->keyLength, "the input name"))
            return -1;
        if (d->type != JSON_OBJECT)
            return bad(w, d, "an input must be an object");
        if (only_members(w, d, "an input", members))
            return -1;
        put(w, ": ");
        if (write_type(w, d, 0))
            return -1;
        put(w, ";\n");
    }
    return 0;
}

static int write_init(writer *w, const json_value *decl)
{
    static const char *const weights[] = {"kind", "ref", NULL};
    static const char *const scalar[] = {"kind", "value", NULL};
    static const char *const bytes[] = {"kind", "bytes", NULL};
    const json_value *init = json_get(decl, "init"), *kind, *v;
    size_t i;
    if (!init || init->type != JSON_OBJECT || !(kind = json_get(init, "kind")))
        return bad(w, decl, "a constant without an \"init\" object with a \"kind\"");
    if (json_is_string(kind, "weights")) {
        v = json_get(init, "ref");
        if (only_members(w, init, "a weights initializer", weights))
            return -1;
        if (!v || v->type != JSON_STRING)
            return bad(w, init, "a weights initializer without a \"ref\" string");
        put(w, " @weights(");
        if (write_string(w, v))
            return -1;
    } else if (json_is_string(kind, "scalar")) {
        v = json_get(init, "value");
        if (only_members(w, init, "a scalar initializer", scalar))
            return -1;
        if (!v || (v->type != JSON_NUMBER && !is_special_number(v)))
            return bad(w, init, "a scalar initializer's \"value\" must be a number");
        put(w, " @scalar(");
        if (write_value(w, v, 0, 0))
            return -1;
    } else if (json_is_string(kind, "inlineBytes")) {
        v = json_get(init, "bytes");
        if (only_members(w, init, "an inline-bytes initializer", bytes))
            return -1;
        if (!v || v->type != JSON_ARRAY)
            return bad(w, init, "an inline-bytes initializer without a \"bytes\" array");
        put(w, " @bytes([");
        for (i = 0; i < v->length; i++) {
            const json_value *b = &v->items[i];
            if (!is_unsigned(b) || b->length > 3 || (b->length == 3 && strcmp(b->text, "255") > 0))
                return bad(w, b, "a byte must be an integer 0 to 255");
            if (i)
                put(w, ", ");
            put_n(w, b->text, b->length);
        }
        put(w, "]");
    } else
        return bad(w, kind, "an initializer kind other than \"weights\", \"scalar\" or "
                            "\"inlineBytes\"");
    put(w, ")");
    return 0;
}

static int write_consts(writer *w, const json_value *consts)
{
    static const char *const members[] = {"dataType", "shape", "init", NULL};
    size_t i;
    for (i = 0; i < consts->length; i++) {
        const json_value *d = &consts->items[i];
        put(w, "    ");
        if (write_name(w, d, d->key, d->keyLength, "the constant name"))
            return -1;
        if (d->type != JSON_OBJECT)
            return bad(w, d, "a constant must be an object");
        if (only_members(w, d, "a constant", members))
            return -1;
        put(w, ": ");
        if (write_type(w, d, 1) || write_init(w, d))
            return -1;
        put(w, ";\n");
    }
    return 0;
}

/* op(inputs..., name=value...). Operands are positional: each must land on an operand
 * parameter when read back, so a node with more operands than the operator has operand
 * parameters cannot be written. */
static int write_call(writer *w, const json_value *node, const char *op)
{
    const json_value *inputs = json_get(node, "inputs"), *options = json_get(node, "options");
    size_t i, param = 0, used = 0;
    cf_param_info info;
    if (!inputs || inputs->type != JSON_ARRAY)
        return bad(w, node, "a node without an \"inputs\" array");
    if (options && options->type != JSON_OBJECT)
        return bad(w, options, "a node's \"options\" must be an object");
    put(w, op);
    put(w, "(");
    while (used < inputs->length) {
        if (!cf_operator_param(op, param, &info) ||
            (info.kind != CF_PARAM_OPERAND && info.kind != CF_PARAM_OPERANDS))
            return bad(w, &inputs->items[used], "%s takes fewer operands than the node's %lu",
                       op, (unsigned long)inputs->length);
        do {
            const json_value *v = &inputs->items[used];
            if (v->type != JSON_STRING)
                return bad(w, v, "an input must be an operand name (a string)");
            if (used)
                put(w, ", ");
            if (write_name(w, v, v->text, v->length, "the operand name"))
                return -1;
            used++;
        } while (info.kind == CF_PARAM_OPERANDS && used < inputs->length);
        param++;
    }
    for (i = 0; options && i < options->length; i++) {
        const json_value *v = &options->items[i];
        if (used + i)
            put(w, ", ");
        if (write_name(w, v, v->key, v->keyLength, "the option name"))
            return -1;
        put(w, "=");
        if (write_value(w, v, v->key && cf_operator_option_is_operand(op, v->key), 0))
            return -1;
    }
    put(w, ")");
    return 0;
}

static int write_nodes(writer *w, const json_value *nodes)
{
    static const char *const members[] = {"id", "op", "inputs", "options", "outputs", NULL};
    size_t i, j;
    char buf[48];
    for (i = 0; i < nodes->length; i++) {
        const json_value *n = &nodes->items[i], *id, *op, *outs;
        if (n->type != JSON_OBJECT)
            return bad(w, n, "a node must be an object");
        if (only_members(w, n, "a node", members))
            return -1;
        id = json_get(n, "id");
        op = json_get(n, "op");
        outs = json_get(n, "outputs");
        if (!id || id->type != JSON_STRING)
            return bad(w, n, "a node without an \"id\" string");
        if (!op || op->type != JSON_STRING || strlen(op->text) != op->length)
            return bad(w, n, "a node without an \"op\" string");
        if (!cf_operator_known(op->text))
            return bad(w, op, "unknown operator \"%s\"", shown(op->text, op->length, buf,
                                                                sizeof buf));
        put(w, "    ");
        if (outs) {
            if (outs->type != JSON_ARRAY || outs->length == 0)
                return bad(w, outs, "a node's \"outputs\" must be a non-empty array of names");
            if (outs->items[0].type != JSON_STRING || outs->items[0].length != id->length ||
                memcmp(outs->items[0].text, id->text, id->length) != 0)
                return bad(w, outs, "a node whose \"id\" differs from its first output (the "
                                    "text format names a multi-output node by its outputs)");
            put(w, "[");
            for (j = 0; j < outs->length; j++) {
                const json_value *o = &outs->items[j];
                if (j)
                    put(w, ", ");
                if (o->type != JSON_STRING)
                    return bad(w, o, "an output name must be a string");
                if (write_name(w, o, o->text, o->length, "the output name"))
                    return -1;
            }
            put(w, "]");
        } else if (write_name(w, id, id->text, id->length, "the node id"))
            return -1;
        put(w, " = ");
        if (write_call(w, n, op->text))
            return -1;
        put(w, ";\n");
    }
    return 0;
}

static int write_outputs(writer *w, const json_value *outputs)
{
    size_t i;
    char buf[48], buf2[48];
    for (i = 0; i < outputs->length; i++) {
        const json_value *o = &outputs->items[i];
        if (o->type != JSON_STRING || o->length != o->keyLength ||
            memcmp(o->text, o->key, o->length) != 0)
            return bad(w, o, "the output \"%s\" is \"%s\": the text format names each output "
                             "like the operand it is",
                       shown(o->key, o->keyLength, buf, sizeof buf),
                       o->type == JSON_STRING ? shown(o->text, o->length, buf2, sizeof buf2)
                                              : json_type_name(o->type));
        put(w, "    ");
        if (write_name(w, o, o->text, o->length, "the output name"))
            return -1;
        put(w, ";\n");
    }
    return 0;
}

/* One block: "  name {\n ... \n  }\n", or "  name {}\n" when empty. */
static int write_block(writer *w, const json_value *graph, const char *name, json_type type,
                       int (*items)(writer *, const json_value *))
{
    const json_value *b = json_get(graph, name);
    put(w, "  ");
    put(w, name);
    if (!b || b->length == 0) {
        if (b && b->type != type)
            return bad(w, b, "\"%s\" must be %s", name, type == JSON_ARRAY ? "an array" : "an object");
        put(w, " {}\n");
        return 0;
    }
    if (b->type != type)
        return bad(w, b, "\"%s\" must be %s", name, type == JSON_ARRAY ? "an array" : "an object");
    put(w, " {\n");
    if (items(w, b))
        return -1;
    put(w, "  }\n");
    return 0;
}

static int write_graph(writer *w, const json_value *g)
{
    static const char *const members[] = {"format", "version", "name", "quantized", "inputs",
                                          "consts", "nodes",   "outputs", NULL};
    const json_value *format, *version, *name, *quantized;
    if (!g || g->type != JSON_OBJECT)
        return bad(w, g, "the graph must be an object");
    format = json_get(g, "format");
    version = json_get(g, "version");
    name = json_get(g, "name");
    quantized = json_get(g, "quantized");
    if (!json_is_string(format, "webnn-graph-json"))
        return bad(w, format ? format : g, "\"format\" must be \"webnn-graph-json\"");
    if (only_members(w, g, "the graph", members))
        return -1;
    if (!version || version->type != JSON_NUMBER || version->length != 1 ||
        (version->text[0] != '1' && version->text[0] != '2'))
        return bad(w, version ? version : g, "\"version\" must be 1 or 2");
    if (name && name->type != JSON_STRING)
        return bad(w, name, "\"name\" must be a string");
    if (quantized && quantized->type != JSON_TRUE && quantized->type != JSON_FALSE)
        return bad(w, quantized, "\"quantized\" must be true or false");
    put(w, "webnn_graph ");
    if (name) {
        if (write_string(w, name))
            return -1;
    } else
        put(w, "\"\"");
    put(w, version->text[0] == '1' ? " v1" : " v2");
    if (quantized && quantized->type == JSON_TRUE)
        put(w, " @quantized");
    put(w, " {\n");
    if (write_block(w, g, "inputs", JSON_OBJECT, write_inputs) ||
        write_block(w, g, "consts", JSON_OBJECT, write_consts) ||
        write_block(w, g, "nodes", JSON_ARRAY, write_nodes) ||
        write_block(w, g, "outputs", JSON_OBJECT, write_outputs))
        return -1;
    put(w, "}\n");
    return 0;
}

int gt_write_text(FILE *out, const json_value *graph, char *err, size_t errSize)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.err = err;
    w.errSize = errSize;
    if (err && errSize)
        err[0] = '\0';
    if (write_graph(&w, graph))
        return -1;
    w.out = out;
    if (write_graph(&w, graph))
        return -1;
    if (fflush(out) != 0 || ferror(out)) {
        w.out = NULL;
        return bad(&w, NULL, "writing failed");
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Canonical JSON                                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef void (*member_writer)(json_writer *, const json_value *);

static void plain(json_writer *jw, const json_value *v)
{
    json_write_value(jw, v);
}

static int named(const json_value *m, const char *name)
{
    return strlen(name) == m->keyLength && memcmp(name, m->key, m->keyLength) == 0;
}

/* The members named in order first, in that order, then the others as they are; each
 * member's value through child (which may order it in turn). */
static void write_ordered(json_writer *jw, const json_value *obj, const char *const *order,
                          member_writer child)
{
    size_t i, j;
    if (obj->type != JSON_OBJECT) {
        json_write_value(jw, obj);
        return;
    }
    json_write_object_begin(jw);
    for (j = 0; order[j]; j++)
        for (i = 0; i < obj->length; i++)
            if (named(&obj->items[i], order[j])) {
                json_write_key_n(jw, obj->items[i].key, obj->items[i].keyLength);
                child(jw, &obj->items[i]);
            }
    for (i = 0; i < obj->length; i++) {
        for (j = 0; order[j] && !named(&obj->items[i], order[j]); j++)
            ;
        if (!order[j]) {
            json_write_key_n(jw, obj->items[i].key, obj->items[i].keyLength);
            json_write_value(jw, &obj->items[i]);
        }
    }
    json_write_object_end(jw);
}

static const char *const init_order[] = {"kind", "ref", "value", "bytes", NULL};
static const char *const decl_order[] = {"dataType", "shape", "init", NULL};
static const char *const node_order[] = {"id", "op", "inputs", "options", "outputs", NULL};

static void decl_member(json_writer *jw, const json_value *m)
{
    if (named(m, "init"))
        write_ordered(jw, m, init_order, plain);
    else
        json_write_value(jw, m);
}

static void declaration(json_writer *jw, const json_value *d)
{
    write_ordered(jw, d, decl_order, decl_member);
}

static void root_member(json_writer *jw, const json_value *m)
{
    size_t i;
    if ((named(m, "inputs") || named(m, "consts")) && m->type == JSON_OBJECT) {
        json_write_object_begin(jw);
        for (i = 0; i < m->length; i++) {
            json_write_key_n(jw, m->items[i].key, m->items[i].keyLength);
            declaration(jw, &m->items[i]);
        }
        json_write_object_end(jw);
    } else if (named(m, "nodes") && m->type == JSON_ARRAY) {
        json_write_array_begin(jw);
        for (i = 0; i < m->length; i++)
            write_ordered(jw, &m->items[i], node_order, plain);
        json_write_array_end(jw);
    } else
        json_write_value(jw, m);
}

int gt_write_json(FILE *out, const json_value *graph, int indent)
{
    static const char *const root_order[] = {"format", "version", "name", "quantized",
                                             "inputs", "consts",  "nodes", "outputs", NULL};
    json_writer jw;
    json_writer_init(&jw, out, indent);
    if (!graph)
        return -1;
    write_ordered(&jw, graph, root_order, root_member);
    return json_writer_finish(&jw);
}
