/* tests/check_graph_text.c - the `.webnn` text format: parser, text and JSON writers
 * (tools/graph_text.h). */
#include "harness.h"
#include "../tools/graph_text.h"

#include <stdlib.h>
#include <string.h>

/* What a FILE received, as a malloc'd NUL-terminated string (tmpfile: standard C). */
static char *file_text(FILE *f)
{
    long n;
    char *s;
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    ck_assert_int_ge(n, 0);
    rewind(f);
    s = (char *)malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static json_document *parse(const char *text, char *err, size_t size)
{
    return gt_parse(text, strlen(text), "g.webnn", err, size);
}

/* The canonical compact JSON of a text that must parse. */
static char *to_json(const char *text)
{
    char err[512];
    json_document *doc = parse(text, err, sizeof err);
    FILE *f = tmpfile();
    ck_assert_msg(doc != NULL, "rejected:\n%s\n%s", text, err);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(gt_write_json(f, json_root(doc), 0), 0);
    json_free(doc);
    return file_text(f);
}

/* gt_write_text of a tree; NULL when it fails (the message in err). */
static char *to_text(const json_value *graph, char *err, size_t size)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    if (gt_write_text(f, graph, err, size) != 0) {
        char *s = file_text(f);
        ck_assert_msg(s[0] == '\0', "a failed write wrote \"%s\"", s);
        free(s);
        return NULL;
    }
    return file_text(f);
}

#define HEAD "webnn_graph \"g\" v1 {\n"
#define J_HEAD "{\"format\":\"webnn-graph-json\",\"version\":1,\"name\":\"g\","
#define J_EMPTY_REST "\"consts\":{},\"nodes\":[],\"outputs\":{}}"

static const struct {
    const char *text, *json;
} valid[] = {
    /* the smallest graph: absent blocks are empty */
    {"webnn_graph \"\" v2 {}",
     "{\"format\":\"webnn-graph-json\",\"version\":2,\"name\":\"\",\"inputs\":{}," J_EMPTY_REST},
    {"webnn_graph \"q\" v1 @quantized { }",
     "{\"format\":\"webnn-graph-json\",\"version\":1,\"name\":\"q\",\"quantized\":true,"
     "\"inputs\":{}," J_EMPTY_REST},
    /* inputs: every data type, scalars, dynamic dimensions */
    {HEAD "inputs { a: f32[1, 2]; b: f16[]; c: i4[1]; d: u4[1]; e: i32[0]; f: u32[1];\n"
          "g: i64[1]; h: u64[1]; i: i8[1]; j: u8[dyn(\"batch\", 8), 3]; }}",
     J_HEAD "\"inputs\":{\"a\":{\"dataType\":\"float32\",\"shape\":[1,2]},"
            "\"b\":{\"dataType\":\"float16\",\"shape\":[]},\"c\":{\"dataType\":\"int4\","
            "\"shape\":[1]},\"d\":{\"dataType\":\"uint4\",\"shape\":[1]},\"e\":{\"dataType\":"
            "\"int32\",\"shape\":[0]},\"f\":{\"dataType\":\"uint32\",\"shape\":[1]},\"g\":{"
            "\"dataType\":\"int64\",\"shape\":[1]},\"h\":{\"dataType\":\"uint64\",\"shape\":[1]},"
            "\"i\":{\"dataType\":\"int8\",\"shape\":[1]},\"j\":{\"dataType\":\"uint8\",\"shape\":"
            "[{\"name\":\"batch\",\"maxSize\":8},3]}}," J_EMPTY_REST},
    /* constants: the three initializers, the default one, NaN and int64 texts kept */
    {HEAD "consts { W: f32[2] @weights(\"conv1.weight\"); s: f32[] @scalar(-1.5e-3);\n"
          "n: f32[] @scalar(NaN); m: f32[] @scalar(-Infinity); k: i64[] @scalar(-9223372036854775808);\n"
          "b: u8[4] @bytes([0, 1, 2, 255]); e: u8[0] @bytes([]); d: f32[3]; }}",
     J_HEAD "\"inputs\":{},\"consts\":{\"W\":{\"dataType\":\"float32\",\"shape\":[2],\"init\":"
            "{\"kind\":\"weights\",\"ref\":\"conv1.weight\"}},\"s\":{\"dataType\":\"float32\","
            "\"shape\":[],\"init\":{\"kind\":\"scalar\",\"value\":-1.5e-3}},\"n\":{\"dataType\":"
            "\"float32\",\"shape\":[],\"init\":{\"kind\":\"scalar\",\"value\":\"NaN\"}},\"m\":{"
            "\"dataType\":\"float32\",\"shape\":[],\"init\":{\"kind\":\"scalar\",\"value\":"
            "\"-Infinity\"}},\"k\":{\"dataType\":\"int64\",\"shape\":[],\"init\":{\"kind\":"
            "\"scalar\",\"value\":-9223372036854775808}},\"b\":{\"dataType\":\"uint8\",\"shape\":"
            "[4],\"init\":{\"kind\":\"inlineBytes\",\"bytes\":[0,1,2,255]}},\"e\":{\"dataType\":"
            "\"uint8\",\"shape\":[0],\"init\":{\"kind\":\"inlineBytes\",\"bytes\":[]}},\"d\":{"
            "\"dataType\":\"float32\",\"shape\":[3],\"init\":{\"kind\":\"weights\",\"ref\":\"d\"}}},"
            "\"nodes\":[],\"outputs\":{}}"},
    /* calls: operands, operand options, positional literals named by parameter */
    {HEAD "nodes {\n"
          "  y = conv2d(x, W, bias=b, padding=[1, 1, 1, 1], inputLayout=\"nchw\");\n"
          "  r = reshape(y, [1, 16]);\n"
          "  r2 = reshape(y, newShape=[1, 16]);\n"
          "  t = cast(r, \"int32\");\n"
          "  k = clamp(t, minValue=-Infinity, maxValue=1e400, label=nchw);\n"
          "  e = relu(k);\n"
          "}}",
     J_HEAD "\"inputs\":{},\"consts\":{},\"nodes\":["
            "{\"id\":\"y\",\"op\":\"conv2d\",\"inputs\":[\"x\",\"W\"],\"options\":{\"bias\":\"b\","
            "\"padding\":[1,1,1,1],\"inputLayout\":\"nchw\"}},"
            "{\"id\":\"r\",\"op\":\"reshape\",\"inputs\":[\"y\"],\"options\":{\"newShape\":[1,16]}},"
            "{\"id\":\"r2\",\"op\":\"reshape\",\"inputs\":[\"y\"],\"options\":{\"newShape\":[1,16]}},"
            "{\"id\":\"t\",\"op\":\"cast\",\"inputs\":[\"r\"],\"options\":{\"type\":\"int32\"}},"
            "{\"id\":\"k\",\"op\":\"clamp\",\"inputs\":[\"t\"],\"options\":{\"minValue\":"
            "\"-Infinity\",\"maxValue\":1e400,\"label\":\"nchw\"}},"
            "{\"id\":\"e\",\"op\":\"relu\",\"inputs\":[\"k\"],\"options\":{}}],\"outputs\":{}}"},
    /* concat's sequence three ways; multi-output; nested literals */
    {HEAD "nodes { c = concat([y, z], 1); c2 = concat(y, z, axis=1); c3 = concat([], 0);\n"
          "[a, b2] = split(c, 2, axis=1); [o] = split(c, [1, 2]);\n"
          "p = pad(a, [0], [0], mode=\"edge\", value=[[true, false], null, \"s\\\"\\\\\"]); }\n"
          "outputs { a, b2; o }}",
     J_HEAD "\"inputs\":{},\"consts\":{},\"nodes\":["
            "{\"id\":\"c\",\"op\":\"concat\",\"inputs\":[\"y\",\"z\"],\"options\":{\"axis\":1}},"
            "{\"id\":\"c2\",\"op\":\"concat\",\"inputs\":[\"y\",\"z\"],\"options\":{\"axis\":1}},"
            "{\"id\":\"c3\",\"op\":\"concat\",\"inputs\":[],\"options\":{\"axis\":0}},"
            "{\"id\":\"a\",\"op\":\"split\",\"inputs\":[\"c\"],\"options\":{\"splits\":2,"
            "\"axis\":1},\"outputs\":[\"a\",\"b2\"]},"
            "{\"id\":\"o\",\"op\":\"split\",\"inputs\":[\"c\"],\"options\":{\"splits\":[1,2]},"
            "\"outputs\":[\"o\"]},"
            "{\"id\":\"p\",\"op\":\"pad\",\"inputs\":[\"a\"],\"options\":{\"beginningPadding\":[0],"
            "\"endingPadding\":[0],\"mode\":\"edge\",\"value\":[[true,false],null,\"s\\\"\\\\\"]}}],"
            "\"outputs\":{\"a\":\"a\",\"b2\":\"b2\",\"o\":\"o\"}}"},
    /* byte order mark, blocks in any order, comments, odd identifiers, UTF-8 in strings,
       CRLF */
    {"\xEF\xBB\xBF# leading comment\r\nwebnn_graph \"gr\xC3\xA9\" v1 { # here\r\n outputs { $y/1.b; }\r\n"
     " nodes { $y/1.b = abs(_x); } inputs { _x: f32[2]; } } # trailing\n",
     "{\"format\":\"webnn-graph-json\",\"version\":1,\"name\":\"gr\xC3\xA9\",\"inputs\":{\"_x\":"
     "{\"dataType\":\"float32\",\"shape\":[2]}},\"consts\":{},\"nodes\":[{\"id\":\"$y/1.b\","
     "\"op\":\"abs\",\"inputs\":[\"_x\"],\"options\":{}}],\"outputs\":{\"$y/1.b\":\"$y/1.b\"}}"},
};

START_TEST(valid_files_give_the_json_twin)
{
    char *got = to_json(valid[_i].text);
    ck_assert_msg(strcmp(got, valid[_i].json) == 0, "text:\n%s\ngot:  %s\nwant: %s",
                  valid[_i].text, got, valid[_i].json);
    free(got);
}
END_TEST

/* Canonical texts: text -> tree -> text is the identity, and so is text -> JSON -> tree
 * (json_parse) -> text. */
static const char *const canonical[] = {
    "webnn_graph \"resnet head\" v1 {\n"
    "  inputs {\n"
    "    x: f32[1, 2048];\n"
    "    ids: i32[dyn(\"batch\", 8), 128];\n"
    "  }\n"
    "  consts {\n"
    "    W: f32[2048, 1000] @weights(\"W\");\n"
    "    s: f32[] @scalar(0.5);\n"
    "    n: f32[] @scalar(NaN);\n"
    "    b: u8[4] @bytes([1, 2, 3, 255]);\n"
    "  }\n"
    "  nodes {\n"
    "    logits0 = matmul(x, W);\n"
    "    y = conv2d(logits0, W, bias=b, padding=[1, 1, 1, 1], inputLayout=\"nchw\");\n"
    "    r = reshape(y, newShape=[1, 16]);\n"
    "    c = concat(y, r, axis=1);\n"
    "    [a, b2] = split(c, splits=2, axis=1);\n"
    "    q = clamp(a, minValue=-Infinity, maxValue=1e400, label=\"a \\\"q\\\" \\\\\");\n"
    "    g = gemm(a, b2, c=s, alpha=1.5, aTranspose=true, x=null, y=[[1], []]);\n"
    "  }\n"
    "  outputs {\n"
    "    q;\n"
    "    g;\n"
    "  }\n"
    "}\n",
    "webnn_graph \"\" v2 @quantized {\n"
    "  inputs {}\n"
    "  consts {}\n"
    "  nodes {}\n"
    "  outputs {}\n"
    "}\n",
};

START_TEST(canonical_text_round_trips)
{
    char err[512], *text, *json, *again;
    const char *fixed = canonical[_i];
    json_document *doc, *jdoc;
    json_error jerr;
    FILE *f;
    doc = parse(fixed, err, sizeof err);
    ck_assert_msg(doc != NULL, "%s", err);
    text = to_text(json_root(doc), err, sizeof err);
    ck_assert_msg(text != NULL, "%s", err);
    ck_assert_msg(strcmp(text, fixed) == 0, "want:\n%s\ngot:\n%s", fixed, text);
    f = tmpfile();
    ck_assert_int_eq(gt_write_json(f, json_root(doc), 2), 0);
    json = file_text(f);
    jdoc = json_parse(json, strlen(json), NULL, &jerr);
    ck_assert_msg(jdoc != NULL, "%s\n%s", jerr.message, json);
    again = to_text(json_root(jdoc), err, sizeof err);
    ck_assert_msg(again != NULL, "%s", err);
    ck_assert_str_eq(again, fixed);
    free(text);
    free(json);
    free(again);
    json_free(doc);
    json_free(jdoc);
}
END_TEST

START_TEST(json_writer_indents_and_orders_members)
{
    static const char json[] =
        "{\"outputs\": {\"y\": \"y\"}, \"nodes\": [{\"options\": {}, \"inputs\": [\"x\"], "
        "\"op\": \"relu\", \"id\": \"y\"}], \"inputs\": {\"x\": {\"shape\": [2], \"dataType\": "
        "\"float32\"}}, \"extra\": 1, \"version\": 1, \"format\": \"webnn-graph-json\"}";
    static const char want[] =
        "{\n"
        "  \"format\": \"webnn-graph-json\",\n"
        "  \"version\": 1,\n"
        "  \"inputs\": {\n"
        "    \"x\": {\n"
        "      \"dataType\": \"float32\",\n"
        "      \"shape\": [2]\n"
        "    }\n"
        "  },\n"
        "  \"nodes\": [\n"
        "    {\n"
        "      \"id\": \"y\",\n"
        "      \"op\": \"relu\",\n"
        "      \"inputs\": [\"x\"],\n"
        "      \"options\": {}\n"
        "    }\n"
        "  ],\n"
        "  \"outputs\": {\n"
        "    \"y\": \"y\"\n"
        "  },\n"
        "  \"extra\": 1\n"
        "}\n";
    json_error jerr;
    json_document *doc = json_parse(json, strlen(json), NULL, &jerr);
    FILE *f = tmpfile();
    char *got;
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(gt_write_json(f, json_root(doc), 2), 0);
    got = file_text(f);
    ck_assert_str_eq(got, want);
    free(got);
    json_free(doc);
}
END_TEST

START_TEST(tree_positions_point_into_the_text)
{
    static const char text[] = "webnn_graph \"g\" v1 {\n"
                               "  inputs { x: f32[2]; }\n"
                               "  nodes {\n"
                               "    y = conv2d(x, W, bias=b);\n"
                               "  }\n"
                               "  outputs { y; }\n"
                               "}\n";
    char err[256];
    json_document *doc = parse(text, err, sizeof err);
    const json_value *root, *x, *node, *op, *in, *bias, *out;
    ck_assert_msg(doc != NULL, "%s", err);
    root = json_root(doc);
    ck_assert_uint_eq(root->line, 1);
    ck_assert_uint_eq(root->column, 1);
    x = json_get(json_get(root, "inputs"), "x");
    ck_assert_uint_eq(x->keyLine, 2);
    ck_assert_uint_eq(x->keyColumn, 12);
    ck_assert_uint_eq(json_get(x, "dataType")->column, 15);
    ck_assert_uint_eq(json_get(x, "shape")->column, 18);
    ck_assert_uint_eq(json_get(root, "nodes")->keyLine, 3);
    node = &json_get(root, "nodes")->items[0];
    ck_assert_uint_eq(node->line, 4);
    ck_assert_uint_eq(node->column, 5);
    op = json_get(node, "op");
    ck_assert_uint_eq(op->line, 4);
    ck_assert_uint_eq(op->column, 9);
    in = json_get(node, "inputs");
    ck_assert_uint_eq(in->items[1].column, 19);
    bias = json_get(json_get(node, "options"), "bias");
    ck_assert_uint_eq(bias->keyLine, 4);
    ck_assert_uint_eq(bias->keyColumn, 22);
    ck_assert_uint_eq(bias->column, 27);
    out = json_get(json_get(root, "outputs"), "y");
    ck_assert_uint_eq(out->line, 6);
    ck_assert_uint_eq(out->column, 13);
    json_free(doc);
}
END_TEST

static const struct {
    const char *text, *message;
    uint32_t line, column;
} errors[] = {
    {"", "expected 'webnn_graph' to start the graph, got the end of the file", 1, 1},
    {"webnn_graf \"g\" v1 {}", "expected 'webnn_graph'", 1, 1},
    {"webnn_graph g v1 {}", "expected the graph's name (a string) after 'webnn_graph', got "
                            "identifier 'g'", 1, 13},
    {"webnn_graph \"g\" v3 {}", "expected the format version 'v1' or 'v2'", 1, 17},
    {"webnn_graph \"g\" v1 @quant {}", "expected '@quantized' or '{'", 1, 20},
    {"webnn_graph \"g\" v1 {} x", "expected the end of the file after the graph's closing "
                                "'}', got identifier 'x'", 1, 23},
    /* missing semicolons */
    {HEAD "inputs { x: f32[1] }}", "expected ';' after the input declaration, got '}'", 2, 20},
    {HEAD "consts { W: f32[1] @weights(\"w\") }}", "expected ';' after the constant "
                                                     "declaration, got '}'", 2, 34},
    {HEAD "nodes { y = relu(x) }}", "expected ';' after the statement, got '}'", 2, 21},
    /* types */
    {HEAD "inputs { x: float32[1]; }}", "expected a data type (f32, f16, i4, u4, i32, u32, "
                                        "i64, u64, i8, u8), got identifier 'float32'", 2, 13},
    {HEAD "inputs { x: f32; }}", "expected '[' to open the shape, got ';'", 2, 16},
    {HEAD "inputs { x: f32[-1]; }}", "expected a dimension (an integer or dyn(\"name\", "
                                     "max)), got number -1", 2, 17},
    {HEAD "inputs { x: f32[1.5]; }}", "expected a dimension", 2, 17},
    {HEAD "inputs { x: f32[1 2]; }}", "expected ',' or ']' in the shape, got number 2", 2, 19},
    {HEAD "inputs { x: f32[dyn(b, 2)]; }}", "expected the dimension's name (a string) in "
                                            "dyn(), got identifier 'b'", 2, 21},
    {HEAD "consts { W: f32[dyn(\"b\", 2)]; }}", "a constant's shape must be static", 2, 17},
    {HEAD "inputs { x: f32[01]; }}", "a number cannot have leading zeros", 2, 17},
    /* strings */
    {HEAD "consts { W: f32[1] @weights(\"w); }}", "unterminated string", 2, 29},
    {HEAD "consts { W: f32[1] @weights(\"a\\nb\"); }}", "invalid escape in a string: only "
                                                        "\\\" and \\\\ are allowed", 2, 31},
    {HEAD "consts { W: f32[1] @weights(\"a\nb\"); }}", "a string cannot span lines", 2, 31},
    {HEAD "consts { W: f32[1] @weights(\"a\tb\"); }}", "a control character (byte 0x09)", 2,
     31},
    {HEAD "consts { W: f32[1] @weights(\"a\xC3\"); }}", "invalid UTF-8 in a string", 2, 31},
    /* constants */
    {HEAD "consts { W: f32[1] @weight(\"w\"); }}", "unknown annotation '@weight'", 2, 20},
    {HEAD "consts { W: f32[1] @scalar(\"1\"); }}", "expected a number in @scalar(), got "
                                                   "string \"1\"", 2, 28},
    {HEAD "consts { W: u8[1] @bytes([256]); }}", "a byte must be 0 to 255, got 256", 2, 27},
    {HEAD "consts { W: u8[1] @bytes([1, -1]); }}", "expected a byte (an integer 0 to 255), "
                                                   "got number -1", 2, 30},
    {HEAD "consts { W: f32[1] @scalar(1) @weights(\"w\"); }}", "a constant takes one "
                                                               "annotation", 2, 31},
    /* operators and arguments */
    {HEAD "nodes { y = conv(x, W); }}", "unknown operator \"conv\" (did you mean ", 2, 13},
    {HEAD "nodes { y = Conv2D(x, W); }}", "unknown operator \"Conv2D\" (did you mean "
                                          "\"conv2d\"?)", 2, 13},
    {HEAD "nodes { y = frobnicate(x); }}", "unknown operator \"frobnicate\"", 2, 13},
    {HEAD "nodes { y = relu(x, y); }}", "too many positional arguments: relu takes (input), "
                                        "then named options", 2, 21},
    {HEAD "nodes { y = reshape(x, [1], [2]); }}", "too many positional arguments: reshape "
                                                  "takes (input, newShape)", 2, 29},
    {HEAD "nodes { y = add(x, 1); }}", "expected an operand name for parameter 'b' of add, "
                                       "got number 1", 2, 20},
    {HEAD "nodes { y = conv2d(x, \"W\"); }}", "expected an operand name for parameter "
                                              "'filter' of conv2d", 2, 23},
    {HEAD "nodes { y = reshape(x, shape); }}", "expected a literal value for parameter "
                                               "'newShape' of reshape, got identifier 'shape'",
     2, 24},
    {HEAD "nodes { y = concat(1, 2); }}", "expected operand names or a list of them for "
                                          "parameter 'inputs' of concat", 2, 20},
    {HEAD "nodes { y = concat([a, 1], 2); }}", "expected an operand name in concat's inputs "
                                               "list, got number 1", 2, 24},
    {HEAD "nodes { y = softmax(x, axis=1, axis=2); }}", "softmax: the argument 'axis' is "
                                                        "given twice (first at 2:24)", 2, 32},
    {HEAD "nodes { y = reshape(x, [1], newShape=[1]); }}", "reshape: the argument 'newShape' "
                                                           "is given twice (first at 2:24)", 2,
     29},
    {HEAD "nodes { y = softmax(x, axis=1, x); }}", "a positional argument after the named "
                                                   "argument at 2:24", 2, 32},
    {HEAD "nodes { y = x; }}", "expected an operator call, got identifier 'x' followed by ';'",
     2, 13},
    {HEAD "nodes { y = 5; }}", "expected an operator call, got number 5", 2, 13},
    {HEAD "nodes { y = relu(x; }}", "expected ',' or ')' after an argument of relu, got ';'",
     2, 19},
    {HEAD "nodes { [a, 1] = split(x, 2); }}", "expected an output name, got number 1", 2, 13},
    {HEAD "nodes { y = relu(x, label=[1, 2); }}", "expected ',' or ']' in an array, got ')'",
     2, 32},
    /* blocks */
    {HEAD "inputs { } inputs { }}", "a second 'inputs' block (the first is at 2:1)", 2, 12},
    {HEAD "nodes { } outputs { } nodes { }}", "a second 'nodes' block (the first is at 2:1)",
     2, 23},
    {HEAD "weights { }}", "expected a block (inputs, consts, nodes, outputs) or '}', got "
                          "identifier 'weights'", 2, 1},
    {HEAD "inputs { x: f32[1];", "expected '}' to close the inputs block, got the end of the "
                                 "file", 2, 20},
    {HEAD "outputs { y: z; }}", "expected an output name or '}', got ':'", 2, 12},
    /* characters */
    {HEAD "inputs { x: f32[1]; } % }", "unexpected character '%'", 2, 23},
    {HEAD "inputs { x\x01: f32[1]; } }", "unexpected byte 0x01", 2, 11},
    {HEAD "nodes { y = clamp(x, minValue=-NaN); }}", "expected a digit after '-'", 2, 32},
    {HEAD "nodes { y = clamp(x, minValue=1.); }}", "expected a digit after '.' in a number", 2,
     33},
    {HEAD "nodes { y = clamp(x, minValue=1e); }}", "expected a digit in a number's exponent", 2,
     33},
    {HEAD "nodes { y = clamp(x, minValue=12ab); }}", "unexpected 'a' after a number", 2, 33},
};

START_TEST(syntax_errors_name_the_place)
{
    char err[512], want[64];
    json_document *doc = parse(errors[_i].text, err, sizeof err);
    ck_assert_msg(doc == NULL, "accepted:\n%s", errors[_i].text);
    ck_assert_msg(strstr(err, errors[_i].message) != NULL, "text:\n%s\nmessage \"%s\" lacks \"%s\"",
                  errors[_i].text, err, errors[_i].message);
    snprintf(want, sizeof want, "g.webnn:%lu:%lu: ", (unsigned long)errors[_i].line,
             (unsigned long)errors[_i].column);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "text:\n%s\nmessage \"%s\" is not at %s",
                  errors[_i].text, err, want);
}
END_TEST

/* Every proper prefix of a valid file is an error, never a crash or a tree. */
START_TEST(every_truncation_is_an_error)
{
    const char *text = canonical[0];
    size_t n = strlen(text), cut, errors_seen = 0;
    char err[512];
    char *copy = (char *)malloc(n);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, n); /* valid in full */
    {
        json_document *doc = gt_parse(copy, n, "g.webnn", err, sizeof err);
        ck_assert_msg(doc != NULL, "%s", err);
        json_free(doc);
    }
    for (cut = 0; cut + 1 < n; cut++) { /* the last byte is the closing newline */
        /* a separate exact-size buffer, so that ASan catches any read past the end */
        char *prefix = (char *)malloc(cut ? cut : 1);
        json_document *doc;
        ck_assert_ptr_nonnull(prefix);
        memcpy(prefix, copy, cut);
        doc = gt_parse(prefix, cut, "g.webnn", err, sizeof err);
        ck_assert_msg(doc == NULL, "accepted a prefix of %lu bytes", (unsigned long)cut);
        ck_assert_msg(strncmp(err, "g.webnn:", 8) == 0, "%s", err);
        errors_seen++;
        free(prefix);
    }
    ck_assert_uint_eq(errors_seen, n - 1);
    free(copy);
}
END_TEST

/* Garbled files (bytes replaced, deterministic pseudo-random): never a crash; whatever parses
 * either writes as text that parses again, or is refused by the writer with a message. */
START_TEST(garbled_files_never_crash)
{
    static const char alphabet[] = "{}[](),;:=@\"\\#-.0e9xv_/$\n\t\x01\xC3\x80";
    const char *text = canonical[0];
    size_t n = strlen(text), round, parsed = 0, rejected = 0;
    unsigned long state = 12345;
    char err[512];
    char *copy = (char *)malloc(n);
    ck_assert_ptr_nonnull(copy);
    for (round = 0; round < 3000; round++) {
        json_document *doc;
        size_t k, flips = 1 + round % 3;
        memcpy(copy, text, n);
        for (k = 0; k < flips; k++) {
            state = state * 1103515245u + 12345u;
            copy[(state >> 8) % n] = alphabet[(state >> 20) % (sizeof alphabet - 1)];
        }
        doc = gt_parse(copy, n, "g.webnn", err, sizeof err);
        if (!doc) {
            ck_assert_msg(strncmp(err, "g.webnn:", 8) == 0, "%s", err);
            rejected++;
            continue;
        }
        parsed++;
        {
            char *out = to_text(json_root(doc), err, sizeof err);
            if (out) {
                json_document *again = parse(out, err, sizeof err);
                ck_assert_msg(again != NULL, "written text does not parse: %s\n%s", err, out);
                json_free(again);
                free(out);
            } else
                ck_assert_msg(strncmp(err, "cannot write", 12) == 0, "%s", err);
        }
        json_free(doc);
    }
    /* both outcomes occur, so the loop exercises the parser and the writer */
    ck_assert_uint_gt(parsed, 0);
    ck_assert_uint_gt(rejected, 0);
    free(copy);
}
END_TEST

static char *repeat(const char *head, const char *unit, size_t count, const char *tail)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail), i;
    char *s = (char *)malloc(h + u * count + t + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, h);
    for (i = 0; i < count; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + u * count, tail, t + 1);
    return s;
}

START_TEST(limits_are_enforced)
{
    char err[512];
    json_document *doc;
    char *text, *deep;
    size_t i;
    /* nesting: 64 levels of arrays parse, 65 do not */
    for (i = GT_MAX_DEPTH; i <= GT_MAX_DEPTH + 1; i++) {
        char *open = repeat(HEAD "nodes { y = relu(x, label=", "[", i, "");
        deep = repeat(open, "]", i, "); }}");
        doc = parse(deep, err, sizeof err);
        if (i == GT_MAX_DEPTH) {
            ck_assert_msg(doc != NULL, "%s", err);
            json_free(doc);
        } else {
            ck_assert_ptr_null(doc);
            ck_assert_msg(strstr(err, "g.webnn:2:91: arrays nested deeper than 64 levels"),
                          "%s", err);
        }
        free(open);
        free(deep);
    }
    /* names and strings: 64 KiB, not one byte more */
    for (i = GT_MAX_NAME; i <= GT_MAX_NAME + 1; i++) {
        char *name = repeat(HEAD "inputs { ", "a", i, ": f32[1]; }}");
        char *str = repeat(HEAD "consts { w: f32[1] @weights(\"", "b", i, "\"); }}");
        doc = parse(name, err, sizeof err);
        ck_assert_msg((doc != NULL) == (i == GT_MAX_NAME), "%s", err);
        if (!doc)
            ck_assert_msg(strstr(err, "g.webnn:2:10: a name longer than 65536 bytes"), "%s", err);
        json_free(doc);
        doc = parse(str, err, sizeof err);
        ck_assert_msg((doc != NULL) == (i == GT_MAX_NAME), "%s", err);
        if (!doc)
            ck_assert_msg(strstr(err, "g.webnn:2:29: a string longer than 65536 bytes"), "%s",
                          err);
        json_free(doc);
        free(name);
        free(str);
    }
    /* the size of the text is checked before any byte is read */
    text = repeat("", " ", 16, "");
    ck_assert_ptr_null(gt_parse(text, GT_MAX_BYTES + 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "<text>:1:1: the text is longer than 268435456 bytes"), "%s", err);
    free(text);
    /* a NUL byte is not the end of the text */
    ck_assert_ptr_null(gt_parse("webnn_graph \"g\" v1 {}\0", 22, "g", err, sizeof err));
    ck_assert_msg(strstr(err, "g:1:22: unexpected byte 0x00"), "%s", err);
    /* the error buffer is never overrun, and a NULL one is allowed */
    ck_assert_ptr_null(parse("nonsense", err, 8));
    ck_assert_uint_eq(strlen(err), 7);
    ck_assert_ptr_null(parse("nonsense", NULL, 0));
}
END_TEST

/* Trees that the text format cannot say: writer errors (nothing written). */
static const struct {
    const char *json, *message;
} unwritable[] = {
    {"[]", "the graph must be an object"},
    {"{\"format\":\"onnx\",\"version\":1}", "\"format\" must be \"webnn-graph-json\""},
    {"{\"format\":\"webnn-graph-json\",\"version\":3}", "\"version\" must be 1 or 2"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"meta\":{}}",
     "the graph has a member \"meta\" that the text format cannot say (at 1:42)"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"outputs\":{\"logits\":\"probs\"}}",
     "the output \"logits\" is \"probs\": the text format names each output like the operand"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"inputs\":{\"my-x\":{\"dataType\":"
     "\"float32\",\"shape\":[]}}}", "the input name \"my-x\" is not an identifier"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"inputs\":{\"true\":{\"dataType\":"
     "\"float32\",\"shape\":[]}}}", "the input name \"true\" is not an identifier"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"inputs\":{\"x\":{\"dataType\":"
     "\"float64\",\"shape\":[]}}}", "the data type \"float64\" has no name in the text format"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"inputs\":{\"x\":{\"dataType\":"
     "\"float32\",\"shape\":[1.5]}}}", "a dimension must be a non-negative integer"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"consts\":{\"w\":{\"dataType\":"
     "\"float32\",\"shape\":[1]}}}", "a constant without an \"init\" object"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"consts\":{\"w\":{\"dataType\":"
     "\"float32\",\"shape\":[1],\"init\":{\"kind\":\"weights\",\"ref\":\"a\\nb\"}}}}",
     "a string holding a control character (byte 0x0a)"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"consts\":{\"w\":{\"dataType\":"
     "\"uint8\",\"shape\":[1],\"init\":{\"kind\":\"inlineBytes\",\"bytes\":[300]}}}}",
     "a byte must be an integer 0 to 255"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"convolve\",\"inputs\":[],\"options\":{}}]}", "unknown operator \"convolve\""},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"relu\",\"inputs\":[\"a\",\"b\"],\"options\":{}}]}", "relu takes fewer operands than "
                                                          "the node's 2"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"relu\",\"inputs\":[\"a\"],\"options\":{\"o\":{}}}]}", "an object value"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"conv2d\",\"inputs\":[\"a\",\"w\"],\"options\":{\"bias\":\"b c\"}}]}",
     "the operand name \"b c\" is not an identifier"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"split\",\"inputs\":[\"a\"],\"options\":{},\"outputs\":[\"p\",\"q\"]}]}",
     "a node whose \"id\" differs from its first output"},
    {"{\"format\":\"webnn-graph-json\",\"version\":1,\"nodes\":[{\"id\":\"y\",\"op\":"
     "\"relu\",\"inputs\":[\"a\"],\"label\":\"l\"}]}", "a node has a member \"label\""},
};

START_TEST(unwritable_trees_are_errors)
{
    char err[512], *text;
    json_error jerr;
    json_document *doc = json_parse(unwritable[_i].json, strlen(unwritable[_i].json), NULL,
                                    &jerr);
    ck_assert_msg(doc != NULL, "%s", jerr.message);
    text = to_text(json_root(doc), err, sizeof err);
    ck_assert_msg(text == NULL, "wrote:\n%s", text ? text : "");
    ck_assert_msg(strncmp(err, "cannot write the graph as text: ", 32) == 0, "%s", err);
    ck_assert_msg(strstr(err, unwritable[_i].message) != NULL, "message \"%s\" lacks \"%s\"",
                  err, unwritable[_i].message);
    json_free(doc);
}
END_TEST

/* A JSON twin written by another tool (no name, positional order of members differs,
 * quoted operand names, a value parameter in options) writes as canonical text. */
START_TEST(json_twin_from_a_file_writes_as_text)
{
    static const char json[] =
        "{\"version\":2,\"format\":\"webnn-graph-json\",\"outputs\":{\"r\":\"r\"},"
        "\"inputs\":{\"x\":{\"shape\":[2,2],\"dataType\":\"float32\"}},"
        "\"nodes\":[{\"op\":\"reshape\",\"id\":\"r\",\"inputs\":[\"x\"],"
        "\"options\":{\"newShape\":[4],\"label\":\"NaN\"}}]}";
    static const char want[] = "webnn_graph \"\" v2 {\n"
                               "  inputs {\n"
                               "    x: f32[2, 2];\n"
                               "  }\n"
                               "  consts {}\n"
                               "  nodes {\n"
                               "    r = reshape(x, newShape=[4], label=NaN);\n"
                               "  }\n"
                               "  outputs {\n"
                               "    r;\n"
                               "  }\n"
                               "}\n";
    char err[256], *text;
    json_error jerr;
    json_document *doc = json_parse(json, strlen(json), NULL, &jerr);
    ck_assert_ptr_nonnull(doc);
    text = to_text(json_root(doc), err, sizeof err);
    ck_assert_msg(text != NULL, "%s", err);
    ck_assert_str_eq(text, want);
    free(text);
    json_free(doc);
}
END_TEST

static Suite *graph_text_suite(void)
{
    Suite *s = suite_create("graph_text");
    TCase *tc = tcase_create("graph_text");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, valid_files_give_the_json_twin, 0, sizeof valid / sizeof valid[0]);
    tcase_add_loop_test(tc, canonical_text_round_trips, 0,
                        sizeof canonical / sizeof canonical[0]);
    tcase_add_test(tc, json_writer_indents_and_orders_members);
    tcase_add_test(tc, tree_positions_point_into_the_text);
    tcase_add_loop_test(tc, syntax_errors_name_the_place, 0, sizeof errors / sizeof errors[0]);
    tcase_add_test(tc, every_truncation_is_an_error);
    tcase_add_test(tc, garbled_files_never_crash);
    tcase_add_test(tc, limits_are_enforced);
    tcase_add_loop_test(tc, unwritable_trees_are_errors, 0,
                        sizeof unwritable / sizeof unwritable[0]);
    tcase_add_test(tc, json_twin_from_a_file_writes_as_text);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(graph_text_suite)
