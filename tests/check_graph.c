/* tests/check_graph.c - graph files through the webnn command: run, trace, validate and
 * convert on the examples, the round trips between the formats, and a table of malformed
 * graphs, each with its exact error, its place and a non-zero exit. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "../tools/tensorio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh temporary folder for one test. */
static void temp_dir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/webnn-graph-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
}

static char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    s = (char *)malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    if (length)
        *length = (size_t)n;
    return s;
}

static int same_files(const char *a, const char *b)
{
    size_t na, nb;
    char *sa = read_file(a, &na), *sb = read_file(b, &nb);
    int same = na == nb && memcmp(sa, sb, na) == 0;
    free(sa);
    free(sb);
    return same;
}

static void remove_tree(const char *dir)
{
    char command[512];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(command), 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The examples                                                                               */
/* ------------------------------------------------------------------------------------------ */

static const struct {
    const char *graph, *input, *output;
} examples[] = {
    {"examples/convblock/convblock.webnn", "image=examples/convblock/image.npy", "probs"},
    {"examples/lstm/lstm.webnn", "sequence=examples/lstm/sequence.npy", "labels"},
    {"examples/transformer/block.webnn", "tokens=examples/transformer/tokens.npy", "output"},
};

START_TEST(examples_run_and_trace)
{
    char dir[64], path[256];
    th_cli_run r = th_cli("run", examples[_i].graph, "--input", examples[_i].input, "--output-dir",
                    (temp_dir(dir, sizeof dir), dir), "--time", NULL);
    ck_assert_msg(r.status == 0, "%s: %s", examples[_i].graph, r.err);
    ck_assert_ptr_nonnull(strstr(r.err, "time: build="));
    ck_assert_ptr_nonnull(strstr(r.err, "time: op 0 "));
    snprintf(path, sizeof path, "%s/%s.npy", dir, examples[_i].output);
    ck_assert_int_eq(access(path, R_OK), 0);
    th_cli_free(&r);
    r = th_cli("trace", examples[_i].graph, "--input", examples[_i].input, NULL);
    ck_assert_msg(r.status == 0, "%s: %s", examples[_i].graph, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "[0] "));
    ck_assert_ptr_nonnull(strstr(r.out, " nan 0 inf 0"));
    th_cli_free(&r);
    r = th_cli("validate", examples[_i].graph, NULL);
    ck_assert_msg(r.status == 0, "%s: %s", examples[_i].graph, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, ": valid ("));
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* .webnn -> JSON -> .webnn is the identity on canonical text, and .webnn -> case file -> run
 * gives the same outputs, byte for byte. */
START_TEST(examples_round_trip)
{
    char dir[64], text[256], twin[256], back[256], again[256], wpt[256], out1[256], out2[256];
    char file1[300], file2[300];
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    snprintf(text, sizeof text, "%s/a.webnn", dir);
    snprintf(twin, sizeof twin, "%s/a.json", dir);
    snprintf(back, sizeof back, "%s/b.webnn", dir);
    snprintf(again, sizeof again, "%s/c.json", dir);
    snprintf(wpt, sizeof wpt, "%s/case.json", dir);
    snprintf(out1, sizeof out1, "%s/out1", dir);
    snprintf(out2, sizeof out2, "%s/out2", dir);
    r = th_cli("convert", examples[_i].graph, text, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("convert", text, twin, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("convert", twin, back, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    ck_assert_msg(same_files(text, back), "text -> JSON -> text changed %s", examples[_i].graph);
    r = th_cli("convert", back, again, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    ck_assert_msg(same_files(twin, again), "JSON -> text -> JSON changed %s", examples[_i].graph);
    /* the weights live beside the example, so the copies name them explicitly */
    snprintf(file1, sizeof file1, "%.200s", examples[_i].graph);
    strcpy(strrchr(file1, '.'), ".safetensors");
    r = th_cli("convert", examples[_i].graph, wpt, "--to", "wpt", "--input", examples[_i].input, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("run", examples[_i].graph, "--input", examples[_i].input, "--output-dir", out1, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("run", wpt, "--output-dir", out2, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    snprintf(file1, sizeof file1, "%s/%s.npy", out1, examples[_i].output);
    snprintf(file2, sizeof file2, "%s/%s.npy", out2, examples[_i].output);
    ck_assert_msg(same_files(file1, file2), "the case file's outputs differ (%s)",
                  examples[_i].graph);
    /* the case passes as a conformance case, and converts back to the same graph */
    r = th_cli("test", "--mode", "exact", wpt, NULL);
    ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
    th_cli_free(&r);
    r = th_cli("convert", wpt, again, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("run", again, "--input", examples[_i].input, "--output-dir", out2, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    ck_assert_msg(same_files(file1, file2), "case -> JSON changed the outputs (%s)",
                  examples[_i].graph);
    remove_tree(dir);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* Malformed graphs                                                                           */
/* ------------------------------------------------------------------------------------------ */

#define HEAD "webnn_graph \"g\" v1 {\n"

typedef struct bad_graph {
    const char *what;
    const char *file;    /* name in the temporary folder */
    const char *text;
    const char *command; /* "validate" or "run" */
    const char *message; /* a substring of the error output, with its place */
} bad_graph;

static const bad_graph bad_graphs[] = {
    {"truncated text", "g.webnn", HEAD "  inputs { x: f32[2];\n", "validate",
     "g.webnn:3:1: expected '}' to close the inputs block, got the end of the file"},
    {"unknown operator", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = rleu(x); }\n  outputs { y; }\n}\n",
     "validate", "g.webnn:3:15: unknown operator \"rleu\""},
    {"wrong type of a shape", "g.json",
     "{\"format\": \"webnn-graph-json\", \"version\": 1, \"inputs\": {\"x\": {\"dataType\": "
     "\"float32\", \"shape\": \"2\"}}, \"nodes\": [], \"outputs\": {\"x\": \"x\"}}",
     "validate", "g.json:1:95: input \"x\": \"shape\" must be an array of dimensions"},
    {"wrong data type name", "g.json",
     "{\"format\": \"webnn-graph-json\", \"version\": 1, \"inputs\": {\"x\": {\"dataType\": "
     "\"f32\", \"shape\": [2]}}, \"nodes\": [], \"outputs\": {\"x\": \"x\"}}",
     "validate", "g.json:1:75: input \"x\": \"dataType\" must be one of"},
    {"unknown member", "g.json",
     "{\"format\": \"webnn-graph-json\", \"version\": 1, \"inputs\": {}, \"nodes\": [], "
     "\"outputs\": {}, \"extra\": 1}",
     "validate", "g.json:1:88: unknown member \"extra\" in the graph"},
    {"wrong format", "g.json",
     "{\"format\": \"onnx\", \"version\": 1, \"inputs\": {}, \"nodes\": [], \"outputs\": {\"a\": \"a\"}}",
     "validate", "g.json:1:12: \"format\" must be \"webnn-graph-json\""},
    {"a cycle between two nodes", "g.json",
     "{\"format\": \"webnn-graph-json\", \"version\": 1, \"inputs\": {\"x\": {\"dataType\": "
     "\"float32\", \"shape\": [2]}}, \"nodes\": [{\"id\": \"a\", \"op\": \"add\", \"inputs\": "
     "[\"x\", \"b\"]}, {\"id\": \"b\", \"op\": \"relu\", \"inputs\": [\"a\"]}], \"outputs\": "
     "{\"b\": \"b\"}}",
     "validate", "g.json:1:153: node 0: input 1: \"b\" is used before the node defining it at 1:167 (a cycle, or nodes out of order)"},
    {"a node reading its own output", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = add(x, y); }\n  outputs { y; }\n}\n",
     "validate", "g.webnn:3:22: node 0: input 1: \"y\" is this node's own output (a cycle)"},
    {"duplicate names", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { x = relu(x); }\n  outputs { x; }\n}\n",
     "validate", "g.webnn:3:11: duplicate name \"x\" (first defined at 2:12)"},
    {"an undefined operand", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = relu(z); }\n  outputs { y; }\n}\n",
     "validate", "g.webnn:3:20: node 0: input 0: no operand named \"z\""},
    {"an undefined output", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = relu(x); }\n  outputs { w; }\n}\n",
     "validate", "output \"w\": no operand named \"w\""},
    {"inline bytes of the wrong length", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  consts { c: f32[2] @bytes([0, 0, 128, 63]); }\n"
     "  nodes { y = add(x, c); }\n  outputs { y; }\n}\n",
     "validate", "constant \"c\": 4 bytes for 2 elements of float32 (8 bytes expected)"},
    {"more than 2^31-1 elements", "g.webnn",
     HEAD "  inputs { x: f32[65536, 65536]; }\n  nodes { y = relu(x); }\n  outputs { y; }\n}\n",
     "validate", "input \"x\": more than 2147483647 elements"},
    {"a dimension beyond 2^31-1", "g.webnn",
     HEAD "  inputs { x: f32[4294967296]; }\n  nodes { y = relu(x); }\n  outputs { y; }\n}\n",
     "validate", "dimension 0 must be an integer from 0 to 2147483647"},
    {"a dynamic dimension", "g.webnn",
     HEAD "  inputs { x: f32[dyn(\"batch\", 4), 2]; }\n  nodes { y = relu(x); }\n"
     "  outputs { y; }\n}\n",
     "validate", "dimension 0 is dynamic"},
    {"a shape mismatch the builder finds", "g.webnn",
     HEAD "  inputs { a: f32[2, 3]; b: f32[2, 3]; }\n  nodes { y = matmul(a, b); }\n"
     "  outputs { y; }\n}\n",
     "validate", "g.webnn:3:"},
    {"an unknown option", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = softmax(x, 0, axes=[0]); }\n"
     "  outputs { y; }\n}\n",
     "validate", "unknown option \"axes\""},
    {"a missing value parameter", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = reshape(x); }\n  outputs { y; }\n}\n",
     "validate", "the parameter \"newShape\" is missing"},
    {"too many operands", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  nodes { y = relu(x, x); }\n  outputs { y; }\n}\n",
     "validate", "g.webnn:3:"},
    {"weights without a weights file", "g.webnn",
     HEAD "  inputs { x: f32[2]; }\n  consts { w: f32[2] @weights(\"w\"); }\n"
     "  nodes { y = add(x, w); }\n  outputs { y; }\n}\n",
     "validate", "no weights file was found"},
    {"a missing input", "g.webnn",
     HEAD "  inputs { x: f32[2]; t: i32[3, 1]; }\n  nodes { y = relu(x); }\n"
     "  outputs { y; }\n}\n",
     "run", "inputs without data (give each with --input NAME=FILE, a .npy or JSON tensor "
     "file):\n  x: float32 [2]\n  t: int32 [3, 1]"},
    {"neither format", "g.json", "{\"graph\": 1}", "validate",
     "neither a .webnn graph, its JSON twin"},
    {"not JSON", "g.json", "{\"format\": ", "validate", "g.json:1:12:"},
    {"an empty file", "g.webnn", "", "validate", "g.webnn:1:1:"},
};

START_TEST(malformed_graphs_fail_with_their_place)
{
    const bad_graph *b = &bad_graphs[_i];
    char dir[64], path[256];
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s", dir, b->file);
    write_file(path, b->text);
    r = th_cli(b->command, path, NULL);
    ck_assert_msg(r.status == 1, "%s: exit %d, stderr: %s", b->what, r.status, r.err);
    ck_assert_msg(strstr(r.err, b->message) != NULL, "%s: expected \"%s\" in:\n%s", b->what,
                  b->message, r.err);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* validate reports every structural error, not only the first. */
START_TEST(validate_reports_every_error)
{
    char dir[64], path[256];
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/g.webnn", dir);
    write_file(path, HEAD "  inputs { x: f32[2]; }\n  consts { c: u8[2] @bytes([1]); }\n"
                          "  nodes {\n    a = relu(q);\n    b = relu(x);\n    a = relu(x);\n  }\n"
                          "  outputs { b; w; }\n}\n");
    r = th_cli("validate", path, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, ":3:28: constant \"c\": 1 byte for 2 elements of uint8 (2 bytes "
                                "expected)") != NULL, "%s", r.err);
    ck_assert_msg(strstr(r.err, ":5:14: node 0: input 0: no operand named \"q\"") != NULL, "%s", r.err);
    ck_assert_msg(strstr(r.err, ":7:5: duplicate name \"a\" (first defined at 5:5)") != NULL, "%s",
                  r.err);
    ck_assert_msg(strstr(r.err, ":9:16: output \"w\": no operand named \"w\"") != NULL, "%s", r.err);
    ck_assert_msg(strstr(r.err, ": 4 errors") != NULL, "%s", r.err);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* Weights: a safetensors file beside the graph, and each kind of mismatch. */
START_TEST(weights_are_checked_against_their_declarations)
{
    char dir[64], graph[256], weights[256], other[256], message[256];
    float values[6] = {1, 2, 3, 4, 5, 6};
    tio_tensor t;
    const char *key = "w";
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    memset(&t, 0, sizeof t);
    t.dataType = WNNOperandDataType_Float32;
    t.rank = 2;
    t.shape[0] = 2;
    t.shape[1] = 3;
    t.count = 6;
    t.data = values;
    snprintf(weights, sizeof weights, "%s/g.safetensors", dir);
    ck_assert_int_eq(tio_safetensors_write(weights, 1, &key, &t, message, sizeof message), 0);
    snprintf(graph, sizeof graph, "%s/g.webnn", dir);
    write_file(graph, HEAD "  inputs { x: f32[2, 3]; }\n  consts { w: f32[2, 3] @weights(\"w\"); }\n"
                           "  nodes { y = add(x, w); }\n  outputs { y; }\n}\n");
    r = th_cli("validate", graph, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    /* a different shape */
    write_file(graph, HEAD "  inputs { x: f32[3, 2]; }\n  consts { w: f32[3, 2] @weights(\"w\"); }\n"
                           "  nodes { y = add(x, w); }\n  outputs { y; }\n}\n");
    r = th_cli("validate", graph, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "g.webnn:3:34: constant \"w\": ") != NULL, "%s", r.err);
    th_cli_free(&r);
    /* a different data type */
    write_file(graph, HEAD "  inputs { x: i32[2, 3]; }\n  consts { w: i32[2, 3] @weights(\"w\"); }\n"
                           "  nodes { y = add(x, w); }\n  outputs { y; }\n}\n");
    r = th_cli("validate", graph, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "g.webnn:3:34: constant \"w\": ") != NULL, "%s", r.err);
    th_cli_free(&r);
    /* a missing key */
    write_file(graph, HEAD "  inputs { x: f32[2, 3]; }\n  consts { w: f32[2, 3] @weights(\"v\"); }\n"
                           "  nodes { y = add(x, w); }\n  outputs { y; }\n}\n");
    r = th_cli("validate", graph, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "g.webnn:3:34: constant \"w\": ") != NULL, "%s", r.err);
    th_cli_free(&r);
    /* an explicit --weights file that is not one */
    snprintf(other, sizeof other, "%s/bad.safetensors", dir);
    write_file(other, "not a safetensors file");
    r = th_cli("validate", graph, "--weights", other, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "bad.safetensors") != NULL, "%s", r.err);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* Inputs from .npy and JSON tensor files, checked against the declaration. */
START_TEST(inputs_from_tensor_files)
{
    char dir[64], graph[256], json[256], arg[300], out[256], npy[300];
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    snprintf(graph, sizeof graph, "%s/g.webnn", dir);
    write_file(graph, HEAD "  inputs { x: f16[3]; }\n  consts { s: f16[] @scalar(2); }\n"
                           "  nodes { y = mul(x, s); }\n  outputs { y; }\n}\n");
    snprintf(json, sizeof json, "%s/x.json", dir);
    write_file(json, "{\"dataType\": \"float16\", \"shape\": [3], \"data\": [1, -0.5, 65504]}");
    snprintf(arg, sizeof arg, "x=%s", json);
    snprintf(out, sizeof out, "%s/out", dir);
    r = th_cli("run", graph, "--input", arg, "--output-dir", out, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "y: float16 [3] -> "));
    th_cli_free(&r);
    /* the output read back as an input of the same graph: 2 -1 inf */
    snprintf(npy, sizeof npy, "x=%s/y.npy", out);
    r = th_cli("trace", graph, "--input", npy, "--full", NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "4 -2 Infinity") != NULL, "%s", r.out);
    th_cli_free(&r);
    /* a tensor of another shape or type */
    write_file(json, "{\"dataType\": \"float32\", \"shape\": [3], \"data\": [1, 2, 3]}");
    r = th_cli("run", graph, "--input", arg, "--output-dir", out, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "holds float32 [3]; input \"x\" is declared float16 [3]") != NULL,
                  "%s", r.err);
    th_cli_free(&r);
    /* an input the graph does not have */
    r = th_cli("run", graph, "--input", "z=whatever.npy", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "the graph has no input \"z\" (its inputs: x)") != NULL, "%s", r.err);
    th_cli_free(&r);
    /* bad usage */
    r = th_cli("run", graph, "--input", "x", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* A WPT case file runs directly; a file with several cases needs --case. */
START_TEST(case_files_run_and_convert)
{
    char dir[64], text[256];
    th_cli_run r = th_cli("run", "conformance/wpt/relu.json", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "cases; pick one with --case NAME:"));
    th_cli_free(&r);
    temp_dir(dir, sizeof dir);
    r = th_cli("run", "conformance/wpt/relu.json", "--case", "relu float32 1D tensor",
            "--output-dir", dir, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    snprintf(text, sizeof text, "%s/relu.webnn", dir);
    r = th_cli("convert", "conformance/wpt/relu.json", text, "--case", "relu float32 1D tensor", NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("validate", text, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

/* The resource limits apply to graph files: to what is read and to what is built. */
START_TEST(limits_apply_to_graph_runs)
{
    th_cli_run r = th_cli("run", "examples/lstm/lstm.webnn", "--input", "sequence=examples/lstm/sequence.npy",
                    "--max-graph-bytes", "10K", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "must be at most 10240 (maxGraphBytes)") != NULL, "%s", r.err);
    th_cli_free(&r);
    /* the sequence file holds 512 bytes of data */
    r = th_cli("run", "examples/lstm/lstm.webnn", "--input", "sequence=examples/lstm/sequence.npy",
            "--max-tensor-bytes", "500", NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "input \"sequence\": ") != NULL, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("validate", "examples/lstm/lstm.webnn", "--max-tensor-bytes", "0", NULL);
    ck_assert_int_eq(r.status, 2);
    th_cli_free(&r);
}
END_TEST

/* A graph whose constants are inline: .webnn -> case file -> .webnn gives the same graph,
 * and the case passes as a conformance case. */
START_TEST(case_file_round_trip_keeps_the_graph)
{
    char dir[64], graph[256], text[256], wpt[256], back[256], x[256], idx[256], xa[300], ia[300];
    th_cli_run r;
    temp_dir(dir, sizeof dir);
    snprintf(graph, sizeof graph, "%s/g.webnn", dir);
    snprintf(text, sizeof text, "%s/a.webnn", dir);
    snprintf(wpt, sizeof wpt, "%s/c.json", dir);
    snprintf(back, sizeof back, "%s/b.webnn", dir);
    snprintf(x, sizeof x, "%s/x.json", dir);
    snprintf(idx, sizeof idx, "%s/idx.json", dir);
    write_file(graph,
               "webnn_graph \"roundtrip\" v1 {\n"
               "  inputs { x: f32[1, 2, 3, 3]; idx: i32[2]; }\n"
               "  consts {\n"
               "    w: f32[2, 2, 1, 1] @bytes([0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64]);\n"
               "    b: f32[2] @bytes([0, 0, 0, 63, 0, 0, 0, 191]);\n"
               "  }\n"
               "  nodes {\n"
               "    c = conv2d(x, w, bias=b, padding=[0, 0, 0, 0]);\n"
               "    [s0, s1] = split(c, 2, axis=1);\n"
               "    j = concat([s0, s1, s0], 1);\n"
               "    g = gather(j, idx, axis=1);\n"
               "    r = reshape(g, [2, 9]);\n"
               "    m = reduceMax(r, axes=[1], keepDimensions=true);\n"
               "  }\n"
               "  outputs { m; s1; }\n"
               "}\n");
    write_file(x, "{\"dataType\": \"float32\", \"shape\": [1, 2, 3, 3], \"data\": "
                  "[1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9]}");
    write_file(idx, "{\"dataType\": \"int32\", \"shape\": [2], \"data\": [2, 0]}");
    snprintf(xa, sizeof xa, "x=%s", x);
    snprintf(ia, sizeof ia, "idx=%s", idx);
    r = th_cli("convert", graph, text, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("convert", graph, wpt, "--to", "wpt", "--input", xa, "--input", ia, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    r = th_cli("convert", wpt, back, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    th_cli_free(&r);
    ck_assert_msg(same_files(text, back), ".webnn -> case file -> .webnn changed the graph");
    r = th_cli("test", "--mode", "exact", wpt, NULL);
    ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
    th_cli_free(&r);
    /* without data for every input, no case file */
    r = th_cli("convert", graph, wpt, "--to", "wpt", "--input", xa, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "  idx: int32 [2]") != NULL, "%s", r.err);
    th_cli_free(&r);
    remove_tree(dir);
}
END_TEST

static Suite *graph_suite(void)
{
    Suite *s = suite_create("graph");
    TCase *tc = tcase_create("graph");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, examples_run_and_trace, 0, sizeof examples / sizeof examples[0]);
    tcase_add_loop_test(tc, examples_round_trip, 0, sizeof examples / sizeof examples[0]);
    tcase_add_loop_test(tc, malformed_graphs_fail_with_their_place, 0,
                        sizeof bad_graphs / sizeof bad_graphs[0]);
    tcase_add_test(tc, validate_reports_every_error);
    tcase_add_test(tc, weights_are_checked_against_their_declarations);
    tcase_add_test(tc, inputs_from_tensor_files);
    tcase_add_test(tc, case_files_run_and_convert);
    tcase_add_test(tc, limits_apply_to_graph_runs);
    tcase_add_test(tc, case_file_round_trip_keeps_the_graph);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(graph_suite)
