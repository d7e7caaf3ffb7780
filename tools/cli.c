/* tools/cli.c - the webnn command: conformance tests, expectations, comparisons.
 *
 *   webnn test PATH...                 run case files (or folders of them) on the reference
 *   webnn expect CASE.json             the case with expectedOutputs computed by the reference
 *   webnn compare CASES... RESULTS     judge another implementation's outputs
 *   webnn run|validate|trace|convert    whole graphs (tools/graph_cli.c)
 *
 * Everything goes through the public webnn.h, by way of the conformance runner library.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"
#include "graph_cli.h"
#include "tensorio.h"
#include "../conformance/conformance.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WEBNN_VERSION "0.1.0"
/* folders are searched this deep for case files */
#define MAX_FOLDER_DEPTH 16

/* exit statuses */
enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static double now_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s);
    char *d = (char *)malloc(n + 1);
    if (!d) {
        fprintf(stderr, "webnn: out of memory\n");
        exit(EXIT_USAGE);
    }
    memcpy(d, s, n + 1);
    return d;
}

static void *grow(void *p, size_t *capacity, size_t count, size_t size)
{
    size_t cap;
    void *q;
    if (count < *capacity)
        return p;
    cap = *capacity ? *capacity * 2 : 16;
    q = realloc(p, cap * size);
    if (!q) {
        fprintf(stderr, "webnn: out of memory\n");
        exit(EXIT_USAGE);
    }
    *capacity = cap;
    return q;
}

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                    */
/* ------------------------------------------------------------------------------------------ */

enum { FORMAT_TEXT, FORMAT_TAP, FORMAT_JUNIT, FORMAT_JSON };

typedef struct options {
    cf_mode mode;
    int modeGiven;            /* --mode was given */
    int format;
    const char *report;       /* --report FILE */
    const char *filter;       /* --filter SUBSTRING */
    const char **ops;         /* --op NAME (repeatable) */
    size_t opCount, opCapacity;
    const char *output;       /* expect: --output FILE */
    const char *writeResults; /* test: --write-results FILE */
    int quiet, verbose;
    const char **paths;
    size_t pathCount, pathCapacity;
    WNNContextOptions context; /* --max-tensor-bytes, --max-graph-bytes */
    FILE *out, *err; /* standard output and error */
} options;

/* The options of every command that builds graphs: resource limits of the context. */
const char *webnn_option_name(const char *arg, char *name, size_t size)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    if (n >= size) {
        name[0] = '\0';
        return NULL;
    }
    memcpy(name, arg, n);
    name[n] = '\0';
    return eq ? eq + 1 : NULL;
}

int webnn_is_limit_option(const char *name)
{
    return strcmp(name, "--max-tensor-bytes") == 0 || strcmp(name, "--max-graph-bytes") == 0;
}

/* A byte count: decimal digits and an optional suffix K, M or G (2^10, 2^20, 2^30), more
 * than 0 and within 64 bits. Returns 0 when text is not one. */
static int parse_byte_count(const char *text, uint64_t *out)
{
    uint64_t value = 0, unit = 1;
    const char *p = text;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned digit = (unsigned)(*p - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return 0;
        value = value * 10 + digit;
    }
    if (*p == 'K' || *p == 'M' || *p == 'G') {
        unit = (uint64_t)1 << (*p == 'K' ? 10 : *p == 'M' ? 20 : 30);
        p++;
    }
    if (*p != '\0' || value == 0 || value > UINT64_MAX / unit)
        return 0;
    *out = value * unit;
    return 1;
}

int webnn_parse_limit_option(const char *command, const char *name, const char *value,
                             WNNContextOptions *context, FILE *err)
{
    uint64_t bytes;
    if (!parse_byte_count(value, &bytes)) {
        fprintf(err, "webnn %s: %s must be a byte count from 1 to 2^64-1 (digits, then "
                "optionally K, M or G), got \"%s\"\n", command, name, value);
        return EXIT_USAGE;
    }
    if (strcmp(name, "--max-tensor-bytes") == 0)
        context->maxTensorBytes = bytes;
    else
        context->maxGraphBytes = bytes;
    return 0;
}

static const char *mode_name(cf_mode m)
{
    const char *name = cf_mode_name(m);
    return name ? name : "?";
}

static void usage_main(FILE *out)
{
    fprintf(out,
            "usage: webnn <command> [options] [arguments]\n"
            "\n"
            "The WebNN reference implementation's command-line tool (version " WEBNN_VERSION ").\n"
            "\n"
            "commands:\n"
            "  test PATH...                run conformance case files (or folders of them) on the\n"
            "                              reference implementation and compare with their\n"
            "                              expected outputs\n"
            "  expect CASE.json            write the case file with expectedOutputs computed by\n"
            "                              the reference\n"
            "  compare CASES... RESULTS    judge another implementation's outputs (a results\n"
            "                              file) against the reference\n"
            "  run GRAPH                   run a graph (.webnn, its JSON twin or a case file) and\n"
            "                              write its outputs as .npy files\n"
            "  validate GRAPH              check a graph: every error, with its place\n"
            "  trace GRAPH                 run a graph, showing every operator's output\n"
            "  convert IN OUT              between .webnn, its JSON twin and case files\n"
            "  help [COMMAND]              this text, or a command's\n"
            "\n"
            "Run 'webnn COMMAND --help' for a command's options.\n");
}

static void usage_test(FILE *out)
{
    fprintf(out,
            "usage: webnn test [options] PATH...\n"
            "\n"
            "Run every case of the case files given (a folder: every *.json in it and below,\n"
            "except index.json) on the reference implementation, and compare its outputs with\n"
            "the cases' expected outputs.\n"
            "\n"
            "options:\n"
            "  --op NAME           only cases calling operator NAME (repeatable)\n"
            "  --filter TEXT       only cases whose name contains TEXT\n"
            "  --mode MODE         how outputs are compared (docs/comparison-modes.md):\n"
            "                      auto (default): per output, exact for data movement and\n"
            "                      exact integer arithmetic, bounds for accumulating\n"
            "                      operators, wpt for the rest;\n"
            "                      wpt: the web-platform-tests tolerances, as the suite does;\n"
            "                      exact: bit for bit, NaN matches NaN, +0 differs from -0;\n"
            "                      bounds: outputs of accumulating operators (matmul, conv2d,\n"
            "                      reductions, ...) within 2 * n * u * magnitude + the\n"
            "                      smallest normal (n the accumulation length, u the unit\n"
            "                      roundoff, the magnitude from the graph run on absolute\n"
            "                      values), the others wpt\n"
            "  --format FORMAT     text (default), tap, junit or json\n"
            "  --report FILE       write the report in FORMAT to FILE; the terminal gets text\n"
            "  --write-results FILE  also write the reference's outputs as a results file\n"
            "                      (the format 'webnn compare' reads)\n"
            "  -q, --quiet         no line per failing case\n"
            "  -v, --verbose       a line per case, passing ones included, and notes\n"
            LIMIT_OPTIONS_HELP
            "  -h, --help          this text\n"
            "\n"
            "The last line of the text report reads \"MODE: N passed, M failed\" (errors count\n"
            "as failures). Exit status: 0 when every case passes, 1 otherwise, 2 on bad usage.\n");
}

static void usage_expect(FILE *out)
{
    fprintf(out,
            "usage: webnn expect [options] CASE.json\n"
            "\n"
            "Write CASE.json again with each case's expectedOutputs computed by the reference\n"
            "implementation (float values as the shortest decimal that reads back exactly; int64\n"
            "and uint64 as decimal strings; a bare-number expectation stays bare when every\n"
            "element is equal). A case the reference cannot run keeps its expectations and is\n"
            "reported on standard error.\n"
            "\n"
            "options:\n"
            "  -o, --output FILE   write to FILE instead of standard output\n"
            "  --max-tensor-bytes N, --max-graph-bytes N  as for 'webnn test'\n"
            "  -h, --help          this text\n"
            "\n"
            "Exit status: 0 when every case ran, 1 otherwise, 2 on bad usage.\n");
}

static void usage_compare(FILE *out)
{
    fprintf(out,
            "usage: webnn compare [options] CASES... RESULTS.json\n"
            "\n"
            "Judge another implementation's outputs: run each case on the reference (the oracle,\n"
            "with its unspecified-element masks) and compare the implementation's outputs with\n"
            "them. CASES are case files or folders; RESULTS.json is\n"
            "\n"
            "  {\"implementation\": {\"name\": \"...\", \"version\": \"...\"},\n"
            "   \"results\": {\"<case file stem>/<case name>\": {\n"
            "       \"status\": \"ok\" | \"error\", \"error\": {\"name\": ..., \"message\": ...},\n"
            "       \"outputs\": {\"<name>\": {\"dataType\": ..., \"shape\": [...], \"data\": [...]}}}}}\n"
            "\n"
            "(unknown members are ignored; data as in case files: numbers, \"NaN\", \"Infinity\",\n"
            "\"-Infinity\", decimal strings for int64/uint64, or a bare number for all elements).\n"
            "An error result passes only where the specification rejects the case.\n"
            "\n"
            "options:\n"
            "  --op NAME, --filter TEXT, --mode MODE, --format FORMAT, --report FILE,\n"
            "  -q, -v, --max-tensor-bytes N, --max-graph-bytes N\n"
            "                      as for 'webnn test'\n"
            "  -h, --help          this text\n"
            "\n"
            "Exit status: 0 when every case passes, 1 otherwise, 2 on bad usage.\n");
}

/* Parse the options of a command. Returns 0, 1 for --help (printed), or EXIT_USAGE. */
static int parse_options(int argc, char **argv, const char *command, options *o,
                         void (*usage)(FILE *), FILE *out, FILE *err)
{
    int i, onlyPaths = 0;
    WNNContextOptions defaults = WNN_CONTEXT_OPTIONS_INIT;
    memset(o, 0, sizeof *o);
    o->context = defaults;
    o->out = out;
    o->err = err;
    o->mode = CF_MODE_AUTO;
    o->format = FORMAT_TEXT;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        char name[32];
        if (onlyPaths || a[0] != '-' || strcmp(a, "-") == 0) {
            o->paths = (const char **)grow((void *)o->paths, &o->pathCapacity, o->pathCount,
                                           sizeof *o->paths);
            o->paths[o->pathCount++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            onlyPaths = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(o->out);
            return 1;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
            continue;
        }
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = 1;
            continue;
        }
        /* options with a value: --name VALUE or --name=VALUE */
        value = webnn_option_name(a, name, sizeof name);
        if (strcmp(name, "-o") == 0)
            strcpy(name, "--output");
        if (strcmp(name, "--op") != 0 && strcmp(name, "--filter") != 0 &&
            strcmp(name, "--mode") != 0 && strcmp(name, "--format") != 0 &&
            strcmp(name, "--report") != 0 && strcmp(name, "--output") != 0 &&
            strcmp(name, "--write-results") != 0 && !webnn_is_limit_option(name)) {
            fprintf(o->err, "webnn %s: unknown option %s (see 'webnn %s --help')\n", command, a,
                    command);
            return EXIT_USAGE;
        }
        if (!value) {
            if (i + 1 >= argc) {
                fprintf(o->err, "webnn %s: option %s needs a value\n", command, name);
                return EXIT_USAGE;
            }
            value = argv[++i];
        }
        if (webnn_is_limit_option(name)) {
            int rc = webnn_parse_limit_option(command, name, value, &o->context, o->err);
            if (rc)
                return rc;
        } else if (strcmp(name, "--op") == 0) {
            if (!cf_operator_known(value)) {
                fprintf(o->err, "webnn %s: --op: unknown operator \"%s\"\n", command, value);
                return EXIT_USAGE;
            }
            o->ops = (const char **)grow((void *)o->ops, &o->opCapacity, o->opCount, sizeof *o->ops);
            o->ops[o->opCount++] = value;
        } else if (strcmp(name, "--filter") == 0)
            o->filter = value;
        else if (strcmp(name, "--mode") == 0) {
            if (!cf_mode_from_name(value, &o->mode)) {
                fprintf(o->err, "webnn %s: --mode must be wpt, exact, bounds or auto, got \"%s\"\n",
                        command, value);
                return EXIT_USAGE;
            }
            o->modeGiven = 1;
        } else if (strcmp(name, "--format") == 0) {
            if (strcmp(value, "text") == 0)
                o->format = FORMAT_TEXT;
            else if (strcmp(value, "tap") == 0)
                o->format = FORMAT_TAP;
            else if (strcmp(value, "junit") == 0)
                o->format = FORMAT_JUNIT;
            else if (strcmp(value, "json") == 0)
                o->format = FORMAT_JSON;
            else {
                fprintf(o->err, "webnn %s: --format must be text, tap, junit or json, got \"%s\"\n",
                        command, value);
                return EXIT_USAGE;
            }
        } else if (strcmp(name, "--report") == 0)
            o->report = value;
        else if (strcmp(name, "--output") == 0)
            o->output = value;
        else
            o->writeResults = value;
    }
    return 0;
}

/* Options that a command does not take. */
static int refuse(const char *command, const options *o, int report, int filters, int output,
                  int writeResults)
{
    const char *bad = NULL;
    if (!report && (o->report || o->format != FORMAT_TEXT || o->modeGiven))
        bad = "--report, --format and --mode";
    else if (!filters && (o->filter || o->opCount))
        bad = "--op and --filter";
    else if (!output && o->output)
        bad = "--output";
    else if (!writeResults && o->writeResults)
        bad = "--write-results";
    if (bad) {
        fprintf(o->err, "webnn %s: %s do not apply here\n", command, bad);
        return EXIT_USAGE;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Finding case files                                                                         */
/* ------------------------------------------------------------------------------------------ */

typedef struct path_list {
    char **items;
    size_t count, capacity;
} path_list;

static void path_add(path_list *l, const char *path)
{
    l->items = (char **)grow(l->items, &l->capacity, l->count, sizeof *l->items);
    l->items[l->count++] = dup_string(path);
}

static void path_list_free(path_list *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


/* Add path, or the case files in it when it is a folder. Returns 0 or -1 (reported). */
static int collect(path_list *l, const char *path, int depth, FILE *err)
{
    struct stat st;
    DIR *dir;
    struct dirent *entry;
    path_list names;
    size_t i;
    int result = 0;
    if (stat(path, &st) != 0) {
        fprintf(err, "webnn: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        path_add(l, path);
        return 0;
    }
    if (depth >= MAX_FOLDER_DEPTH) {
        fprintf(err, "webnn: %s: folders nested deeper than %d levels are not searched\n", path,
                MAX_FOLDER_DEPTH);
        return 0;
    }
    dir = opendir(path);
    if (!dir) {
        fprintf(err, "webnn: %s: %s\n", path, strerror(errno));
        return -1;
    }
    memset(&names, 0, sizeof names);
    while ((entry = readdir(dir)) != NULL) {
        size_t n;
        char *child;
        if (entry->d_name[0] == '.')
            continue;
        n = strlen(path) + strlen(entry->d_name) + 2;
        child = (char *)malloc(n);
        if (!child) {
            fprintf(stderr, "webnn: out of memory\n");
            exit(EXIT_USAGE);
        }
        snprintf(child, n, "%s%s%s", path, tio_has_suffix(path, "/") ? "" : "/", entry->d_name);
        names.items = (char **)grow(names.items, &names.capacity, names.count, sizeof *names.items);
        names.items[names.count++] = child;
    }
    closedir(dir);
    if (names.count)
        qsort(names.items, names.count, sizeof *names.items, compare_strings);
    for (i = 0; i < names.count; i++) {
        const char *base = strrchr(names.items[i], '/') + 1;
        if (stat(names.items[i], &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (collect(l, names.items[i], depth + 1, err) != 0)
                result = -1;
        } else if (S_ISREG(st.st_mode) && tio_has_suffix(base, ".json") && strcmp(base, "index.json") != 0)
            path_add(l, names.items[i]);
    }
    path_list_free(&names);
    return result;
}

/* ------------------------------------------------------------------------------------------ */
/* Recording results                                                                          */
/* ------------------------------------------------------------------------------------------ */

typedef enum rstatus { R_PASS, R_FAIL, R_ERROR } rstatus;

typedef struct record {
    char *file; /* stem */
    char *path;
    char *name;
    char *op;
    rstatus status;
    /* A known disagreement: the case is listed in its folder's known-disagreements.tsv (the
     * suite's data and the specification disagree; docs/wpt-disagreements.md has the
     * evidence) and does not pass. Counted apart from passes and failures. */
    int disagreement;
    char *message;
    char *notes;
    double seconds;
} record;

typedef struct run {
    record *items;
    size_t count, capacity;
    size_t files, fileErrors, procedural, unspecified, checked;
    double elapsed;
    cf_mode mode;
    int progress; /* a terminal: show a progress line */
    const char *implementation;
    /* The known disagreements of the folder of the file being run. */
    char *knownDir;
    char *knownText; /* the list file, lines "file<TAB>case<TAB>reason" */
} run;

static void add_record(run *r, const cf_file *f, size_t index, rstatus status, int disagreement,
                       const char *message, const char *notes, double seconds)
{
    record *rec;
    const char *name = f ? cf_file_case_name(f, index) : NULL, *op = f ? cf_file_case_operator(f, index) : NULL;
    char fallback[64];
    r->items = (record *)grow(r->items, &r->capacity, r->count, sizeof *r->items);
    rec = &r->items[r->count++];
    memset(rec, 0, sizeof *rec);
    if (!name) {
        snprintf(fallback, sizeof fallback, "#%lu", (unsigned long)index);
        name = fallback;
    }
    rec->file = dup_string(f ? f->stem : "?");
    rec->path = dup_string(f ? f->path : "?");
    rec->name = dup_string(name);
    rec->op = dup_string(op ? op : (f ? f->stem : "?"));
    rec->status = status;
    rec->disagreement = disagreement;
    rec->message = dup_string(message ? message : "");
    rec->notes = dup_string(notes ? notes : "");
    rec->seconds = seconds;
}

/* A file that could not be opened: one error record. */
static void add_file_error(run *r, const char *path, const char *message)
{
    record *rec;
    const char *base = strrchr(path, '/');
    r->items = (record *)grow(r->items, &r->capacity, r->count, sizeof *r->items);
    rec = &r->items[r->count++];
    memset(rec, 0, sizeof *rec);
    rec->path = dup_string(path);
    rec->file = dup_string(base ? base + 1 : path);
    rec->name = dup_string("(file)");
    rec->op = dup_string("(file)");
    rec->status = R_ERROR;
    rec->message = dup_string(message);
    rec->notes = dup_string("");
    r->fileErrors++;
}

static void run_free(run *r)
{
    size_t i;
    for (i = 0; i < r->count; i++) {
        free(r->items[i].file);
        free(r->items[i].path);
        free(r->items[i].name);
        free(r->items[i].op);
        free(r->items[i].message);
        free(r->items[i].notes);
    }
    free(r->items);
    free(r->knownDir);
    free(r->knownText);
}

static void count(const run *r, size_t *pass, size_t *fail, size_t *error, size_t *disagree)
{
    size_t i;
    *pass = *fail = *error = *disagree = 0;
    for (i = 0; i < r->count; i++) {
        if (r->items[i].disagreement)
            (*disagree)++;
        else if (r->items[i].status == R_PASS)
            (*pass)++;
        else if (r->items[i].status == R_FAIL)
            (*fail)++;
        else
            (*error)++;
    }
}

static const char *status_word(rstatus s)
{
    return s == R_PASS ? "PASS" : s == R_FAIL ? "FAIL" : "ERROR";
}

/* A line per case on the text report (failures and errors; every case with -v). */
static void print_case(FILE *out, const options *o, const run *r, const record *rec)
{
    if (o->quiet || (rec->status == R_PASS && !o->verbose))
        return;
    if (o->format != FORMAT_TEXT && !o->report)
        return; /* standard output carries the machine-readable report */
    if (r->progress)
        fputs("\r\033[K", out);
    if (rec->disagreement)
        fprintf(out, "KNOWN DISAGREEMENT %s: %s\n%s\n", rec->file, rec->name, rec->message);
    else if (rec->status == R_ERROR)
        fprintf(out, "ERROR %s\n", rec->message);
    else {
        fprintf(out, "%s %s: %s\n", status_word(rec->status), rec->file, rec->name);
        if (rec->status == R_FAIL)
            fputs(rec->message, out);
    }
    if (o->verbose && rec->notes[0]) {
        const char *p = rec->notes;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            fprintf(out, "  note: %.*s\n", (int)n, p);
            p += n + (nl ? 1 : 0);
        }
    }
}

static void progress(const options *o, const run *r, const char *stem, const char *name)
{
    size_t pass, fail, error, disagree;
    if (!r->progress)
        return;
    count(r, &pass, &fail, &error, &disagree);
    fprintf(o->out, "\r\033[K%lu passed, %lu failed  %s: %.50s", (unsigned long)pass,
            (unsigned long)(fail + error), stem, name ? name : "");
    fflush(o->out);
}

/* ------------------------------------------------------------------------------------------ */
/* Reports                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void print_summary(FILE *out, const run *r)
{
    size_t pass, fail, error, disagree, i, j, opCount = 0, opCapacity = 0;
    struct op_count {
        const char *op;
        size_t pass, fail, error, known;
    } *ops = NULL;
    count(r, &pass, &fail, &error, &disagree);
    for (i = 0; i < r->count; i++) {
        for (j = 0; j < opCount && strcmp(ops[j].op, r->items[i].op) != 0; j++)
            ;
        if (j == opCount) {
            ops = (struct op_count *)grow(ops, &opCapacity, opCount, sizeof *ops);
            memset(&ops[opCount], 0, sizeof *ops);
            ops[opCount++].op = r->items[i].op;
        }
        if (r->items[i].disagreement)
            ops[j].known++;
        else if (r->items[i].status == R_PASS)
            ops[j].pass++;
        else if (r->items[i].status == R_FAIL)
            ops[j].fail++;
        else
            ops[j].error++;
    }
    if (opCount) {
        fprintf(out, "\n%-24s %8s %8s %8s %8s\n", "operator", "passed", "failed", "errors",
                "known");
        for (j = 0; j < opCount; j++)
            fprintf(out, "%-24s %8lu %8lu %8lu %8lu\n", ops[j].op, (unsigned long)ops[j].pass,
                    (unsigned long)ops[j].fail, (unsigned long)ops[j].error,
                    (unsigned long)ops[j].known);
        fprintf(out, "\n");
    }
    free(ops);
    if (r->implementation)
        fprintf(out, "implementation: %s\n", r->implementation);
    fprintf(out, "%lu cases in %lu files (mode %s): %lu passed, %lu failed, %lu errors",
            (unsigned long)r->count - r->fileErrors, (unsigned long)r->files, mode_name(r->mode),
            (unsigned long)pass, (unsigned long)fail, (unsigned long)error);
    if (disagree)
        fprintf(out, ", %lu known disagreements of the suite's data with the specification "
                "(listed in known-disagreements.tsv; evidence in docs/wpt-disagreements.md)",
                (unsigned long)disagree);
    fprintf(out, "; %lu elements compared, %lu unspecified elements skipped; %.2f s\n",
            (unsigned long)r->checked, (unsigned long)r->unspecified, r->elapsed);
    if (r->fileErrors)
        fprintf(out, "%lu files could not be read\n", (unsigned long)r->fileErrors);
    if (r->procedural)
        fprintf(out, "%lu procedural subtests (API mechanics, no data) not run\n",
                (unsigned long)r->procedural);
    if (r->count == 0)
        fprintf(out, "warning: no case ran\n");
    fprintf(out, "%s: %lu passed, %lu failed\n", mode_name(r->mode), (unsigned long)pass,
            (unsigned long)(fail + error));
}

static void xml_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
                fputc('?', out); /* not allowed in XML 1.0 */
            else
                fputc(c, out);
        }
    }
}

/* The first line of a message. */
static void xml_first_line(FILE *out, const char *s)
{
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    char *line = (char *)malloc(n + 1);
    if (!line)
        return;
    memcpy(line, s, n);
    line[n] = '\0';
    xml_text(out, line);
    free(line);
}

static void report_junit(FILE *out, const run *r)
{
    size_t pass, fail, error, disagree, i, j;
    count(r, &pass, &fail, &error, &disagree);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(out, "<testsuites name=\"webnn conformance (%s)\" tests=\"%lu\" failures=\"%lu\" "
            "errors=\"%lu\" time=\"%.3f\">\n", mode_name(r->mode), (unsigned long)r->count,
            (unsigned long)fail, (unsigned long)error, r->elapsed);
    for (i = 0; i < r->count; i = j) {
        size_t tests = 0, failures = 0, errors = 0, k;
        double time = 0;
        for (j = i; j < r->count && strcmp(r->items[j].path, r->items[i].path) == 0; j++) {
            tests++;
            failures += r->items[j].status == R_FAIL && !r->items[j].disagreement;
            errors += r->items[j].status == R_ERROR && !r->items[j].disagreement;
            time += r->items[j].seconds;
        }
        fprintf(out, "  <testsuite name=\"");
        xml_text(out, r->items[i].file);
        fprintf(out, "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" time=\"%.3f\">\n",
                (unsigned long)tests, (unsigned long)failures, (unsigned long)errors, time);
        for (k = i; k < j; k++) {
            const record *rec = &r->items[k];
            fprintf(out, "    <testcase classname=\"webnn.");
            xml_text(out, rec->file);
            fprintf(out, "\" name=\"");
            xml_text(out, rec->name);
            fprintf(out, "\" time=\"%.3f\"", rec->seconds);
            if (rec->status == R_PASS) {
                fprintf(out, "/>\n");
                continue;
            }
            if (rec->disagreement) {
                fprintf(out, ">\n      <skipped message=\"known disagreement: ");
                xml_first_line(out, rec->message);
                fprintf(out, "\"/>\n    </testcase>\n");
                continue;
            }
            fprintf(out, ">\n      <%s message=\"", rec->status == R_FAIL ? "failure" : "error");
            xml_first_line(out, rec->message);
            fprintf(out, "\">");
            xml_text(out, rec->message);
            fprintf(out, "</%s>\n", rec->status == R_FAIL ? "failure" : "error");
            if (rec->notes[0]) {
                fprintf(out, "      <system-out>");
                xml_text(out, rec->notes);
                fprintf(out, "</system-out>\n");
            }
            fprintf(out, "    </testcase>\n");
        }
        fprintf(out, "  </testsuite>\n");
    }
    fprintf(out, "</testsuites>\n");
}

static void report_tap(FILE *out, const run *r)
{
    size_t i;
    fprintf(out, "TAP version 13\n1..%lu\n", (unsigned long)r->count);
    for (i = 0; i < r->count; i++) {
        const record *rec = &r->items[i];
        const char *p;
        fprintf(out, "%s %lu - %s: ", rec->status == R_PASS ? "ok" : "not ok", (unsigned long)(i + 1),
                rec->file);
        for (p = rec->name; *p; p++) /* '#' would start a TAP directive */
            fputc(*p == '#' ? '_' : *p, out);
        if (rec->disagreement) /* TODO: a known failure that does not fail the run */
            fputs(" # TODO known disagreement of the suite's data with the specification", out);
        fputc('\n', out);
        if (rec->status == R_PASS)
            continue;
        fprintf(out, "  ---\n  status: %s\n", rec->status == R_FAIL ? "fail" : "error");
        if (rec->disagreement)
            fprintf(out, "  knownDisagreement: true\n");
        fprintf(out, "  message: |\n");
        for (p = rec->message; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            fprintf(out, "    %.*s\n", (int)n, p);
            p += n + (nl ? 1 : 0);
        }
        fprintf(out, "  ...\n");
    }
}

static void report_json(FILE *out, const run *r)
{
    size_t pass, fail, error, disagree, i;
    json_writer w;
    count(r, &pass, &fail, &error, &disagree);
    json_writer_init(&w, out, 2);
    json_write_object_begin(&w);
    json_write_key(&w, "mode");
    json_write_string(&w, mode_name(r->mode));
    if (r->implementation) {
        json_write_key(&w, "implementation");
        json_write_string(&w, r->implementation);
    }
    json_write_key(&w, "elapsedSeconds");
    json_write_double(&w, r->elapsed);
    json_write_key(&w, "summary");
    json_write_object_begin(&w);
    json_write_key(&w, "cases");
    json_write_uint64(&w, r->count);
    json_write_key(&w, "passed");
    json_write_uint64(&w, pass);
    json_write_key(&w, "failed");
    json_write_uint64(&w, fail);
    json_write_key(&w, "errors");
    json_write_uint64(&w, error);
    json_write_key(&w, "disagreements");
    json_write_uint64(&w, disagree);
    json_write_key(&w, "elementsCompared");
    json_write_uint64(&w, r->checked);
    json_write_key(&w, "unspecifiedSkipped");
    json_write_uint64(&w, r->unspecified);
    json_write_key(&w, "proceduralNotRun");
    json_write_uint64(&w, r->procedural);
    json_write_object_end(&w);
    json_write_key(&w, "cases");
    json_write_array_begin(&w);
    for (i = 0; i < r->count; i++) {
        const record *rec = &r->items[i];
        json_write_object_begin(&w);
        json_write_key(&w, "file");
        json_write_string(&w, rec->path);
        json_write_key(&w, "name");
        json_write_string(&w, rec->name);
        json_write_key(&w, "operator");
        json_write_string(&w, rec->op);
        json_write_key(&w, "status");
        json_write_string(&w, rec->disagreement ? "known-disagreement"
                              : rec->status == R_PASS ? "pass"
                              : rec->status == R_FAIL ? "fail" : "error");
        if (rec->message[0]) {
            json_write_key(&w, "message");
            json_write_string(&w, rec->message);
        }
        if (rec->notes[0]) {
            json_write_key(&w, "notes");
            json_write_string(&w, rec->notes);
        }
        json_write_key(&w, "seconds");
        json_write_double(&w, rec->seconds);
        json_write_object_end(&w);
    }
    json_write_array_end(&w);
    json_write_object_end(&w);
    json_writer_finish(&w);
}

/* Write the report: FORMAT to the --report file, or to standard output. The summary's last
 * line ("MODE: N passed, M failed") ends the text report; with another format on standard
 * output it goes to standard error. */
static int write_reports(const options *o, const run *r)
{
    FILE *out = o->out;
    if (r->progress)
        fputs("\r\033[K", o->out);
    if (o->report) {
        out = fopen(o->report, "w");
        if (!out) {
            fprintf(o->err, "webnn: %s: %s\n", o->report, strerror(errno));
            return -1;
        }
    }
    switch (o->format) {
    case FORMAT_TAP: report_tap(out, r); break;
    case FORMAT_JUNIT: report_junit(out, r); break;
    case FORMAT_JSON: report_json(out, r); break;
    default:
        if (o->report) {
            size_t i;
            for (i = 0; i < r->count; i++) {
                const record *rec = &r->items[i];
                fprintf(out, "%s %s: %s\n", status_word(rec->status), rec->file, rec->name);
                if (rec->status != R_PASS)
                    fprintf(out, "%s%s", rec->message,
                            rec->message[0] && rec->message[strlen(rec->message) - 1] != '\n' ? "\n" : "");
            }
            print_summary(out, r);
        }
        break;
    }
    if (o->report) {
        if (fclose(out) != 0) {
            fprintf(o->err, "webnn: %s: write error\n", o->report);
            return -1;
        }
        print_summary(o->out, r);
    } else if (o->format == FORMAT_TEXT)
        print_summary(o->out, r);
    else {
        size_t pass, fail, error, disagree;
        fflush(o->out);
        count(r, &pass, &fail, &error, &disagree);
        fprintf(o->err, "%s: %lu passed, %lu failed\n", mode_name(r->mode), (unsigned long)pass,
                (unsigned long)(fail + error));
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Selecting cases                                                                            */
/* ------------------------------------------------------------------------------------------ */

static int selected(const options *o, const cf_file *f, size_t index)
{
    size_t k;
    const char *name = cf_file_case_name(f, index);
    if (o->filter && (!name || !strstr(name, o->filter)))
        return 0;
    if (o->opCount) {
        for (k = 0; k < o->opCount; k++)
            if (cf_file_case_uses(f, index, o->ops[k]))
                return 1;
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* webnn test                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/* The reference's result for a case in the results-file format. */
static void write_result_entry(json_writer *w, const cf_file *f, const cf_case *c,
                               const cf_execution *x, int ok, WNNStatus status, const char *error)
{
    cf_text key;
    size_t i;
    cf_text_init(&key);
    cf_text_printf(&key, "%s/%s", f->stem, c->name);
    json_write_key(w, cf_text_str(&key));
    cf_text_free(&key);
    json_write_object_begin(w);
    json_write_key(w, "status");
    json_write_string(w, ok ? "ok" : "error");
    if (!ok) {
        json_write_key(w, "error");
        json_write_object_begin(w);
        json_write_key(w, "name");
        json_write_string(w, status == WNNStatus_Success ? "Error" : wnnStatusString(status));
        json_write_key(w, "message");
        json_write_string(w, error);
        json_write_object_end(w);
    } else {
        json_write_key(w, "outputs");
        json_write_object_begin(w);
        for (i = 0; i < x->count; i++) {
            json_write_key(w, x->outputs[i].name);
            cf_write_result_output(w, &x->outputs[i]);
        }
        json_write_object_end(w);
    }
    json_write_object_end(w);
}

/* Load the known-disagreements.tsv of the folder holding `path` (once per folder). */
static void load_known(run *r, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirLength = slash ? (size_t)(slash - path) : 0;
    char *file;
    FILE *in;
    long size;
    if (r->knownDir && strlen(r->knownDir) == dirLength &&
        strncmp(r->knownDir, path, dirLength) == 0)
        return;
    free(r->knownDir);
    free(r->knownText);
    r->knownText = NULL;
    r->knownDir = (char *)malloc(dirLength + 1);
    file = (char *)malloc(dirLength + 32);
    if (!r->knownDir || !file) {
        free(file);
        return;
    }
    memcpy(r->knownDir, path, dirLength);
    r->knownDir[dirLength] = '\0';
    sprintf(file, "%s%sknown-disagreements.tsv", r->knownDir, dirLength ? "/" : "");
    in = fopen(file, "rb");
    free(file);
    if (!in)
        return;
    if (fseek(in, 0, SEEK_END) == 0 && (size = ftell(in)) >= 0 && size < (1L << 20) &&
        fseek(in, 0, SEEK_SET) == 0) {
        r->knownText = (char *)malloc((size_t)size + 1);
        if (r->knownText) {
            size_t got = fread(r->knownText, 1, (size_t)size, in);
            r->knownText[got] = '\0';
        }
    }
    fclose(in);
}

/* The reason a case is listed as a known disagreement, or NULL. Lines are
 * "file<TAB>case name<TAB>reason"; '#' starts a comment line. */
static const char *find_known(const run *r, const char *stem, const char *name, size_t *length)
{
    const char *line = r->knownText;
    size_t stemLength = strlen(stem), nameLength = strlen(name);
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (line[0] != '#' && n > stemLength + nameLength + 2 &&
            strncmp(line, stem, stemLength) == 0 && line[stemLength] == '\t' &&
            strncmp(line + stemLength + 1, name, nameLength) == 0 &&
            line[stemLength + 1 + nameLength] == '\t') {
            *length = n - (stemLength + nameLength + 2);
            return line + stemLength + nameLength + 2;
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

/* A listed case that does not pass is a known disagreement; a listed case that passes is a
 * failure, so that a stale entry cannot hide anything. */
static void apply_known_disagreement(run *r, const cf_file *f, record *rec)
{
    static const char stale[] = "listed in known-disagreements.tsv but it passes: the entry is "
                                "stale and must be removed\n";
    const char *reason;
    size_t length = 0;
    char *message;
    load_known(r, f->path);
    reason = find_known(r, f->stem, rec->name, &length);
    if (!reason)
        return;
    if (rec->status == R_PASS) {
        rec->status = R_FAIL;
        message = (char *)malloc(sizeof stale);
        if (message)
            memcpy(message, stale, sizeof stale);
    } else {
        size_t old = strlen(rec->message);
        rec->disagreement = 1;
        message = (char *)malloc(length + old + 32);
        if (message)
            sprintf(message, "  reason: %.*s\n  result: %s", (int)length, reason, rec->message);
    }
    if (message) {
        free(rec->message);
        rec->message = message;
    }
}

/* Bounds and auto modes: how close the elements judged by a bound came to it. */
static void note_bounds(cf_text *notes, const cf_compare_stats *stats)
{
    if (stats->bounded)
        cf_text_printf(notes, "%lu elements judged by data-derived bounds (n = %.17g from %s); the "
                       "worst used %.3g of its allowed distance\n", (unsigned long)stats->bounded,
                       stats->length, stats->lengthOp ? stats->lengthOp : "?",
                       stats->worstFraction);
    if (stats->budgetOnly)
        cf_text_printf(notes, "%lu of them beyond the bound, within the case's wpt budget (an "
                       "operator without a magnitude sum)\n", (unsigned long)stats->budgetOnly);
}

/* The case's own "spec" and "notes" first among the notes shown with -v. */
static void case_notes(const cf_case *c, cf_text *notes)
{
    cf_text t;
    if (!c->spec && !c->notes)
        return;
    cf_text_init(&t);
    if (c->spec)
        cf_text_printf(&t, "spec: %s\n", c->spec);
    if (c->notes)
        cf_text_printf(&t, "%s\n", c->notes);
    cf_text_append(&t, cf_text_str(notes));
    cf_text_free(notes);
    *notes = t;
}

static void test_case(const options *o, run *r, const cf_file *f, size_t index, json_writer *results)
{
    cf_case c;
    cf_execution x;
    cf_text err, report;
    cf_compare_stats stats;
    double t0 = now_seconds();
    memset(&stats, 0, sizeof stats);
    memset(&x, 0, sizeof x);
    cf_text_init(&err);
    cf_text_init(&report);
    progress(o, r, f->stem, cf_file_case_name(f, index));
    if (cf_case_load(f, index, &c, &err) != 0)
        add_record(r, f, index, R_ERROR, 0, cf_text_str(&err), NULL, now_seconds() - t0);
    else if (c.expectError) {
        /* the case passes when the builder rejects it as expected */
        int failed = cf_execute(&c, &o->context, &x, &err) != 0;
        int verdict = cf_check_expected_error(&c, &x, failed, &report);
        case_notes(&c, &x.notes);
        add_record(r, f, index, verdict > 0 ? R_PASS : verdict == 0 ? R_FAIL : R_ERROR, 0,
                   verdict < 0 ? cf_text_str(&err) : cf_text_str(&report), cf_text_str(&x.notes),
                   now_seconds() - t0);
        if (results)
            write_result_entry(results, f, &c, &x, !failed, x.status, cf_text_str(&err));
        cf_execution_free(&x);
        cf_case_free(&c);
    } else {
        if (cf_execute(&c, &o->context, &x, &err) != 0) {
            case_notes(&c, &x.notes);
            add_record(r, f, index, R_ERROR, 0, cf_text_str(&err), cf_text_str(&x.notes),
                       now_seconds() - t0);
            if (results)
                write_result_entry(results, f, &c, &x, 0, x.status, cf_text_str(&err));
        } else {
            int pass = cf_compare_case(&c, &x, o->mode, &report, &stats);
            case_notes(&c, &x.notes);
            if (stats.unspecified)
                cf_text_printf(&x.notes, "%lu elements the specification leaves undefined were "
                               "skipped\n", (unsigned long)stats.unspecified);
            note_bounds(&x.notes, &stats);
            add_record(r, f, index, pass ? R_PASS : R_FAIL, 0, cf_text_str(&report),
                       cf_text_str(&x.notes), now_seconds() - t0);
            r->unspecified += stats.unspecified;
            r->checked += stats.checked;
            if (results)
                write_result_entry(results, f, &c, &x, 1, WNNStatus_Success, NULL);
        }
        cf_execution_free(&x);
        cf_case_free(&c);
    }
    apply_known_disagreement(r, f, &r->items[r->count - 1]);
    print_case(o->out, o, r, &r->items[r->count - 1]);
    cf_text_free(&err);
    cf_text_free(&report);
}

static int command_test(int argc, char **argv, FILE *stdOut, FILE *stdErr)
{
    options o;
    path_list files;
    run r;
    size_t i, k, pass, fail, error, disagree;
    int rc = parse_options(argc, argv, "test", &o, usage_test, stdOut, stdErr);
    FILE *resultsFile = NULL;
    json_writer results;
    double t0 = now_seconds();
    if (rc == 0)
        rc = refuse("test", &o, 1, 1, 0, 1);
    if (rc != 0) {
        free((void *)o.paths);
        free((void *)o.ops);
        return rc == 1 ? EXIT_PASS : rc;
    }
    if (o.pathCount == 0) {
        fprintf(o.err, "webnn test: no case file or folder given (see 'webnn test --help')\n");
        free((void *)o.ops);
        return EXIT_USAGE;
    }
    memset(&files, 0, sizeof files);
    for (i = 0; i < o.pathCount; i++)
        if (collect(&files, o.paths[i], 0, o.err) != 0) {
            path_list_free(&files);
            free((void *)o.paths);
            free((void *)o.ops);
            return EXIT_USAGE;
        }
    memset(&r, 0, sizeof r);
    r.mode = o.mode;
    r.progress = isatty(fileno(o.out)) && !(o.format != FORMAT_TEXT && !o.report);
    if (o.writeResults) {
        resultsFile = fopen(o.writeResults, "w");
        if (!resultsFile) {
            fprintf(o.err, "webnn test: %s: %s\n", o.writeResults, strerror(errno));
            path_list_free(&files);
            free((void *)o.paths);
            free((void *)o.ops);
            return EXIT_USAGE;
        }
        json_writer_init(&results, resultsFile, 1);
        json_write_object_begin(&results);
        json_write_key(&results, "implementation");
        json_write_object_begin(&results);
        json_write_key(&results, "name");
        json_write_string(&results, "webnn reference implementation");
        json_write_key(&results, "version");
        json_write_string(&results, WEBNN_VERSION);
        json_write_object_end(&results);
        json_write_key(&results, "results");
        json_write_object_begin(&results);
    }
    for (i = 0; i < files.count; i++) {
        cf_file f;
        cf_text err;
        cf_text_init(&err);
        r.files++;
        if (cf_file_open(&f, files.items[i], NULL, &err) != 0) {
            add_file_error(&r, files.items[i], cf_text_str(&err));
            print_case(o.out, &o, &r, &r.items[r.count - 1]);
            cf_text_free(&err);
            continue;
        }
        r.procedural += f.proceduralCount;
        for (k = 0; k < f.caseCount; k++)
            if (selected(&o, &f, k))
                test_case(&o, &r, &f, k, resultsFile ? &results : NULL);
        cf_file_close(&f);
        cf_text_free(&err);
    }
    r.elapsed = now_seconds() - t0;
    if (resultsFile) {
        json_write_object_end(&results);
        json_write_object_end(&results);
        if (json_writer_finish(&results) != 0 || fclose(resultsFile) != 0)
            fprintf(o.err, "webnn test: %s: write error\n", o.writeResults);
    }
    rc = write_reports(&o, &r);
    count(&r, &pass, &fail, &error, &disagree);
    run_free(&r);
    path_list_free(&files);
    free((void *)o.paths);
    free((void *)o.ops);
    if (rc != 0)
        return EXIT_USAGE;
    return fail + error ? EXIT_FAIL : EXIT_PASS;
}

/* ------------------------------------------------------------------------------------------ */
/* webnn expect                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* One case object with its expectedOutputs replaced by the run's outputs. */
static void write_expected_case(json_writer *w, const json_value *test, const cf_execution *x)
{
    size_t i, j, k;
    json_write_object_begin(w);
    for (i = 0; i < test->length; i++) {
        const json_value *m = &test->items[i];
        json_write_key_n(w, m->key, m->keyLength);
        if (strcmp(m->key, "graph") != 0 || m->type != JSON_OBJECT) {
            json_write_value(w, m);
            continue;
        }
        json_write_object_begin(w);
        for (j = 0; j < m->length; j++) {
            const json_value *g = &m->items[j];
            json_write_key_n(w, g->key, g->keyLength);
            if (strcmp(g->key, "expectedOutputs") != 0) {
                json_write_value(w, g);
                continue;
            }
            json_write_object_begin(w);
            for (k = 0; k < x->count; k++) {
                const json_value *old = json_get(json_get(g, x->outputs[k].name), "data");
                json_write_key(w, x->outputs[k].name);
                cf_write_expected_output(w, &x->outputs[k], old && old->type != JSON_ARRAY);
            }
            json_write_object_end(w);
        }
        json_write_object_end(w);
    }
    json_write_object_end(w);
}

static int command_expect(int argc, char **argv, FILE *stdOut, FILE *stdErr)
{
    options o;
    cf_file f;
    cf_text err;
    FILE *out = NULL;
    json_writer w;
    const json_value *root;
    size_t i, k, failures = 0;
    int rc = parse_options(argc, argv, "expect", &o, usage_expect, stdOut, stdErr);
    if (rc == 0)
        rc = refuse("expect", &o, 0, 0, 1, 0);
    if (rc == 0 && o.pathCount != 1) {
        fprintf(o.err, "webnn expect: give exactly one case file (see 'webnn expect --help')\n");
        rc = EXIT_USAGE;
    }
    if (rc != 0) {
        free((void *)o.paths);
        free((void *)o.ops);
        return rc == 1 ? EXIT_PASS : rc;
    }
    cf_text_init(&err);
    if (cf_file_open(&f, o.paths[0], NULL, &err) != 0) {
        fprintf(o.err, "webnn expect: %s\n", cf_text_str(&err));
        cf_text_free(&err);
        free((void *)o.paths);
        return EXIT_FAIL;
    }
    out = o.out;
    if (o.output) {
        out = fopen(o.output, "w");
        if (!out) {
            fprintf(o.err, "webnn expect: %s: %s\n", o.output, strerror(errno));
            cf_file_close(&f);
            free((void *)o.paths);
            return EXIT_USAGE;
        }
    }
    json_writer_init(&w, out, 2);
    root = json_root(f.doc);
    json_write_object_begin(&w);
    for (i = 0; i < root->length; i++) {
        const json_value *m = &root->items[i];
        json_write_key_n(&w, m->key, m->keyLength);
        if (m != f.tests) {
            json_write_value(&w, m);
            continue;
        }
        json_write_array_begin(&w);
        for (k = 0; k < f.caseCount; k++) {
            cf_case c;
            cf_execution x;
            cf_text_clear(&err);
            memset(&x, 0, sizeof x);
            if (cf_case_load(&f, k, &c, &err) != 0) {
                fprintf(o.err, "webnn expect: %s\n", cf_text_str(&err));
                json_write_value(&w, &f.tests->items[k]);
                failures++;
                continue;
            }
            if (c.expectError) {
                /* nothing to fill: the case is kept, and must fail the way it says */
                cf_text report;
                int failed = cf_execute(&c, &o.context, &x, &err) != 0;
                cf_text_init(&report);
                int verdict = cf_check_expected_error(&c, &x, failed, &report);
                if (verdict < 0)
                    fprintf(o.err, "webnn expect: %s\n", cf_text_str(&err));
                else if (verdict == 0)
                    fprintf(o.err, "webnn expect: %s: %s", f.path, cf_text_str(&report));
                failures += verdict <= 0;
                cf_text_free(&report);
                json_write_value(&w, &f.tests->items[k]);
            } else if (cf_execute(&c, &o.context, &x, &err) != 0) {
                fprintf(o.err, "webnn expect: %s%s (expectations kept)\n", cf_text_str(&err),
                        x.disagreement ? " [documented disagreement]" : "");
                json_write_value(&w, &f.tests->items[k]);
                failures++;
            } else {
                size_t j;
                for (j = 0; j < x.count; j++)
                    if (x.outputs[j].unspecified)
                        fprintf(o.err, "webnn expect: %s: case \"%s\": output \"%s\": %lu elements "
                                "have values the specification leaves undefined (the reference's "
                                "choice is written)\n", f.path, c.name, x.outputs[j].name,
                                (unsigned long)x.outputs[j].unspecified);
                write_expected_case(&w, &f.tests->items[k], &x);
            }
            cf_execution_free(&x);
            cf_case_free(&c);
        }
        json_write_array_end(&w);
    }
    json_write_object_end(&w);
    rc = json_writer_finish(&w);
    if (o.output && fclose(out) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(o.err, "webnn expect: write error\n");
    fprintf(o.err, "webnn expect: %lu cases, %lu computed, %lu kept\n", (unsigned long)f.caseCount,
            (unsigned long)(f.caseCount - failures), (unsigned long)failures);
    cf_file_close(&f);
    cf_text_free(&err);
    free((void *)o.paths);
    return rc != 0 ? EXIT_USAGE : failures ? EXIT_FAIL : EXIT_PASS;
}

/* ------------------------------------------------------------------------------------------ */
/* webnn compare                                                                              */
/* ------------------------------------------------------------------------------------------ */

/* Results members ordered by name, for binary search. */
static int compare_keys(const void *a, const void *b)
{
    const json_value *x = *(const json_value *const *)a, *y = *(const json_value *const *)b;
    size_t n = x->keyLength < y->keyLength ? x->keyLength : y->keyLength;
    int c = memcmp(x->key, y->key, n);
    if (c != 0)
        return c;
    return (x->keyLength > y->keyLength) - (x->keyLength < y->keyLength);
}

static void compare_case(const options *o, run *r, const cf_file *f, size_t index,
                         const char *resultsPath, const json_value *results,
                         const json_value **sorted, unsigned char *used)
{
    cf_case c;
    cf_execution x;
    cf_text err, report, key;
    cf_compare_stats stats;
    const json_value *entry = NULL;
    double t0 = now_seconds();
    memset(&stats, 0, sizeof stats);
    cf_text_init(&err);
    cf_text_init(&report);
    cf_text_init(&key);
    progress(o, r, f->stem, cf_file_case_name(f, index));
    if (cf_case_load(f, index, &c, &err) != 0) {
        add_record(r, f, index, R_ERROR, 0, cf_text_str(&err), NULL, now_seconds() - t0);
    } else {
        int oracleFailed, pass;
        cf_text_printf(&key, "%s/%s", f->stem, c.name);
        if (results->length) {
            json_value probe;
            const json_value *p = &probe, **found;
            memset(&probe, 0, sizeof probe);
            probe.key = cf_text_str(&key);
            probe.keyLength = key.length;
            found = (const json_value **)bsearch(&p, sorted, results->length, sizeof *sorted,
                                                 compare_keys);
            if (found) {
                entry = *found;
                used[entry - results->items] = 1;
            }
        }
        oracleFailed = cf_execute(&c, &o->context, &x, &err) != 0;
        pass = cf_compare_result(&c, &x, oracleFailed, x.status, resultsPath, entry, o->mode,
                                 &report, &stats);
        case_notes(&c, &x.notes);
        if (stats.unspecified)
            cf_text_printf(&x.notes, "%lu elements the specification leaves undefined were "
                           "skipped\n", (unsigned long)stats.unspecified);
        note_bounds(&x.notes, &stats);
        if (oracleFailed && !pass && x.status != WNNStatus_TypeError) {
            /* the oracle cannot judge: an error, with the reason */
            cf_text_printf(&report, "%s\n", cf_text_str(&err));
            add_record(r, f, index, R_ERROR, 0, cf_text_str(&report),
                       cf_text_str(&x.notes), now_seconds() - t0);
        } else
            add_record(r, f, index, pass ? R_PASS : R_FAIL, 0, cf_text_str(&report),
                       cf_text_str(&x.notes), now_seconds() - t0);
        r->unspecified += stats.unspecified;
        r->checked += stats.checked;
        cf_execution_free(&x);
        cf_case_free(&c);
    }
    print_case(o->out, o, r, &r->items[r->count - 1]);
    cf_text_free(&err);
    cf_text_free(&report);
    cf_text_free(&key);
}

static int command_compare(int argc, char **argv, FILE *stdOut, FILE *stdErr)
{
    options o;
    path_list files;
    run r;
    size_t i, k, pass, fail, error, disagree, unmatched = 0;
    json_document *doc;
    json_error jerr;
    const json_value *root, *results, *impl;
    const char *resultsPath;
    unsigned char *used;
    const json_value **sorted;
    char implementation[300];
    double t0 = now_seconds();
    int rc = parse_options(argc, argv, "compare", &o, usage_compare, stdOut, stdErr);
    if (rc == 0)
        rc = refuse("compare", &o, 1, 1, 0, 0);
    if (rc == 0 && o.pathCount < 2) {
        fprintf(o.err, "webnn compare: give case files or folders, then a results file "
                "(see 'webnn compare --help')\n");
        rc = EXIT_USAGE;
    }
    if (rc != 0) {
        free((void *)o.paths);
        free((void *)o.ops);
        return rc == 1 ? EXIT_PASS : rc;
    }
    resultsPath = o.paths[o.pathCount - 1];
    doc = json_parse_file(resultsPath, NULL, &jerr);
    if (!doc) {
        if (jerr.line)
            fprintf(o.err, "webnn compare: %s:%u:%u: %s\n", resultsPath, (unsigned)jerr.line,
                    (unsigned)jerr.column, jerr.message);
        else
            fprintf(o.err, "webnn compare: %s: %s\n", resultsPath, jerr.message);
        free((void *)o.paths);
        free((void *)o.ops);
        return EXIT_USAGE;
    }
    root = json_root(doc);
    results = json_get(root, "results");
    if (!results || results->type != JSON_OBJECT) {
        fprintf(o.err, "webnn compare: %s:%u:%u: a results file is an object with a \"results\" "
                "object\n", resultsPath, (unsigned)(results ? results : root)->line,
                (unsigned)(results ? results : root)->column);
        json_free(doc);
        free((void *)o.paths);
        free((void *)o.ops);
        return EXIT_USAGE;
    }
    memset(&files, 0, sizeof files);
    for (i = 0; i + 1 < o.pathCount; i++)
        if (collect(&files, o.paths[i], 0, o.err) != 0) {
            path_list_free(&files);
            json_free(doc);
            free((void *)o.paths);
            free((void *)o.ops);
            return EXIT_USAGE;
        }
    used = (unsigned char *)calloc(results->length + 1, 1);
    sorted = (const json_value **)malloc((results->length + 1) * sizeof *sorted);
    if (!used || !sorted) {
        fprintf(o.err, "webnn compare: out of memory\n");
        exit(EXIT_USAGE);
    }
    for (i = 0; i < results->length; i++)
        sorted[i] = &results->items[i];
    qsort((void *)sorted, results->length, sizeof *sorted, compare_keys);
    memset(&r, 0, sizeof r);
    r.mode = o.mode;
    r.progress = isatty(fileno(o.out)) && !(o.format != FORMAT_TEXT && !o.report);
    impl = json_get(root, "implementation");
    {
        const json_value *name = json_get(impl, "name"), *version = json_get(impl, "version");
        snprintf(implementation, sizeof implementation, "%.140s%s%.140s",
                 name && name->type == JSON_STRING ? name->text : "(unnamed)",
                 version && version->type == JSON_STRING ? " " : "",
                 version && version->type == JSON_STRING ? version->text : "");
        r.implementation = implementation;
    }
    for (i = 0; i < files.count; i++) {
        cf_file f;
        cf_text err;
        cf_text_init(&err);
        r.files++;
        if (cf_file_open(&f, files.items[i], NULL, &err) != 0) {
            add_file_error(&r, files.items[i], cf_text_str(&err));
            print_case(o.out, &o, &r, &r.items[r.count - 1]);
            cf_text_free(&err);
            continue;
        }
        r.procedural += f.proceduralCount;
        for (k = 0; k < f.caseCount; k++)
            if (selected(&o, &f, k))
                compare_case(&o, &r, &f, k, resultsPath, results, sorted, used);
        cf_file_close(&f);
        cf_text_free(&err);
    }
    for (i = 0; i < results->length; i++)
        unmatched += !used[i];
    r.elapsed = now_seconds() - t0;
    if (unmatched && !o.quiet && !(o.opCount || o.filter))
        fprintf(o.format != FORMAT_TEXT && !o.report ? o.err : o.out, "%s%lu results in %s match no case given\n", r.progress ? "\r\033[K" : "",
                (unsigned long)unmatched, resultsPath);
    rc = write_reports(&o, &r);
    count(&r, &pass, &fail, &error, &disagree);
    free(used);
    free((void *)sorted);
    run_free(&r);
    path_list_free(&files);
    json_free(doc);
    free((void *)o.paths);
    free((void *)o.ops);
    if (rc != 0)
        return EXIT_USAGE;
    return fail + error ? EXIT_FAIL : EXIT_PASS;
}

/* ------------------------------------------------------------------------------------------ */

int webnn_main(int argc, char **argv, FILE *out, FILE *err)
{
    const char *command = argc > 1 ? argv[1] : NULL;
    if (!command || strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0) {
        usage_main(command ? out : err);
        return command ? EXIT_PASS : EXIT_USAGE;
    }
    if (strcmp(command, "--version") == 0) {
        fprintf(out, "webnn " WEBNN_VERSION "\n");
        return EXIT_PASS;
    }
    if (strcmp(command, "help") == 0) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (!topic)
            usage_main(out);
        else if (strcmp(topic, "test") == 0)
            usage_test(out);
        else if (strcmp(topic, "expect") == 0)
            usage_expect(out);
        else if (strcmp(topic, "compare") == 0)
            usage_compare(out);
        else if (strcmp(topic, "run") == 0 || strcmp(topic, "validate") == 0 ||
                 strcmp(topic, "trace") == 0 || strcmp(topic, "convert") == 0)
            gc_usage(out, topic);
        else {
            fprintf(err, "webnn help: unknown command \"%s\"\n", topic);
            return EXIT_USAGE;
        }
        return EXIT_PASS;
    }
    if (strcmp(command, "test") == 0)
        return command_test(argc - 2, argv + 2, out, err);
    if (strcmp(command, "expect") == 0)
        return command_expect(argc - 2, argv + 2, out, err);
    if (strcmp(command, "compare") == 0)
        return command_compare(argc - 2, argv + 2, out, err);
    if (strcmp(command, "run") == 0 || strcmp(command, "validate") == 0 ||
        strcmp(command, "trace") == 0 || strcmp(command, "convert") == 0)
        return gc_main(command, argc - 2, argv + 2, out, err);
    fprintf(err, "webnn: unknown command \"%s\" (see 'webnn --help')\n", command);
    return EXIT_USAGE;
}
