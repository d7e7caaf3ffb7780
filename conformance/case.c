/* conformance/case.c - case files: open, check the structure, load a case's data. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most inputs, operators or outputs in one case (a guard against hostile files; the suite's
 * largest case has a handful). */
#define CF_MAX_NAMED 4096

/* "path:line:column: case "name": message". node may be NULL; atKey points at the node's
 * member name rather than its value. Returns -1. */
static int errorf(cf_text *err, const char *path, const json_value *node, int atKey,
                  const char *caseName, const char *fmt, ...) CF_PRINTF(6, 7);

static int errorf(cf_text *err, const char *path, const json_value *node, int atKey,
                  const char *caseName, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (node && atKey && node->keyLine)
        cf_text_printf(err, "%s:%u:%u: ", path, (unsigned)node->keyLine, (unsigned)node->keyColumn);
    else if (node)
        cf_text_printf(err, "%s:%u:%u: ", path, (unsigned)node->line, (unsigned)node->column);
    else
        cf_text_printf(err, "%s: ", path);
    if (caseName)
        cf_text_printf(err, "case \"%s\": ", caseName);
    cf_text_append(err, message);
    return -1;
}

/* A member name or string without embedded NUL, usable as a C string. */
static int plain_key(const json_value *member)
{
    return strlen(member->key) == member->keyLength;
}

static int plain_string(const json_value *v)
{
    return v->type == JSON_STRING && strlen(v->text) == v->length;
}

/* Every member of object must be in names (NULL-terminated). */
static int check_members(const json_value *object, const char *const *names, const char *path,
                         const char *caseName, const char *where, cf_text *err)
{
    size_t i, k;
    for (i = 0; i < object->length; i++) {
        const json_value *m = &object->items[i];
        int known = 0;
        for (k = 0; names[k] && !known; k++)
            known = plain_key(m) && strcmp(m->key, names[k]) == 0;
        if (!known) {
            cf_text expected;
            cf_text_init(&expected);
            for (k = 0; names[k]; k++)
                cf_text_printf(&expected, "%s\"%s\"", k ? ", " : "", names[k]);
            errorf(err, path, m, 1, caseName, "unknown member \"%.100s\" in %s (known: %s)", m->key,
                   where, cf_text_str(&expected));
            cf_text_free(&expected);
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static char *dup_string(const char *s)
{
    size_t n = strlen(s);
    char *d = (char *)malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

/* Name the file, then parse it (text NULL: read path). */
static int open_file(cf_file *f, const char *path, const char *text, size_t length,
                     const json_limits *limits, cf_text *err)
{
    /* the case list and the converter's description of the file */
    static const char *const top[] = {"source", "meta", "kind", "testCount", "operators",
                                      "dataTypes", "ranks", "proceduralTests", "tests",
                                      "float32DataCheck", "float16DataCheck", NULL};
    json_error jerr;
    const json_value *root, *procedural;
    const char *base, *dot;
    memset(f, 0, sizeof *f);
    f->path = dup_string(path);
    base = strrchr(path, '/');
    base = base ? base + 1 : path;
    f->stem = dup_string(base);
    if (!f->path || !f->stem) {
        cf_file_close(f);
        cf_text_printf(err, "%s: out of memory", path);
        return -1;
    }
    dot = strrchr(f->stem, '.');
    if (dot && strcmp(dot, ".json") == 0)
        f->stem[dot - f->stem] = '\0';
    f->doc = text ? json_parse(text, length, limits, &jerr) : json_parse_file(path, limits, &jerr);
    if (!f->doc) {
        if (jerr.line)
            cf_text_printf(err, "%s:%u:%u: %s", path, (unsigned)jerr.line, (unsigned)jerr.column,
                           jerr.message);
        else
            cf_text_printf(err, "%s: %s", path, jerr.message);
        cf_file_close(f);
        return -1;
    }
    root = json_root(f->doc);
    if (root->type != JSON_OBJECT) {
        errorf(err, path, root, 0, NULL, "a case file is an object, got %s", json_type_name(root->type));
        cf_file_close(f);
        return -1;
    }
    f->tests = json_get(root, "tests");
    if (!f->tests || f->tests->type != JSON_ARRAY) {
        errorf(err, path, f->tests ? f->tests : root, 0, NULL,
               "not a case file: no \"tests\" array%s",
               json_get(root, "files") ? " (this looks like the index of a folder)" : "");
        cf_file_close(f);
        return -1;
    }
    if (check_members(root, top, path, NULL, "a case file", err) != 0) {
        cf_file_close(f);
        return -1;
    }
    f->caseCount = f->tests->length;
    procedural = json_get(root, "proceduralTests");
    if (procedural && procedural->type == JSON_ARRAY)
        f->proceduralCount = procedural->length;
    return 0;
}

int cf_file_open(cf_file *f, const char *path, const json_limits *limits, cf_text *err)
{
    return open_file(f, path, NULL, 0, limits, err);
}

int cf_file_open_text(cf_file *f, const char *name, const char *text, size_t length,
                      const json_limits *limits, cf_text *err)
{
    return open_file(f, name, text ? text : "", length, limits, err);
}

void cf_file_close(cf_file *f)
{
    json_free(f->doc);
    free(f->path);
    free(f->stem);
    memset(f, 0, sizeof *f);
}

static const json_value *case_node(const cf_file *f, size_t index)
{
    if (!f->tests || index >= f->tests->length || f->tests->items[index].type != JSON_OBJECT)
        return NULL;
    return &f->tests->items[index];
}

const char *cf_file_case_name(const cf_file *f, size_t index)
{
    const json_value *name = json_get(case_node(f, index), "name");
    return name && plain_string(name) ? name->text : NULL;
}

static const json_value *case_operators(const cf_file *f, size_t index)
{
    const json_value *ops = json_get(json_get(case_node(f, index), "graph"), "operators");
    return ops && ops->type == JSON_ARRAY ? ops : NULL;
}

const char *cf_file_case_operator(const cf_file *f, size_t index)
{
    const json_value *ops = case_operators(f, index), *name;
    if (!ops || ops->length == 0)
        return NULL;
    name = json_get(&ops->items[0], "name");
    return name && plain_string(name) ? name->text : NULL;
}

int cf_file_case_uses(const cf_file *f, size_t index, const char *op)
{
    const json_value *ops = case_operators(f, index);
    size_t i;
    for (i = 0; ops && i < ops->length; i++)
        if (json_is_string(json_get(&ops->items[i], "name"), op))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Tensors                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static int read_element(cf_tensor *t, size_t k, const json_value *v, const char *path,
                        const char *what, cf_text *err)
{
    json_conversion c;
    int64_t lo;
    uint64_t hi;
    switch (cf_data_type_class(t->dataType)) {
    case CF_CLASS_FLOAT:
        c = json_to_double(v, &t->f[k]);
        if (c != JSON_CONV_OK)
            return errorf(err, path, v, 0, NULL,
                          "%s: element %lu: a number or \"NaN\", \"Infinity\", \"-Infinity\" "
                          "expected, got %s%s%.40s%s", what, (unsigned long)k,
                          json_type_name(v->type), v->type == JSON_STRING ? " \"" : "",
                          v->type == JSON_STRING ? v->text : "", v->type == JSON_STRING ? "\"" : "");
        return 0;
    case CF_CLASS_SIGNED:
        cf_data_type_range(t->dataType, &lo, &hi);
        c = json_to_int64(v, &t->i[k]);
        if (c == JSON_CONV_OK && (t->i[k] < lo || (t->i[k] > 0 && (uint64_t)t->i[k] > hi)))
            c = JSON_CONV_RANGE;
        break;
    default:
        cf_data_type_range(t->dataType, &lo, &hi);
        c = json_to_uint64(v, &t->u[k]);
        if (c == JSON_CONV_OK && t->u[k] > hi)
            c = JSON_CONV_RANGE;
        break;
    }
    if (c == JSON_CONV_OK)
        return 0;
    if (c == JSON_CONV_NOT_NUMBER)
        return errorf(err, path, v, 0, NULL,
                      "%s: element %lu: an integer (a number or a decimal string) expected for "
                      "%s, got %s", what, (unsigned long)k, cf_data_type_name(t->dataType),
                      json_type_name(v->type));
    return errorf(err, path, v, 0, NULL, "%s: element %lu: %.40s is %s for %s", what,
                  (unsigned long)k, v->text, json_conversion_string(c),
                  cf_data_type_name(t->dataType));
}

/* The data type and shape of a tensor (and its element count). */
static int read_descriptor(cf_pool *pool, const char *path, const char *what,
                           const json_value *dataType, const json_value *shape, cf_tensor *t,
                           cf_text *err)
{
    size_t k;
    if (!dataType || !plain_string(dataType) || !cf_data_type_from_name(dataType->text, &t->dataType))
        return errorf(err, path, dataType, 0, NULL, "%s: %s%.40s%s is not a data type "
                      "(float32, float16, int32, uint32, int64, uint64, int8, uint8, int4, uint4)",
                      what, dataType && dataType->type == JSON_STRING ? "\"" : "",
                      dataType && dataType->type == JSON_STRING ? dataType->text
                                                                : (dataType ? json_type_name(dataType->type) : "nothing"),
                      dataType && dataType->type == JSON_STRING ? "\"" : "");
    if (!shape || shape->type != JSON_ARRAY)
        return errorf(err, path, shape, 0, NULL, "%s: the shape must be an array of dimensions", what);
    t->rank = shape->length;
    t->shape = (uint32_t *)cf_pool_array(pool, t->rank ? t->rank : 1, sizeof *t->shape);
    if (!t->shape)
        return errorf(err, path, shape, 0, NULL, "%s: out of memory", what);
    t->count = 1;
    for (k = 0; k < t->rank; k++) {
        uint64_t d;
        if (json_to_uint64(&shape->items[k], &d) != JSON_CONV_OK || d > CF_MAX_ELEMENTS)
            return errorf(err, path, &shape->items[k], 0, NULL,
                          "%s: dimension %lu must be an integer from 0 to 2^31-1", what,
                          (unsigned long)k);
        t->shape[k] = (uint32_t)d;
        if (d != 0 && t->count > CF_MAX_ELEMENTS / d)
            return errorf(err, path, shape, 0, NULL, "%s: more than 2^31-1 elements", what);
        t->count *= (size_t)d;
    }
    if (t->count > CF_MAX_ELEMENTS)
        return errorf(err, path, shape, 0, NULL, "%s: more than 2^31-1 elements", what);
    return 0;
}

int cf_tensor_read(cf_pool *pool, const char *path, const char *what, const json_value *dataType,
                   const json_value *shape, const json_value *data, cf_tensor *t, cf_text *err)
{
    size_t k, stored;
    cf_class cls;
    t->node = data;
    if (read_descriptor(pool, path, what, dataType, shape, t, err) != 0)
        return -1;
    if (!data)
        return errorf(err, path, NULL, 0, NULL, "%s: no data", what);
    if (data->type == JSON_ARRAY) {
        if (data->length != t->count)
            return errorf(err, path, data, 0, NULL, "%s: %lu data elements for a shape of %lu elements",
                          what, (unsigned long)data->length, (unsigned long)t->count);
        t->fill = 0;
        stored = t->count;
    } else if (data->type == JSON_NUMBER || data->type == JSON_STRING) {
        t->fill = 1; /* every element has this value */
        stored = 1;
    } else
        return errorf(err, path, data, 0, NULL, "%s: data must be an array or a number, got %s", what,
                      json_type_name(data->type));
    cls = cf_data_type_class(t->dataType);
    if (cls == CF_CLASS_FLOAT)
        t->f = (double *)cf_pool_array(pool, stored, sizeof *t->f);
    else if (cls == CF_CLASS_SIGNED)
        t->i = (int64_t *)cf_pool_array(pool, stored, sizeof *t->i);
    else
        t->u = (uint64_t *)cf_pool_array(pool, stored, sizeof *t->u);
    if (!t->f && !t->i && !t->u)
        return errorf(err, path, data, 0, NULL, "%s: out of memory", what);
    if (t->fill)
        return read_element(t, 0, data, path, what, err);
    for (k = 0; k < stored; k++)
        if (read_element(t, k, &data->items[k], path, what, err) != 0)
            return -1;
    return 0;
}

void cf_tensor_pack(const cf_tensor *t, void *buf)
{
    size_t k;
    if (t->raw) {
        if (t->count)
            memcpy(buf, t->raw, t->count * wnnOperandDataTypeByteSize(t->dataType));
        return;
    }
    for (k = 0; k < t->count; k++) {
        size_t s = t->fill ? 0 : k;
        switch (t->dataType) {
        case WNNOperandDataType_Float32: ((float *)buf)[k] = cf_float32_from_double(t->f[s]); break;
        case WNNOperandDataType_Float16: ((uint16_t *)buf)[k] = cf_float16_from_double(t->f[s]); break;
        case WNNOperandDataType_Int32: ((int32_t *)buf)[k] = (int32_t)t->i[s]; break;
        case WNNOperandDataType_Int64: ((int64_t *)buf)[k] = t->i[s]; break;
        case WNNOperandDataType_Int8:
        case WNNOperandDataType_Int4: ((int8_t *)buf)[k] = (int8_t)t->i[s]; break;
        case WNNOperandDataType_Uint32: ((uint32_t *)buf)[k] = (uint32_t)t->u[s]; break;
        case WNNOperandDataType_Uint64: ((uint64_t *)buf)[k] = t->u[s]; break;
        default: ((uint8_t *)buf)[k] = (uint8_t)t->u[s]; break;
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Cases                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static int read_named_tensors(cf_case *c, const json_value *object, int inputs, cf_tensor **out,
                              size_t *count, cf_text *err)
{
    static const char *const inputKeys[] = {"data", "descriptor", "constant", NULL};
    static const char *const outputKeys[] = {"data", "descriptor", NULL};
    static const char *const descriptorKeys[] = {"shape", "dataType", NULL};
    const char *path = c->file->path;
    size_t k;
    cf_tensor *ts;
    if (object->length > CF_MAX_NAMED)
        return errorf(err, path, object, 0, c->name, "more than %d %s", CF_MAX_NAMED,
                      inputs ? "inputs" : "outputs");
    ts = (cf_tensor *)cf_pool_array(&c->pool, object->length ? object->length : 1, sizeof *ts);
    if (!ts)
        return errorf(err, path, object, 0, c->name, "out of memory");
    for (k = 0; k < object->length; k++) {
        const json_value *m = &object->items[k], *desc, *constant;
        char what[160];
        if (!plain_key(m) || m->keyLength == 0)
            return errorf(err, path, m, 1, c->name, "an operand name must be a non-empty string "
                          "without \\u0000");
        snprintf(what, sizeof what, "%s \"%.100s\"", inputs ? "input" : "expected output", m->key);
        if (m->type != JSON_OBJECT)
            return errorf(err, path, m, 0, c->name, "%s must be an object, got %s", what,
                          json_type_name(m->type));
        if (check_members(m, inputs ? inputKeys : outputKeys, path, c->name, what, err) != 0)
            return -1;
        desc = json_get(m, "descriptor");
        if (!desc || desc->type != JSON_OBJECT)
            return errorf(err, path, desc ? desc : m, 0, c->name, "%s: a \"descriptor\" object is "
                          "required", what);
        if (check_members(desc, descriptorKeys, path, c->name, "a descriptor", err) != 0)
            return -1;
        ts[k].name = m->key;
        constant = json_get(m, "constant");
        if (constant && constant->type != JSON_TRUE && constant->type != JSON_FALSE)
            return errorf(err, path, constant, 0, c->name, "%s: \"constant\" must be true or false",
                          what);
        ts[k].constant = constant && constant->type == JSON_TRUE;
        if (!json_get(desc, "dataType") || !json_get(desc, "shape"))
            return errorf(err, path, desc, 0, c->name, "%s: the descriptor needs \"dataType\" and "
                          "\"shape\"", what);
        {
            /* messages from cf_tensor_read carry the case name through `what` */
            char qualified[320];
            snprintf(qualified, sizeof qualified, "case \"%.150s\": %s", c->name, what);
            if (!inputs && !json_get(m, "data")) {
                /* an expected output given by its descriptor alone */
                ts[k].node = m;
                ts[k].descriptorOnly = 1;
                if (read_descriptor(&c->pool, path, qualified, json_get(desc, "dataType"),
                                    json_get(desc, "shape"), &ts[k], err) != 0)
                    return -1;
            } else if (cf_tensor_read(&c->pool, path, qualified, json_get(desc, "dataType"),
                                      json_get(desc, "shape"), json_get(m, "data"), &ts[k],
                                      err) != 0)
                return -1;
            if (c->expectError && !inputs && !ts[k].descriptorOnly)
                return errorf(err, path, json_get(m, "data"), 0, c->name, "%s: a case expecting "
                              "an error gives no output data (a \"descriptor\" alone at most)",
                              what);
        }
    }
    *out = ts;
    *count = object->length;
    return 0;
}

static int load_case(const cf_file *f, size_t index, cf_case *c, cf_text *err)
{
    static const char *const caseKeys[] = {"name", "graph", "tolerance", "toleranceFunction",
                                           "buildFunction", "castToSupportedType", "spec",
                                           "notes", "expectedError", NULL};
    static const char *const errorKeys[] = {"status", "message", NULL};
    static const char *const graphKeys[] = {"inputs", "operators", "expectedOutputs", NULL};
    static const char *const toleranceKeys[] = {"metricType", "value", NULL};
    const char *path = f->path;
    const json_value *node, *name, *graph, *inputs, *outputs, *tol, *v;
    memset(c, 0, sizeof *c);
    c->file = f;
    c->index = index;
    if (index >= f->caseCount)
        return errorf(err, path, NULL, 0, NULL, "no case %lu", (unsigned long)index);
    node = &f->tests->items[index];
    c->node = node;
    if (node->type != JSON_OBJECT)
        return errorf(err, path, node, 0, NULL, "case %lu must be an object", (unsigned long)index);
    name = json_get(node, "name");
    if (!name || !plain_string(name))
        return errorf(err, path, name ? name : node, 0, NULL, "case %lu needs a \"name\" string",
                      (unsigned long)index);
    c->name = name->text;
    if (check_members(node, caseKeys, path, c->name, "a case", err) != 0)
        return -1;
    for (v = node->items; v < node->items + node->length; v++) {
        if ((strcmp(v->key, "toleranceFunction") == 0 || strcmp(v->key, "buildFunction") == 0) &&
            v->type != JSON_STRING)
            return errorf(err, path, v, 0, c->name, "\"%s\" must be a string", v->key);
        /* castToSupportedType: the suite casts an input to a type the context supports; this
         * context supports every type, so it changes nothing */
        if (strcmp(v->key, "castToSupportedType") == 0 && v->type != JSON_TRUE &&
            v->type != JSON_FALSE)
            return errorf(err, path, v, 0, c->name, "\"castToSupportedType\" must be true or false");
        if (strcmp(v->key, "spec") == 0 || strcmp(v->key, "notes") == 0) {
            if (!plain_string(v))
                return errorf(err, path, v, 0, c->name, "\"%s\" must be a string", v->key);
            if (v->key[0] == 's')
                c->spec = v->text;
            else
                c->notes = v->text;
        }
    }
    v = json_get(node, "expectedError");
    if (v) {
        const json_value *status, *message;
        int s;
        if (v->type != JSON_OBJECT)
            return errorf(err, path, v, 0, c->name, "\"expectedError\" must be an object "
                          "{\"status\": \"TypeError\", \"message\": \"...\"}");
        if (check_members(v, errorKeys, path, c->name, "an expected error", err) != 0)
            return -1;
        status = json_get(v, "status");
        message = json_get(v, "message");
        c->expectedStatus = WNNStatus_Success;
        /* the statuses webnn.h can return, by their names */
        for (s = (int)WNNStatus_TypeError; status && plain_string(status) && s <= (int)WNNStatus_OutOfMemory; s++)
            if (strcmp(status->text, wnnStatusString((WNNStatus)s)) == 0)
                c->expectedStatus = (WNNStatus)s;
        if (c->expectedStatus == WNNStatus_Success)
            return errorf(err, path, status ? status : v, 0, c->name, "the expected error's "
                          "\"status\" must be \"TypeError\", \"InvalidStateError\", "
                          "\"NotSupportedError\", \"OperationError\", \"InvalidArgument\" or "
                          "\"OutOfMemory\"");
        if (!message || !plain_string(message) || message->length == 0)
            return errorf(err, path, message ? message : v, 0, c->name, "the expected error needs "
                          "a \"message\": a non-empty text the builder's message must contain");
        c->expectError = 1;
        c->expectedMessage = message->text;
        if (json_get(node, "tolerance"))
            return errorf(err, path, json_get(node, "tolerance"), 1, c->name,
                          "a case expecting an error has no \"tolerance\"");
    }
    graph = json_get(node, "graph");
    if (!graph || graph->type != JSON_OBJECT)
        return errorf(err, path, graph ? graph : node, 0, c->name, "a \"graph\" object is required");
    if (check_members(graph, graphKeys, path, c->name, "a graph", err) != 0)
        return -1;
    inputs = json_get(graph, "inputs");
    c->operators = json_get(graph, "operators");
    outputs = json_get(graph, "expectedOutputs");
    if (!inputs || inputs->type != JSON_OBJECT)
        return errorf(err, path, inputs ? inputs : graph, 0, c->name, "\"inputs\" must be an object");
    if (!c->operators || c->operators->type != JSON_ARRAY)
        return errorf(err, path, c->operators ? c->operators : graph, 0, c->name,
                      "\"operators\" must be an array");
    if (c->operators->length > CF_MAX_NAMED)
        return errorf(err, path, c->operators, 0, c->name, "more than %d operators", CF_MAX_NAMED);
    if (c->expectError &&
        (!outputs || (outputs->type == JSON_OBJECT && outputs->length == 0)))
        outputs = NULL; /* the graph's outputs are the last operator's */
    else if (!outputs || outputs->type != JSON_OBJECT || outputs->length == 0)
        return errorf(err, path, outputs ? outputs : graph, 0, c->name,
                      "\"expectedOutputs\" must be a non-empty object");
    tol = json_get(node, "tolerance");
    if (tol) {
        const json_value *metric, *value;
        if (tol->type != JSON_OBJECT)
            return errorf(err, path, tol, 0, c->name, "\"tolerance\" must be an object");
        if (check_members(tol, toleranceKeys, path, c->name, "a tolerance", err) != 0)
            return -1;
        metric = json_get(tol, "metricType");
        value = json_get(tol, "value");
        if (json_is_string(metric, "ULP"))
            c->tolerance.metric = CF_METRIC_ULP;
        else if (json_is_string(metric, "ATOL"))
            c->tolerance.metric = CF_METRIC_ATOL;
        else
            return errorf(err, path, metric ? metric : tol, 0, c->name,
                          "\"metricType\" must be \"ULP\" or \"ATOL\"");
        if (!value || value->type != JSON_NUMBER ||
            json_to_double(value, &c->tolerance.value) != JSON_CONV_OK ||
            !(c->tolerance.value >= 0) || c->tolerance.value > 1e300)
            return errorf(err, path, value ? value : tol, 0, c->name,
                          "the tolerance \"value\" must be a finite number >= 0");
    }
    if (read_named_tensors(c, inputs, 1, &c->inputs, &c->inputCount, err) != 0)
        return -1;
    if (outputs && read_named_tensors(c, outputs, 0, &c->expected, &c->expectedCount, err) != 0)
        return -1;
    return 0;
}

int cf_case_load(const cf_file *f, size_t index, cf_case *c, cf_text *err)
{
    if (load_case(f, index, c, err) == 0)
        return 0;
    cf_case_free(c);
    return -1;
}

void cf_case_free(cf_case *c)
{
    cf_pool_free(&c->pool);
    memset(c, 0, sizeof *c);
}
