/* tools/graph_cli.c - the webnn commands on whole graphs:
 *
 *   webnn run GRAPH [--input NAME=FILE]... [--output-dir DIR]   outputs as DIR/<name>.npy
 *   webnn validate GRAPH                                        every error, with its place
 *   webnn trace GRAPH [--input NAME=FILE]... [--full]           every operator's output
 *   webnn convert IN OUT [--to webnn|json|wpt]                  between the graph formats
 *
 * GRAPH is a .webnn file, its JSON twin, or a WPT case file (--case NAME picks a case).
 */
#define _POSIX_C_SOURCE 200809L

#include "graph_cli.h"
#include "cli.h"
#include "graph.h"
#include "graph_text.h"
#include "tensorio.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Values shown per output by trace without --full. */
#define GC_TRACE_VALUES 8

typedef struct gc_options {
    const char *command;
    const char *graph, *outPath;
    const char **inputNames, **inputFiles;
    size_t inputCount;
    const char *outputDir, *weights, *caseName, *to;
    int time, full;
    WNNContextOptions context; /* the resource limits */
    FILE *out, *err;
} gc_options;

static double now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* ------------------------------------------------------------------------------------------ */
/* Usage and options                                                                          */
/* ------------------------------------------------------------------------------------------ */

void gc_usage(FILE *out, const char *command)
{
    if (strcmp(command, "run") == 0)
        fprintf(out,
                "usage: webnn run GRAPH [--input NAME=FILE]... [--output-dir DIR] [options]\n"
                "\n"
                "Run a graph on the reference and write each output as DIR/<output name>.npy.\n"
                "GRAPH is a .webnn file, its JSON twin, or a WPT case file (whose inputs have\n"
                "data; --input replaces an input's data).\n"
                "\n"
                "options:\n"
                "  --input NAME=FILE       the data of input NAME: a .npy file or a JSON tensor\n"
                "                          {\"dataType\", \"shape\", \"data\"} (.json)\n"
                "  --output-dir DIR        where the outputs go (default: the current folder)\n"
                "  --weights FILE          the weights (.safetensors, .weights or\n"
                "                          .manifest.json); default: found beside the graph\n"
                "  --case NAME             the case of a case file with several\n"
                "  --time                  print to stderr: time: build=MS dispatch=MS, and one\n"
                "                          line per operator: time: op INDEX OPERATOR MS\n"
                LIMIT_OPTIONS_HELP
                "                      (the tensor limit also bounds what is read from files)\n");
    else if (strcmp(command, "validate") == 0)
        fprintf(out,
                "usage: webnn validate GRAPH [--weights FILE] [--case NAME]\n"
                "\n"
                "Check a graph: its structure (every error, with its line and column), its\n"
                "weights against their declarations, and the builder's validation of every\n"
                "operator. Exit status 0 when valid, 1 otherwise.\n");
    else if (strcmp(command, "trace") == 0)
        fprintf(out,
                "usage: webnn trace GRAPH [--input NAME=FILE]... [--full] [options]\n"
                "\n"
                "Run a graph and print every operator in evaluation order with its output's\n"
                "data type, shape, min, max, mean, NaN and infinity counts, unspecified\n"
                "elements and first values (all values with --full). Options as for run.\n");
    else
        fprintf(out,
                "usage: webnn convert IN OUT [--to webnn|json|wpt] [--input NAME=FILE]...\n"
                "\n"
                "Convert between a .webnn file, its JSON twin and a WPT case file. The output\n"
                "format is --to, or OUT's extension (.webnn: text, .json: the twin); OUT '-'\n"
                "is standard output. A case file (--to wpt) needs data for every input\n"
                "(--input, or the input case file's); its expected outputs are computed by the\n"
                "reference. Options --weights and --case as for run.\n");
}

static int usage_error(const gc_options *o, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int usage_error(const gc_options *o, const char *fmt, ...)
{
    va_list ap;
    fprintf(o->err, "webnn %s: ", o->command);
    va_start(ap, fmt);
    vfprintf(o->err, fmt, ap);
    va_end(ap);
    fprintf(o->err, " (see 'webnn %s --help')\n", o->command);
    return EXIT_USAGE;
}

/* Returns -1 when parsed, or an exit status (help printed: EXIT_PASS; bad usage). */
static int parse(int argc, char **argv, gc_options *o)
{
    int i, positional = 0;
    WNNContextOptions defaults = WNN_CONTEXT_OPTIONS_INIT;
    o->context = defaults;
    o->inputNames = (const char **)calloc((size_t)argc + 1, sizeof(char *));
    o->inputFiles = (const char **)calloc((size_t)argc + 1, sizeof(char *));
    if (!o->inputNames || !o->inputFiles) {
        fprintf(o->err, "webnn: out of memory\n");
        return EXIT_USAGE;
    }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *value;
        char name[64];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            gc_usage(o->out, o->command);
            return EXIT_PASS;
        }
        if (strncmp(a, "--", 2) != 0 || strcmp(a, "-") == 0) {
            if (positional == 0)
                o->graph = a;
            else if (positional == 1 && strcmp(o->command, "convert") == 0)
                o->outPath = a;
            else
                return usage_error(o, "unexpected argument \"%s\"", a);
            positional++;
            continue;
        }
        value = webnn_option_name(a, name, sizeof name);
        if (!name[0])
            return usage_error(o, "unknown option \"%s\"", a);
        if (strcmp(name, "--time") == 0 && !value && strcmp(o->command, "run") == 0) {
            o->time = 1;
            continue;
        }
        if (strcmp(name, "--full") == 0 && !value && strcmp(o->command, "trace") == 0) {
            o->full = 1;
            continue;
        }
        if (strcmp(name, "--input") != 0 && strcmp(name, "--output-dir") != 0 &&
            strcmp(name, "--weights") != 0 && strcmp(name, "--case") != 0 &&
            strcmp(name, "--to") != 0 && !webnn_is_limit_option(name))
            return usage_error(o, "unknown option \"%s\"", a);
        if (!value) {
            if (i + 1 >= argc)
                return usage_error(o, "%s needs a value", name);
            value = argv[++i];
        }
        if (strcmp(name, "--input") == 0 && strcmp(o->command, "validate") != 0) {
            const char *sep = strchr(value, '=');
            char *copy;
            if (!sep || sep == value || !sep[1])
                return usage_error(o, "--input takes NAME=FILE, got \"%s\"", value);
            copy = (char *)malloc((size_t)(sep - value) + 1);
            if (!copy) {
                fprintf(o->err, "webnn: out of memory\n");
                return EXIT_USAGE;
            }
            memcpy(copy, value, (size_t)(sep - value));
            copy[sep - value] = '\0';
            o->inputNames[o->inputCount] = copy;
            o->inputFiles[o->inputCount++] = sep + 1;
        } else if (strcmp(name, "--output-dir") == 0 && strcmp(o->command, "run") == 0)
            o->outputDir = value;
        else if (strcmp(name, "--weights") == 0)
            o->weights = value;
        else if (strcmp(name, "--case") == 0)
            o->caseName = value;
        else if (strcmp(name, "--to") == 0 && strcmp(o->command, "convert") == 0) {
            if (strcmp(value, "webnn") != 0 && strcmp(value, "json") != 0 &&
                strcmp(value, "wpt") != 0)
                return usage_error(o, "--to takes webnn, json or wpt, got \"%s\"", value);
            o->to = value;
        } else if (webnn_is_limit_option(name)) {
            if (webnn_parse_limit_option(o->command, name, value, &o->context, o->err) != 0)
                return EXIT_USAGE;
        } else
            return usage_error(o, "option %s does not apply to this command", name);
    }
    if (!o->graph)
        return usage_error(o, "%s", strcmp(o->command, "convert") == 0 ? "give IN and OUT"
                                                                       : "give a GRAPH file");
    if (strcmp(o->command, "convert") == 0 && !o->outPath)
        return usage_error(o, "%s", "give OUT (a file, or - for standard output)");
    return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Loading a graph with its data                                                              */
/* ------------------------------------------------------------------------------------------ */

typedef struct loaded {
    gf_format format;
    gf_graph g;
    int open;
    gf_data d;
    cf_file file;    /* a WPT case file */
    int fileOpen;
    size_t caseIndex;
} loaded;

static int pick_case(const gc_options *o, loaded *l)
{
    size_t i;
    if (l->file.caseCount == 0) {
        fprintf(o->err, "%s: the case file has no case\n", o->graph);
        return -1;
    }
    if (!o->caseName) {
        if (l->file.caseCount == 1) {
            l->caseIndex = 0;
            return 0;
        }
        fprintf(o->err, "%s: %lu cases; pick one with --case NAME:\n", o->graph,
                (unsigned long)l->file.caseCount);
        for (i = 0; i < l->file.caseCount && i < 50; i++)
            fprintf(o->err, "  %s\n", cf_file_case_name(&l->file, i));
        if (l->file.caseCount > 50)
            fprintf(o->err, "  ... and %lu more\n", (unsigned long)(l->file.caseCount - 50));
        return -1;
    }
    for (i = 0; i < l->file.caseCount; i++) {
        const char *name = cf_file_case_name(&l->file, i);
        if (name && strcmp(name, o->caseName) == 0) {
            l->caseIndex = i;
            return 0;
        }
    }
    fprintf(o->err, "%s: no case named \"%s\"\n", o->graph, o->caseName);
    return -1;
}

/* The data of a WPT case's inputs not given with --input. */
static int bind_case_inputs(const gc_options *o, loaded *l)
{
    cf_case c;
    cf_text err;
    size_t i, j;
    cf_text_init(&err);
    if (cf_case_load(&l->file, l->caseIndex, &c, &err) != 0) {
        fprintf(o->err, "%s\n", cf_text_str(&err));
        cf_text_free(&err);
        cf_case_free(&c);
        return -1;
    }
    cf_text_free(&err);
    for (i = 0; i < l->g.inputCount; i++) {
        if (l->d.inputs[i].data)
            continue;
        for (j = 0; j < c.inputCount; j++)
            if (!c.inputs[j].constant && strcmp(c.inputs[j].name, l->g.inputs[i].name) == 0) {
                size_t bytes = c.inputs[j].count * wnnOperandDataTypeByteSize(c.inputs[j].dataType);
                void *buf = malloc(bytes ? bytes : 1);
                if (!buf) {
                    fprintf(o->err, "webnn: out of memory\n");
                    cf_case_free(&c);
                    return -1;
                }
                cf_tensor_pack(&c.inputs[j], buf);
                l->d.inputs[i].name = l->g.inputs[i].name;
                l->d.inputs[i].data = buf;
            }
    }
    cf_case_free(&c);
    return 0;
}

/* Read and check the graph (and for needData, bind inputs and constants). Errors printed. */
static int load(const gc_options *o, loaded *l, int needInputs, int needConstants)
{
    json_document *doc = NULL;
    cf_text err;
    size_t errors = 0, i;
    int result = -1;
    memset(l, 0, sizeof *l);
    cf_text_init(&err);
    if (gf_read_file(o->graph, &l->format, &doc, &err) != 0)
        goto done;
    if (l->format == GF_FORMAT_WPT) {
        json_free(doc);
        doc = NULL;
        if (cf_file_open(&l->file, o->graph, NULL, &err) != 0)
            goto done;
        l->fileOpen = 1;
        if (pick_case(o, l) != 0)
            goto done;
        if (gf_twin_from_case(&l->file, l->caseIndex, &doc, &err) != 0)
            goto done;
    } else if (o->caseName) {
        cf_text_printf(&err, "%s: --case applies to case files only", o->graph);
        goto done;
    }
    l->open = 1;
    if (gf_open(&l->g, o->graph, doc, &err, &errors) != 0) {
        fprintf(o->err, "%s", cf_text_str(&err));
        fprintf(o->err, "%s: %lu error%s\n", o->graph, (unsigned long)errors,
                errors == 1 ? "" : "s");
        cf_text_clear(&err);
        goto done;
    }
    l->d.weightsPath = o->weights;
    l->d.maxTensorBytes = !o->context.maxTensorBytes ? (size_t)WNN_DEFAULT_MAX_TENSOR_BYTES
                          : o->context.maxTensorBytes > (size_t)-1 ? (size_t)-1
                          : (size_t)o->context.maxTensorBytes;
    if (gf_data_init(&l->g, &l->d) != 0) {
        cf_text_printf(&err, "webnn: out of memory");
        goto done;
    }
    for (i = 0; needInputs && i < o->inputCount; i++)
        if (gf_bind_input(&l->g, &l->d, o->inputNames[i], o->inputFiles[i], &err) != 0)
            goto done;
    if (needInputs && l->fileOpen && bind_case_inputs(o, l) != 0)
        goto done;
    if (needInputs && gf_check_inputs_bound(&l->g, &l->d, &err) != 0)
        goto done;
    if (needConstants && gf_bind_constants(&l->g, &l->d, &err) != 0)
        goto done;
    result = 0;
done:
    if (err.length)
        fprintf(o->err, "%s\n", cf_text_str(&err));
    cf_text_free(&err);
    return result;
}

static void unload(loaded *l)
{
    if (l->open) {
        gf_data_free(&l->g, &l->d);
        gf_close(&l->g);
    }
    if (l->fileOpen)
        cf_file_close(&l->file);
}

/* ------------------------------------------------------------------------------------------ */
/* Running                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct watch {
    const gc_options *o;
    double phaseStart, build, dispatch, opStart;
    cf_text opTimes;
} watch;

static void on_phase(void *user, cf_phase phase, int end)
{
    watch *w = (watch *)user;
    double t = now_ms();
    if (!end)
        w->phaseStart = t;
    else if (phase == CF_PHASE_BUILD)
        w->build = t - w->phaseStart;
    else
        w->dispatch = t - w->phaseStart;
}

static void on_begin(void *user, size_t index, const char *op, const char *label)
{
    watch *w = (watch *)user;
    (void)index;
    (void)op;
    (void)label;
    w->opStart = now_ms();
}

static void on_end_time(void *user, size_t index, const char *op, const char *label,
                        size_t outputCount, const WNNObservedTensor *outputs)
{
    watch *w = (watch *)user;
    double t = now_ms() - w->opStart;
    (void)outputCount;
    (void)outputs;
    (void)label;
    cf_text_printf(&w->opTimes, "time: op %lu %s %.3f\n", (unsigned long)index, op, t);
}

/* An element as text: the shortest decimal that reads back to the element's own value. */
static void format_element(const WNNObservedTensor *t, size_t k, char *buf, size_t size)
{
    cf_values v;
    cf_element e;
    memset(&v, 0, sizeof v);
    v.dataType = t->dataType;
    v.count = t->count;
    v.raw = t->data;
    cf_values_get(&v, k, &e);
    switch (cf_data_type_class(t->dataType)) {
    case CF_CLASS_SIGNED:
        snprintf(buf, size, "%lld", (long long)e.i);
        return;
    case CF_CLASS_UNSIGNED:
        snprintf(buf, size, "%llu", (unsigned long long)e.u);
        return;
    default:
        if (isnan(e.f) || isinf(e.f))
            snprintf(buf, size, "%s", isnan(e.f) ? "NaN" : e.f > 0 ? "Infinity" : "-Infinity");
        else {
            int digits;
            for (digits = 1; digits <= 17; digits++) {
                snprintf(buf, size, "%.*g", digits, e.f);
                if (t->dataType == WNNOperandDataType_Float32
                        ? (float)strtod(buf, NULL) == (float)e.f
                        : t->dataType == WNNOperandDataType_Float16
                              ? cf_float16_from_double(strtod(buf, NULL)) == cf_float16_from_double(e.f)
                              : strtod(buf, NULL) == e.f)
                    break;
            }
        }
    }
}

static void trace_output(FILE *out, const WNNObservedTensor *t, int full)
{
    size_t k, nan = 0, inf = 0, finite = 0, unspecified = 0, shown;
    double min = INFINITY, max = -INFINITY, sum = 0;
    cf_values v;
    cf_element e;
    char buf[64];
    cf_text d;
    memset(&v, 0, sizeof v);
    v.dataType = t->dataType;
    v.count = t->count;
    v.raw = t->data;
    for (k = 0; k < t->count; k++) {
        double x;
        cf_values_get(&v, k, &e);
        x = cf_data_type_class(t->dataType) == CF_CLASS_FLOAT ? e.f
          : cf_data_type_class(t->dataType) == CF_CLASS_SIGNED ? (double)e.i : (double)e.u;
        if (t->mask && t->mask[k])
            unspecified++;
        if (isnan(x)) {
            nan++;
            continue;
        }
        if (x < min)
            min = x;
        if (x > max)
            max = x;
        if (isinf(x))
            inf++;
        else {
            finite++;
            sum += x;
        }
    }
    cf_text_init(&d);
    gf_describe(&d, t->dataType, t->shape, t->shapeCount);
    fprintf(out, "    %s", cf_text_str(&d));
    cf_text_free(&d);
    if (t->count > nan)
        fprintf(out, " min %.9g max %.9g", min, max);
    if (finite)
        fprintf(out, " mean %.9g", sum / (double)finite);
    fprintf(out, " nan %lu inf %lu", (unsigned long)nan, (unsigned long)inf);
    if (unspecified)
        fprintf(out, " unspecified %lu", (unsigned long)unspecified);
    fprintf(out, "\n      ");
    shown = full || t->count <= GC_TRACE_VALUES ? t->count : GC_TRACE_VALUES;
    for (k = 0; k < shown; k++) {
        format_element(t, k, buf, sizeof buf);
        fprintf(out, "%s%s", k ? " " : "", buf);
    }
    if (shown < t->count)
        fprintf(out, " ... (%lu more)", (unsigned long)(t->count - shown));
    if (t->count == 0)
        fprintf(out, "(no elements)");
    fprintf(out, "\n");
}

static void on_end_trace(void *user, size_t index, const char *op, const char *label,
                         size_t outputCount, const WNNObservedTensor *outputs)
{
    watch *w = (watch *)user;
    size_t i;
    fprintf(w->o->out, "[%lu] %s%s%s%s\n", (unsigned long)index, op, label[0] ? " \"" : "", label,
            label[0] ? "\"" : "");
    for (i = 0; i < outputCount; i++)
        trace_output(w->o->out, &outputs[i], w->o->full);
}

/* Run the loaded graph; x receives the outputs. Errors printed. */
static int execute(const gc_options *o, loaded *l, const WNNDispatchObserver *observer,
                   watch *w, int buildOnly, cf_execution *x)
{
    cf_file file;
    cf_case c;
    cf_hooks hooks;
    cf_text err;
    int result = -1;
    cf_text_init(&err);
    memset(&hooks, 0, sizeof hooks);
    hooks.userData = w;
    hooks.phase = on_phase;
    hooks.observer = observer;
    hooks.buildOnly = buildOnly;
    if (gf_make_case(&l->g, &l->d, &file, &c, &err) == 0) {
        if (cf_execute_hooked(&c, &o->context, &hooks, x, &err) == 0)
            result = 0;
        else if (!err.length)
            cf_text_printf(&err, "%s: the run failed", o->graph);
    }
    if (result != 0)
        fprintf(o->err, "%s\n", cf_text_str(&err));
    cf_text_free(&err);
    cf_case_free(&c);
    return result;
}

/* A file name for an output: characters other than letters, digits, '.', '_' and '-'
 * become '_'. */
static void output_file(char *buf, size_t size, const char *dir, const char *name)
{
    size_t n, i;
    snprintf(buf, size, "%s/", dir);
    n = strlen(buf);
    for (i = 0; name[i] && n + 5 < size; i++) {
        char ch = name[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '_' || ch == '-';
        buf[n++] = ok && !(i == 0 && ch == '.') ? ch : '_';
    }
    memcpy(buf + n, ".npy", 5);
}

static int write_outputs(const gc_options *o, const cf_execution *x)
{
    const char *dir = o->outputDir ? o->outputDir : ".";
    size_t i;
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
        fprintf(o->err, "%s: cannot create the output folder (%s)\n", dir, strerror(errno));
        return -1;
    }
    for (i = 0; i < x->count; i++) {
        const cf_output *out = &x->outputs[i];
        tio_tensor t;
        char path[4096], message[512];
        cf_text d;
        memset(&t, 0, sizeof t);
        if (out->rank > TIO_MAX_RANK) {
            fprintf(o->err, "output \"%s\": rank %lu cannot be written\n", out->name,
                    (unsigned long)out->rank);
            return -1;
        }
        t.dataType = out->dataType;
        t.rank = out->rank;
        if (out->rank)
            memcpy(t.shape, out->shape, out->rank * sizeof *out->shape);
        t.count = out->count;
        t.data = out->data;
        output_file(path, sizeof path, dir, out->name);
        if (tio_npy_write(path, &t, message, sizeof message) != 0) {
            fprintf(o->err, "%s\n", message);
            return -1;
        }
        cf_text_init(&d);
        gf_describe(&d, out->dataType, out->shape, out->rank);
        fprintf(o->out, "%s: %s -> %s", out->name, cf_text_str(&d), path);
        if (out->unspecified)
            fprintf(o->out, " (%lu elements the specification leaves undefined)",
                    (unsigned long)out->unspecified);
        fprintf(o->out, "\n");
        cf_text_free(&d);
    }
    return 0;
}

static int command_run(const gc_options *o, int trace)
{
    loaded l;
    cf_execution x;
    watch w;
    WNNDispatchObserver observer;
    int status = EXIT_FAIL;
    memset(&w, 0, sizeof w);
    memset(&x, 0, sizeof x);
    w.o = o;
    cf_text_init(&w.opTimes);
    memset(&observer, 0, sizeof observer);
    observer.userData = &w;
    if (o->time) {
        observer.operatorBegin = on_begin;
        observer.operatorEnd = on_end_time;
    } else if (trace)
        observer.operatorEnd = on_end_trace;
    if (load(o, &l, 1, 1) != 0)
        goto done;
    if (execute(o, &l, o->time || trace ? &observer : NULL, &w, 0, &x) != 0)
        goto done;
    if (o->time) {
        fprintf(o->err, "time: build=%.3f dispatch=%.3f\n", w.build, w.dispatch);
        fprintf(o->err, "%s", cf_text_str(&w.opTimes));
    }
    if (!trace && write_outputs(o, &x) != 0)
        goto done;
    status = EXIT_PASS;
done:
    cf_execution_free(&x);
    cf_text_free(&w.opTimes);
    unload(&l);
    return status;
}

static int command_validate(const gc_options *o)
{
    loaded l;
    cf_execution x;
    watch w;
    int status = EXIT_FAIL;
    memset(&w, 0, sizeof w);
    memset(&x, 0, sizeof x);
    if (load(o, &l, 0, 1) == 0 && execute(o, &l, NULL, &w, 1, &x) == 0) {
        fprintf(o->out, "%s: valid (%lu input%s, %lu constant%s, %lu operator%s, %lu output%s)\n",
                o->graph, (unsigned long)l.g.inputCount, l.g.inputCount == 1 ? "" : "s",
                (unsigned long)l.g.constCount, l.g.constCount == 1 ? "" : "s",
                (unsigned long)l.g.nodes->length, l.g.nodes->length == 1 ? "" : "s",
                (unsigned long)l.g.outputCount, l.g.outputCount == 1 ? "" : "s");
        status = EXIT_PASS;
    }
    cf_execution_free(&x);
    unload(&l);
    return status;
}


static int command_convert(const gc_options *o)
{
    const char *to = o->to;
    loaded l;
    FILE *out = NULL;
    int status = EXIT_FAIL, toFile = strcmp(o->outPath, "-") != 0;
    char message[512];
    if (!to)
        to = tio_has_suffix(o->outPath, ".webnn") ? "webnn" : tio_has_suffix(o->outPath, ".json") ? "json" : NULL;
    if (!to) {
        fprintf(o->err, "webnn convert: say the output format with --to webnn|json|wpt (OUT's "
                "extension is neither .webnn nor .json)\n");
        return EXIT_USAGE;
    }
    if (load(o, &l, strcmp(to, "wpt") == 0, strcmp(to, "wpt") == 0) != 0)
        goto done;
    out = toFile ? fopen(o->outPath, "wb") : o->out;
    if (!out) {
        fprintf(o->err, "%s: cannot write (%s)\n", o->outPath, strerror(errno));
        goto done;
    }
    if (strcmp(to, "webnn") == 0) {
        if (gt_write_text(out, l.g.root, message, sizeof message) != 0) {
            fprintf(o->err, "%s: %s\n", o->graph, message);
            goto done;
        }
    } else if (strcmp(to, "json") == 0)
        gt_write_json(out, l.g.root, 2);
    else {
        cf_execution x;
        watch w;
        cf_text err;
        memset(&w, 0, sizeof w);
        memset(&x, 0, sizeof x);
        cf_text_init(&err);
        if (execute(o, &l, NULL, &w, 0, &x) == 0 && gf_write_case(out, &l.g, &l.d, &x, &err) == 0)
            status = EXIT_PASS;
        if (err.length)
            fprintf(o->err, "%s\n", cf_text_str(&err));
        cf_text_free(&err);
        cf_execution_free(&x);
        goto done;
    }
    status = EXIT_PASS;
done:
    if (out && !toFile && fflush(out) != 0)
        status = EXIT_FAIL;
    if (out && toFile && fclose(out) != 0 && status == EXIT_PASS) {
        fprintf(o->err, "%s: write error\n", o->outPath);
        status = EXIT_FAIL;
    }
    if (status != EXIT_PASS && out && toFile)
        remove(o->outPath);
    unload(&l);
    return status;
}

int gc_main(const char *command, int argc, char **argv, FILE *out, FILE *err)
{
    gc_options o;
    int status;
    size_t i;
    memset(&o, 0, sizeof o);
    o.command = command;
    o.out = out;
    o.err = err;
    status = parse(argc, argv, &o);
    if (status < 0) {
        if (strcmp(command, "run") == 0)
            status = command_run(&o, 0);
        else if (strcmp(command, "trace") == 0)
            status = command_run(&o, 1);
        else if (strcmp(command, "validate") == 0)
            status = command_validate(&o);
        else
            status = command_convert(&o);
    }
    for (i = 0; i < o.inputCount; i++)
        free((void *)o.inputNames[i]);
    free((void *)o.inputNames);
    free((void *)o.inputFiles);
    return status;
}
