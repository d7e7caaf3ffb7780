/* tests/check_limits.c - the resource limits of a context (maxTensorBytes, maxGraphBytes):
 * every refusal path at its boundary, the defaults, graphs that would need gigabytes refused
 * without allocating them, and the webnn command's --max-tensor-bytes / --max-graph-bytes. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"
#include "../tools/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------------------- */

static WNNContext context_with(uint64_t maxTensorBytes, uint64_t maxGraphBytes)
{
    WNNContextOptions options = WNN_CONTEXT_OPTIONS_INIT;
    WNNContext c = NULL;
    options.maxTensorBytes = maxTensorBytes;
    options.maxGraphBytes = maxGraphBytes;
    ck_assert_int_eq(wnnCreateContext(&options, &c), WNNStatus_Success);
    return c;
}

static WNNOperandDescriptor desc_of(WNNOperandDataType type, const uint32_t *shape,
                                    size_t rank)
{
    WNNOperandDescriptor d;
    d.dataType = type;
    d.shape = shape;
    d.shapeCount = rank;
    return d;
}

static void expect_message(const char *message, const char *needle)
{
    ck_assert_msg(strstr(message, needle) != NULL, "message \"%s\" lacks \"%s\"", message,
                  needle);
}

/* ---- maxTensorBytes: each path at limit - 1, limit and limit + 1 bytes ------------------ */

enum { PATH_INPUT, PATH_CONSTANT, PATH_OUTPUT, PATH_CREATE_TENSOR, PATH_CONSTANT_TENSOR };

static const struct {
    int path;
    const char *prefix; /* the message starts with this */
    const char *what;   /* "the byte length of <what> (uint8 [65])" */
} paths[] = {
    {PATH_INPUT, "input[x]: ", "the input"},
    {PATH_CONSTANT, "constant: ", "the constant"},
    {PATH_OUTPUT, "expand[wide]: ", "the output"},
    {PATH_CREATE_TENSOR, "createTensor: ", "the tensor"},
    {PATH_CONSTANT_TENSOR, "createConstantTensor: ", "the tensor"},
};

#define LIMIT 64u

/* Create an operand or tensor of `bytes` uint8 elements by the path; returns the status and
 * copies the message. */
static WNNStatus try_path(int path, uint32_t bytes, char *message, size_t size)
{
    static const uint8_t zeros[LIMIT + 1];
    WNNContext c = context_with(LIMIT, 0);
    WNNGraphBuilder b = NULL;
    WNNOperand o = NULL, one = NULL;
    WNNTensor t = NULL;
    WNNStatus s;
    uint32_t shape[1], unit[1] = {1};
    WNNOperandDescriptor d = desc_of(WNNOperandDataType_Uint8, shape, 1);
    WNNOperatorOptions labelled = WNN_OPERATOR_OPTIONS_INIT;
    shape[0] = bytes;
    labelled.label = "wide";
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    switch (path) {
    case PATH_INPUT:
        s = wnnGraphBuilderInput(b, "x", &d, &o);
        break;
    case PATH_CONSTANT:
        s = wnnGraphBuilderConstant(b, &d, zeros, bytes, &o);
        break;
    case PATH_OUTPUT: {
        WNNOperandDescriptor small = desc_of(WNNOperandDataType_Uint8, unit, 1);
        ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &small, &one), WNNStatus_Success);
        s = wnnGraphBuilderExpand(b, one, shape, 1, &labelled, &o);
        break;
    }
    case PATH_CREATE_TENSOR: {
        WNNTensorDescriptor td = {WNNOperandDataType_Uint8, NULL, 1, 1, 1};
        td.shape = shape;
        s = wnnContextCreateTensor(c, &td, &t);
        break;
    }
    default:
        s = wnnContextCreateConstantTensor(c, &d, zeros, bytes, &t);
        break;
    }
    snprintf(message, size, "%s",
             path >= PATH_CREATE_TENSOR ? wnnContextGetErrorMessage(c)
                                        : wnnGraphBuilderGetErrorMessage(b));
    /* A refusal leaves the out-parameter unchanged. */
    if (s != WNNStatus_Success)
        ck_assert(o == NULL && t == NULL);
    wnnTensorRelease(t);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
    return s;
}

START_TEST(tensor_limit_on_every_path)
{
    size_t i;
    uint32_t delta;
    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        for (delta = 0; delta < 3; delta++) {
            uint32_t bytes = LIMIT - 1 + delta; /* limit - 1, limit, limit + 1 */
            char message[600], want[300];
            WNNStatus s = try_path(paths[i].path, bytes, message, sizeof message);
            if (bytes <= LIMIT) {
                ck_assert_msg(s == WNNStatus_Success, "path %lu, %lu bytes: %s",
                              (unsigned long)i, (unsigned long)bytes, message);
                continue;
            }
            ck_assert_msg(s == WNNStatus_TypeError, "path %lu: status %d", (unsigned long)i,
                          (int)s);
            snprintf(want, sizeof want,
                     "%sthe byte length of %s (uint8 [65]) must be at most 64 (maxTensorBytes), "
                     "got 65",
                     paths[i].prefix, paths[i].what);
            ck_assert_str_eq(message, want);
        }
    }
}
END_TEST

START_TEST(tensor_limit_counts_bytes_not_elements)
{
    /* float32 [16] is 64 bytes, [17] is 68: the element size is part of the byte length. */
    WNNContext c = context_with(LIMIT, 0);
    WNNGraphBuilder b;
    WNNOperand x = NULL, y = NULL;
    uint32_t s16[1] = {16}, s17[1] = {17}, s2[2] = {2, 8};
    WNNOperandDescriptor d16 = desc_of(WNNOperandDataType_Float32, s16, 1);
    WNNOperandDescriptor d17 = desc_of(WNNOperandDataType_Float32, s17, 1);
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "a", &d16, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "b", &d17, &y), WNNStatus_TypeError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "input[b]: the byte length of the input (float32 [17]) must be at most 64 "
                   "(maxTensorBytes), got 68");
    /* reshape to 2 x 8 float32 stays at 64 bytes; an int64 cast of it would be 128 */
    ck_assert_int_eq(wnnGraphBuilderReshape(b, x, s2, 2, NULL, &y), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderCast(b, y, WNNOperandDataType_Int64, NULL, &y),
                     WNNStatus_TypeError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "cast: the byte length of the output (int64 [2, 8]) must be at most 64 "
                   "(maxTensorBytes), got 128");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

START_TEST(scalar_constant_within_a_tiny_limit)
{
    WNNContext c = context_with(2, 0);
    WNNGraphBuilder b;
    WNNOperand o = NULL;
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderConstantScalar(b, WNNOperandDataType_Float16,
                                                   wnnNumberFromDouble(1), &o),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderConstantScalar(b, WNNOperandDataType_Float32,
                                                   wnnNumberFromDouble(1), &o),
                     WNNStatus_TypeError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "constant: the byte length of the constant (float32 []) must be at most 2 "
                   "(maxTensorBytes), got 4");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

START_TEST(each_operator_output_is_checked)
{
    /* tile of a [2, 1] input: [2, 32] is 64 bytes, [2, 33] is 66 */
    WNNContext c = context_with(LIMIT, 0);
    WNNGraphBuilder b;
    WNNOperand y = NULL, x = NULL;
    uint32_t s1[2] = {2, 1}, r32[2] = {1, 32}, r33[2] = {1, 33};
    WNNOperandDescriptor d1 = desc_of(WNNOperandDataType_Uint8, s1, 2);
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "y", &d1, &y), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTile(b, y, r32, 2, NULL, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderTile(b, y, r33, 2, NULL, &x), WNNStatus_TypeError);
    ck_assert_str_eq(wnnGraphBuilderGetErrorMessage(b),
                     "tile: the byte length of the output (uint8 [2, 33]) must be at most 64 "
                     "(maxTensorBytes), got 66");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

/* ---- maxGraphBytes ----------------------------------------------------------------------- */

/* x (uint8 [n]) -> identity -> output: operands 2n, one output copy n, total 3n. */
static WNNStatus build_identity(uint64_t maxGraphBytes, uint32_t n, char *message, size_t size)
{
    WNNContext c = context_with(0, maxGraphBytes);
    WNNGraphBuilder b;
    WNNOperand x = NULL, y = NULL, more = NULL;
    WNNGraph g = NULL;
    uint32_t shape[1];
    WNNOperandDescriptor d = desc_of(WNNOperandDataType_Uint8, shape, 1);
    WNNNamedOperand named = {"y", NULL};
    WNNStatus s;
    shape[0] = n;
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &d, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderIdentity(b, x, NULL, &y), WNNStatus_Success);
    named.operand = y;
    s = wnnGraphBuilderBuild(b, 1, &named, &g);
    snprintf(message, size, "%s", wnnGraphBuilderGetErrorMessage(b));
    if (s != WNNStatus_Success) {
        ck_assert_ptr_null(g);
        /* A refused build changes nothing: the builder still builds. */
        ck_assert_int_eq(wnnGraphBuilderIdentity(b, x, NULL, &more), WNNStatus_Success);
    }
    wnnGraphRelease(g);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
    return s;
}

START_TEST(graph_limit_at_the_boundary)
{
    char message[600];
    /* total 30 bytes: limit 31 (total = limit - 1), 30 (= limit), 29 (= limit + 1) */
    ck_assert_int_eq(build_identity(31, 10, message, sizeof message), WNNStatus_Success);
    ck_assert_int_eq(build_identity(30, 10, message, sizeof message), WNNStatus_Success);
    ck_assert_int_eq(build_identity(29, 10, message, sizeof message), WNNStatus_OperationError);
    ck_assert_str_eq(message, "build: the bytes needed to evaluate the graph must be at most 29 "
                              "(maxGraphBytes), got 30 (operands 20, output copies 10, kernel "
                              "scratch 0)");
}
END_TEST

START_TEST(graph_limit_counts_unused_outputs_and_scratch)
{
    WNNContext c = context_with(0, 1);
    WNNGraphBuilder b;
    WNNOperand x = NULL, idx = NULL, upd = NULL, y = NULL, parts[2] = {NULL, NULL};
    WNNGraph g = NULL;
    uint32_t s4[1] = {4}, s1[1] = {1};
    WNNOperandDescriptor d4 = desc_of(WNNOperandDataType_Float32, s4, 1);
    WNNOperandDescriptor di = desc_of(WNNOperandDataType_Int32, s1, 1);
    WNNOperandDescriptor du = desc_of(WNNOperandDataType_Float32, s1, 1);
    WNNNamedOperand named = {"y", NULL};
    size_t partCount = 0;
    char want[300];
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &d4, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "i", &di, &idx), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "u", &du, &upd), WNNStatus_Success);
    /* scatterElements keeps a log of sizeof(size_t) + 1 bytes per output element */
    ck_assert_int_eq(wnnGraphBuilderScatterElements(b, x, idx, upd, NULL, &y),
                     WNNStatus_Success);
    /* split into two halves of 8 bytes; only the first is used, both are computed */
    ck_assert_int_eq(wnnGraphBuilderSplit(b, y, 2, NULL, 0, NULL, 2, parts, &partCount),
                     WNNStatus_Success);
    ck_assert_uint_eq(partCount, 2);
    named.operand = parts[0];
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_OperationError);
    /* operands: x 16, i 4, u 4, y 16, both halves 16 = 56; copy 8 */
    snprintf(want, sizeof want, "(operands 56, output copies 8, kernel scratch %lu)",
             (unsigned long)(4 * (sizeof(size_t) + 1)));
    expect_message(wnnGraphBuilderGetErrorMessage(b), want);
    expect_message(wnnGraphBuilderGetErrorMessage(b), "must be at most 1 (maxGraphBytes)");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

START_TEST(graph_within_the_limit_runs)
{
    /* a graph exactly at its limit builds and dispatches normally */
    WNNContext c = context_with(16, 48);
    WNNGraphBuilder b;
    WNNOperand x = NULL, y = NULL;
    WNNGraph g = NULL;
    WNNTensor in = NULL, out = NULL;
    uint32_t shape[1] = {4};
    WNNOperandDescriptor d = desc_of(WNNOperandDataType_Float32, shape, 1);
    WNNTensorDescriptor td = {WNNOperandDataType_Float32, NULL, 1, 1, 1};
    float data[4] = {-1.0f, 2.0f, -3.0f, 4.0f}, result[4];
    WNNNamedOperand named = {"y", NULL};
    WNNNamedTensor ni = {"x", NULL}, no = {"y", NULL};
    td.shape = shape;
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &d, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderRelu(b, x, NULL, &y), WNNStatus_Success);
    named.operand = y;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(c, &td, &in), WNNStatus_Success);
    ck_assert_int_eq(wnnContextCreateTensor(c, &td, &out), WNNStatus_Success);
    ck_assert_int_eq(wnnContextWriteTensor(c, in, data, sizeof data), WNNStatus_Success);
    ni.tensor = in;
    no.tensor = out;
    ck_assert_int_eq(wnnContextDispatch(c, g, 1, &ni, 1, &no), WNNStatus_Success);
    ck_assert_int_eq(wnnContextReadTensor(c, out, result, sizeof result), WNNStatus_Success);
    ck_assert(result[0] == 0.0f && result[1] == 2.0f && result[2] == 0.0f && result[3] == 4.0f);
    wnnTensorRelease(in);
    wnnTensorRelease(out);
    wnnGraphRelease(g);
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

/* ---- defaults ---------------------------------------------------------------------------- */

START_TEST(zero_means_the_defaults)
{
    WNNContextOptions zero = WNN_CONTEXT_OPTIONS_INIT;
    const WNNContextOptions *choices[2];
    size_t k;
    choices[0] = &zero;
    choices[1] = NULL;
    ck_assert(zero.maxTensorBytes == 0 && zero.maxGraphBytes == 0);
    ck_assert(WNN_DEFAULT_MAX_TENSOR_BYTES == 1073741824u);
    ck_assert(WNN_DEFAULT_MAX_GRAPH_BYTES == 4294967296u);
    for (k = 0; k < 2; k++) {
        WNNContext c;
        WNNGraphBuilder b;
        WNNOperand x = NULL, y = NULL, z = NULL, w = NULL;
        WNNGraph g = NULL;
        uint32_t at[1] = {1073741824u}, above[1] = {1073741825u};
        WNNOperandDescriptor dAt = desc_of(WNNOperandDataType_Uint8, at, 1);
        WNNOperandDescriptor dAbove = desc_of(WNNOperandDataType_Uint8, above, 1);
        WNNNamedOperand named[2] = {{"z", NULL}, {"y", NULL}};
        ck_assert_int_eq(wnnCreateContext(choices[k], &c), WNNStatus_Success);
        ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
        /* 1 GiB exactly is allowed, one byte more is not (nothing is allocated by input) */
        ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &dAt, &x), WNNStatus_Success);
        ck_assert_int_eq(wnnGraphBuilderInput(b, "big", &dAbove, &w), WNNStatus_TypeError);
        expect_message(wnnGraphBuilderGetErrorMessage(b),
                       "must be at most 1073741824 (maxTensorBytes), got 1073741825");
        /* x -> y -> z, output z: 3 GiB of operands + 1 GiB copy = 4 GiB, the default */
        ck_assert_int_eq(wnnGraphBuilderIdentity(b, x, NULL, &y), WNNStatus_Success);
        ck_assert_int_eq(wnnGraphBuilderIdentity(b, y, NULL, &z), WNNStatus_Success);
        named[0].operand = z;
        named[1].operand = y;
        /* outputs z and y: one more copy, 5 GiB */
        ck_assert_int_eq(wnnGraphBuilderBuild(b, 2, named, &g), WNNStatus_OperationError);
        expect_message(wnnGraphBuilderGetErrorMessage(b),
                       "must be at most 4294967296 (maxGraphBytes), got 5368709120");
        ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, named, &g), WNNStatus_Success);
        wnnGraphRelease(g);
        wnnGraphBuilderRelease(b);
        wnnContextRelease(c);
    }
}
END_TEST

/* ---- hostile graphs: refused before anything of their size is allocated ---------------- */

START_TEST(huge_intermediates_are_refused_without_allocating)
{
    /* Under the defaults. None of these allocates more than a few bytes: the builder keeps
     * descriptors only, and the refusals come before any tensor exists. */
    WNNContext c;
    WNNGraphBuilder b;
    WNNOperand one = NULL, big = NULL, a = NULL, bb = NULL, m = NULL, r = NULL;
    WNNGraph g = NULL;
    uint32_t unit[1] = {1}, max[1] = {2147483647u}, column[2] = {32768, 1}, row[2] = {1, 32768};
    uint32_t quarter[1] = {268435456u}; /* 2^28 float32: 1 GiB */
    WNNOperandDescriptor d1 = desc_of(WNNOperandDataType_Float32, unit, 1);
    WNNOperandDescriptor dc = desc_of(WNNOperandDataType_Float32, column, 2);
    WNNOperandDescriptor dr = desc_of(WNNOperandDataType_Float32, row, 2);
    WNNOperandDescriptor dq = desc_of(WNNOperandDataType_Float32, quarter, 1);
    WNNTensorDescriptor td = {WNNOperandDataType_Float32, NULL, 1, 1, 1};
    WNNTensor t = NULL;
    WNNNamedOperand named = {"r", NULL};
    float value = 1.0f;
    int i;
    ck_assert_int_eq(wnnCreateContext(NULL, &c), WNNStatus_Success);
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    /* expand [1] to [2^31-1] float32: 8 GiB */
    ck_assert_int_eq(wnnGraphBuilderConstant(b, &d1, &value, sizeof value, &one),
                     WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderExpand(b, one, max, 1, NULL, &big), WNNStatus_TypeError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "expand: the byte length of the output (float32 [2147483647]) must be at most "
                   "1073741824 (maxTensorBytes), got 8589934588");
    ck_assert_ptr_null(big);
    /* matmul [32768, 1] x [1, 32768]: 2^30 float32 elements, 4 GiB */
    ck_assert_int_eq(wnnGraphBuilderInput(b, "a", &dc, &a), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "b", &dr, &bb), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderMatmul(b, a, bb, NULL, &m), WNNStatus_TypeError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "matmul: the byte length of the output (float32 [32768, 32768]) must be at "
                   "most 1073741824 (maxTensorBytes), got 4294967296");
    /* a chain of five 1 GiB results: each within the tensor limit, 7 GiB in all */
    ck_assert_int_eq(wnnGraphBuilderInput(b, "q", &dq, &r), WNNStatus_Success);
    for (i = 0; i < 5; i++)
        ck_assert_int_eq(wnnGraphBuilderRelu(b, r, NULL, &r), WNNStatus_Success);
    named.operand = r;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_OperationError);
    expect_message(wnnGraphBuilderGetErrorMessage(b),
                   "must be at most 4294967296 (maxGraphBytes), got 7516192768 (operands "
                   "6442450944, output copies 1073741824, kernel scratch 0)");
    /* createTensor of 8 GiB */
    td.shape = max;
    ck_assert_int_eq(wnnContextCreateTensor(c, &td, &t), WNNStatus_TypeError);
    ck_assert_ptr_null(t);
    expect_message(wnnContextGetErrorMessage(c), "createTensor: the byte length of the tensor "
                                                 "(float32 [2147483647]) must be at most");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

START_TEST(kernel_scratch_is_refused_before_dispatch)
{
    /* convTranspose2d keeps 9 bytes per output element: float16 [1, 1, 8192, 8192] is 128 MiB
     * of output and 576 MiB of scratch; with a 512 MiB graph limit the build is refused. */
    WNNContext c = context_with(0, 512u << 20);
    WNNGraphBuilder b;
    WNNOperand x = NULL, f = NULL, y = NULL;
    WNNGraph g = NULL;
    uint32_t xs[4] = {1, 1, 8192, 8192}, fs[4] = {1, 1, 1, 1};
    WNNOperandDescriptor dx = desc_of(WNNOperandDataType_Float16, xs, 4);
    WNNOperandDescriptor df = desc_of(WNNOperandDataType_Float16, fs, 4);
    WNNNamedOperand named = {"y", NULL};
    ck_assert_int_eq(wnnCreateGraphBuilder(c, &b), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "x", &dx, &x), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderInput(b, "f", &df, &f), WNNStatus_Success);
    ck_assert_int_eq(wnnGraphBuilderConvTranspose2d(b, x, f, NULL, &y), WNNStatus_Success);
    named.operand = y;
    ck_assert_int_eq(wnnGraphBuilderBuild(b, 1, &named, &g), WNNStatus_OperationError);
    expect_message(wnnGraphBuilderGetErrorMessage(b), "kernel scratch 603979776)");
    wnnGraphBuilderRelease(b);
    wnnContextRelease(c);
}
END_TEST

/* ---- the webnn command ------------------------------------------------------------------ */

typedef struct cli_run {
    int status;
    char *out, *err;
} cli_run;

static char *slurp(FILE *f)
{
    long n;
    char *s;
    fflush(f);
    n = ftell(f);
    ck_assert_int_ge(n, 0);
    s = (char *)malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    rewind(f);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    return s;
}

/* Run "webnn a0 a1 a2 a3" (NULL ends the list early). */
static cli_run cli(const char *a0, const char *a1, const char *a2, const char *a3,
                   const char *a4)
{
    char *argv[7];
    const char *given[5];
    int argc = 0, i;
    FILE *out = tmpfile(), *err = tmpfile();
    cli_run r;
    given[0] = a0;
    given[1] = a1;
    given[2] = a2;
    given[3] = a3;
    given[4] = a4;
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    argv[argc++] = (char *)"webnn";
    for (i = 0; i < 5 && given[i]; i++)
        argv[argc++] = (char *)given[i];
    argv[argc] = NULL;
    r.status = webnn_main(argc, argv, out, err);
    r.out = slurp(out);
    r.err = slurp(err);
    fclose(out);
    fclose(err);
    return r;
}

static void cli_free(cli_run *r)
{
    free(r->out);
    free(r->err);
}

#define DATA "tests/data/limits/"
#define CASES DATA "identity-1k.json"

static const struct {
    const char *command, *option, *value, *file;
    int status;         /* exit status */
    const char *needle; /* in standard output or error */
} cli_table[] = {
    /* identity of uint8 [1024]: operands 2048 + output copy 1024 = 3072 bytes */
    {"test", "--max-tensor-bytes", "1024", CASES, 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-tensor-bytes", "1023", CASES, 1,
     "input[x]: the byte length of the input (uint8 [1024]) must be at most 1023 "
     "(maxTensorBytes), got 1024"},
    {"test", "--max-graph-bytes", "3072", CASES, 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-graph-bytes", "3071", CASES, 1,
     "OperationError: build: the bytes needed to evaluate the graph must be at most 3071 "
     "(maxGraphBytes), got 3072"},
    /* K, M and G: each file expects the refusal with the limit's exact value */
    {"test", "--max-tensor-bytes", "1K", DATA "above-1k.json", 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-tensor-bytes", "1M", DATA "above-1m.json", 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-graph-bytes", "1G", DATA "above-1g.json", 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-tensor-bytes", "1000", DATA "above-1k.json", 1, "auto: 0 passed, 1 failed"},
    {"test", "--max-graph-bytes", "3K", CASES, 0, "auto: 1 passed, 0 failed"},
    /* a constant of 16 GiB under the defaults: refused before its data is packed */
    {"test", "--max-graph-bytes", "4G", DATA "huge-constant.json", 0, "auto: 1 passed, 0 failed"},
    /* a value may fill 64 bits */
    {"test", "--max-graph-bytes", "17179869183G", CASES, 0, "auto: 1 passed, 0 failed"},
    {"test", "--max-graph-bytes", "18446744073709551615", CASES, 0, "auto: 1 passed, 0 failed"},
    /* the other commands that build graphs take them too */
    {"expect", "--max-tensor-bytes", "1023", CASES, 1, "must be at most 1023 (maxTensorBytes)"},
    {"expect", "--max-tensor-bytes", "2K", CASES, 0, "\"identity of 1024 bytes\""},
    /* bad values: exit status 2 and a message naming the option and the value */
    {"test", "--max-tensor-bytes", "0", CASES, 2,
     "webnn test: --max-tensor-bytes must be a byte count from 1 to 2^64-1 (digits, then "
     "optionally K, M or G), got \"0\""},
    {"test", "--max-graph-bytes", "0K", CASES, 2, "got \"0K\""},
    {"test", "--max-graph-bytes", "12X", CASES, 2, "got \"12X\""},
    {"test", "--max-graph-bytes", "1KB", CASES, 2, "got \"1KB\""},
    {"test", "--max-graph-bytes", "1k", CASES, 2, "got \"1k\""},
    {"test", "--max-graph-bytes", "-1", CASES, 2, "got \"-1\""},
    {"test", "--max-graph-bytes", "", CASES, 2, "got \"\""},
    {"test", "--max-graph-bytes", "K", CASES, 2, "got \"K\""},
    {"test", "--max-graph-bytes", "18446744073709551616", CASES, 2,
     "got \"18446744073709551616\""},
    {"test", "--max-graph-bytes", "17179869184G", CASES, 2, "got \"17179869184G\""},
    {"expect", "--max-graph-bytes", "1T", CASES, 2, "webnn expect: --max-graph-bytes"},
    {"compare", "--max-graph-bytes", "1T", CASES, 2, "webnn compare: --max-graph-bytes"},
};

START_TEST(cli_limit_options)
{
    size_t i;
    for (i = 0; i < sizeof cli_table / sizeof cli_table[0]; i++) {
        cli_run r = cli(cli_table[i].command, cli_table[i].option, cli_table[i].value,
                        cli_table[i].file, NULL);
        ck_assert_msg(r.status == cli_table[i].status, "row %lu: exit %d\n%s\n%s",
                      (unsigned long)i, r.status, r.out, r.err);
        ck_assert_msg(strstr(r.out, cli_table[i].needle) || strstr(r.err, cli_table[i].needle),
                      "row %lu: no \"%s\" in\n%s\n%s", (unsigned long)i, cli_table[i].needle,
                      r.out, r.err);
        cli_free(&r);
    }
}
END_TEST

START_TEST(cli_limit_forms_and_help)
{
    cli_run r = cli("test", "--max-tensor-bytes=1023", CASES, NULL, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "must be at most 1023 (maxTensorBytes)"));
    cli_free(&r);
    r = cli("test", CASES, "--max-tensor-bytes", NULL, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "option --max-tensor-bytes needs a value"));
    cli_free(&r);
    /* compare runs the oracle under the limits: a refusal there is the oracle's error */
    r = cli("compare", "--max-tensor-bytes", "1K", CASES, DATA "identity-1k-results.json");
    ck_assert_int_eq(r.status, 0);
    cli_free(&r);
    r = cli("compare", "--max-tensor-bytes", "1023", CASES, DATA "identity-1k-results.json");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "the specification rejects this case (TypeError)"));
    cli_free(&r);
    /* the graph limit of a refused case, when both are given */
    r = cli("test", "--max-tensor-bytes=2K", "--max-graph-bytes=2K", CASES, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "must be at most 2048 (maxGraphBytes), got 3072"));
    cli_free(&r);
    r = cli("test", "--help", NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "--max-tensor-bytes N"));
    ck_assert_ptr_nonnull(strstr(r.out, "--max-graph-bytes N"));
    cli_free(&r);
    r = cli("expect", "--help", NULL, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(r.out, "--max-tensor-bytes N, --max-graph-bytes N"));
    cli_free(&r);
    r = cli("compare", "--help", NULL, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(r.out, "--max-tensor-bytes N, --max-graph-bytes N"));
    cli_free(&r);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tensor_limit_on_every_path);
    tcase_add_test(tc, tensor_limit_counts_bytes_not_elements);
    tcase_add_test(tc, scalar_constant_within_a_tiny_limit);
    tcase_add_test(tc, each_operator_output_is_checked);
    tcase_add_test(tc, graph_limit_at_the_boundary);
    tcase_add_test(tc, graph_limit_counts_unused_outputs_and_scratch);
    tcase_add_test(tc, graph_within_the_limit_runs);
    tcase_add_test(tc, zero_means_the_defaults);
    tcase_add_test(tc, huge_intermediates_are_refused_without_allocating);
    tcase_add_test(tc, kernel_scratch_is_refused_before_dispatch);
    tcase_add_test(tc, cli_limit_options);
    tcase_add_test(tc, cli_limit_forms_and_help);
    suite_add_tcase(s, tc);
    return s;
}

TH_MAIN(limits_suite)
