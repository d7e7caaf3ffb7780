/* fuzz/fuzz_webnn_text.c - the .webnn text reader and writers (tools/graph_text.h), the graph
 * checks (tools/graph.h) and, through them, the builder.
 *
 * The bytes are parsed as .webnn text. A parse error must carry a message. A parsed tree is
 * written as canonical text and as the JSON twin; the text must parse again, and the second
 * tree written as text must give the same bytes (canonical text is a fixed point). Then the
 * tree goes through gf_open (every structural check), and so does the twin read back as JSON:
 * both must get the same verdict and as many errors. When it passes, has no @weights
 * constant and its inputs and constants are small, the graph is run as a case: inputs zero,
 * constants from @scalar/@bytes, under small resource limits so that a run stays short.
 *
 * fuzz-max-len: 4096
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../tools/graph.h"
#include "../tools/graph_text.h"

/* Bounds on what one input may run: inputs and constants together, and the context's
 * limits (the builder refuses larger operands, which keeps each run fast). */
#define FZ_MAX_DATA_BYTES ((size_t)64 << 10)
#define FZ_MAX_TENSOR_BYTES ((uint64_t)256 << 10)
#define FZ_MAX_GRAPH_BYTES ((uint64_t)1 << 20)

/* The tree as canonical text in a malloc'd buffer; NULL when the writer refuses it (err
 * says why) or memory runs out. */
static char *write_text(const json_value *root, size_t *length, char *err, size_t errSize)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, length);
    int status;
    if (!f)
        return NULL;
    status = gt_write_text(f, root, err, errSize);
    if (fclose(f) != 0 || status != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The twin writer must accept any tree the parser made; what it writes must be JSON. Returns
 * the twin read back, or NULL when memory runs out or (*duplicate set) when the text declared
 * a name twice: the twin then has a repeated member, which a JSON reader refuses. */
static json_document *write_json(const json_value *root, int *duplicate)
{
    char *text = NULL;
    size_t length = 0;
    FILE *f = open_memstream(&text, &length);
    json_document *twin;
    json_error err;
    if (!f)
        return NULL;
    if (gt_write_json(f, root, 2) != 0)
        abort();
    if (fclose(f) != 0)
        return NULL;
    twin = json_parse(text, length, NULL, &err);
    *duplicate = !twin && strstr(err.message, "duplicate member name") != NULL;
    if (!twin && !*duplicate) {
        fprintf(stderr, "the JSON twin does not parse: %s at %u:%u\n%s\n", err.message, err.line,
                err.column, text);
        abort();
    }
    free(text);
    return twin;
}

/* gf_open's verdict on a tree: -1 refused (with a message), else 0. errors: how many. */
static int open_graph(gf_graph *g, json_document *doc, size_t *errors)
{
    cf_text messages;
    int status;
    cf_text_init(&messages);
    *errors = 0;
    status = gf_open(g, "fuzz.webnn", doc, &messages, errors);
    if (status != 0 && !messages.length)
        abort(); /* a refused graph must say why */
    cf_text_free(&messages);
    return status;
}

/* Canonical text must read back, and write back to itself. */
static void round_trip(const json_value *root)
{
    char err[512], err2[512];
    size_t length = 0, length2 = 0;
    char *text = write_text(root, &length, err, sizeof err);
    char *text2;
    json_document *again;
    if (!text) {
        /* a tree parsed from text is always expressible as text */
        fprintf(stderr, "gt_write_text refused a parsed tree: %s\n", err);
        abort();
    }
    again = gt_parse(text, length, "canonical.webnn", err, sizeof err);
    if (!again) {
        fprintf(stderr, "canonical text does not parse: %s\n%.*s\n", err, (int)length, text);
        abort();
    }
    text2 = write_text(json_root(again), &length2, err2, sizeof err2);
    if (!text2 || length2 != length || memcmp(text, text2, length) != 0) {
        fprintf(stderr, "canonical text is not a fixed point:\n%.*s\n----\n%.*s\n", (int)length,
                text, text2 ? (int)length2 : 0, text2 ? text2 : "");
        abort();
    }
    free(text2);
    json_free(again);
    free(text);
}

/* Whether the graph is worth running here: no weights file needed, data small. */
static int runnable(const gf_graph *g)
{
    size_t i, total = 0;
    for (i = 0; i < g->inputCount + g->constCount; i++) {
        const gf_operand *o = i < g->inputCount ? &g->inputs[i] : &g->consts[i - g->inputCount];
        size_t bytes = wnnOperandDataTypeByteSize(o->dataType);
        if (o->init == GF_WEIGHTS)
            return 0;
        if (o->count > FZ_MAX_DATA_BYTES || bytes * o->count > FZ_MAX_DATA_BYTES - total)
            return 0;
        total += bytes * o->count;
    }
    return 1;
}

static void run_graph(const gf_graph *g)
{
    WNNContextOptions options = WNN_CONTEXT_OPTIONS_INIT;
    gf_data d;
    cf_file file;
    cf_case c;
    cf_execution x;
    cf_text err;
    size_t i;
    memset(&d, 0, sizeof d);
    memset(&x, 0, sizeof x);
    d.maxTensorBytes = FZ_MAX_DATA_BYTES;
    options.maxTensorBytes = FZ_MAX_TENSOR_BYTES;
    options.maxGraphBytes = FZ_MAX_GRAPH_BYTES;
    cf_text_init(&err);
    if (gf_data_init(g, &d) != 0)
        goto done;
    for (i = 0; i < g->inputCount; i++) {
        size_t bytes = g->inputs[i].count * wnnOperandDataTypeByteSize(g->inputs[i].dataType);
        d.inputs[i].name = g->inputs[i].name;
        if (!(d.inputs[i].data = calloc(bytes + 1, 1)))
            goto done;
    }
    if (gf_bind_constants(g, &d, &err) != 0) {
        if (!err.length)
            abort(); /* a refusal must say why */
        goto done;
    }
    if (gf_make_case(g, &d, &file, &c, &err) == 0) {
        if (cf_execute(&c, &options, &x, &err) != 0 && !err.length)
            abort(); /* a failed run must say why */
        cf_execution_free(&x);
    }
    cf_case_free(&c);
done:
    cf_text_free(&err);
    gf_data_free(g, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    json_document *doc, *twin;
    gf_graph g;
    size_t errors = 0, twinErrors = 0;
    int status, twinStatus = 0, duplicate = 0;

    doc = gt_parse((const char *)data, size, "fuzz.webnn", err, sizeof err);
    if (!doc) {
        if (err[0] == '\0')
            abort();
        return 0;
    }
    twin = write_json(json_root(doc), &duplicate);
    round_trip(json_root(doc));

    if (twin) {
        twinStatus = open_graph(&g, twin, &twinErrors);
        gf_close(&g);
    }
    status = open_graph(&g, doc, &errors);
    if (status == 0 && runnable(&g))
        run_graph(&g);
    gf_close(&g);
    if (duplicate && status == 0)
        abort(); /* a name declared twice passed the checks */
    /* the text and its JSON twin are one graph: the same verdict, as many errors */
    if (twin && (status != twinStatus || errors != twinErrors)) {
        fprintf(stderr, "text: %d (%lu errors), its JSON twin: %d (%lu errors)\n", status,
                (unsigned long)errors, twinStatus, (unsigned long)twinErrors);
        abort();
    }
    return 0;
}
